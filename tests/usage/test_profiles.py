"""Usage profiles and workload costs, checked against hand-computed figures."""

from __future__ import annotations

from decimal import Context, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc

AT = "2026-07-01"


class TestBuiltinProfiles:
    @pytest.mark.parametrize(
        ("model", "name", "per_request"),
        [
            # chat on GLM-5.2: 0.6 x (800 x 1.40 + 300 x 4.40) + 0.35 x (2,000 x 1.40
            # + 2,000 x 0.26 + 500 x 4.40) + 0.05 x (4,000 x 1.40 + 16,000 x 0.26
            # + 800 x 4.40), per million
            ("glm-5.2", "chat", Decimal("0.00406")),
            ("glm-5.2", "rag", Decimal("0.009326")),
            ("glm-5.2", "agentic-coding", Decimal("0.04268")),
            ("glm-5.2", "summarization", Decimal("0.170136")),
            ("glm-5.2", "batch-classification", Decimal("0.000928")),
            ("glm-5.2", "translation", Decimal("0.00914")),
            ("claude-fable-5", "chat", Decimal("0.03505")),
            ("claude-fable-5", "rag", Decimal("0.06935")),
            ("claude-fable-5", "agentic-coding", Decimal("0.28475")),
            ("claude-fable-5", "summarization", Decimal("1.242")),
            # Fable 5 offers batch: 600 x 5 + 20 x 25, per million
            ("claude-fable-5", "batch-classification", Decimal("0.0035")),
            ("claude-fable-5", "translation", Decimal("0.095")),
            # the 300K tail crosses GPT-5.5's 272,001 threshold: 0.6 x 0.083
            # + 0.3 x 0.189 + 0.1 x 0.75 (that shape at 10 / 1 / 10 / 45)
            ("gpt-5.5", "agentic-coding", Decimal("0.1815")),
            # GPT-5.5 offers batch: 600 x 2.50 + 20 x 15, per million
            ("gpt-5.5", "batch-classification", Decimal("0.0018")),
        ],
    )
    def test_cost_per_request(
        self, model: str, name: str, per_request: Decimal
    ) -> None:
        """Each built-in profile costs what the hand computation says."""
        w = tc.workload_cost(model, name, requests=1, at=AT)
        assert w.total.amount == per_request
        assert w.total.amount == sum(line.amount.amount for line in w.lines)

    def test_tier_applies_per_shape(self) -> None:
        """Only the shape past the threshold is billed at the tier's rates."""
        w = tc.workload_cost("gpt-5.5", "agentic-coding", requests=1, at=AT)
        assert [line.tier for line in w.lines] == [None, None, 272_001]

    def test_batch_only_where_offered(self) -> None:
        """The batch shape uses batch prices where the model has them."""
        gpt = tc.workload_cost("gpt-5.5", "batch-classification", at=AT)
        glm = tc.workload_cost("glm-5.2", "batch-classification", at=AT)
        assert gpt.lines[0].variant == "batch"
        assert glm.lines[0].variant is None

    def test_projection(self) -> None:
        """100,000 chat requests a day on GLM-5.2: 406 a day, x 365 a year."""
        w = tc.workload_cost("glm-5.2", "chat", at=AT)
        projection = w.projection()
        assert projection["day"].amount == Decimal("406")
        assert projection["year"].amount == Decimal("148190")
        assert projection["month"].amount * 12 == projection["year"].amount
        assert w.per_request.amount == Decimal("0.00406")

    def test_volume_per_month(self) -> None:
        """1M requests a month is a twelfth of the year's cost."""
        w = tc.workload_cost("claude-fable-5", "agentic-coding", requests="1M",
                    per="month", at=AT)  # fmt: skip
        assert w.total.amount == Decimal("284750")
        assert w.projection()["year"].amount == Decimal("3417000")

    def test_listed(self) -> None:
        """The six built-in profiles are there, each with its assumptions."""
        profiles = tc.builtin_profiles()
        assert set(profiles) == {
            "chat", "rag", "agentic-coding", "summarization",
            "batch-classification", "translation",
        }  # fmt: skip
        assert all(p.assumptions for p in profiles.values())


