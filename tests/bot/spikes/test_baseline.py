"""The spike test on daily counts: robust rate, Poisson tail, floors and history."""

from __future__ import annotations

import math

from bot.spikes.baseline import (
    SpikeSettings,
    daily_history,
    judge,
    poisson_tail,
    robust_rate,
)

S = SpikeSettings()
WEEKS = [1, 2, 1, 2, 1, 0, 0] * 4
"""Four weeks of one or two reports a weekday and none at the weekend."""


def test_poisson_tail_matches_the_textbook_sum() -> None:
    rate = 2.0
    exact = 1 - sum(math.exp(-rate) * rate**i / math.factorial(i) for i in range(5))
    assert math.isclose(poisson_tail(5, rate), exact, rel_tol=1e-9)
    assert poisson_tail(0, rate) == 1.0
    assert 0 < poisson_tail(400, 2.0) < 1e-300 or poisson_tail(400, 2.0) == 0.0
    assert poisson_tail(1, 0.0) == 0.0


def test_the_rate_ignores_past_bursts_and_never_drops_below_the_floor() -> None:
    assert robust_rate(WEEKS, 0.5) == 2.0  # median 1 + MAD 1
    assert robust_rate([*WEEKS[:-1], 40], 0.5) == 2.0
    assert robust_rate([0] * 28, 0.5) == 0.5


def test_fifteen_where_one_or_two_is_usual_is_a_spike() -> None:
    verdict = judge(15, WEEKS, S)
    assert verdict.spike and verdict.rate == 2.0 and verdict.p_value < 1e-6


def test_bursts_of_three_or_four_lulls_and_quiet_months_are_not() -> None:
    assert not judge(4, WEEKS, S).spike
    assert not judge(3, [0] * 28, S).spike  # a quiet month: the floor and the count floor
    assert not judge(0, WEEKS, S).spike  # a weekend lull
    assert not judge(5, [0] * 28, S).spike


def test_a_community_without_enough_history_is_never_judged() -> None:
    assert not judge(40, [1] * (S.min_history_days - 1), S).spike
    assert judge(40, [1] * S.min_history_days, S).spike


def test_history_starts_at_the_communitys_first_post() -> None:
    counts = {10: 2, 12: 1}
    assert daily_history(counts, 14, 0, 5) == [0, 2, 0, 1, 0]
    assert daily_history(counts, 14, 11, 28) == [0, 1, 0]
