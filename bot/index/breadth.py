"""Breadth and convergence: pure arithmetic over the events the index counts.

A day's breadth for a tier is the number of distinct parent companies with
a contraction event of that tier first seen in the trailing window: the 30
UTC days ending with that day. An event stops counting the day after it is
disputed (events.md: a credible denial arrived), so the index of a day
before the dispute is unchanged by it. A crossing is a day on which breadth
reaches the level while it was below it the day before; it is not repeated
while breadth stays at or above the level.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from storage.queries.index import ParentEvent

WINDOW_DAYS = 30
CONTRACTION = "contraction"


def day_of(moment: datetime) -> date:
    """The UTC day of a timestamp."""
    return moment.astimezone(UTC).date()


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


def end_of(day: date) -> datetime:
    """The last representable moment of a UTC day (timestamps keep microseconds)."""
    return start_of(day + timedelta(days=1)) - timedelta(microseconds=1)


def iso_week(day: date) -> str:
    """``2025-W38``: the ISO year and week, which is what the index groups by."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def span(row: ParentEvent) -> tuple[date, date] | None:
    """The days on which ``row`` counts towards breadth, or None if never."""
    start = day_of(row.first_seen)
    end = start + timedelta(days=WINDOW_DAYS - 1)
    if row.disputed_at is not None:
        end = min(end, day_of(row.disputed_at) - timedelta(days=1))
    return (start, end) if end >= start else None


def _spans(rows: Iterable[ParentEvent], tier: str) -> list[tuple[ParentEvent, date, date]]:
    out = []
    for row in rows:
        if row.tier != tier or row.direction != CONTRACTION:
            continue
        days = span(row)
        if days is not None:
            out.append((row, *days))
    return out


def counted_on(rows: Iterable[ParentEvent], tier: str, day: date) -> list[ParentEvent]:
    """The rows that make ``tier``'s breadth on ``day``."""
    return [row for row, start, end in _spans(rows, tier) if start <= day <= end]


@dataclass(frozen=True)
class Breadth:
    """One tier's breadth on one day: the parents, and the events that put them there."""

    tier: str
    day: date
    parents: tuple[str, ...]
    events: tuple[int, ...]

    @property
    def value(self) -> int:
        return len(self.parents)


def breadth_on(rows: Iterable[ParentEvent], tier: str, day: date) -> Breadth:
    counted = counted_on(rows, tier, day)
    return Breadth(tier, day, tuple(sorted({r.parent for r in counted})),
                   tuple(sorted({r.event_id for r in counted})))


def _parent_intervals(rows: Iterable[ParentEvent], tier: str) -> list[tuple[date, date]]:
    """Each parent's counted days as merged intervals (a parent counts once a day)."""
    by_parent: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for row, start, end in _spans(rows, tier):
        by_parent[row.parent].append((start, end))
    merged: list[tuple[date, date]] = []
    for intervals in by_parent.values():
        intervals.sort()
        current_start, current_end = intervals[0]
        for start, end in intervals[1:]:
            if start <= current_end + timedelta(days=1):
                current_end = max(current_end, end)
            else:
                merged.append((current_start, current_end))
                current_start, current_end = start, end
        merged.append((current_start, current_end))
    return merged


def _changes(rows: Iterable[ParentEvent], tier: str) -> list[tuple[date, int]]:
    """(day, breadth change on that day), in day order."""
    delta: dict[date, int] = defaultdict(int)
    for start, end in _parent_intervals(rows, tier):
        delta[start] += 1
        delta[end + timedelta(days=1)] -= 1
    return sorted(delta.items())


def daily_breadth(
    rows: Sequence[ParentEvent], tier: str, first: date, last: date,
) -> list[int]:
    """Breadth of ``tier`` on every day from ``first`` to ``last`` inclusive."""
    days = (last - first).days + 1
    out = [0] * max(days, 0)
    level = 0
    changes = _changes(rows, tier)
    i = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        while i < len(changes) and changes[i][0] <= day:
            level += changes[i][1]
            i += 1
        out[offset] = level
    return out


@dataclass(frozen=True)
class Crossing:
    """A day on which a tier's breadth reached the convergence level."""

    at: date
    tier: str
    level: int
    parents: tuple[str, ...]
    events: tuple[int, ...]


def crossings(
    rows: Sequence[ParentEvent], tier: str, level: int, until: date,
) -> list[Crossing]:
    """Every crossing of ``level`` by ``tier``'s breadth up to ``until``, oldest first."""
    found: list[Crossing] = []
    breadth = 0
    for day, change in _changes(rows, tier):
        if day > until:
            break
        before = breadth
        breadth += change
        if before < level <= breadth:
            on = breadth_on(rows, tier, day)
            found.append(Crossing(day, tier, level, on.parents, on.events))
    return found
