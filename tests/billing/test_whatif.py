"""A bill in another currency, with a price changed, or repriced on another model."""

from __future__ import annotations

import csv
import io
import json
from decimal import Context, Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost.billing.whatif import adjust_bill, convert_bill, repriced_catalog
from tokencost.cli import main

GLM = {"model": "glm-5.2", "input_tokens": 120_000, "output_tokens": 4_000}
FABLE = {"model": "claude-fable-5", "input_tokens": 90_000, "output_tokens": 2_000}


def records(days: int = 3, each: int = 5) -> list[dict[str, object]]:
    return [
        {**row, "timestamp": f"2026-07-0{d}T09:30:00Z"}
        for d in range(1, days + 1)
        for row in (GLM, FABLE)
        for _ in range(each)
    ]


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "log.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()))
    return path


class TestConvert:
    def test_given_rate(self) -> None:
        """At a given rate every amount is multiplied by it, exactly."""
        usd = tc.bill(records())
        cny = convert_bill(usd, "CNY", fx={"CNY": "7.10"})
        assert cny.total() == tc.Money(usd.total().amount * Decimal("7.10"), "CNY")
        assert cny.rates == ("per 1 USD: CNY 7.10, given by the caller",)
        for group in cny.groups:
            assert group.total.amount == sum(p.total.amount for p in group.parts)

    def test_each_day_at_its_rate(self) -> None:
        """Grouped by day, each day is converted at that day's ECB rates."""
        usd = tc.bill(records(), by="day")
        cny = convert_bill(usd, "CNY")
        assert len(cny.rates) == 3
        for before, after in zip(usd.groups, cny.groups, strict=True):
            rates = tc.dated_rates(before.key[0])
            assert after.total.amount == pytest.approx(
                rates.convert(before.total, "CNY").amount, rel=Decimal("1e-25")
            )
        first, third = cny.groups[0], cny.groups[2]
        assert first.total != third.total  # same usage, different days' rates
        with localcontext(Context(prec=100)):
            assert cny.total().amount == sum(g.total.amount for g in cny.groups)

    def test_same_currency_untouched(self) -> None:
        """A bill already in the currency is the same bill."""
        usd = tc.bill(records())
        assert convert_bill(usd, "USD") == usd


class TestAdjust:
    def test_one_model(self) -> None:
        """+83% on glm-5.2 scales its lines by 1.83; the others stay."""
        before = tc.bill(records())
        after = adjust_bill(before, {"glm-5.2": "+83%"})
        old = {g.key[0]: g.total.amount for g in before.groups}
        new = {g.key[0]: g.total.amount for g in after.groups}
        assert new["zai:glm-5.2"] == old["zai:glm-5.2"] * Decimal("1.83")
        assert new["anthropic:claude-fable-5"] == old["anthropic:claude-fable-5"]
        assert after.total().amount == sum(new.values())

    def test_unknown_in_bill(self) -> None:
        """A model the bill never saw is named, with those it has."""
        with pytest.raises(tc.InvalidInputError, match="no records of openai:gpt-5.5"):
            adjust_bill(tc.bill(records()), {"gpt-5.5": "10%"})

    @settings(max_examples=30, deadline=None)
    @given(st.integers(-99, 500))
    def test_linear(self, percent: int) -> None:
        """An adjusted total is the unadjusted one plus the change on that model."""
        before = tc.bill(records(days=1, each=2))
        after = adjust_bill(before, {"claude-fable-5": f"{percent}%"})
        fable = next(g for g in before.groups if g.key == ("anthropic:claude-fable-5",))
        change = fable.total.amount * Decimal(percent) / 100
        assert after.total().amount == before.total().amount + change


class TestReprice:
    def test_as_if_on_another_model(self) -> None:
        """glm-5.2's records priced as Fable 5 cost what Fable 5 charges."""
        catalog = repriced_catalog(tc.default_catalog(), {"glm-5.2": "claude-fable-5"})
        repriced = tc.bill(records(), catalog=catalog)
        assert [g.key for g in repriced.groups] == [("anthropic:claude-fable-5",)]
        alone = tc.bill([{**r, "model": "claude-fable-5"} for r in records()])
        assert repriced.total() == alone.total()

    def test_same_model(self) -> None:
        """Repricing a model as itself is refused."""
        with pytest.raises(tc.InvalidInputError, match="both name zai:glm-5.2"):
            repriced_catalog(tc.default_catalog(), {"glm-5.2": "zai:glm-5.2"})


