"""Usage counts: any integral type, every count in the repr, the invariants."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokencost as tc


class Int64:
    """Stands in for numpy.int64: integral through __index__, not an int."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


class TestIntegralTypes:
    @pytest.mark.parametrize(
        "value", [1_200, Int64(1_200), Decimal("1200"), 1.2e3, "1.2k", "1_200"]
    )
    def test_any_integral_count(self, value: object) -> None:
        """ints, __index__ objects, whole Decimals and floats, text: all read."""
        assert tc.Usage(value, value).input_tokens == 1_200  # type: ignore[arg-type]

    def test_index_objects_in_cost(self) -> None:
        """cost() takes numpy-like integers for counts and requests."""
        a = tc.cost("claude-fable-5", input_tokens=Int64(120_000),
                    output_tokens=Int64(4_000), requests=Int64(3), at="2026-07-01")  # fmt: skip
        b = tc.cost("claude-fable-5", input_tokens=120_000, output_tokens=4_000,
                    requests=3, at="2026-07-01")  # fmt: skip
        assert a.total == b.total == tc.Money("4.2", "USD")

    @pytest.mark.parametrize(
        ("value", "error", "message"),
        [
            (True, tc.WrongTypeError, "bool"),
            (Int64(-5), tc.InvalidQuantityError, r"input_tokens must be >= 0, got -5"),
            (Decimal("1.5"), tc.InvalidQuantityError, "whole number"),
        ],
    )
    def test_refused(self, value: object, error: type[Exception], message: str) -> None:
        """Bools, negatives and fractions are refused, naming the count."""
        with pytest.raises(error, match=message):
            tc.Usage(value)  # type: ignore[arg-type]


class TestRepr:
    def test_every_nonzero_count(self) -> None:
        """The repr shows every non-zero count, one-hour and reasoning too."""
        usage = tc.Usage(31_200, 800, 0, 10_000, cache_write_1h_tokens=20_000,
                         reasoning_tokens=300, input_audio_tokens=200,
                         output_image_tokens=100)  # fmt: skip
        assert repr(usage) == (
            "Usage(input_tokens=31200, output_tokens=800, cache_read_tokens=0, "
            "cache_write_tokens=10000, cache_write_1h_tokens=20000, "
            "reasoning_tokens=300, input_audio_tokens=200, output_image_tokens=100)"
        )

    def test_total_adds_every_count(self) -> None:
        """UsageTotal adds the modality counts as well."""
        one = tc.Usage(100, 50, input_video_tokens=40, output_audio_tokens=10)
        total = one + one
        assert (total.input_video_tokens, total.output_audio_tokens) == (80, 20)
        assert total.uncached_input_tokens == 120


class TestInvariants:
    def test_parts_of_input(self) -> None:
        """Cached and non-text prompt tokens cannot exceed the prompt."""
        with pytest.raises(
            tc.InvalidUsageError,
            match=r"^cache and non-text tokens exceed input tokens: "
            r"cache_read_tokens=60 \+ input_image_tokens=50 > input_tokens=100",
        ):
            tc.Usage(100, 0, 60, input_image_tokens=50)

    def test_parts_of_output(self) -> None:
        """Reasoning and non-text output cannot exceed the output."""
        with pytest.raises(
            tc.InvalidUsageError,
            match=r"reasoning_tokens=6 \+ output_image_tokens=5 exceed output_tokens=10",
        ):
            tc.Usage(0, 10, reasoning_tokens=6, output_image_tokens=5)
