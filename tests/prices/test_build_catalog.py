"""The build script merges sources first-party first and records, per price,
which sources agree (run here on the upstream excerpts, offline)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
UPSTREAM = Path(__file__).parents[1] / "fixtures" / "upstream"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_catalog", ROOT / "scripts" / "build_catalog.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_catalog"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    script = _script()
    result: dict[str, Any] = script.build(
        UPSTREAM / "litellm.json",
        UPSTREAM / "genai-prices.json",
        UPSTREAM / "llm-prices",
    )
    result["report"] = script.report(result["sheets"], result["views"], ["fixtures"])
    return result


def _period(built: dict[str, Any], model_id: str) -> Any:
    provider, model = model_id.split(":", 1)
    sheet = next(s for s in built["sheets"] if s.provider == provider)
    return next(m for m in sheet.models if m.id == model).periods[-1]


class TestMerge:
    """First-party figures win; the others are kept as views."""

    @pytest.mark.parametrize(
        ("model", "agree", "disputed"),
        [
            ("openai:gpt-5.5", ["curated", "litellm"], []),
            ("google:gemini-2.5-pro", ["curated", "litellm", "llm-prices"], []),
            (
                "deepseek:deepseek-chat",
                ["curated"],
                ["cache_read", "input", "output"],
            ),
        ],
    )
    def test_agreement(
        self, built: dict[str, Any], model: str, agree: list[str], disputed: list[str]
    ) -> None:
        """Sources within 1% agree; components beyond 1% are disputed."""
        period = _period(built, model)
        assert (period.agree, period.disputed) == (agree, disputed)

    def test_curated_wins(self, built: dict[str, Any]) -> None:
        """The first-party figure is of record; genai-prices' stays a view."""
        period = _period(built, "deepseek:deepseek-chat")
        view = built["views"]["deepseek:deepseek-chat"]
        assert period.output_mtok == Decimal("0.28")
        assert (view["chosen"], view["why"]) == (
            "curated",
            "first-party beats aggregator",
        )
        assert view["sources"]["genai-prices"]["output_mtok"] == "0.55"
        assert view["sources"]["genai-prices"]["kind"] == "aggregator"

    def test_report(self, built: dict[str, Any]) -> None:
        """The report has a row per disputed component with every figure and
        which source is of record, and why."""
        row = (
            "| deepseek:deepseek-chat | output | 0.28 | curated: first-party "
            "beats aggregator | curated 0.28, genai-prices 0.55, llm-prices 1.1 |"
        )
        assert row in built["report"]

    def test_secondary_is_kept_but_never_chosen(self, built: dict[str, Any]) -> None:
        """The article's $4.13 stays a secondary view beside Z.ai's $4.40."""
        period = _period(built, "zai:glm-5.2")
        view = built["views"]["zai:glm-5.2"]
        assert period.output_mtok == Decimal("4.40")
        assert view["sources"]["secondary"]["output_mtok"] == "4.13"
        assert view["sources"]["secondary"]["kind"] == "secondary"
        assert view["chosen"] == "curated"
        assert "output" in period.disputed

    def test_first_party_keeps_own_models(self, built: dict[str, Any]) -> None:
        """A maker's API lists only its own models, so bare names stay clear."""
        sheet = next(s for s in built["sheets"] if s.provider == "deepseek")
        assert all(m.id.startswith("deepseek") for m in sheet.models)

    def test_index(self, built: dict[str, Any]) -> None:
        """The index puts first-party providers first for a shared name."""
        index = _script().index(built["sheets"])
        assert index["names"]["deepseek-chat"][0] == "deepseek"
        assert "zai" in index["first_party"]


def _model(kind: str, checked: str | None, output: str, **extra: Any) -> dict[str, Any]:
    period: dict[str, Any] = {
        "source": "s",
        "kind": kind,
        "output_mtok": Decimal(output),
    }
    if checked:
        period["checked"] = date.fromisoformat(checked)
    return {"id": "m", "periods": [period], **extra}


