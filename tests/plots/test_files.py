"""Where a picture goes: the file asked for, of a kind its suffix names, or
one error line; never another file, never a report of a bug."""

from __future__ import annotations

from pathlib import Path

import pytest

from tokencost.cli.main import main

pytest.importorskip("matplotlib")

COMMANDS = {
    "compare": ["compare", "glm-5.2", "gpt-5.5", "-i", "10k", "--at", "2026-07-01"],
    "forecast": ["forecast", "--price-change", "0..20%/10%", "--elasticity", "-1"],
    "bridge-figures": [
        "bridge-figures", "--price-change", "83%", "--volume-change", "400%",
    ],
}  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("command", list(COMMANDS))
class TestPlotFiles:
    @pytest.mark.parametrize(
        ("suffix", "magic"),
        [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")],
    )
    def test_written_as_named(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        command: str,
        suffix: str,
        magic: bytes,
    ) -> None:
        """The picture is the file named, in the format of its suffix."""
        target = tmp_path / f"chart{suffix}"
        status, out, err = _run(capsys, [*COMMANDS[command], "--plot", str(target)])
        assert (status, err) == (0, "")
        assert out
        assert target.read_bytes().startswith(magic)
        assert [p.name for p in tmp_path.iterdir()] == [target.name]

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("chart.txt", "name a .png, .svg or .pdf file"),
            ("chart", "name a .png, .svg or .pdf file"),
            ("missing/chart.png", "No such file or directory"),
        ],
    )
    def test_refused(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        command: str,
        name: str,
        message: str,
    ) -> None:
        """A suffix that names no picture, or a folder that does not exist,
        is one error line (exit 2), and no file is written anywhere."""
        target = tmp_path / name
        status, out, err = _run(capsys, [*COMMANDS[command], "--plot", str(target)])
        assert (status, out) == (2, "")
        assert err.startswith(f"tokencost: error: cannot draw to {str(target)!r}")
        assert message in err
        assert "bug" not in err
        assert len(err.splitlines()) == 1
        assert list(tmp_path.iterdir()) == []
        assert not Path(f"{target}.png").exists()

    def test_a_folder(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
    ) -> None:
        """A folder is not a picture: refused, and nothing is written beside
        it (matplotlib would write FOLDER.png)."""
        status, out, err = _run(capsys, [*COMMANDS[command], "--plot", str(tmp_path)])
        assert (status, out) == (2, "")
        assert "name a .png, .svg or .pdf file" in err
        assert not Path(f"{tmp_path}.png").exists()
