"""Finding models by name, and prices as of a date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tests.conftest import FIXTURES


class TestLookup:
    @pytest.mark.parametrize(
        "name", ["acme-1", "ACME-1", "acme:acme-1", " Acme:A1 ", "a1"]
    )
    def test_names_and_aliases(self, acme: tc.Catalog, name: str) -> None:
        """Ids, aliases and provider prefixes all find the model, any case."""
        assert acme.get(name).id == "acme:acme-1"

    def test_bare_name_prefers_first_party(self, acme: tc.Catalog) -> None:
        """A bare name never resolves to a reseller, even when it hosts it."""
        assert acme.get("acme-1").provider == "acme"
        assert acme.get("resell:acme-1").provider == "resell"

    def test_host_only_model_needs_prefix(self, acme: tc.Catalog) -> None:
        """A model only a host offers needs the host's prefix."""
        with pytest.raises(tc.AmbiguousModelError, match="resell:only-here"):
            acme.get("only-here")

    def test_unknown_with_suggestion(self, acme: tc.Catalog) -> None:
        """An unknown name gets a 'did you mean'."""
        with pytest.raises(tc.UnknownModelError, match="did you mean 'acme-1'"):
            acme.get("acme-11")
        with pytest.raises(LookupError):
            acme.get("nothing-like-it")

    def test_unknown_at_provider(self, acme: tc.Catalog) -> None:
        """A known provider with an unknown model suggests that provider's ids."""
        with pytest.raises(tc.UnknownModelError, match="'acme:acme-mini'"):
            acme.get("acme:acme-minj")

    def test_ambiguous_between_first_parties(self, tmp_path: Path) -> None:
        """Two first-party providers with one name: the error lists both."""
        twin = (FIXTURES / "acme.toml").read_text().replace('"acme"', '"acme2"', 1)
        path = tmp_path / "twin.toml"
        path.write_text(twin)
        catalog = tc.load_catalog(FIXTURES, path, bundled=False)
        with pytest.raises(tc.AmbiguousModelError, match="acme2:acme-1, acme:acme-1"):
            catalog.get("acme-1")

    def test_models_by_provider(self, acme: tc.Catalog) -> None:
        """Listing by provider gives that provider's models, sorted."""
        assert [m.id for m in acme.models("acme")] == ["acme:acme-1", "acme:acme-mini"]
        with pytest.raises(tc.UnknownModelError, match="did you mean 'acme'"):
            acme.models("acmee")


class TestPeriods:
    @pytest.mark.parametrize(
        ("day", "input_mtok"),
        [
            (date(2026, 1, 1), Decimal("2")),
            (date(2026, 5, 31), Decimal("2")),
            (date(2026, 6, 1), Decimal("3.66")),
            (date(2030, 1, 1), Decimal("3.66")),
        ],
    )
    def test_price_as_of(
        self, acme: tc.Catalog, day: date, input_mtok: Decimal
    ) -> None:
        """A period runs from its start (inclusive) to the next one's (exclusive)."""
        period = acme.get("acme-1").period_at(day)
        assert period.standard.rates.input_mtok == input_mtok

    def test_before_first_period(self, acme: tc.Catalog) -> None:
        """A date before any period is an error that gives the first date."""
        with pytest.raises(tc.NoPriceError, match="starts on 2026-01-01"):
            acme.get("acme-1").period_at(date(2025, 12, 31))

    def test_open_start(self, acme: tc.Catalog) -> None:
        """A first period without a start covers every earlier day."""
        period = acme.get("acme-mini").period_at(date(2001, 1, 1))
        assert period.span == "since the first record"


class TestLayering:
    def test_user_sheet_overrides_bundled(self, tmp_path: Path) -> None:
        """A user's sheet replaces a bundled model with the same id."""
        override = (FIXTURES / "acme.toml").read_text()
        override = override.replace('provider = "acme"', 'provider = "anthropic"')
        override = override.replace('id = "acme-1"', 'id = "claude-fable-5"')
        path = tmp_path / "override.toml"
        path.write_text(override)
        catalog = tc.load_catalog(path)
        fable = catalog.get("claude-fable-5")
        assert fable.current.standard.rates.input_mtok == Decimal("3.66")
        assert catalog.get("glm-5.2").provider == "zai"  # bundled still there

    def test_set_default_catalog(self, acme: tc.Catalog) -> None:
        """The default catalog can be swapped and restored."""
        tc.set_default_catalog(acme)
        try:
            assert tc.price("a1").id == "acme:acme-1"
        finally:
            tc.set_default_catalog(None)
        assert tc.price("glm-5.2").id == "zai:glm-5.2"


class TestDates:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2026-06-01", date(2026, 6, 1)),
            (date(2026, 6, 1), date(2026, 6, 1)),
            (datetime(2026, 6, 1, 23, 30), date(2026, 6, 1)),
            ("2026-06-01T23:30:00-02:00", date(2026, 6, 2)),
            (datetime(2026, 6, 2, 1, tzinfo=UTC), date(2026, 6, 2)),
        ],
    )
    def test_as_date(self, value: object, expected: date) -> None:
        """Dates, datetimes (as their UTC day) and ISO strings are accepted."""
        from tokencost._parsing import as_date

        assert as_date(value) == expected

    def test_bad_date(self) -> None:
        """An unreadable date names the value and the format."""
        from tokencost._parsing import as_date

        with pytest.raises(tc.InvalidQuantityError, match="'June 1st'.*ISO date"):
            as_date("June 1st")


class TestModelPriceRendersItself:
    def test_table_and_dict(self) -> None:
        """A ModelPrice prints its history and gives a JSON-ready dict itself."""
        model = tc.price("deepseek-chat")
        headers, rows = model.table()
        assert headers[:3] == ["period", "prompt", "input (USD/MTok)"]
        assert len(rows) >= len(model.periods)
        data = model.to_dict()
        assert data["id"] == model.id
        assert len(data["periods"]) == len(model.periods)
        assert str(model).splitlines()[0].startswith("period")
