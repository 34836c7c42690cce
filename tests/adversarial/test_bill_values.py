"""
Bills and the values inside records: group fields that are numbers or
booleans, extra fields of a `UsageRecord` named like its own fields, and
JSON numbers that a float cannot hold.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc

from .conftest import Run, one_error_line

# glm-5.2 in 2026: 1.40 USD per million input tokens.
GLM_INPUT = Decimal("0.0000014")


def _record(team: object, tokens: int = 1) -> dict[str, Any]:
    return {
        "model": "glm-5.2",
        "timestamp": "2026-07-01",
        "input_tokens": tokens,
        "team": team,
    }


class TestGroupValuesOfOtherTypes:
    """1, 1.0 and True are equal in Python, but not the same text: records
    are grouped by the text of their value, whatever came first."""

    @pytest.mark.parametrize(
        "values",
        [[True, 1], [1, True], [1, 1.0], [1.0, 1], [0, False], [False, 0]],
    )
    def test_equal_values_stay_apart(self, values: list[object]) -> None:
        records = [
            _record(value, tokens) for value, tokens in zip(values, (1, 2), strict=True)
        ]
        found = tc.bill(records, by="team")
        expected = sorted(
            ((str(value),), 1, GLM_INPUT * tokens)
            for value, tokens in zip(values, (1, 2), strict=True)
        )
        assert [(g.key, g.records, g.total.amount) for g in found.groups] == expected

    def test_text_and_number_of_one_text_merge(self) -> None:
        """ "1" and 1 are both shown as 1: one group of two records."""
        found = tc.bill([_record("1", 1), _record(1, 2)], by="team")
        assert [(g.key, g.records, g.total.amount) for g in found.groups] == [
            (("1",), 2, GLM_INPUT * 3)
        ]

    def test_in_a_file(self, tmp_path: Path, cli: Run) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text(
            "".join(json.dumps(_record(v, t)) + "\n" for v, t in ((True, 1), (1, 2)))
        )
        status, out, err = cli("bill", str(path), "--by", "team", "-f", "json")
        assert status == 0, err
        groups = json.loads(out)["groups"]
        assert [(g["team"], g["records"], g["total"]) for g in groups] == [
            ("1", 1, "0.0000028"),
            ("True", 1, "0.0000014"),
        ]

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.sampled_from([True, False, 0, 1, 2, 0.0, 1.0, "1", "True", None, ""]),
            min_size=1,
            max_size=12,
        ),
        st.randoms(use_true_random=False),
    )
    def test_groups_are_the_texts(self, values: list[object], rnd: Any) -> None:
        """Each group holds exactly the records whose value reads as its key,
        in any order of the records; when no record has a value, the bill is
        refused."""
        records = [_record(value, 2**i) for i, value in enumerate(values)]
        rnd.shuffle(records)
        expected: dict[str, tuple[int, int]] = {}
        for r in records:
            text = "-" if r["team"] is None or r["team"] == "" else str(r["team"])
            count, tokens = expected.get(text, (0, 0))
            expected[text] = (count + 1, tokens + r["input_tokens"])
        if list(expected) == ["-"]:
            with pytest.raises(
                tc.InvalidInputError,
                match=r"^cannot group by 'team': no record has a value for it;",
            ):
                tc.bill(records, by="team")
            return
        found = tc.bill(records, by="team")
        assert {
            g.key[0]: (g.records, g.usage.input_tokens) for g in found.groups
        } == expected


class TestUsageRecordTags:
    """A `UsageRecord`'s tags are extra fields: never its model, time,
    variant or token counts."""

    @pytest.mark.parametrize(
        "name", ["model", "timestamp", "variant", "input_tokens", "cache_read_tokens"]
    )
    def test_field_names_refused(self, name: str) -> None:
        with pytest.raises(tc.InvalidInputError, match=repr(name)):
            tc.UsageRecord(
                "glm-5.2", tc.Usage(1_000, 10), "2026-07-01", tags={name: "0"}
            )

    def test_bill_unchanged_by_other_tags(self) -> None:
        """1,000 input and 10 output tokens of glm-5.2 (1.40 and 4.40 USD per
        million) are 0.001444 USD, with the tag as the group."""
        record = tc.UsageRecord(
            "glm-5.2", tc.Usage(1_000, 10), "2026-07-01", tags={"project": "a"}
        )
        found = tc.bill([record], by="model,project")
        assert [(g.key, g.total.amount) for g in found.groups] == [
            (("zai:glm-5.2", "a"), Decimal("0.001444"))
        ]

    def test_none_is_an_absent_tag(self) -> None:
        """A tag of None is absent, '-' in the bill, as in a dict record."""
        record = tc.UsageRecord(
            "glm-5.2", tc.Usage(1_000), "2026-07-01", tags={"project": None}
        )
        other = tc.UsageRecord(
            "glm-5.2", tc.Usage(1_000), "2026-07-01", tags={"project": "search"}
        )
        assert record.tags == ()
        found = tc.bill([record, other], by="project")
        assert [(g.key, g.records) for g in found.groups] == [
            (("-",), 1),
            (("search",), 1),
        ]


class TestJsonNumbersAFloatCannotHold:
    """A count is read from the JSON text exactly, not through a float."""

    def _bill(self, tmp_path: Path, count: str) -> Path:
        path = tmp_path / "usage.jsonl"
        path.write_text(
            '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1}\n'
            '{"model": "glm-5.2", "timestamp": "2026-07-01", '
            f'"input_tokens": {count}}}\n'
        )
        return path

    @pytest.mark.parametrize(
        ("count", "tokens"),
        [
            ("10000000000000001.0", 10_000_000_000_000_001),
            ("9007199254740993.0", 9_007_199_254_740_993),
            ("1.2e3", 1_200),
            ("1000.0", 1_000),
        ],
    )
    def test_whole(self, tmp_path: Path, count: str, tokens: int) -> None:
        found = tc.bill_file(self._bill(tmp_path, count))
        assert found.groups[0].usage.input_tokens == tokens + 1
        assert found.total().amount == GLM_INPUT * (tokens + 1)

    @pytest.mark.parametrize("count", ["1.0000000000000000001", "12.00000000000000001"])
    def test_not_whole(self, tmp_path: Path, cli: Run, count: str) -> None:
        """Refused with its line, as 1.5 is, not rounded to a whole count."""
        path = self._bill(tmp_path, count)
        status, _, err = cli("bill", str(path))
        assert status == 2
        assert one_error_line(err).startswith(
            f"tokencost: error: {path}:2: input_tokens must be a whole number"
        )

    @settings(max_examples=80, deadline=None)
    @given(
        st.integers(min_value=0, max_value=10**18),
        st.sampled_from(["{}.0", "{}.000", "{}e0", "{}E+0"]),
    )
    def test_any_whole_count(self, tokens: int, form: str) -> None:
        """Any whole count up to 10^18, written with a fraction or an
        exponent, is read as exactly that count."""
        from tokencost.billing.readers import parse_line

        line = (
            '{"model": "glm-5.2", "timestamp": "2026-07-01", '
            f'"input_tokens": {form.format(tokens)}}}'
        )
        record = parse_line(line.encode())
        assert record is not None
        found = tc.bill([record])
        assert found.groups[0].usage.input_tokens == tokens
        assert found.total().amount == GLM_INPUT * tokens

    def test_group_field_keeps_its_digits(self, tmp_path: Path) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text(
            '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1, '
            '"score": 0.30000000000000001}\n'
            '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1, '
            '"score": 0.3}\n'
        )
        found = tc.bill_file(path, by="score")
        assert [(g.key, g.records) for g in found.groups] == [
            (("0.3",), 1),
            (("0.30000000000000001",), 1),
        ]


class TestLongNames:
    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    def test_unknown_variant_error_is_short(
        self, tmp_path: Path, cli: Run, engine: str
    ) -> None:
        """A 200,000-character variant is named in a line of a few hundred
        characters, not repeated whole."""
        path = tmp_path / "usage.jsonl"
        record = {
            "model": "gpt-5.5",
            "variant": "v" * 200_000,
            "timestamp": "2026-07-01",
            "input_tokens": 1,
        }
        path.write_text(json.dumps(record) + "\n")
        status, _, err = cli("bill", str(path), "--engine", engine)
        assert status == 1
        line = one_error_line(err)
        assert line.startswith(f"tokencost: error: {path}:1: no 'vvvv")
        assert "v... variant in the prices since 2026-04-23" in line
        assert len(line) < 300 + len(str(path))


class TestShownValues:
    """A group field's text is shown in one cell of one row, whatever it
    holds: a line break or, in Markdown, a '|' would split the row."""

    RECORDS = (_record("a|b", 1), _record("x\ny", 2))

    def test_markdown(self, tmp_path: Path, cli: Run) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in self.RECORDS))
        status, out, err = cli("bill", str(path), "--by", "team", "-f", "markdown")
        assert status == 0, err
        lines = out.strip().splitlines()
        # Header, rule, two groups and the total: every line as many columns.
        assert len(lines) == 5
        assert {line.replace("\\|", "").count("|") for line in lines} == {8}
        assert lines[2].startswith("| a\\|b ")
        assert lines[3].startswith("| x\\ny ")

    def test_table(self, tmp_path: Path, cli: Run) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in self.RECORDS))
        status, out, err = cli("bill", str(path), "--by", "team")
        assert status == 0, err
        lines = out.strip().splitlines()
        assert len(lines) == 5
        assert [line.split()[0] for line in lines[2:]] == ["a|b", "x\\ny", "total"]
        # The records column: one each, two in all.
        assert [line.split()[1] for line in lines[2:]] == ["1", "1", "2"]


class TestHugeSums:
    """Each record may count up to 10^18 tokens; a group's sum is held to
    the same bound, and a bill beyond it says so, naming the model."""

    def test_up_to_the_bound(self) -> None:
        records = [_record("a", 5 * 10**17), _record("a", 5 * 10**17)]
        found = tc.bill(records)
        assert found.groups[0].usage.input_tokens == 10**18
        assert found.total().amount == Decimal("1400000000000")

    def test_beyond_it(self, tmp_path: Path, cli: Run) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text((json.dumps(_record("a", 10**18)) + "\n") * 2)
        status, _, err = cli("bill", str(path), "--engine", "python")
        assert status == 2
        assert one_error_line(err) == (
            "tokencost: error: 2 records of zai:glm-5.2 add up to "
            "2,000,000,000,000,000,000 tokens of one kind, more than one group "
            "of a bill sums (at most 1e+18): bill them in parts"
        )
