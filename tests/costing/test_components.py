"""The price components added for the catalog: one-hour cache writes,
reasoning, time-of-day windows, home providers and moments in UTC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

import tokencost as tc
from tokencost._parsing import as_moment
from tokencost.prices.sheets import parse_sheet

SHEET = {
    "provider": "acme",
    "name": "Acme",
    "currency": "USD",
    "first_party": True,
    "models": [
        {
            "id": "thinker",
            "periods": [
                {
                    "source": "test",
                    "checked": date(2026, 1, 1),
                    "input_mtok": Decimal("2"),
                    "cache_write_mtok": Decimal("2.5"),
                    "cache_write_1h_mtok": Decimal("4"),
                    "cache_read_mtok": Decimal("0.2"),
                    "output_mtok": Decimal("10"),
                    "reasoning_mtok": Decimal("6"),
                    "windows": [
                        {
                            "name": "off-peak",
                            "hours": ["16:30-00:30"],
                            "input_mtok": Decimal("1"),
                            "output_mtok": Decimal("5"),
                        },
                        {
                            "name": "peak",
                            "hours": ["01:00-04:00", "06:00-10:00"],
                            "days": ["mon", "tue", "wed", "thu", "fri"],
                            "input_mtok": Decimal("4"),
                        },
                    ],
                }
            ],
        },
        {
            "id": "plain",
            "periods": [
                {
                    "source": "test",
                    "checked": date(2026, 1, 1),
                    "input_mtok": Decimal("1"),
                    "output_mtok": Decimal("2"),
                }
            ],
        },
    ],
}


@pytest.fixture(scope="module")
def acme() -> tc.Catalog:
    return tc.Catalog(parse_sheet(SHEET).to_models())


@pytest.fixture(autouse=True)
def _noon() -> Iterator[None]:
    """Calls without ``at`` price at the current moment: noon UTC here, outside
    the off-peak window, whatever the time the tests run."""
    tc.set_clock(lambda: datetime(2026, 7, 1, 12, tzinfo=UTC))
    yield
    tc.set_clock(None)


class TestCacheWrite1h:
    """One-hour cache writes are their own line at their own price."""

    def test_line(self, acme: tc.Catalog) -> None:
        """A million 1-hour writes cost the 1-hour price, not the 5-minute one."""
        c = tc.cost(
            "thinker", input_tokens=3_000_000, cache_write_tokens=1_000_000,
            cache_write_1h_tokens=1_000_000, catalog=acme,
        )  # fmt: skip
        amounts = {line.component: line.amount.amount for line in c.lines}
        assert amounts == {
            "input": Decimal("2"),
            "cache_write": Decimal("2.5"),
            "cache_write_1h": Decimal("4"),
            "output": Decimal("0"),
        }
        assert c.total.amount == Decimal("8.5")

    def test_unknown_raises(self, acme: tc.Catalog) -> None:
        """A model without a 1-hour price refuses to price 1-hour writes."""
        with pytest.raises(tc.NoPriceError, match="cache-write-1h"):
            tc.cost("plain", input_tokens=10, cache_write_1h_tokens=10, catalog=acme)

    def test_usage_counts_it_as_input(self) -> None:
        """1-hour writes are part of input, so they leave the plain input."""
        usage = tc.Usage(
            input_tokens=100, cache_write_tokens=10, cache_write_1h_tokens=30
        )
        assert usage.uncached_input_tokens == 60

    def test_usage_refuses_too_many(self) -> None:
        """Cache tokens beyond the input are refused."""
        with pytest.raises(tc.InvalidUsageError, match="cache_write_1h_tokens=80"):
            tc.Usage(input_tokens=100, cache_read_tokens=30, cache_write_1h_tokens=80)


class TestReasoning:
    """Reasoning tokens are output, priced apart only where a price says so."""

    @pytest.mark.parametrize(
        ("model", "expected"),
        [
            ("thinker", Decimal("8")),  # 0.5M x 10 + 0.5M x 6
            ("plain", Decimal("2")),  # all output at 2
        ],
    )
    def test_split(self, acme: tc.Catalog, model: str, expected: Decimal) -> None:
        """Half the output is reasoning: priced at the reasoning rate if any."""
        c = tc.cost(
            model, output_tokens=1_000_000, reasoning_tokens=500_000, catalog=acme
        )
        assert c.total.amount == expected

    def test_refuses_more_than_output(self) -> None:
        """Reasoning is part of output, so it cannot exceed it."""
        with pytest.raises(tc.InvalidUsageError, match="reasoning_tokens=5"):
            tc.Usage(output_tokens=4, reasoning_tokens=5)


class TestWindows:
    """A moment inside a window pays the window's prices."""

    @pytest.mark.parametrize(
        ("at", "window", "total"),
        [
            ("2026-03-02T17:00:00", "off-peak", Decimal("6")),  # Monday evening
            ("2026-03-03T00:15:00+00:00", "off-peak", Decimal("6")),  # wraps midnight
            ("2026-03-02T16:29:59", None, Decimal("12")),  # a second before
            ("2026-03-02T02:00:00Z", "peak", Decimal("14")),  # weekday peak
            ("2026-03-07T02:00:00Z", None, Decimal("12")),  # Saturday: no peak
            ("2026-03-02", None, Decimal("12")),  # a day alone: standard
            (datetime(2026, 3, 2, 10, 0, tzinfo=UTC), None, Decimal("12")),  # end excl.
        ],
    )
    def test_prices(
        self, acme: tc.Catalog, at: object, window: str | None, total: Decimal
    ) -> None:
        """1M input and 1M output at the window's rates, or the standard ones."""
        c = tc.cost(
            "thinker", input_tokens=1_000_000, output_tokens=1_000_000, at=at,
            catalog=acme,
        )  # fmt: skip
        assert (c.window, c.total.amount) == (window, total)

    def test_other_zone(self, acme: tc.Catalog) -> None:
        """A time in Beijing is converted to UTC first (01:00 Beijing = 17:00 UTC)."""
        beijing = timezone(timedelta(hours=8))
        at = datetime(2026, 3, 3, 1, 0, tzinfo=beijing)
        c = tc.cost("thinker", input_tokens=1_000_000, at=at, catalog=acme)
        assert (c.window, c.total.amount) == ("off-peak", Decimal("1"))

    def test_variant_ignores_windows(self) -> None:
        """A named variant is priced as named, whatever the hour."""
        c = tc.cost(
            "openai:gpt-5.5", input_tokens=100_000, variant="batch",
            at="2026-06-01T17:00:00",
        )  # fmt: skip
        assert (c.window, c.total.amount) == (None, Decimal("0.25"))

    def test_span_in_words(self, acme: tc.Catalog) -> None:
        """A window says when it applies."""
        windows = acme.get("thinker").current.windows
        assert [w.span for w in windows] == [
            "16:30-00:30 UTC",
            "01:00-04:00, 06:00-10:00 UTC, mon tue wed thu fri",
        ]

    @pytest.mark.parametrize(
        ("hours", "days", "message"),
        [
            (["25:00-01:00"], ["mon"], "cannot read time span '25:00-01:00'"),
            (["10:00-10:00"], ["mon"], "time span '10:00-10:00' is empty"),
            (["01:00-02:00"], ["monday"], "unknown weekday 'monday'"),
        ],
    )
    def test_bad_window(self, hours: list[str], days: list[str], message: str) -> None:
        """A window the reader cannot follow is refused with its value named."""
        sheet = {
            "provider": "x", "name": "x", "currency": "USD",
            "models": [{"id": "m", "periods": [{
                "source": "s", "checked": date(2026, 1, 1),
                "windows": [{"name": "w", "hours": hours, "days": days}],
            }]}],
        }  # fmt: skip
        with pytest.raises(tc.InvalidPriceSheetError, match=message):
            parse_sheet(sheet)


