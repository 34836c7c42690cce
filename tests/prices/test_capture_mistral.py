"""Mistral's list on the day of a capture of its own pricing page
(mistral.ai/pricing, fetched on 2026-05-08 and committed that day to
Lore-Hex/quill-router, commit d1507e12): the catalog must price a known
request at the page's figures. The sheet keeps citing Mistral's docs
repository, a later first-party source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc


@pytest.mark.parametrize(
    ("model", "total"),
    [
        # 100k input x the page's input price + 10k output x its output price
        ("mistral-medium-3-5", "0.225"),  # 1.5 / 7.5
        ("mistral-large-2512", "0.065"),  # 0.5 / 1.5
        ("mistral-small-2603", "0.021"),  # 0.15 / 0.6
        ("mistral-small-2506", "0.013"),  # Small 3.2: 0.1 / 0.3
        ("devstral-2512", "0.06"),  # Devstral 2: 0.4 / 2
        ("magistral-medium-2509", "0.25"),  # 2 / 5
        ("magistral-small-2509", "0.065"),  # 0.5 / 1.5
        ("codestral-2508", "0.039"),  # 0.3 / 0.9
        ("ministral-14b-2512", "0.022"),  # 0.2 / 0.2
        ("ministral-8b-2512", "0.0165"),  # 0.15 / 0.15
        ("ministral-3b-2512", "0.011"),  # 0.1 / 0.1
        ("open-mistral-nemo-2407", "0.0165"),  # 0.15 / 0.15
    ],
)
def test_request_on_the_capture_day(model: str, total: str) -> None:
    c = tc.cost(
        f"mistral:{model}",
        input_tokens=100_000,
        output_tokens=10_000,
        at="2026-05-08",
    )
    assert c.total == tc.Money(Decimal(total), "USD")
    period = tc.price(f"mistral:{model}").period_at(date(2026, 5, 8))
    assert period.kind == "first-party"
    assert "mistralai/platform-docs-public" in period.source