class TestAuthority:
    """The price of record: authority, then recency, then the source order."""

    @pytest.mark.parametrize(
        ("candidates", "chosen", "why"),
        [
            # An aggregator beats a secondary figure even when older.
            (
                [
                    ("curated", "secondary", "2026-09-01", "2"),
                    ("litellm", "aggregator", None, "3"),
                ],
                "litellm",
                "aggregator beats secondary",
            ),
            # First-party beats any aggregator, however recent.
            (
                [
                    ("genai-prices", "aggregator", "2026-10-01", "3"),
                    ("curated", "first-party", "2025-01-01", "2"),
                ],
                "curated",
                "first-party beats aggregator",
            ),
            # Same authority: the more recently read wins.
            (
                [
                    ("genai-prices", "aggregator", "2026-01-01", "3"),
                    ("litellm", "aggregator", "2026-05-01", "4"),
                ],
                "litellm",
                "aggregator, and read most recently (2026-05-01)",
            ),
        ],
    )
    def test_choice(
        self, candidates: list[tuple[str, str, str | None, str]], chosen: str, why: str
    ) -> None:
        """The record follows the rule and says why."""
        script = _script()
        merged = script.Merged({"provider": "p", "first_party": False})
        for source, kind, checked, output in candidates:
            merged.add(source, _model(kind, checked, output))
        view = merged.views[0]
        assert merged.chosen[0] == chosen
        assert script._why(chosen, view[chosen], view) == why

    def test_secondary_beside_an_aggregator(self) -> None:
        """A secondary figure sits beside a model an aggregator brings, unchosen."""
        merged = _script().Merged({"provider": "p", "first_party": False})
        merged.add("genai-prices", _model("aggregator", "2026-01-19", "0.5"))
        merged.add("secondary", _model("secondary", None, "0.50"))
        assert merged.chosen == ["genai-prices"]
        assert merged.views[0]["secondary"]["output_mtok"] == "0.50"

    def test_secondary_adds_no_model(self) -> None:
        """A secondary figure alone never becomes a price."""
        merged = _script().Merged({"provider": "p", "first_party": False})
        merged.add("secondary", _model("secondary", None, "4.13"))
        assert merged.models == []


class TestHosts:
    """Other makers' models on a maker's own list go to the host's list, at
    the host's price, or are counted as left out; never silently dropped."""

    def test_rehome(self) -> None:
        """DashScope's GLM goes to the dashscope list; Mistral's GLM is
        counted, since no host list takes it."""
        script = _script()
        alibaba = script.Merged(
            {"provider": "alibaba", "currency": "USD", "first_party": True}
        )
        mistral = script.Merged(
            {"provider": "mistral", "currency": "USD", "first_party": True}
        )
        alibaba.add("litellm", _model("aggregator", None, "4.4", id="glm-5.2"))
        alibaba.add("litellm", _model("aggregator", None, "1.2", id="qwen-plus"))
        mistral.add("genai-prices", _model("aggregator", None, "4.4", id="zai-glm-5-2"))
        merged = {"alibaba": alibaba, "mistral": mistral}
        skipped = {s: Counter[str]() for s in script.ORDER}
        script._rehome(merged, skipped)
        assert [m["id"] for m in alibaba.models] == ["qwen-plus"]
        host = merged["dashscope"]
        assert (host.meta["first_party"], [m["id"] for m in host.models]) == (
            False,
            ["glm-5.2"],
        )
        assert host.models[0]["periods"][-1]["output_mtok"] == Decimal("4.4")
        assert mistral.models == []
        assert skipped["genai-prices"][script.FOREIGN] == 1
        assert sum(skipped["litellm"].values()) == 0


