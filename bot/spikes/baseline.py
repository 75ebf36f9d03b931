"""Whether one day's count of individual reports is a spike against its community's past.

The test, and why: a community's daily count of one kind of report
("removed from my project") is a count of rare, independent posts, so a
Poisson law is the natural null model; what makes naive tests fire falsely
is the *rate* it is given. The rate here is robust:

- it is the **median** of the trailing window's daily counts (28 days by
  default, the day itself excluded) **plus one median absolute deviation**:
  the median ignores the past bursts that a mean would absorb, and the MAD
  widens the rate where counts swing (weekday against weekend, busy against
  quiet weeks), which a plain Poisson rate would treat as surprising;
- it is never below a **floor** (0.5 a day), so a quiet month, whose median
  is zero, does not make two posts look impossible;
- only days since the community's **first stored post** count, and a
  community seen for fewer than ``min_history_days`` (14) is not judged at
  all: a new subreddit's backfill has no past to be held against.

A day is a spike when its count reaches ``min_count`` (8: a one-off burst
of three or four posts on top of an ordinary day is chatter, whatever the
rate) and the Poisson probability of at least that many reports at the
robust rate is below ``alpha`` (1e-4). On the synthetic year of
``benchmarks/bench_spikes.py`` (20 communities, gamma-mixed rates, weekend
lulls, bursts, new communities) these values find about nine planted spikes
in ten with about one false alarm in eight; a stricter ``alpha`` or a wider
rate trades recall for precision. A weekend lull only lowers counts, and a
low count is never a spike, so lulls cannot trigger.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class SpikeSettings:
    """The ``[spikes]`` knobs; see the module docstring for what each is for."""

    enabled: bool = True
    window_days: int = 28
    min_history_days: int = 14
    min_count: int = 8
    rate_floor: float = 0.5
    alpha: float = 1e-4


@dataclass(frozen=True)
class Judgement:
    """What the test saw: the day's count, the robust rate and the tail probability."""

    count: int
    rate: float
    p_value: float
    spike: bool


def robust_rate(history: Sequence[int], floor: float) -> float:
    """Median plus one MAD of the daily counts, at least ``floor``."""
    if not history:
        return floor
    mid = float(median(history))
    mad = float(median(abs(c - mid) for c in history))
    return max(floor, mid + mad)


def poisson_tail(k: int, rate: float) -> float:
    """P(X >= k) for X ~ Poisson(rate), summed in log space so large k stays exact."""
    if k <= 0:
        return 1.0
    if rate <= 0:
        return 0.0

    def term(i: int) -> float:
        return math.exp(-rate + i * math.log(rate) - math.lgamma(i + 1))

    if k <= rate:
        return max(0.0, 1.0 - sum(term(i) for i in range(k)))
    total, i = 0.0, k
    while True:
        t = term(i)
        total += t
        if t < total * 1e-16 or t == 0.0:
            return min(1.0, total)
        i += 1


def judge(count: int, history: Sequence[int], settings: SpikeSettings) -> Judgement:
    """Hold ``count`` against ``history`` (the trailing daily counts, oldest first).

    ``history`` shorter than ``min_history_days`` is not enough past: never a spike.
    """
    rate = robust_rate(history, settings.rate_floor)
    p = poisson_tail(count, rate)
    spike = (len(history) >= settings.min_history_days and count >= settings.min_count
             and p < settings.alpha)
    return Judgement(count, round(rate, 3), p, spike)


def daily_history(counts: dict[int, int], day: int, first_day: int, window: int) -> list[int]:
    """The ``window`` daily counts before ``day`` (ordinal days), zero-filled, starting no
    earlier than ``first_day`` (the community's first stored post): days before a
    community existed are not quiet days."""
    start = max(day - window, first_day)
    return [counts.get(d, 0) for d in range(start, day)]
