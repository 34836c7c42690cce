"""Results in a REPL, a notebook and JSON: short reprs, HTML tables, dicts."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest

import tokencost as tc


class Cells(HTMLParser):
    """The tags and the text of each header and data cell of an HTML table."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._cell is not None:
            self.headers.append(self._cell)
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(self._cell)
        if tag in ("td", "th"):
            self._cell = None


def _results() -> dict[str, Any]:
    usage = tc.Usage(120_000, 4_000, 100_000)
    at = "2026-07-01"
    return {
        "cost": tc.cost("claude-fable-5", usage, at=at),
        "cost_many": tc.cost_many("claude-fable-5", [usage, usage], at=at),
        "workload": tc.workload_cost("glm-5.2", "agentic-coding", at=at),
        "compare": tc.compare(["glm-5.2", "claude-fable-5"], usage, at=at),
        "headroom": tc.headroom(4.13, 50, increase="83%", keep_discount="50%"),
        "elasticity": tc.elasticity(price_change="83%", volume_change="400%"),
        "forecast": tc.forecast(price_change="83%", elasticity=-0.5),
        "growth": tc.growth(start=28e6, end=1.7e9, periods=12),
        "price": tc.price("claude-fable-5"),
        "bill": tc.bill([{"model": "glm-5.2", "timestamp": at, "input_tokens": 1_000}]),
    }


RESULTS = _results()


@pytest.mark.parametrize("name", RESULTS)
class TestEveryResult:
    def test_short_repr(self, name: str) -> None:
        """A result's repr is at most a few hundred characters."""
        text = repr(RESULTS[name])
        assert text.startswith(type(RESULTS[name]).__name__) or text.startswith("<")
        assert len(text) <= 300

    def test_json_ready(self, name: str) -> None:
        """json.dumps takes to_dict() as it is, every Decimal a string."""
        text = json.dumps(RESULTS[name].to_dict())
        assert "Decimal(" not in text
        assert json.loads(text) == RESULTS[name].to_dict()

    def test_html_table(self, name: str) -> None:
        """_repr_html_ is a <table> with the cells of table()."""
        result = RESULTS[name]
        parser = Cells()
        parser.feed(result._repr_html_())
        headers, rows = result.table()
        assert parser.tags[0] == "table"
        assert parser.headers == headers
        assert [r for r in parser.rows if r] == rows


class TestCostDisplay:
    def test_cost_repr(self) -> None:
        """The repr of a cost names the model, the total and the day."""
        assert repr(RESULTS["cost"]) == (
            "Cost(model='anthropic:claude-fable-5', requests=1, total=0.5 USD, "
            "at=2026-07-01)"
        )

    def test_cost_html(self) -> None:
        """The rendered HTML shows each line and the total."""
        parser = Cells()
        parser.feed(RESULTS["cost"]._repr_html_())
        assert parser.headers == ["component", "tokens", "unit price", "amount"]
        assert parser.rows[1] == ["input", "20,000", "10 USD/MTok", "0.20"]
        assert parser.rows[-1][-1] == "0.50 USD"  # 0.2 + 0.1 + 0.2

    def test_html_is_escaped(self) -> None:
        """Text in cells is escaped: a model id cannot inject markup."""
        html = RESULTS["cost"]._repr_html_()
        assert "<caption>Cost(model=&#x27;anthropic:claude-fable-5&#x27;" in html

    def test_cost_dict(self) -> None:
        """Dates are ISO strings and amounts exact strings."""
        data = RESULTS["cost"].to_dict()
        assert (data["at"], data["total"]) == ("2026-07-01", "0.5")
        assert data["lines"][0] == {"component": "input", "quantity": 20_000,
                                    "unit_price": "10", "unit": "MTok",
                                    "amount": "0.2"}  # fmt: skip


class TestPriceHistory:
    def test_modality_columns(self) -> None:
        """A price history shows the per-modality prices a model has."""
        headers, rows = tc.price("gemini-2.5-flash-image").table()
        assert headers[6:8] == ["input image", "output image"]
        assert rows[0][2:8] == ["0.30", "-", "-", "2.50", "0.30", "30"]

    def test_no_empty_columns(self) -> None:
        """Components no price has get no column."""
        headers, _ = tc.price("glm-5.2").table()
        assert "output image" not in headers


class TestLongFigures:
    def test_converted_cost_repr(self) -> None:
        """A converted cost's repr cuts its long figures, marked; to_dict keeps them."""
        cost = tc.cost("claude-fable-5", input_tokens=1_000, output_tokens=10,
                       at="2026-07-01", currency="CNY", fx={"CNY": "7.0779"})  # fmt: skip
        assert repr(cost) == (
            "Cost(model='anthropic:claude-fable-5', requests=1, total=0.07431795 CNY, "
            "at=2026-07-01, rate=7.0779, converted_from='USD')"
        )
        growth = tc.growth(start=28e6, end=1.7e9, periods=12)
        assert "multiple=60.71428571428571..." in repr(growth)
        assert growth.to_dict()["multiple"].startswith("60.714285714285714285714")