class TestChecks:
    """Curated sheets that break the rules fail the build, naming file and model."""

    @pytest.mark.parametrize(
        ("period", "extra", "message"),
        [
            ({"kind": "first-party"}, {}, "needs a 'source'"),
            ({"source": "x"}, {}, "'kind' must be one of"),
            (
                {"source": "x", "kind": "first-party"},
                {},
                "first-party figure needs 'checked'",
            ),
            (
                {
                    "source": "x",
                    "kind": "secondary",
                    "input_mtok": 1,
                    "cache_read_mtok": 0.1,
                    "variants": {"batch": {"input_mtok": 0.5}},
                },
                {},
                "variant 'batch' lacks cache_read_mtok",
            ),
            (
                {
                    "source": "x",
                    "kind": "secondary",
                    "tiers": [{"min_input_tokens": 200}, {"min_input_tokens": 100}],
                },
                {},
                "tier thresholds must rise, got 200 then 100",
            ),
            (
                {"source": "x", "kind": "secondary", "from": date(2026, 1, 1)},
                {
                    "later": {
                        "source": "y",
                        "kind": "secondary",
                        "from": date(2025, 1, 1),
                    }
                },
                "out of order",
            ),
            (
                {
                    "source": "x",
                    "kind": "secondary",
                    "from": datetime(2025, 9, 6, tzinfo=timezone(timedelta(hours=8))),
                },
                {},
                "period 1: 'from' 2025-09-06T00:00:00+08:00 is not in UTC: write "
                "the same moment in UTC, 2025-09-05T16:00:00Z",
            ),
            (
                {"source": "x", "kind": "secondary", "until": datetime(2025, 9, 5, 16)},
                {},
                "period 1: 'until' 2025-09-05T16:00:00 has no offset",
            ),
            (
                {
                    "source": "x",
                    "kind": "secondary",
                    "from": datetime(2025, 9, 5, 16, tzinfo=UTC),
                    "until": datetime(2025, 9, 5, 15, tzinfo=UTC),
                },
                {},
                "period 1: 'until' (2025-09-05 15:00 UTC) must be after 'from' "
                "(2025-09-05 16:00 UTC)",
            ),
            (
                {
                    "source": "x",
                    "kind": "secondary",
                    "until": datetime(2025, 9, 5, 17, tzinfo=UTC),
                },
                {
                    "later": {
                        "source": "y",
                        "kind": "secondary",
                        "from": datetime(2025, 9, 5, 16, tzinfo=UTC),
                    }
                },
                "periods overlap: period 1 runs until 2025-09-05 17:00 UTC, after "
                "period 2 starts at 2025-09-05 16:00 UTC",
            ),
        ],
    )
    def test_problems(
        self, period: dict[str, Any], extra: dict[str, Any], message: str
    ) -> None:
        """Each broken rule is reported with the file and the model id."""
        checks = _checks()
        periods = [period, *extra.values()]
        data = {"models": [{"id": "glm-x", "periods": periods}]}
        found = checks.check_curated(Path("curated/zai.toml"), data)
        assert found
        assert found[0].startswith("curated/zai.toml: model 'glm-x': ")
        assert message in " ".join(found)

    def test_curated_sheets_pass(self) -> None:
        """The shipped curated sheets break none of the rules."""
        script = _script()
        assert script.load_curated(script.CURATED)
        assert script.load_curated(script.SECONDARY)

    def test_build_error_lists_every_problem(self, tmp_path: Path) -> None:
        """A bad curated folder stops the build with every problem listed."""
        (tmp_path / "a.toml").write_text(
            'provider = "p"\nname = "P"\ncurrency = "USD"\n'
            '[[models]]\nid = "m"\n[[models.periods]]\nkind = "first-party"\n'
            'source = "page"\ninput_mtok = 1\n',
            encoding="utf-8",
        )
        script = _script()
        with pytest.raises(script.BuildError, match=r"model 'm': period 1: a first"):
            script.load_curated(tmp_path)


class TestDates:
    """Aggregator figures carry the day their aggregator last checked them."""

    def test_genai_dates_only_while_figures_match(self, built: dict[str, Any]) -> None:
        """genai-prices' prices_checked dates a figure that still matches."""
        view = built["views"]["zai:glm-5.2"]["sources"]
        assert view["curated"]["checked"] == "2026-08-04"
        script = _script()
        dates = script._genai_dates()
        assert dates["zai/GLM-5.2"]["checked"] == "2026-08-04"

    def test_no_build_day(self, built: dict[str, Any]) -> None:
        """No imported figure is dated by the day of the build."""
        for sheet in built["sheets"]:
            for model in sheet.models:
                for period in model.periods:
                    if period.kind == "aggregator" and period.checked is not None:
                        assert period.checked < date(2026, 11, 29), model.id


class TestRates:
    """The ECB table is compiled from the pinned input, figures untouched."""

    def test_compiled_table_is_the_shipped_one(self) -> None:
        """Rebuilding the table from the pinned input gives the shipped file."""
        script = _script()
        text = script.ECB_INPUT.read_text(encoding="utf-8")
        shipped = Path(script.DATA / "fx-ecb.csv").read_text(encoding="utf-8")
        assert script.compile_rates(text) == shipped

    def test_figures_as_published(self) -> None:
        """A row keeps the ECB's own digits; N/A becomes empty."""
        script = _script()
        text = (
            "Date,USD,AUD,CAD,CHF,CNY,GBP,HKD,INR,JPY,KRW,SGD\n"
            "2019-12-31,1.1234,1,1,1,7.8205,0.8508,1,1,121.94,1,1\n"
            "2020-01-02,1.1193,1.6,1.45,1.09,7.7946,0.84828,8.7,79.9,121.75,1299.2,N/A\n"
        )
        compiled = script.compile_rates(text).splitlines()
        assert (
            compiled[-1]
            == "2020-01-02,1.1193,1.6,1.45,1.09,7.7946,0.84828,8.7,79.9,121.75,1299.2,"
        )
        assert len(compiled) == 4  # two comment lines, the header, one row


