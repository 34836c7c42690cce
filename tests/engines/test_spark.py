"""
`tokencost.spark`: the same bills, priced rows and errors as the Python
engine, in one local Spark session (two cores) shared by these tests.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tests.engines.strategies import streams
from tests.engines.test_sql import USAGE, _script, _statements, expected

_COLUMNS = (
    "model string, timestamp string, variant string, input_tokens long, "
    "output_tokens long, cache_read_tokens long, cache_write_tokens long, "
    "cache_write_1h_tokens long, reasoning_tokens long, input_audio_tokens long, "
    "project string"
)
_NAMES = [c.split()[0] for c in _COLUMNS.split(", ")]


def _frame(spark: Any, records: list[dict[str, Any]]) -> Any:
    rows = [tuple(r.get(name) for name in _NAMES) for r in records]
    return spark.createDataFrame(rows, _COLUMNS)


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except tc.TokencostError as exc:
        return type(exc).__name__, str(exc)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.one_of(streams(bad=False, max_size=10), streams(max_size=10)))
def test_same_bill_and_costs_as_python(
    spark: Any, lab: tc.Catalog, records: list[dict[str, Any]]
) -> None:
    """Per record and per group, to the last digit, or the same error."""
    import tokencost.spark as tcs

    # The frame has the columns of _NAMES only, so the reference does too.
    records = [{k: v for k, v in r.items() if k in _NAMES} for r in records]
    df = _frame(spark, records)
    for by in ("model,project", "month,window"):
        want = _outcome(lambda by=by: tc.bill(records, by=by, catalog=lab).to_dict())
        got = _outcome(lambda by=by: tcs.bill(df, by=by, catalog=lab).to_dict())
        assert got == want
    if want[0] != "ok":
        assert _outcome(lambda: tcs.price_records(df, catalog=lab)) == want
        return
    priced = tcs.price_records(df, catalog=lab).collect()
    costs = [
        tc.cost(
            r["model"],
            tc.Usage(**{k: v for k, v in r.items() if k.endswith("_tokens")}),
            at=r["timestamp"],
            variant=r.get("variant"),
            catalog=lab,
        ).total.amount
        for r in records
    ]
    assert [row["cost"] for row in priced] == costs


def test_typed_columns(spark: Any, lab: tc.Catalog) -> None:
    """A timestamp column, UTC: the off-peak window by the minute. At 16:29
    on a Monday lab-1's 1M-token prompt is in its tier (3 and 18 a
    million); at 16:30 the window, which has no tiers, prices it at 0.75
    and 6."""
    import tokencost.spark as tcs

    df = spark.createDataFrame(
        [
            ("lab-1", datetime(2026, 7, 6, 16, 29), 1_000_000, 1_000_000),
            ("lab-1", datetime(2026, 7, 6, 16, 30), 1_000_000, 1_000_000),
        ],
        "model string, timestamp timestamp_ntz, input_tokens long, output_tokens long",
    )
    rows = tcs.price_records(df, catalog=lab).collect()
    assert [(r["time_window"], r["tier"], r["cost"]) for r in rows] == [
        (None, 1, Decimal("21")),
        ("off-peak", 0, Decimal("6.75")),
    ]
    assert tcs.bill(df, catalog=lab).total().amount == Decimal("27.75")


@pytest.mark.parametrize(
    ("schema", "row", "error", "message"),
    [
        (
            "model string, timestamp string, input_tokens double",
            ("glm-5.2", "2026-07-01", 1.0),
            tc.WrongTypeError,
            "column 'input_tokens' is double: it must be integer",
        ),
        (
            "model string, input_tokens long",
            ("glm-5.2", 1),
            tc.InvalidInputError,
            "the DataFrame has no 'timestamp' column",
        ),
        (
            "model string, timestamp string, input_tokens long",
            ("glm-5.2", "2026-07-01", -5),
            tc.InvalidQuantityError,
            "record 1:",
        ),
    ],
)
def test_bad_columns(
    spark: Any, schema: str, row: tuple[Any, ...], error: type[Exception], message: str
) -> None:
    """A column of the wrong type, a missing column or a negative count: a
    one-line error naming the column or the record."""
    import tokencost.spark as tcs

    with pytest.raises(error, match=message):
        tcs.bill(spark.createDataFrame([row], schema))


def test_the_spark_script_runs(spark: Any, lab: tc.Catalog, tmp_path: Any) -> None:
    """`tokencost sql --dialect spark` runs in Spark and bills as `cost` does."""
    rows = [
        (m, datetime.fromisoformat(at), v, i, o, r, w, p, None, None)
        for m, at, v, i, o, r, w, p in USAGE
    ]
    spark.createDataFrame(
        rows,
        "model string, timestamp timestamp_ntz, variant string, input_tokens long, "
        "output_tokens long, cache_read_tokens long, cache_write_tokens long, "
        "project string, cache_write_1h_tokens long, reasoning_tokens long",
    ).write.mode("overwrite").saveAsTable("usage")
    try:
        *setup, query = _statements(_script(lab, "spark"))
        for statement in setup:
            spark.sql(statement)
        got = {(r[0], r[2]): (r[3], r[-2], r[-1]) for r in spark.sql(query).collect()}
        sources = {r[0] for r in spark.sql("SELECT source FROM token_prices").collect()}
    finally:
        for name in ("priced_usage", "usage_rows"):
            spark.sql(f"DROP VIEW IF EXISTS {name}")
        for name in ("token_prices", "token_names", "usage"):
            spark.sql(f"DROP TABLE IF EXISTS {name}")
    assert {k: v for k, v in got.items() if k[0] is not None} == expected(lab)
    assert got[(None, "x")] == (1, None, 1)
    # Text keeps every character: "DeepSeek's pricing page".
    assert sources == {
        period.source
        for model in ("lab-1", "deepseek-chat", "zhipuai:glm-5.2")
        for period in lab.get(model).periods
    }


class TestModalities:
    """Tokens of other modalities, each priced by Spark at its own rate."""

    _SCHEMA = (
        "model string, timestamp string, input_tokens long, output_tokens long, "
        "input_audio_tokens long, input_image_tokens long, output_image_tokens long"
    )
    # Gemini 2.5 Flash on 2026-07-01: text and image input 0.30, audio input
    # 1.00, output 2.50 per million; Gemini 2.5 Flash Image: input 0.30,
    # text output 2.50, image output 30 per million.
    _ROWS = (
        (
            "gemini-2.5-flash",
            "2026-07-01T10:00:00Z",
            1_000_000,
            10_000,
            300_000,
            200_000,
            0,
        ),
        ("gemini-2.5-flash-image", "2026-07-01T10:00:00Z", 1_000, 10_000, 0, 0, 2_580),
    )

    def test_price_records(self, spark: Any) -> None:
        """Each modality in its own cost column, by hand: 500,000 text input
        tokens cost 0.15, 300,000 audio 0.3, 200,000 image 0.06, 10,000
        output 0.025; 7,420 text output tokens 0.01855 and 2,580 image
        output tokens 0.0774."""
        import tokencost.spark as tcs

        df = spark.createDataFrame(list(self._ROWS), self._SCHEMA)
        rows = tcs.price_records(df).orderBy("model").collect()
        columns = (
            "input_cost",
            "input_audio_cost",
            "input_image_cost",
            "output_cost",
            "output_image_cost",
            "cost",
        )
        assert [tuple(row[c] for c in columns) for row in rows] == [
            (
                Decimal("0.15"),
                Decimal("0.3"),
                Decimal("0.06"),
                Decimal("0.025"),
                Decimal("0"),
                Decimal("0.535"),
            ),
            (
                Decimal("0.0003"),
                Decimal("0"),
                Decimal("0"),
                Decimal("0.01855"),
                Decimal("0.0774"),
                Decimal("0.09625"),
            ),
        ]

    def test_bill(self, spark: Any) -> None:
        """The bill sums the modalities per model, 0.535 and 0.09625, as the
        Python engine bills the same records."""
        import tokencost.spark as tcs

        df = spark.createDataFrame(list(self._ROWS), self._SCHEMA)
        bill = tcs.bill(df, by="model")
        totals = {g["model"]: g["total"] for g in bill.to_dict()["groups"]}
        assert totals == {
            "google:gemini-2.5-flash": "0.535",
            "google:gemini-2.5-flash-image": "0.09625",
        }
        assert bill.total().amount == Decimal("0.63125")
        names = self._SCHEMA.replace(" string", "").replace(" long", "").split(", ")
        records = [dict(zip(names, row, strict=True)) for row in self._ROWS]
        assert bill.to_dict() == tc.bill(records, by="model").to_dict()

    def test_no_rate_is_an_error(self, spark: Any) -> None:
        """Audio input on a model without an audio price is refused, never
        priced as text, with the Python engine's error."""
        import tokencost.spark as tcs

        row = ("gpt-4.1", "2026-07-01T10:00:00Z", 1_000, 10, 300, 0, 0)
        df = spark.createDataFrame([row], self._SCHEMA)
        message = "openai:gpt-4.1 has no known input-audio price"
        with pytest.raises(tc.NoPriceError, match=message):
            tcs.bill(df)
        names = self._SCHEMA.replace(" string", "").replace(" long", "").split(", ")
        with pytest.raises(tc.NoPriceError, match=message):
            tc.bill([dict(zip(names, row, strict=True))])


