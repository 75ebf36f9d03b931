"""Numbers pulled out of posts: pay before/after, percent, headcount."""

from __future__ import annotations

import pytest

from bot.scoring import Magnitude, extract_magnitude
from bot.scoring.magnitude import pay_direction


def test_hourly_pair_with_units() -> None:
    m = extract_magnitude("Rates went from $40/hr to $26/hr overnight")
    assert m is not None
    assert (m.pay_before, m.pay_after, m.pay_unit, m.currency) == (40.0, 26.0, "hour", "USD")
    assert "$40/hr to $26/hr" in m.text
    assert pay_direction(m) == -1


def test_from_to_an_hour() -> None:
    m = extract_magnitude("new project pays from $25 to $16 an hour, lol")
    assert m is not None
    assert (m.pay_before, m.pay_after, m.pay_unit) == (25.0, 16.0, "hour")


def test_percent() -> None:
    m = extract_magnitude("a 35% cut to every rate")
    assert m is not None and m.percent == 35.0 and m.pay_before is None


def test_approximate_headcount() -> None:
    m = extract_magnitude("xAI let go of ~500 tutors on Friday")
    assert m is not None and m.headcount == 500


def test_headcount_with_thousands_separator() -> None:
    m = extract_magnitude("Scale AI will cut 1,200 contractors")
    assert m is not None and m.headcount == 1200


@pytest.mark.parametrize(("text", "before", "after", "currency"), [
    ("the new rate is $55 instead of $70", 70.0, 55.0, "USD"),
    ("rate is now $42/hr, down from $60", 60.0, 42.0, "USD"),
    ("the hourly went from £15 to £12 today", 15.0, 12.0, "GBP"),
    ("my German rate went from €22 to €25.30", 22.0, 25.3, "EUR"),
    ("all generalist projects are $13/hr now, they were $16", 16.0, 13.0, "USD"),
])
def test_before_after_orders(text: str, before: float, after: float, currency: str) -> None:
    m = extract_magnitude(text)
    assert m is not None
    assert (m.pay_before, m.pay_after, m.currency) == (before, after, currency)


def test_raise_direction() -> None:
    m = extract_magnitude("physician rate goes from $120 to $140/hr")
    assert pay_direction(m) == 1


def test_single_rate_after_change() -> None:
    m = extract_magnitude("Rater hourly cut to $12/hr in the US")
    assert m is not None and m.pay_after == 12.0 and m.pay_before is None


def test_halved() -> None:
    m = extract_magnitude("Mission rewards cut in half for all taskers")
    assert m is not None and m.percent == 50.0


@pytest.mark.parametrize("text", [
    "Mercor raises $350M at a $10B valuation",
    "Worked from 9 to 5 today and the queue was fine",
    "Took the exam in 2024 and again in 2025",
    "",
    "no numbers at all here",
])
def test_no_magnitude(text: str) -> None:
    assert extract_magnitude(text) is None


def test_to_json_has_every_field() -> None:
    m = Magnitude(pay_before=40.0, pay_after=26.0, pay_unit="hour", currency="USD", text="x")
    assert m.to_json() == {"pay_before": 40.0, "pay_after": 26.0, "pay_unit": "hour",
                           "currency": "USD", "percent": None, "headcount": None, "text": "x"}


@pytest.mark.parametrize(("text", "before", "after"), [
    ("review queue 18 -> 15, the rate email says", 18.0, 15.0),
    ("audio pay was 22 now 19 for the whole pool", 22.0, 19.0),
    ("per-hit pay was 0.30 now 0.21", 0.30, 0.21),
    ("ranking tasks: was 0.06 now 0.045, same pay page", 0.06, 0.045),
])
def test_bare_pairs_written_as_a_change_next_to_a_pay_word(text: str, before: float,
                                                           after: float) -> None:
    m = extract_magnitude(text)
    assert m is not None and (m.pay_before, m.pay_after) == (before, after)


@pytest.mark.parametrize("text", ["my score was 40 now 32 after the audit",
                                  "approval rate was 99 now 97",
                                  "the pay review moved from 2021 -> 2022",
                                  "my karma was 20 now 17 lol, rate my setup",
                                  "my streak went 12 -> 3 this week, the pay is fine",
                                  "my tasks were 20 now 17 a day, the pay is fine"])
def test_bare_pairs_that_are_not_pay(text: str) -> None:
    m = extract_magnitude(text)
    assert m is None or m.pay_before is None


@pytest.mark.parametrize(("text", "before", "after"), [
    ("transcription hitapp 14c -> 10c today", 0.14, 0.10),
    ("they went from 6 to 4.5 cents a hit", 0.06, 0.045),
])
def test_cents(text: str, before: float, after: float) -> None:
    m = extract_magnitude(text)
    assert m is not None and m.currency == "USD"
    assert (m.pay_before, m.pay_after) == pytest.approx((before, after))


def test_a_written_pair_beats_a_bare_one_and_a_unit_stays_on_its_line() -> None:
    m = extract_magnitude("13 -> 11 on review\nrates went from £10 to £9 today")
    assert m is not None and (m.pay_before, m.pay_after, m.currency) == (10.0, 9.0, "GBP")
    m = extract_magnitude("labelling: $0.06 -> $0.04\nper the email, everyone")
    assert m is not None and m.text == "$0.06 -> $0.04" and m.pay_unit is None


@pytest.mark.parametrize(("text", "before", "after"), [
    ("queue | before | after\n--|--|--\naudio short | $0.05 | $0.03\nvideo | $0.10 | $0.07",
     0.05, 0.03),
    ("country | old rate | new rate\nPH | $3.10/hr | $3.60/hr", 3.10, 3.60),
    ("task | was | now\nbounding boxes | 4c | 3c |", 0.04, 0.03),
])
def test_a_rate_table_under_a_before_after_head(text: str, before: float, after: float) -> None:
    m = extract_magnitude(text)
    assert m is not None and (m.pay_before, m.pay_after) == pytest.approx((before, after))


@pytest.mark.parametrize("text", [
    "team | before | after\nalpha | 12 | 15",  # counts, not money
    "price | $5 | $6\nno head naming a change here",
])
def test_tables_that_are_not_rate_changes(text: str) -> None:
    m = extract_magnitude(text)
    assert m is None or m.pay_before is None


@pytest.mark.parametrize("text", [
    "the stock fell from $3.19 to $2.33 after the trading update",
    "its valuation jumped to $29 billion, up from $14 billion",
])
def test_a_share_price_or_a_valuation_is_not_pay(text: str) -> None:
    m = extract_magnitude(text)
    assert m is None or m.pay_before is None


def test_pay_told_beside_the_shares_is_still_pay() -> None:
    m = extract_magnitude("appen shares fell after pay went from $20 to $15 an hour")
    assert m is not None and (m.pay_before, m.pay_after) == (20.0, 15.0)


@pytest.mark.parametrize("text", [
    "toloka shares slide as it pays raters from $14 to $12 an hour",
    "its stock dips as it is paying taskers from $14 to $12 an hour",
])
def test_what_a_platform_pays_beside_its_shares_is_still_pay(text: str) -> None:
    m = extract_magnitude(text)
    assert m is not None and (m.pay_before, m.pay_after) == (14.0, 12.0)
