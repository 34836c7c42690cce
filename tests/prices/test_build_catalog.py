"""The build script merges sources first-party first and records, per price,
which sources agree (run here on the upstream excerpts, offline)."""

from __future__ import annotations

import importlib.util
import sys
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
        """The catalog keeps the first-party figure, the view keeps genai's."""
        period = _period(built, "deepseek:deepseek-chat")
        view = built["views"]["deepseek:deepseek-chat"]
        assert period.output_mtok == Decimal("0.42")
        assert view["genai-prices"]["output_mtok"] == "0.55"

    def test_report(self, built: dict[str, Any]) -> None:
        """The report has a row per disputed component with every figure."""
        row = (
            "| deepseek:deepseek-chat | output | 0.42 | curated 0.42, "
            "genai-prices 0.55, llm-prices 1.1 |"
        )
        assert row in built["report"]

    def test_first_party_keeps_own_models(self, built: dict[str, Any]) -> None:
        """A maker's API lists only its own models, so bare names stay clear."""
        sheet = next(s for s in built["sheets"] if s.provider == "deepseek")
        assert all(m.id.startswith("deepseek") for m in sheet.models)

    def test_index(self, built: dict[str, Any]) -> None:
        """The index puts first-party providers first for a shared name."""
        index = _script().index(built["sheets"])
        assert index["names"]["deepseek-chat"][0] == "deepseek"
        assert "zai" in index["first_party"]
