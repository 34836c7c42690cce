"""The catalog commands: import, sources, models --stats, and price history
with windows."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost.cli.main import main

UPSTREAM = Path(__file__).parents[1] / "fixtures" / "upstream"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestImport:
    """`tokencost import` writes one TOML sheet per provider."""

    def test_litellm(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The written openai sheet loads and carries LiteLLM's gpt-5.5 price."""
        status, out, _ = run(
            capsys, "import", "litellm", str(UPSTREAM / "litellm.json"),
            "--out", str(tmp_path), "--provider", "openai", "--checked", "2026-11-29",
        )  # fmt: skip
        assert status == 0
        assert "openai.toml" in out
        assert [p.name for p in tmp_path.iterdir()] == ["openai.toml"]
        catalog = tc.load_catalog(tmp_path, bundled=False)
        rates = catalog.get("openai:gpt-5.5").current.standard.rates
        assert rates.output_mtok == Decimal("30")

    @pytest.mark.parametrize(
        ("source", "path", "provider"),
        [
            ("genai-prices", "genai-prices.json", "deepseek"),
            ("llm-prices", "llm-prices", "google"),
        ],
    )
    def test_other_formats(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        source: str,
        path: str,
        provider: str,
    ) -> None:
        """genai-prices and llm-prices data import the same way."""
        status, out, _ = run(
            capsys, "import", source, str(UPSTREAM / path), "--out", str(tmp_path),
            "--format", "json",
        )  # fmt: skip
        assert status == 0
        written = {f["provider"]: f["models"] for f in json.loads(out)["files"]}
        assert written[provider] >= 2
        assert (tmp_path / f"{provider}.toml").is_file()

    def test_bad_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Unreadable data is a usage error, one line on stderr."""
        bad = tmp_path / "bad.json"
        bad.write_text("{", encoding="utf-8")
        status, _, err = run(
            capsys, "import", "litellm", str(bad), "--out", str(tmp_path)
        )
        assert status == 2
        assert err.startswith("tokencost: error: ")
        assert "not valid JSON" in err


class TestSources:
    """`tokencost sources` shows each source's figures."""

    def test_glm(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Z.ai's $4.40 is of record; the article's $4.13 and bigmodel.cn's
        28 CNY are shown beside it, the $4.13 marked as off."""
        status, out, _ = run(capsys, "sources", "glm-5.2")
        assert status == 0
        rows = {line.split()[0]: line for line in out.splitlines()[2:]}
        assert rows["catalog"].split()[-1] == "4.40"
        assert rows["curated"].split()[1:3] == ["first-party", "2026-08-22"]
        assert rows["curated"].endswith(
            "4.40      yes: first-party beats aggregator, secondary"
        )
        assert rows["secondary"].split()[1:4] == ["secondary", "2026-06-24", "USD"]
        assert rows["secondary"].split()[-2:] == ["4.13", "*"]
        assert rows["genai-prices"].split()[-1] == "4.4"
        assert rows["zhipuai:glm-5.2"].split()[3] == "CNY"
        assert rows["zhipuai:glm-5.2"].split()[-1] == "28"

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON gives every figure as a string, its provenance, and the verdict."""
        status, out, _ = run(capsys, "sources", "claude-fable-5", "--format", "json")
        data = json.loads(out)
        assert status == 0
        given = {s["source"]: s for s in data["sources"]}
        assert given["litellm"]["figures"]["cache_write_1h_mtok"] == "20"
        assert given["litellm"]["kind"] == "aggregator"
        assert given["curated"]["of_record"] is True
        assert given["curated"]["checked"] == "2026-07-29"
        assert (data["chosen"], data["why"]) == (
            "curated",
            "first-party beats aggregator",
        )
        assert data["disputed"] == []
        assert "litellm" in data["agree"]

    def test_loaded_sheet_is_of_record(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A sheet loaded over the bundled catalog is of record, not 'curated'."""
        sheet = tmp_path / "mine.toml"
        sheet.write_text(
            'provider = "openai"\nname = "OpenAI"\ncurrency = "USD"\n'
            'first_party = true\n[[models]]\nid = "gpt-5.5"\n[[models.periods]]\n'
            'source = "our contract"\nkind = "first-party"\nchecked = 2026-10-01\n'
            "input_mtok = 4\noutput_mtok = 24\n",
            encoding="utf-8",
        )
        status, out, _ = run(
            capsys, "sources", "gpt-5.5", "--sheet", str(sheet), "-f", "json"
        )
        data = json.loads(out)
        assert status == 0
        record = [s for s in data["sources"] if s["of_record"]]
        assert [(s["source"], s["figures"]["output_mtok"]) for s in record] == [
            ("loaded sheet", "24")
        ]
        assert data["chosen"] is None
        assert data["why"] == "a sheet loaded over the bundled catalog replaces it"


class TestStats:
    """`tokencost models --stats` prints the catalog's trust, per provider."""

    def test_counts(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON counts match catalog_stats()."""
        status, out, _ = run(capsys, "models", "--stats", "--format", "json")
        stats = tc.catalog_stats()
        data = json.loads(out)
        assert status == 0
        assert (data["providers"], data["models"]) == (stats.providers, stats.models)
        assert data["currencies"]["CNY"] == dict(stats.currencies)["CNY"]

    def test_per_provider(self) -> None:
        """Per provider: first-party, multi-source, disputed, newest check."""
        stats = tc.catalog_stats(as_of=date(2026, 11, 30))
        zai = next(p for p in stats.by_provider if p.provider == "zai")
        models = tc.models("zai")
        assert zai.models == len(models)
        assert zai.first_party == sum(
            1 for m in models if m.current.kind == "first-party"
        )
        assert zai.disputed == sum(1 for m in models if m.current.disputed)
        assert zai.newest_check == max(
            m.current.checked for m in models if m.current.checked
        )
        assert zai.age_days == (date(2026, 11, 30) - zai.newest_check).days
        # No price is dated by the day the upstream packages were pinned.
        assert all(p.newest_check != date(2026, 11, 29) for p in stats.by_provider)

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The table has a row per provider and one for the whole catalog."""
        status, out, _ = run(capsys, "models", "--stats")
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split()[:4] == [
            "provider",
            "models",
            "first-party",
            "multi-source",
        ]
        assert lines[-1].startswith(f"all {tc.catalog_stats().providers} providers")

    def test_at(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--at counts each model by its price in force that day and ages
        each provider's newest check to it, as catalog_stats(as_of=...) does."""
        status, out, _ = run(
            capsys, "models", "--stats", "--at", "2026-09-01", "--format", "json"
        )
        data = json.loads(out)
        assert status == 0
        assert data["as_of"] == "2026-09-01"
        assert data == tc.catalog_stats(as_of=date(2026, 9, 1)).to_dict()
        zai = next(p for p in data["by_provider"] if p["provider"] == "zai")
        assert zai["newest_check"] == "2026-08-26"
        assert zai["age_days"] == 6

    @pytest.mark.parametrize("day", ["2026-06-01", "2026-09-01", "2025-01-01"])
    def test_no_check_after_the_day(self, day: str) -> None:
        """On a past day, a provider's newest check is one made by then: a
        source read later had not been read, and its age is never negative."""
        as_of = date.fromisoformat(day)
        stats = tc.catalog_stats(as_of=as_of)
        for p in stats.by_provider:
            if p.newest_check is None:
                assert p.age_days is None
            else:
                assert p.newest_check <= as_of
                assert p.age_days == (as_of - p.newest_check).days >= 0

    def test_check_of_a_past_day(self) -> None:
        """On 2026-06-01, Anthropic's newest check was the capture of its
        pricing page of 2026-05-08 (24 days old), not the reading of
        2026-07-29 that came later."""
        stats = tc.catalog_stats(as_of=date(2026, 6, 1))
        anthropic = next(p for p in stats.by_provider if p.provider == "anthropic")
        assert anthropic.newest_check == date(2026, 5, 8)
        assert anthropic.age_days == 24

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--at", "2026-02-30"], "cannot read --at '2026-02-30'"),
            (["--at", "2026-13-01"], "cannot read --at '2026-13-01'"),
            (["--provider", "zai"], "--stats counts every provider; drop --provider"),
        ],
    )
    def test_refused(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        """An option --stats cannot honour is an error, never ignored."""
        status, out, err = run(capsys, "models", "--stats", *argv)
        assert status == 2
        assert out == ""
        assert message in err
        assert len(err.splitlines()) == 1


class TestPriceHistory:
    """`tokencost price --at` shows the period in force, with its windows."""

    @pytest.mark.parametrize(
        ("at", "shown", "hidden"),
        [
            ("2025-01-15", "0.28", "off-peak"),
            ("2025-03-01", "off-peak 16:30-00:30 UTC", "0.28 "),
        ],
    )
    def test_deepseek(
        self, capsys: pytest.CaptureFixture[str], at: str, shown: str, hidden: str
    ) -> None:
        """Both sides of DeepSeek's February 2025 change."""
        status, out, _ = run(capsys, "price", "deepseek-chat", "--at", at)
        assert status == 0
        assert shown in out
        assert hidden not in out

    def test_off_peak_cost(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A request at 17:00 UTC costs the off-peak price."""
        status, out, _ = run(
            capsys, "cost", "deepseek-chat", "--input", "1M", "--output", "1M",
            "--at", "2025-03-01T17:00:00Z", "--format", "json",
        )  # fmt: skip
        data = json.loads(out)
        assert status == 0
        assert (data["window"], Decimal(data["total"])) == (
            "off-peak",
            Decimal("0.685"),
        )
