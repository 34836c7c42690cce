"""Catalog fixes of December 2026: OpenAI's audio and search preview models
priced as their own models (the copy of 2025-12-19 of OpenAI's pricing page),
and a build that never folds a curated entry, or a snapshot that costs more
in any component, into another model as a dated snapshot."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import tokencost as tc

ROOT = Path(__file__).parents[2]


class TestAudioPreviews:
    @pytest.mark.parametrize(
        ("model", "at", "priced_as", "rates"),
        [
            # input, output, audio in, audio out: text and audio tables.
            (
                "gpt-4o-audio-preview",
                date(2026, 1, 1),
                "gpt-4o-audio-preview",
                ("2.5", "10", "40", "80"),
            ),
            (
                "gpt-4o-audio-preview-2024-12-17",
                date(2026, 1, 1),
                "gpt-4o-audio-preview",
                ("2.5", "10", "40", "80"),
            ),
            (
                "gpt-4o-audio-preview-2025-06-03",
                date(2026, 1, 1),
                "gpt-4o-audio-preview",
                ("2.5", "10", "40", "80"),
            ),
            (
                "gpt-4o-audio-preview-2024-10-01",
                date(2025, 5, 1),
                "gpt-4o-audio-preview-2024-10-01",
                ("2.5", "10", "100", "200"),
            ),
            (
                "gpt-4o-mini-audio-preview",
                date(2026, 1, 1),
                "gpt-4o-mini-audio-preview",
                ("0.15", "0.6", "10", "20"),
            ),
            (
                "gpt-4o-mini-audio-preview-2024-12-17",
                date(2026, 1, 1),
                "gpt-4o-mini-audio-preview",
                ("0.15", "0.6", "10", "20"),
            ),
        ],
    )
    def test_rates(
        self, model: str, at: date, priced_as: str, rates: tuple[str, ...]
    ) -> None:
        price = tc.price(model)
        assert price.id == f"openai:{priced_as}"
        got = price.period_at(at).schedule().rates
        assert (
            got.input_mtok,
            got.output_mtok,
            got.input_audio_mtok,
            got.output_audio_mtok,
        ) == tuple(Decimal(r) for r in rates)
        assert got.cache_read_mtok is None

    @pytest.mark.parametrize(
        ("model", "at", "total"),
        [
            # 500k text in at 2.50, 500k audio in at 40, 1M audio out at 80.
            ("gpt-4o-audio-preview", "2026-01-01", "101.25"),
            ("gpt-4o-audio-preview-2025-06-03", "2026-01-01", "101.25"),
            # The same on the first snapshot: 1.25 + 50 at 100 + 200 at 200.
            ("gpt-4o-audio-preview-2024-10-01", "2025-05-01", "251.25"),
            # Mini: 0.075 + 5 + 20.
            ("gpt-4o-mini-audio-preview", "2026-01-01", "25.075"),
        ],
    )
    def test_audio_is_never_priced_as_text(
        self, model: str, at: str, total: str
    ) -> None:
        cost = tc.cost(
            model,
            input_tokens=1_000_000,
            input_audio_tokens=500_000,
            output_tokens=1_000_000,
            output_audio_tokens=1_000_000,
            at=at,
        )
        assert cost.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        "model", ["gpt-4o-audio-preview", "gpt-4o-mini-audio-preview"]
    )
    def test_no_cached_input_price(self, model: str) -> None:
        """The page prints '-' for cached input: refused, never guessed."""
        with pytest.raises(tc.NoPriceError, match="cache-read"):
            tc.cost(model, input_tokens=1_000, cache_read_tokens=500, at="2026-01-01")

    def test_alias_before_the_cut_is_refused(self) -> None:
        """Before 2024-12-17 the bare name meant the first snapshot, at other
        prices; no source says when it moved."""
        with pytest.raises(tc.NoPriceError, match="2024-12-17"):
            tc.cost("gpt-4o-audio-preview", input_tokens=1_000, at="2024-11-01")

    def test_first_snapshot_shut_down(self) -> None:
        with pytest.raises(tc.NoPriceError, match="no longer offered"):
            tc.cost(
                "gpt-4o-audio-preview-2024-10-01", input_tokens=1_000, at="2025-10-10"
            )
        period = tc.price("gpt-4o-audio-preview-2024-10-01").period_at(
            date(2025, 10, 9)
        )
        assert period.kind == "secondary"
        assert period.checked is None

    def test_provenance(self) -> None:
        period = tc.price("gpt-4o-audio-preview").period_at(date(2026, 1, 1))
        assert (period.kind, period.checked) == ("first-party", date(2025, 12, 19))
        assert "fe4ebf53" in period.source


class TestSearchPreviews:
    @pytest.mark.parametrize(
        ("model", "priced_as", "total"),
        [
            # 1M in, 1M out: tokens only.
            ("gpt-4o-mini-search-preview", "gpt-4o-mini-search-preview", "0.75"),
            (
                "gpt-4o-mini-search-preview-2025-03-11",
                "gpt-4o-mini-search-preview",
                "0.75",
            ),
            ("gpt-4o-search-preview", "gpt-4o-search-preview", "12.5"),
            ("gpt-4o-search-preview-2025-03-11", "gpt-4o-search-preview", "12.5"),
        ],
    )
    def test_own_model(self, model: str, priced_as: str, total: str) -> None:
        cost = tc.cost(
            model, input_tokens=1_000_000, output_tokens=1_000_000, at="2026-01-01"
        )
        assert cost.model == f"openai:{priced_as}"
        assert cost.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        "model", ["gpt-4o-mini-search-preview", "gpt-4o-search-preview"]
    )
    def test_not_gpt_4o_minis_cache_or_batch(self, model: str) -> None:
        """gpt-4o-mini's $0.075 cached input and its batch prices are not the
        search model's: the page prints none for it."""
        with pytest.raises(tc.NoPriceError, match="cache-read"):
            tc.cost(model, input_tokens=1_000, cache_read_tokens=500, at="2026-01-01")
        with pytest.raises(tc.NoPriceError):
            tc.cost(model, input_tokens=1_000, variant="batch", at="2026-01-01")

    def test_gpt_4o_mini_keeps_no_search_alias(self) -> None:
        assert not {a for a in tc.price("openai:gpt-4o-mini").aliases if "search" in a}


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


