"""What the charts plot, computed from events without drawing anything (testable, fast)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.index.breadth import day_of, iso_week
from storage.queries.index import ChartEvent

TIER_ORDER = ("expert", "generalist", "all", "unknown")


@dataclass(frozen=True)
class WeekBar:
    """One ISO week: events first seen by direction and tier, and confirmations."""

    week: str
    start: date
    contraction: dict[str, int] = field(default_factory=dict)
    expansion: dict[str, int] = field(default_factory=dict)
    confirmed_contraction: int = 0
    confirmed_expansion: int = 0

    @property
    def total(self) -> int:
        return sum(self.contraction.values()) + sum(self.expansion.values())


def week_bars(
    events: Sequence[ChartEvent], first: date, weeks: int, until: datetime,
) -> list[WeekBar]:
    """``weeks`` bars from the Monday ``first``; disputed events (by ``until``) left out."""
    counts: dict[str, dict[str, Counter[str]]] = {}
    confirmed: dict[str, Counter[str]] = {}
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    labels = {iso_week(s): s for s in starts}
    for event in events:
        if event.disputed_at is not None and event.disputed_at <= until:
            continue
        week = iso_week(day_of(event.first_seen))
        if week in labels and event.direction in ("contraction", "expansion"):
            by_direction = counts.setdefault(week, {})
            by_direction.setdefault(event.direction, Counter())[event.tier] += 1
        if event.confirmed_at is not None and event.confirmed_at <= until:
            week = iso_week(day_of(event.confirmed_at))
            if week in labels:
                confirmed.setdefault(week, Counter())[event.direction] += 1
    bars = []
    for label, start in labels.items():
        by_direction = counts.get(label, {})
        marks = confirmed.get(label, Counter())
        bars.append(WeekBar(
            label, start,
            contraction=_ordered(by_direction.get("contraction", Counter())),
            expansion=_ordered(by_direction.get("expansion", Counter())),
            confirmed_contraction=marks["contraction"],
            confirmed_expansion=marks["expansion"],
        ))
    return bars


def _ordered(tiers: Counter[str]) -> dict[str, int]:
    known = [t for t in TIER_ORDER if tiers.get(t)]
    return {t: tiers[t] for t in [*known, *sorted(set(tiers) - set(TIER_ORDER))]}
