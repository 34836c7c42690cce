"""Names that APIs return resolve through explicit rules, never a guess."""

from __future__ import annotations

from datetime import date

import pytest

import tokencost as tc
from tokencost.prices.names import candidates


class TestRules:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("claude-opus-4-1-20250805", ["claude-opus-4-1"]),
            ("claude-opus-4-1@20250805", ["claude-opus-4-1"]),
            ("gpt-4.1-2025-04-14", ["gpt-4.1"]),
            ("models/gemini-2.5-flash", ["gemini-2.5-flash"]),
            (
                "models/gemini-2.5-pro-preview-06-05",
                [
                    "gemini-2.5-pro-preview-06-05",
                    "gemini-2.5-pro-preview",
                    "gemini-2.5-pro",
                ],
            ),
            (
                "gemini-2.5-flash-preview-0417",
                ["gemini-2.5-flash-preview", "gemini-2.5-flash"],
            ),
            ("anthropic:claude-3-5-sonnet-20241022", ["anthropic:claude-3-5-sonnet"]),
            ("gpt-5.5", []),
            ("glm-5.2", []),
            # a date the calendar has, leap day included
            ("claude-opus-4-1-20240229", ["claude-opus-4-1"]),
            (
                "gemini-2.5-flash-preview-02-29",
                ["gemini-2.5-flash-preview", "gemini-2.5-flash"],
            ),
            # no such day: the date is part of an unknown name, not dropped
            ("claude-opus-4-1-20251399", []),
            ("claude-opus-4-1-20250229", []),
            ("claude-opus-4-1@20250000", []),
            ("gpt-4.1-2025-13-14", []),
            ("gpt-4.1-2025-04-31", []),
            ("gemini-2.5-flash-preview-13-01", []),
            ("gemini-2.5-flash-preview-0230", []),
        ],
    )
    def test_candidates(self, name: str, expected: list[str]) -> None:
        """Each rule strips one documented pattern, in order."""
        assert [c for c, _ in candidates(name)] == expected

    @pytest.mark.parametrize(
        ("name", "today", "expected"),
        [
            ("claude-opus-4-1-20250805", date(2025, 8, 5), ["claude-opus-4-1"]),
            ("claude-opus-4-1-20250805", date(2025, 8, 4), []),
            ("gpt-4.1-2025-04-14", date(2025, 4, 13), []),
            ("claude-opus-4-1@20250805", date(2025, 8, 4), []),
            # a preview's date has no year: no day is after today
            (
                "gemini-2.5-pro-preview-12-31",
                date(2025, 1, 1),
                ["gemini-2.5-pro-preview", "gemini-2.5-pro"],
            ),
        ],
    )
    def test_no_snapshot_from_the_future(
        self, name: str, today: date, expected: list[str]
    ) -> None:
        """A snapshot date after today is not dropped: no such snapshot exists yet."""
        assert [c for c, _ in candidates(name, today=today)] == expected


class TestResolution:
    @pytest.mark.parametrize(
        ("name", "resolved"),
        [
            ("claude-3-5-sonnet-20241022", "anthropic:claude-3-5-sonnet"),
            ("claude-opus-4-1-20250805", "anthropic:claude-opus-4-1"),
            ("gemini-2.5-pro-preview-06-05", "google:gemini-2.5-pro"),
            ("models/gemini-2.5-flash", "google:gemini-2.5-flash"),
            ("gpt-4.1-2025-04-14", "openai:gpt-4.1"),
            ("glm-5-turbo", "zai:glm-5-turbo"),
            # -latest names point where LiteLLM's alias_of says
            ("glm-latest", "zai:glm-5.3"),
            ("deepseek-flash-latest", "deepseek:deepseek-v4-flash"),
        ],
    )
    def test_api_strings_resolve(self, name: str, resolved: str) -> None:
        """Model strings that APIs return find the priced model."""
        assert tc.price(name).id == resolved

    def test_own_entry_wins(self) -> None:
        """A dated id with its own entry keeps its own price."""
        dated = tc.price("gpt-4o-2024-05-13")
        assert dated.id == "openai:gpt-4o-2024-05-13"
        assert (
            dated.current.standard.rates.input_mtok
            != tc.price("gpt-4o").current.standard.rates.input_mtok
        )

    def test_unknown_stays_unknown(self) -> None:
        """A name no rule maps stays an UnknownModelError with suggestions."""
        with pytest.raises(tc.UnknownModelError, match=r"did you mean"):
            tc.price("claude-opus-4-1-2025080")
        with pytest.raises(tc.UnknownModelError, match=r"'gemini-9-ultra-20250101'"):
            tc.price("gemini-9-ultra-20250101")

    @pytest.mark.parametrize(
        "name",
        [
            "claude-opus-4-1-20251399",
            "claude-3-5-sonnet-20241032",
            "gpt-4.1-2025-02-29",
            "gemini-2.5-pro-preview-00-05",
            "gpt-4o-2099-01-01",
            "claude-opus-4-1-20991231",
        ],
    )
    def test_no_such_day_stays_unknown(self, name: str) -> None:
        """A snapshot date the calendar lacks is no snapshot: the name is
        unknown, not priced as the undated model."""
        with pytest.raises(tc.UnknownModelError, match=repr(name)):
            tc.price(name)