class TestUserProfiles:
    def test_python_profile(self) -> None:
        """Profiles can be written in Python; weights need not sum to 1."""
        profile = tc.UsageProfile(
            "mine",
            [tc.RequestShape("a", 3, 1_000, 100), tc.RequestShape("b", 1, 5_000, 500)],
        )
        w = tc.workload_cost("claude-fable-5", profile, requests=4, at=AT)
        # 3 x (1,000 x 10 + 100 x 50) + 1 x (5,000 x 10 + 500 x 50), per million
        assert w.total.amount == Decimal("0.12")

    def test_file(self, tmp_path: Path) -> None:
        """Profiles load from TOML files."""
        path = tmp_path / "p.toml"
        path.write_text(
            '[mine]\nvolume = 10\nper = "month"\n'
            "[[mine.shapes]]\nweight = 1\ninput_tokens = 1000\noutput_tokens = 100\n"
        )
        profiles = tc.load_profiles(path)
        w = tc.workload_cost("claude-fable-5", "mine", at=AT, profiles=profiles)
        assert w.total.amount == Decimal("0.15")
        assert w.per == "month"

    @pytest.mark.parametrize(
        ("body", "fragment"),
        [
            (
                "[[p.shapes]]\nweight = 0\ninput_tokens = 1\noutput_tokens = 1\n",
                "more than 0",
            ),
            (
                "[[p.shapes]]\nweight = -1\ninput_tokens = 1\noutput_tokens = 1\n",
                "weight must be >= 0",
            ),
            (
                "volume = -5\n[[p.shapes]]\nweight = 1\ninput_tokens = 1\noutput_tokens = 1\n",
                "volume must be >= 0",
            ),
            (
                "per = 'week'\n[[p.shapes]]\nweight = 1\ninput_tokens = 1\noutput_tokens = 1\n",
                "unknown period 'week'",
            ),
            (
                "[[p.shapes]]\nweight = 1\ninput_tokens = 1\noutput_tokens = 1\ncolour = 2\n",
                "unknown field 'colour'",
            ),
            (
                "[[p.shapes]]\nweight = 1\ninput_tokens = 10\noutput_tokens = 1\ncache_read_share = 1.5\n",
                "between 0 and 1",
            ),
            (
                "[[p.shapes]]\nweight = 1\ninput_tokens = 10\noutput_tokens = 1\ncache_read_share = 0.6\ncache_write_share = 0.6\n",
                "more than the prompt",
            ),
            ("shapes = []\n", "at least one request shape"),
            (
                "[[p.shapes]]\nweight = 1\ninput_tokens = 10\n",
                r"p.shapes.0: missing 'output_tokens' \(a shape needs weight, "
                r"input_tokens and output_tokens\)$",
            ),
            (
                "[[p.shapes]]\ninput_tokens = 10\n",
                r"p.shapes.0: missing 'output_tokens', 'weight' \(a shape",
            ),
        ],
    )
    def test_bad_profiles(self, tmp_path: Path, body: str, fragment: str) -> None:
        """Bad weights, volumes, periods and shares get a clear error naming the file."""
        path = tmp_path / "bad.toml"
        path.write_text("[p]\n" + body)
        with pytest.raises(tc.InvalidInputError, match=fragment) as info:
            tc.load_profiles(path)
        assert str(info.value).startswith(str(path))

    def test_json_key_given_twice(self, tmp_path: Path) -> None:
        """A JSON profile that gives a key twice is refused, naming the key
        and both values, as TOML refuses it: the last value was kept."""
        path = tmp_path / "mine.json"
        path.write_text(
            '{"p": {"shapes": [{"weight": 1, "input_tokens": 1000, '
            '"input_tokens": 500000, "output_tokens": 10}]}}'
        )
        with pytest.raises(
            tc.InvalidInputError,
            match=r": the key 'input_tokens' appears twice in one object "
            r"\(1000, then 500000\)",
        ) as info:
            tc.load_profiles(path)
        assert str(info.value).startswith(str(path))

    def test_unknown_profile(self) -> None:
        """An unknown profile suggests the closest name."""
        with pytest.raises(
            tc.UnknownProfileError, match="did you mean 'agentic-coding'"
        ):
            tc.workload_cost("glm-5.2", "agentic-codin")

    def test_negative_requests(self) -> None:
        """A negative volume is refused."""
        with pytest.raises(tc.InvalidQuantityError, match="requests must be >= 0"):
            tc.workload_cost("glm-5.2", "chat", requests=-1)


