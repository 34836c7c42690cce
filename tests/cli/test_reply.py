"""tokencost reply: a saved provider reply, priced from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tokencost.cli.main import main

ONE_HOUR = FIXTURES / "replies" / "anthropic_message_1h_cache.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def save(tmp_path: Path, data: object, name: str = "reply.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


class TestReply:
    def test_one_hour_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The recorded one-hour reply: each line and 0.577 USD."""
        status, out, err = run(capsys, "reply", str(ONE_HOUR), "--at", "2026-07-01")
        assert (status, err) == (0, "")
        assert "cache write 1h" in out
        assert out.splitlines()[-1].endswith("0.577 USD")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json gives every figure exactly."""
        status, out, _ = run(
            capsys, "reply", str(ONE_HOUR), "--at", "2026-07-01", "-f", "json"
        )
        data = json.loads(out)
        assert (status, data["total"], data["model"]) == (
            0, "0.577", "anthropic:claude-fable-5",
        )  # fmt: skip

    def test_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--currency and --fx convert the cost."""
        status, out, _ = run(
            capsys, "reply", str(ONE_HOUR), "--at", "2026-07-01",
            "--currency", "CNY", "--fx", "CNY=7.1", "-f", "json",
        )  # fmt: skip
        assert (status, json.loads(out)["total"]) == (0, "4.0967")

    def test_reported_cost(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An OpenRouter reply shows the reported cost and the difference."""
        reply = {"model": "anthropic/claude-4.6-sonnet-20260217", "usage": {
            "prompt_tokens": 3_214, "completion_tokens": 100, "cost": 0.01355025,
            "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 3_211}}}  # fmt: skip
        status, out, _ = run(
            capsys, "reply", save(tmp_path, reply), "--at", "2026-11-01", "-f", "json"
        )
        data = json.loads(out)
        assert status == 0
        assert data["model"] == "openrouter:anthropic/claude-sonnet-4.6"
        assert data["reported"] == {"amount": "0.01355025", "currency": "USD"}
        assert (data["total"], data["difference"]) == ("0.01355025", "0")


class TestErrors:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{not json", r"reply.json: not JSON \(line 1, column 2"),
            ("[1, 2]", "reply.json: a reply is a JSON object, not a list"),
            (
                '{"usage": {"inputTokens": 1, "outputTokens": 1}}',
                r"names no model \(Bedrock's never do\): pass model= "
                r"\(--model on the command line\)$",
            ),
            ('{"model": "gpt-5.5"}', "cannot detect the reply format"),
            ("null", "reply.json: a reply is a JSON object, not null$"),
            (
                '{"model": "gpt-5", "usage": {"prompt_tokens": 100, '
                '"prompt_tokens": 200, "completion_tokens": 10}}',
                r"reply.json: the key 'prompt_tokens' appears twice in one "
                r"object \(100, then 200\)",
            ),
            (
                '{"model": "gpt-5", "model": "gpt-5-mini", '
                '"usage": {"prompt_tokens": 1, "completion_tokens": 1}}',
                "the key 'model' appears twice",
            ),
        ],
    )
    def test_bad_usage(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        content: str,
        message: str,
    ) -> None:
        """A file that is not a readable reply: exit 2, one line, no traceback."""
        path = tmp_path / "reply.json"
        path.write_text(content, encoding="utf-8")
        status, out, err = run(capsys, "reply", str(path))
        assert (status, out) == (2, "")
        assert err.startswith("tokencost: error: ")
        assert err.count("\n") == 1
        assert re.search(message, err)

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file is bad usage, named."""
        status, _, err = run(capsys, "reply", "/nonexistent/reply.json")
        assert status == 2
        assert "/nonexistent/reply.json: cannot read" in err

    def test_byte_order_mark(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A UTF-8 file that starts with a byte-order mark reads as without
        one (0.000225 USD on GPT-5: 100 tokens at $1.25, 10 at $10)."""
        path = tmp_path / "reply.json"
        body = {
            "model": "gpt-5",
            "usage": {"prompt_tokens": 100, "completion_tokens": 10},
        }
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(body).encode())
        status, out, err = run(
            capsys, "reply", str(path), "--at", "2026-07-01", "-f", "json"
        )
        assert (status, err, json.loads(out)["total"]) == (0, "", "0.000225")

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_endless_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An endless stream is refused once past the size cap, not read
        until memory runs out."""
        status, _, err = run(capsys, "reply", "/dev/zero")
        assert (status, err) == (
            2, "tokencost: error: /dev/zero: larger than 64 MiB: not a data file\n"
        )  # fmt: skip

    def test_not_utf8(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that is not UTF-8 is one clear error."""
        path = tmp_path / "reply.json"
        path.write_bytes(b'{"model": "\xff"}')
        status, _, err = run(capsys, "reply", str(path))
        assert (status, "not UTF-8" in err) == (2, True)

    def test_unknown_model(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A model the catalog does not know: the data cannot answer, exit 1."""
        reply = {"model": "gpt-nonesuch", "usage": {"prompt_tokens": 1,
                                                    "completion_tokens": 1}}  # fmt: skip
        status, _, err = run(capsys, "reply", save(tmp_path, reply))
        assert status == 1
        assert "unknown model 'gpt-nonesuch'" in err