def test_group_field_named_like_tokens(spark: Any) -> None:
    """A field named like a token count is refused by the Python engine even
    when the bill is grouped by it; Spark gives the same error."""
    import tokencost.spark as tcs

    row = ("gpt-5.5", "2026-07-01T10:00:00Z", 5, "x")
    df = spark.createDataFrame(
        [row], "model string, timestamp string, input_tokens long, token_note string"
    )
    message = "record 1: cannot read the token counts 'token_note'"
    with pytest.raises(tc.InvalidInputError, match=message):
        tcs.bill(df, by="model,token_note")
    names = ("model", "timestamp", "input_tokens", "token_note")
    record = dict(zip(names, row, strict=True))
    with pytest.raises(tc.InvalidInputError, match=message):
        tc.bill([record], by="model,token_note")


def test_attributes_holding_counts(spark: Any) -> None:
    """OpenTelemetry attributes holding token counts, as a struct column, are
    read as the Python engine reads them (100,000 input tokens at 5 a
    million, 10 output at 30: 0.5003), not the record's own 5,000."""
    import tokencost.spark as tcs

    schema = (
        "model string, timestamp string, input_tokens long, output_tokens long, "
        "attributes struct<`gen_ai.usage.input_tokens`: long, "
        "`gen_ai.usage.output_tokens`: long>"
    )
    row = ("gpt-5.5", "2026-07-01T10:00:00Z", 5_000, 10, (100_000, 10))
    bill = tcs.bill(spark.createDataFrame([row], schema))
    assert bill.total().amount == Decimal("0.5003")