def _model(model_id: str, **rates: str) -> dict[str, Any]:
    period: dict[str, Any] = {"source": "s", "kind": "first-party"}
    period.update({k: Decimal(v) for k, v in rates.items()})
    return {"id": model_id, "periods": [period]}


class TestSnapshotFolding:
    """A name with a date is folded into the undated model only when it is
    no model of its own and costs the same in every component."""

    @pytest.mark.parametrize(
        ("source", "snapshot", "folded"),
        [
            # A curated entry has its own prices, even equal text prices.
            (
                "curated",
                {"input_mtok": "2.5", "output_mtok": "10", "input_audio_mtok": "100"},
                False,
            ),
            ("curated", {"input_mtok": "2.5", "output_mtok": "10"}, False),
            # An upstream snapshot dearer only in audio is not the same model.
            (
                "litellm",
                {"input_mtok": "2.5", "output_mtok": "10", "input_audio_mtok": "100"},
                False,
            ),
            (
                "litellm",
                {"input_mtok": "2.5", "output_mtok": "10", "output_audio_mtok": "200"},
                False,
            ),
            # The same prices: a snapshot of the undated model.
            (
                "litellm",
                {"input_mtok": "2.5", "output_mtok": "10", "input_audio_mtok": "40"},
                True,
            ),
            ("litellm", {"input_mtok": "2.5", "output_mtok": "10"}, True),
            ("litellm", {"input_mtok": "5", "output_mtok": "10"}, False),
        ],
    )
    def test_fold(self, source: str, snapshot: dict[str, str], folded: bool) -> None:
        merged = _script().Merged({"provider": "p", "first_party": False})
        merged.add(
            "curated",
            _model(
                "audio",
                input_mtok="2.5",
                output_mtok="10",
                input_audio_mtok="40",
                output_audio_mtok="80",
            ),
        )
        merged.add(source, _model("audio-2024-10-01", **snapshot))
        ids = [m["id"] for m in merged.models]
        assert ids == (["audio"] if folded else ["audio", "audio-2024-10-01"])
        assert ("audio-2024-10-01" in merged.models[0].get("aliases", [])) is folded

    def test_no_curated_entry_is_an_alias(self) -> None:
        """Every curated model is a model of the bundled catalog under its own
        id, never a name of another."""
        import tomllib

        for path in sorted((ROOT / "scripts" / "curated").glob("*.toml")):
            sheet = tomllib.loads(path.read_text(encoding="utf-8"))
            for model in sheet["models"]:
                price = tc.price(f"{sheet['provider']}:{model['id']}")
                assert price.model == model["id"], (path.name, model["id"])