class TestCurrencies:
    def test_usd_and_cny_agree_through_the_rate(self) -> None:
        """A comparison in CNY is the one in USD times the stated rate, exactly."""
        fx = {"CNY": "7.10"}
        models = ["glm-5.2", "claude-fable-5", "gpt-5.5"]
        usd = tc.compare(models, "agentic-coding", requests="1M", per="month",
                         currency="USD", fx=fx, at=AT)  # fmt: skip
        cny = tc.compare(models, "agentic-coding", requests="1M", per="month",
                         currency="CNY", fx=fx, at=AT)  # fmt: skip
        assert [r.model for r in usd.rows] == [r.model for r in cny.rows]
        for a, b in zip(usd.rows, cny.rows, strict=True):
            assert b.cost.total.amount == a.cost.total.amount * Decimal("7.10")
            assert b.cost.rate == Decimal("7.1")
            assert a.ratio == b.ratio
        assert usd.rows[0].cost.total.amount == Decimal("42680")

    def test_cny_model_in_usd(self, acme: tc.Catalog) -> None:
        """A CNY price converts to USD by dividing by the rate per USD."""
        c = tc.compare(["acme-1", "yuan-1"], tc.Usage(1_000_000, 1_000_000),
                       currency="USD", fx={"CNY": "8"}, at=AT, catalog=acme)  # fmt: skip
        yuan = next(r for r in c.rows if r.model == "yuanco:yuan-1")
        # 8 + 28 yuan at 8 yuan per dollar
        assert yuan.cost.total == tc.Money("4.5", "USD")
        assert yuan.cost.native_currency == "CNY"

    def test_bundled_rate_is_dated(self) -> None:
        """The bundled table is the ECB's of the day asked for, and says so."""
        w = tc.workload_cost("glm-5.2", tc.Usage(1_000_000, 0), currency="CNY", at=AT)
        # 2026-07-01: USD 1.1383 and CNY 7.7342 per euro
        exact = Context(prec=120)
        assert w.rate == exact.divide(Decimal("7.7342"), Decimal("1.1383")).normalize(
            exact
        )
        assert w.fx is not None
        assert w.fx.date is not None
        assert w.fx.date.isoformat() == "2026-07-01"
        assert "ECB" in w.fx.source

    def test_missing_rate(self) -> None:
        """A currency without a rate is an error that says how to give one."""
        with pytest.raises(tc.MissingRateError, match="no exchange rate for BRL"):
            tc.workload_cost("glm-5.2", "chat", currency="BRL", at=AT)
        with pytest.raises(tc.MissingRateError, match="fx=\\{'JPY'"):
            tc.workload_cost("glm-5.2", "chat", currency="JPY", fx={"CNY": 7}, at=AT)

    @given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=4))
    def test_conversion_is_exact_from_usd(self, rate: Decimal) -> None:
        """USD amounts convert with one exact multiplication."""
        fx = tc.ExchangeRates(rates={"CNY": rate})
        money = tc.Money("0.1856", "USD")
        assert fx.convert(money, "CNY").amount == Decimal("0.1856") * rate


