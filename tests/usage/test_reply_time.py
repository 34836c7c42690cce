"""A reply is priced as of the moment it says it was made (`reply_time`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

import tokencost as tc
from tokencost.cli.main import main as cli


@pytest.fixture(autouse=True)
def _late_clock() -> Iterator[None]:
    # "Now" is long after every reply below, so a reply priced at the clock
    # instead of its own time would get other prices.
    tc.set_clock(lambda: datetime(2026, 11, 30, 12, tzinfo=UTC))
    yield
    tc.set_clock(None)


def _deepseek(created: object) -> dict[str, object]:
    # DeepSeek's Chat Completions shape: 6,000 missed and 4,000 cached prompt
    # tokens, 2,000 output tokens.
    return {
        "object": "chat.completion",
        "created": created,
        "model": "deepseek-chat",
        "usage": {
            "prompt_tokens": 10_000,
            "completion_tokens": 2_000,
            "total_tokens": 12_000,
            "prompt_cache_hit_tokens": 4_000,
            "prompt_cache_miss_tokens": 6_000,
        },
    }


def _seconds(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


# DeepSeek's list until 2025-09-05: 0.27 USD per million missed prompt
# tokens, 0.07 cached, 1.10 output; 50% off from 16:30 to 00:30 UTC.
# 6,000 x 0.27 + 4,000 x 0.07 + 2,000 x 1.10 = 4,100 millionths.
@pytest.mark.parametrize(
    ("created", "total", "window"),
    [
        ("2025-08-01T10:00:00+00:00", Decimal("0.0041"), None),
        ("2025-08-01T16:29:59+00:00", Decimal("0.0041"), None),
        ("2025-08-01T16:30:00+00:00", Decimal("0.00205"), "off-peak"),
        ("2025-08-01T17:00:00+00:00", Decimal("0.00205"), "off-peak"),
        ("2025-08-02T00:29:59+00:00", Decimal("0.00205"), "off-peak"),
    ],
)
def test_deepseek_reply_gets_the_window_of_its_own_moment(
    created: str, total: Decimal, window: str | None
) -> None:
    cost = tc.cost_reply(_deepseek(_seconds(created)))
    assert cost.total == tc.Money(total, "USD")
    assert cost.window == window
    assert cost.at == date.fromisoformat(created[:10])


def test_reply_before_a_price_cut_is_priced_before_it() -> None:
    # o3 cost 10 / 40 USD per million until OpenAI's cut of 2025-06-10, and
    # 2 / 8 after it; the clock says 2026.
    reply = {
        "object": "response",
        "created_at": _seconds("2025-05-01T09:00:00+00:00"),
        "model": "o3-2025-04-16",
        "usage": {
            "input_tokens": 1_000_000,
            "output_tokens": 1_000_000,
            "total_tokens": 2_000_000,
        },
    }
    assert tc.cost_reply(reply).total == tc.Money(Decimal("50"), "USD")
    assert tc.cost_reply(reply, at="2025-07-01").total == tc.Money(Decimal("10"), "USD")


def test_at_overrides_the_reply_time() -> None:
    reply = _deepseek(_seconds("2025-08-01T17:00:00+00:00"))
    cost = tc.cost_reply(reply, at="2025-08-01T10:00:00Z")
    assert cost.total == tc.Money(Decimal("0.0041"), "USD")
    assert cost.window is None


def test_at_spares_a_malformed_time() -> None:
    cost = tc.cost_reply(_deepseek("yesterday"), at="2025-08-01T10:00:00Z")
    assert cost.total == tc.Money(Decimal("0.0041"), "USD")


def test_a_reply_without_a_time_is_priced_now() -> None:
    reply = {
        "type": "message",
        "model": "claude-sonnet-4-5",
        "usage": {"input_tokens": 1_000_000, "output_tokens": 0},
    }
    assert tc.reply_time(reply) is None
    assert tc.cost_reply(reply).at == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("reply", "moment"),
    [
        (
            {"created": 1_754_067_600, "usage": {}},
            datetime(2025, 8, 1, 17, tzinfo=UTC),
        ),
        (
            {"created_at": 1_746_090_000, "usage": {}},
            datetime(2025, 5, 1, 9, tzinfo=UTC),
        ),
        (
            {"created": Decimal("1754067600.0"), "usage": {}},
            datetime(2025, 8, 1, 17, tzinfo=UTC),
        ),
        (
            {"created": 1754067600.0, "usage": {}},
            datetime(2025, 8, 1, 17, tzinfo=UTC),
        ),
        (
            {"createTime": "2025-03-12T09:29:31.451395Z", "usageMetadata": {}},
            datetime(2025, 3, 12, 9, 29, 31, 451395, tzinfo=UTC),
        ),
        # Nanoseconds are cut to microseconds: never across a second.
        (
            {"createTime": "2025-08-01T16:29:59.999999999Z", "usageMetadata": {}},
            datetime(2025, 8, 1, 16, 29, 59, 999999, tzinfo=UTC),
        ),
        (
            {"createTime": "2025-03-12 09:29:31Z", "usageMetadata": {}},
            datetime(2025, 3, 12, 9, 29, 31, tzinfo=UTC),
        ),
        (
            {"createTime": "2025-03-12T17:29:31+08:00", "usageMetadata": {}},
            datetime(2025, 3, 12, 9, 29, 31, tzinfo=UTC),
        ),
        (
            SimpleNamespace(
                create_time=datetime(
                    2025, 3, 12, 17, 29, tzinfo=timezone(timedelta(hours=8))
                ),
                usage_metadata=None,
            ),
            datetime(2025, 3, 12, 9, 29, tzinfo=UTC),
        ),
        # A naive datetime in an SDK object is UTC, as everywhere else.
        (
            SimpleNamespace(create_time=datetime(2025, 3, 12, 9, 29)),
            datetime(2025, 3, 12, 9, 29, tzinfo=UTC),
        ),
        # A line of an OpenAI batch's output: the reply in response.body.
        (
            {
                "custom_id": "r1",
                "response": {
                    "status_code": 200,
                    "body": {"created": 1_754_067_600, "usage": {}},
                },
            },
            datetime(2025, 8, 1, 17, tzinfo=UTC),
        ),
        # The event that ends a streamed Responses API reply.
        (
            {
                "type": "response.completed",
                "response": {"created_at": 1_746_090_000, "usage": {}},
            },
            datetime(2025, 5, 1, 9, tzinfo=UTC),
        ),
        ({"type": "message", "usage": {}}, None),
        ({"usageMetadata": {}}, None),
        ({"created": None, "usage": {}}, None),
    ],
)
def test_reply_time_reads_each_shape(reply: object, moment: datetime | None) -> None:
    assert tc.reply_time(reply) == moment


@pytest.mark.parametrize(
    "value",
    [
        True,
        0,
        -1,
        253_402_300_800,
        10**30,
        1754067600.5,
        Decimal("1754067600.5"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        float("nan"),
        float("inf"),
        "1754067600",
        "2025-08-01",
        "2025-08-01T17:00:00",
        "yesterday",
        "",
        "1970-01-01T00:00:00Z",
        [1754067600],
        {"seconds": 1754067600},
    ],
)
def test_a_time_that_is_no_moment_is_refused(value: object) -> None:
    with pytest.raises(tc.InvalidReplyError, match="the reply's created is"):
        tc.reply_time({"created": value, "usage": {}})
    with pytest.raises(tc.InvalidReplyError, match="pass at="):
        tc.cost_reply(_deepseek(value))
    # A malformed reply raises even when the data may not price it.
    with pytest.raises(tc.InvalidReplyError):
        tc.cost_reply(_deepseek(value), strict=False)


def test_the_refusal_names_the_key_and_value() -> None:
    with pytest.raises(tc.InvalidReplyError) as caught:
        tc.reply_time({"created_at": -5, "usage": {}})
    assert str(caught.value).startswith("the reply's created_at is -5: expected")


def test_reply_time_ignores_the_decimal_context() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact])):
        assert tc.reply_time({"created": Decimal("1754067600"), "usage": {}}) == (
            datetime(2025, 8, 1, 17, tzinfo=UTC)
        )
        assert tc.cost_reply(_deepseek(1_754_067_600)).total == tc.Money(
            Decimal("0.00205"), "USD"
        )


def test_command_prices_as_of_the_reply_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reply.json"
    path.write_text(json.dumps(_deepseek(1_754_067_600)), encoding="utf-8")
    assert cli(["reply", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["created"] == "2025-08-01T17:00:00Z"
    assert data["total"] == "0.00205"
    assert data["window"] == "off-peak"

    assert cli(["reply", str(path)]) == 0
    assert "prices as of 2025-08-01T17:00:00Z (reply created)" in (
        capsys.readouterr().out
    )

    assert cli(["reply", str(path), "--at", "2025-08-01T10:00Z", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["created"] is None
    assert data["total"] == "0.0041"


def test_command_refuses_a_malformed_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reply.json"
    path.write_text(json.dumps(_deepseek(-1)), encoding="utf-8")
    assert cli(["reply", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tokencost: error: {path}: the reply's created is -1:")
    assert "Traceback" not in err