class TestXaiRetirementHour:
    """xAI retired its older slugs on 2026-05-15 at 12:00 PT (PDT), 19:00
    UTC; from then they are billed as grok-4.3."""

    @pytest.mark.parametrize(
        ("model", "before"),
        [
            # 100k x 3 + 10k x 15 per million, then grok-4.3's
            # 100k x 1.25 + 10k x 2.50
            ("grok-3", "0.45"),
            ("grok-4-0709", "0.45"),
            # 100k x 0.20 + 10k x 0.50
            ("grok-4-1-fast-reasoning", "0.025"),
            ("grok-4-1-fast-non-reasoning", "0.025"),
            ("grok-4-fast-reasoning", "0.025"),
            ("grok-4-fast-non-reasoning", "0.025"),
            # 100k x 0.20 + 10k x 1.50
            ("grok-code-fast-1", "0.035"),
        ],
    )
    @pytest.mark.parametrize(
        ("at", "redirected"),
        [
            ("2026-05-15T00:00:00Z", False),
            ("2026-05-15T18:59:59Z", False),
            ("2026-05-15T19:00:00Z", True),
            ("2026-05-15T23:59:00Z", True),
        ],
    )
    def test_hour(self, model: str, before: str, at: str, redirected: bool) -> None:
        usage = tc.Usage(input_tokens=100_000, output_tokens=10_000)
        total = "0.15" if redirected else before
        assert tc.cost(model, usage, at=at).total == tc.Money(Decimal(total), "USD")

    def test_the_day_alone_is_refused(self) -> None:
        with pytest.raises(tc.NoPriceError, match="19:00 UTC"):
            tc.cost("grok-3", input_tokens=1_000, at="2026-05-15")


class TestHostsOnlyNames:
    """A bare name only hosts carry goes through the name rules to the
    maker's own model; without one it still needs a host's prefix."""

    @pytest.mark.parametrize(
        ("name", "priced_as", "total"),
        [
            # Google's preview: 1M in at 0.15, 1M out at 0.60.
            (
                "gemini-2.5-flash-preview-05-20",
                "google:gemini-2.5-flash-preview",
                "0.75",
            ),
            (
                "gemini-2.5-flash-preview-04-17",
                "google:gemini-2.5-flash-preview",
                "0.75",
            ),
            (
                "models/gemini-2.5-flash-preview-05-20",
                "google:gemini-2.5-flash-preview",
                "0.75",
            ),
            # A host's own id, asked of the host, stays the host's.
            (
                "openrouter:gemini-2.5-flash-preview-05-20",
                "openrouter:gemini-2.5-flash-preview",
                "0.75",
            ),
        ],
    )
    def test_to_the_makers_model(self, name: str, priced_as: str, total: str) -> None:
        cost = tc.cost(name, input_tokens=1_000_000, output_tokens=1_000_000)
        assert cost.model == priced_as
        assert cost.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        "name",
        [
            "gemini-2.5-flash-preview-13-45",  # no day of the calendar
            "gemini-2.5-flash-preview-05-20-extra",
            "foo-2024-01-01",
        ],
    )
    def test_no_guess(self, name: str) -> None:
        with pytest.raises(tc.UnknownModelError, match="did you mean"):
            tc.price(name)

    def test_hosts_only_without_a_rule_needs_a_prefix(self) -> None:
        with pytest.raises(tc.AmbiguousModelError, match="offered only by hosts"):
            tc.price("cogito-v1-preview-llama-70b")