class TestCommand:
    def test_currency(self, capsys: pytest.CaptureFixture[str], log: Path) -> None:
        """bill --currency CNY --fx CNY=7.10 converts and says at what rate."""
        assert (
            main(
                ["bill", str(log), "--currency", "CNY", "--fx", "CNY=7.10", "-f", "csv"]
            )
            == 0
        )
        rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        usd = tc.bill(records()).total().amount
        total = next(r for r in rows if r[0] == "total")
        assert Decimal(total[-2]) == usd * Decimal("7.10")
        assert total[-1] == "CNY"
        assert rows[-1][0] == "rates"
        assert "CNY 7.10" in rows[-1][-2]

    def test_adjust_and_reprice(
        self, capsys: pytest.CaptureFixture[str], log: Path
    ) -> None:
        """--reprice then --adjust: Fable's prices +10% on every record."""
        assert (
            main(
                [
                    "bill",
                    str(log),
                    "--reprice",
                    "glm-5.2=claude-fable-5",
                    "--adjust",
                    "claude-fable-5=+10%",
                    "-f",
                    "json",
                ]
            )
            == 0
        )
        data = json.loads(capsys.readouterr().out)
        fable = tc.bill([{**r, "model": "claude-fable-5"} for r in records()]).total()
        assert Decimal(data["totals"]["USD"]) == fable.amount * Decimal("1.1")

    def test_fx_needs_currency(
        self, capsys: pytest.CaptureFixture[str], log: Path
    ) -> None:
        """--fx alone is bad usage."""
        assert main(["bill", str(log), "--fx", "CNY=7"]) == 2
        assert "give --currency too" in capsys.readouterr().err

    def test_plot(
        self, capsys: pytest.CaptureFixture[str], log: Path, tmp_path: Path
    ) -> None:
        """bill --plot writes a PNG beside the table."""
        pytest.importorskip("matplotlib")
        target = tmp_path / "bill.png"
        assert main(["bill", str(log), "--plot", str(target)]) == 0
        assert target.read_bytes()[:4] == b"\x89PNG"
        assert "total" in capsys.readouterr().out


def test_progress_estimate(tmp_path: Path) -> None:
    """The progress bar's total is estimated from the file's size and first lines."""
    from tokencost.cli.bill import _estimated_records

    path = tmp_path / "log.jsonl"
    line = json.dumps({**GLM, "timestamp": "2026-07-01T09:30:00Z"}) + "\n"
    path.write_text(line * 5_000)
    assert _estimated_records(path) == 5_000
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert _estimated_records(empty) is None
    assert _estimated_records(tmp_path / "missing.jsonl") is None


def test_progress_bar_has_a_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the bar knows its total, so it shows a percentage."""
    pytest.importorskip("tqdm")
    from tokencost.cli.bill import _progress

    path = tmp_path / "log.jsonl"
    line = json.dumps({**GLM, "timestamp": "2026-07-01T09:30:00Z"}) + "\n"
    path.write_text(line * 4_000)
    screen = io.StringIO()
    monkeypatch.setattr(screen, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stderr", screen)
    with _progress(path) as update:
        assert update is not None
        update(2_000)
    assert "/4.00k" in screen.getvalue()
    assert "0%|" in screen.getvalue()


def test_each_month_at_its_closing_rate() -> None:
    """Grouped by month, a month converts at the rates of its last day."""
    rows = [
        {**GLM, "timestamp": "2026-06-15T09:30:00Z"},
        {**GLM, "timestamp": "2026-07-15T09:30:00Z"},
    ]
    usd = tc.bill(rows, by="month")
    cny = convert_bill(usd, "CNY")
    for before, after, day in zip(
        usd.groups, cny.groups, ("2026-06-30", "2026-07-31"), strict=True
    ):
        rates = tc.dated_rates(day)
        assert rates.describe() in cny.rates
        expected = rates.convert(before.total, "CNY").amount
        assert abs(after.total.amount - expected) < Decimal("1e-20")