class TestAdjust:
    def test_adjusted_model_scales(self) -> None:
        """+83% on GLM-5.2 multiplies its cost by 1.83; others are unchanged."""
        base = tc.compare(["glm-5.2", "claude-fable-5"], input_tokens="120k",
                          output_tokens="4k", at=AT)  # fmt: skip
        what_if = tc.compare(["glm-5.2", "claude-fable-5"], input_tokens="120k",
                             output_tokens="4k", at=AT, adjust={"glm-5.2": "83%"})  # fmt: skip
        glm = what_if.rows[0].cost
        assert glm.total.amount == Decimal("0.1856") * Decimal("1.83")
        assert glm.adjustment == Decimal("0.83")
        assert what_if.rows[1].cost.total == base.rows[1].cost.total

    def test_adjust_unknown_model(self) -> None:
        """Adjusting a model not compared is an error."""
        with pytest.raises(tc.InvalidInputError, match="not among the models"):
            tc.compare(["glm-5.2"], input_tokens=1, adjust={"gpt-5.5": "10%"})

    def test_adjust_below_minus_100(self) -> None:
        """A change of -100% or less is refused."""
        with pytest.raises(tc.InvalidQuantityError, match="above -100%"):
            tc.compare(["glm-5.2"], input_tokens=1, adjust={"glm-5.2": "-100%"})

    def test_before_and_after_a_dated_change(self) -> None:
        """The same workload before and after DeepSeek's February 2025 change."""
        before = tc.workload_cost(
            "deepseek-chat", "translation", requests=1, at="2025-01-15"
        )
        after = tc.workload_cost(
            "deepseek-chat", "translation", requests=1, at="2025-03-01"
        )
        # 1,500 x 0.14 + 1,600 x 0.28 then 1,500 x 0.27 + 1,600 x 1.10, per million
        assert before.total.amount == Decimal("0.000658")
        assert after.total.amount == Decimal("0.002165")


class TestProjectionExactness:
    def test_month_from_day_keeps_every_digit(self) -> None:
        """A daily volume projects to 365/12 days a month to 80 digits, never 28."""
        w = tc.workload_cost("glm-5.2", "chat", at=AT)
        month = w.projection()["month"].amount
        # 406 x 365 / 12 = 12,349.1666..., a repeating decimal
        assert month.as_tuple().digits[:12] == (1, 2, 3, 4, 9, 1, 6, 6, 6, 6, 6, 6)
        assert len(month.as_tuple().digits) > 28
        assert abs(month * 12 - Decimal("406") * 365) < Decimal("1e-70")

    @given(
        st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("1e12"), places=6)
    )
    def test_year_is_twelve_months(self, monthly: Decimal) -> None:
        """Whatever the monthly figure, the year is exactly twelve of them."""
        profile = tc.UsageProfile(
            "p", [tc.RequestShape("s", 1, 1_000_000, 0)], per="month"
        )
        w = tc.workload_cost("glm-5.2", profile, requests=monthly, per="month", at=AT)
        assert w.projection()["year"].amount == w.total.amount * 12


class TestExchangeRates:
    def test_tables_with_other_rates_differ(self) -> None:
        """Two tables are equal only if their rates are."""
        a = tc.ExchangeRates(rates={"CNY": "7.10"})
        assert a == tc.ExchangeRates(rates={"CNY": "7.1"})
        assert a != tc.ExchangeRates(rates={"CNY": "7.2"})
        assert len({a, tc.ExchangeRates(rates={"CNY": "7.2"})}) == 2

    def test_cross_rate_is_exact(self) -> None:
        """16 yuan at 7.2 per dollar, in euros at 0.9 per dollar, is exactly 2."""
        fx = tc.ExchangeRates(rates={"EUR": "0.9", "CNY": "7.2"})
        assert fx.convert(tc.Money(16, "CNY"), "EUR") == tc.Money(2, "EUR")

    def test_base_rate_must_be_one(self) -> None:
        """A rate for the base currency other than 1 is refused."""
        with pytest.raises(tc.InvalidQuantityError, match="USD must be 1"):
            tc.ExchangeRates(rates={"USD": 2})