def _checks() -> ModuleType:
    _script()
    return sys.modules["catalog_checks"]


class TestRetirements:
    """A first-party model LiteLLM says was retired gets a last period that ends."""

    def _merged(self, first_party: bool = True) -> Any:
        merged = _script().Merged({"provider": "p", "first_party": first_party})
        model = _model("aggregator", None, "3")
        model["periods"][0]["from"] = date(2026, 1, 1)
        merged.models.append(model)
        return merged

    @pytest.mark.parametrize(
        ("day", "first_party", "until"),
        [
            (date(2026, 7, 24), True, date(2026, 7, 24)),
            # a planned retirement after the pinned release is not applied
            (date(2026, 12, 1), True, None),
            # hosts keep their own lifecycle
            (date(2026, 7, 24), False, None),
        ],
    )
    def test_retire(self, day: date, first_party: bool, until: date | None) -> None:
        """Past retirements end the last period, with a note naming LiteLLM."""
        script = _script()
        merged = self._merged(first_party)
        script._retire({"p": merged}, {("p", "m"): day})
        period = merged.models[0]["periods"][-1]
        assert period.get("until") == until
        if until:
            assert "deprecation_date" in period["note"]

    def test_bundled_retirement(self) -> None:
        """OpenAI's o1 is priced until its retirement and not after."""
        import tokencost as tc

        o1 = tc.price("openai:o1")
        assert o1.current.end == datetime(2026, 10, 23, tzinfo=UTC)
        with pytest.raises(tc.NoPriceError, match="no longer offered"):
            tc.cost("openai:o1", input_tokens=1, at="2026-11-01")


class TestComparedOn:
    """Sources are compared on the prices in force on the day the inputs were
    taken, not on their last periods: a change announced for a later day is
    no disagreement with a source that does not list it yet."""

    @staticmethod
    def _model(*starts: date | None) -> dict[str, Any]:
        return {
            "periods": [
                {"from": start, "input_mtok": index} if start else {"input_mtok": index}
                for index, start in enumerate(starts)
            ]
        }

    @pytest.mark.parametrize(
        ("starts", "index"),
        [
            ((None,), 0),
            ((None, date(2027, 1, 1)), 0),
            ((None, date(2026, 11, 29)), 1),
            ((None, date(2026, 11, 30)), 0),
            ((None, date(2026, 6, 1), date(2027, 1, 1)), 1),
            ((date(2027, 1, 1), date(2027, 6, 1)), 0),
        ],
    )
    def test_the_period_compared(
        self, starts: tuple[date | None, ...], index: int
    ) -> None:
        script = _script()
        assert date(2026, 11, 29) == script.COMPARED_ON
        model = self._model(*starts)
        assert script.compared(model) is model["periods"][index]

    def test_a_later_price_is_not_a_dispute(self) -> None:
        # genai-prices lists Gemini 3.8 Flash at 0.75 / 3.75 until 2027 and
        # 1.50 / 7.50 from 2027-01-01; LiteLLM knows only the first.
        script = _script()
        cite = {"source": "an upstream", "kind": "aggregator"}
        genai = {
            "periods": [
                {**cite, "input_mtok": Decimal("0.75"), "output_mtok": Decimal("3.75")},
                {
                    **cite,
                    "from": date(2027, 1, 1),
                    "input_mtok": Decimal("1.5"),
                    "output_mtok": Decimal("7.5"),
                },
            ]
        }
        litellm = {
            "periods": [
                {**cite, "input_mtok": Decimal("0.75"), "output_mtok": Decimal("3.75")}
            ]
        }
        assert script._view("genai-prices", genai)["input_mtok"] == "0.75"
        assert not script._disagree(
            script._figures(genai, script.compared(genai)),
            script._view("litellm", litellm),
        )
        # On the last periods, as before, the two would disagree.
        assert script._disagree(script._figures(genai), script._figures(litellm))