class TestMoment:
    """`at` carries a time of day only when one is given."""

    @pytest.mark.parametrize(
        ("value", "day", "moment"),
        [
            ("2025-03-01", date(2025, 3, 1), None),
            (date(2025, 3, 1), date(2025, 3, 1), None),
            (
                "2025-03-01T17:00",
                date(2025, 3, 1),
                datetime(2025, 3, 1, 17, 0, tzinfo=UTC),
            ),
            (
                "2025-03-01T01:00+08:00",
                date(2025, 2, 28),
                datetime(2025, 2, 28, 17, 0, tzinfo=UTC),
            ),
        ],
    )
    def test_read(self, value: object, day: date, moment: datetime | None) -> None:
        """The UTC day and the UTC moment."""
        assert as_moment(value) == (day, moment)

    def test_window_contains_naive(self) -> None:
        """A naive datetime is UTC."""
        window = tc.Window(
            "w", ((time(1), time(2)),), tc.Schedule(tc.Rates()), days=(0,)
        )
        assert window.contains(datetime(2026, 3, 2, 1, 30))


class TestHome:
    """When first-party providers share a bare name, home wins."""

    def test_glm_resolves_to_zai(self) -> None:
        """glm-5.2 is Z.ai's USD entry, at Z.ai's $4.40 output."""
        model = tc.price("glm-5.2")
        assert (model.id, model.currency) == ("zai:glm-5.2", "USD")
        assert model.current.standard.rates.output_mtok == Decimal("4.40")
        assert "docs.z.ai" in model.current.source
        assert model.current.kind == "first-party"

    def test_prefix_reaches_cny(self) -> None:
        """zhipuai:glm-5.2 is bigmodel.cn's CNY list."""
        model = tc.price("zhipuai:glm-5.2")
        rates = model.current.standard.rates
        assert (model.currency, rates.input_mtok, rates.output_mtok) == (
            "CNY",
            Decimal("8"),
            Decimal("28"),
        )

    def test_two_homes_stay_ambiguous(self) -> None:
        """Without exactly one home the error lists the candidates."""
        a = {**SHEET, "provider": "a", "home": True}
        b = {**SHEET, "provider": "b", "home": True}
        both = tc.Catalog([*parse_sheet(a).to_models(), *parse_sheet(b).to_models()])
        with pytest.raises(tc.AmbiguousModelError, match="a:plain, b:plain"):
            both.get("plain")
        a["home"] = False
        one = tc.Catalog([*parse_sheet(a).to_models(), *parse_sheet(b).to_models()])
        assert one.get("plain").id == "b:plain"