class TestAddedColumns:
    def test_a_clash_is_refused(self, spark: Any) -> None:
        import tokencost.spark as tcs

        df = spark.createDataFrame(
            [("gpt-5.5", "2026-10-05T02:21:19Z", 10, "mine")],
            "model string, timestamp string, input_tokens long, cost string",
        )
        with pytest.raises(tc.InvalidInputError, match="already have a column 'cost'"):
            tcs.price_records(df)

    @pytest.mark.parametrize("second", ["input_tokens", "Input_Tokens"])
    def test_a_column_twice_is_refused(self, spark: Any, second: str) -> None:
        """Two columns of one name (to Spark, which ignores case) are refused
        by name, not left to Spark's ambiguous-reference error."""
        import tokencost.spark as tcs

        df = spark.createDataFrame(
            [("gpt-5.5", "2026-10-05T02:21:19Z", 10, 20)],
            f"model string, timestamp string, input_tokens long, {second} long",
        )
        for call in (tcs.bill, tcs.price_records):
            with pytest.raises(tc.InvalidInputError, match=f"column '{second}' twice"):
                call(df)

    def test_the_row_number_column_is_refused(self, spark: Any) -> None:
        import tokencost.spark as tcs

        df = spark.createDataFrame(
            [("gpt-5.5", "2026-10-05T02:21:19Z", 10, 1)],
            "model string, timestamp string, input_tokens long, __tokencost_row long",
        )
        with pytest.raises(tc.InvalidInputError, match="'__tokencost_row'"):
            tcs.price_records(df)


class TestNamedRecords:
    """What the Spark engine finds only when it prices its sums, or never
    finds in a column, is named as `tokencost.bill` names it."""

    def test_a_component_the_prices_lack(self, spark: Any) -> None:
        """The third row's cache read, in batch prices without one: its row
        and its own 500 tokens, from `bill` and from `price_records`."""
        import tokencost.spark as tcs
        from tests.adversarial.test_bill_unpriced import BAD, MESSAGE, OK

        df = _frame(spark, [OK, OK, BAD, OK, BAD])
        for call in (tcs.bill, tcs.price_records):
            with pytest.raises(tc.NoPriceError) as caught:
                call(df)
            assert str(caught.value) == f"record 3: {MESSAGE}"

    @pytest.mark.parametrize(
        ("by", "named"),
        [
            ("projcet", "'projcet': no record has a value for it (did you mean "),
            ("project", "'project': no record has a value for it; group by "),
        ],
    )
    def test_a_field_no_record_has(self, spark: Any, by: str, named: str) -> None:
        """No such column, or a column of nulls: refused as by the Python
        engine, with the fields the records have."""
        import tokencost.spark as tcs
        from tests.adversarial.conftest import record

        records = [record(), record()]
        if by == "projcet":
            records[1]["project"] = "search"
        df = _frame(spark, records)
        with pytest.raises(tc.InvalidInputError) as caught:
            tcs.bill(df, by=by)
        with pytest.raises(tc.InvalidInputError) as python:
            tc.bill(records, by=by)
        assert str(caught.value) == str(python.value)
        assert str(caught.value).startswith(f"cannot group by {named}")

    def test_a_bad_record_before_the_field(self, spark: Any) -> None:
        """A record its prices cannot price comes first, as in the Python
        engine: its row and its own tokens, not the field no record has."""
        import tokencost.spark as tcs
        from tests.adversarial.test_bill_unpriced import BAD, MESSAGE, OK

        with pytest.raises(tc.NoPriceError) as caught:
            tcs.bill(_frame(spark, [OK, BAD, OK]), by="project")
        assert str(caught.value) == f"record 2: {MESSAGE}"

    def test_no_rows(self, spark: Any) -> None:
        """No record: nothing to group, an empty bill."""
        import tokencost.spark as tcs

        bill = tcs.bill(_frame(spark, []), by="projcet")
        assert (bill.records, bill.groups) == (0, ())
