"""The cross-platform index as of one day, read from storage: what ``labelwatch index``
prints and ``/signals index`` shows.

Convergence is computed from the stored events here, so the same database
always gives the same answer whether or not the service was running when a
crossing happened; the service records crossings as they happen
(``bot/index/crossings.py``), and alerts go out from those records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.index.breadth import (
    CONTRACTION,
    Breadth,
    Crossing,
    breadth_on,
    crossings,
    daily_breadth,
    day_of,
    end_of,
    iso_week,
    start_of,
)
from bot.index.settings import INDEX_TIERS, IndexSettings
from storage.queries.audience import PUBLIC, Audience
from storage.queries.index import parent_events


@dataclass(frozen=True)
class WeekCount:
    """Events first seen in one ISO week at one parent, of one tier and direction."""

    week: str
    parent: str
    tier: str
    direction: str
    events: int


@dataclass(frozen=True)
class IndexReport:
    at: date
    level: int
    weeks_shown: int
    expert: Breadth
    generalist: Breadth
    convergence: tuple[Crossing, ...]
    weeks: tuple[WeekCount, ...]
    days: tuple[date, ...]
    """Every day of the weeks shown up to ``at``, for the breadth chart."""
    expert_daily: tuple[int, ...]
    generalist_daily: tuple[int, ...]

    @property
    def empty(self) -> bool:
        """No event counted in the weeks shown and no breadth on any of their days."""
        return not self.weeks and not any(self.expert_daily) and not any(self.generalist_daily)

    def as_json(self) -> dict[str, Any]:
        """Exactly the object of events.md (event ids as ``e<N>``)."""
        return {
            "at": self.at.isoformat(),
            "expert_breadth": self.expert.value,
            "expert_parents": list(self.expert.parents),
            "generalist_breadth": self.generalist.value,
            "generalist_parents": list(self.generalist.parents),
            "convergence": [
                {"at": c.at.isoformat(), "tier": c.tier, "level": c.level,
                 "parents": list(c.parents), "events": [f"e{i}" for i in c.events]}
                for c in self.convergence
            ],
            "weeks": [
                {"week": w.week, "parent": w.parent, "tier": w.tier, "direction": w.direction,
                 "events": w.events}
                for w in self.weeks
            ],
        }


def first_day(at: date, weeks: int) -> date:
    """The Monday that starts the ``weeks``-th ISO week back, counting ``at``'s week."""
    return at - timedelta(days=at.weekday()) - timedelta(weeks=weeks - 1)


async def build_report(
    session: AsyncSession, *, at: date, weeks: int, settings: IndexSettings,
    audience: Audience = PUBLIC,
) -> IndexReport:
    """The index at the end of ``at`` (UTC), with ``weeks`` ISO weeks of counts.

    Counted: every event status but ``disputed`` (from the day of the
    dispute). ``audience`` is whose events count: public ones for the global
    index, plus a server's own for that server's ``/signals index``.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    until = end_of(at)
    first = first_day(at, weeks)
    since = start_of(first)
    rows = await parent_events(session, until=until, since=since, audience=audience,
                               history=(CONTRACTION, INDEX_TIERS))
    contraction = [r for r in rows if r.direction == CONTRACTION and r.tier in INDEX_TIERS]

    counts: Counter[tuple[str, str, str, str]] = Counter()
    for row in rows:
        if row.first_seen < since or (row.disputed_at is not None and row.disputed_at <= until):
            continue
        week = iso_week(day_of(row.first_seen))
        counts[(week, row.parent, row.tier, row.direction)] += 1
    week_counts = tuple(WeekCount(*key, events=n) for key, n in sorted(counts.items()))

    convergence = sorted(
        (c for tier in settings.tiers
         for c in crossings(contraction, tier, settings.level, until=at)),
        key=lambda c: (c.at, INDEX_TIERS.index(c.tier)),
    )
    days = tuple(first + timedelta(days=i) for i in range((at - first).days + 1))
    return IndexReport(
        at=at, level=settings.level, weeks_shown=weeks,
        expert=breadth_on(contraction, "expert", at),
        generalist=breadth_on(contraction, "generalist", at),
        convergence=tuple(convergence), weeks=week_counts, days=days,
        expert_daily=tuple(daily_breadth(contraction, "expert", first, at)),
        generalist_daily=tuple(daily_breadth(contraction, "generalist", first, at)),
    )


def report_text(report: IndexReport) -> str:
    """The index as a plain-text table, for the terminal."""
    lines = [
        f"Cross-platform index at {report.at.isoformat()} (public events; breadth = distinct "
        f"parent companies with a contraction event in the trailing 30 days)",
        "",
        f"  expert breadth      {report.expert.value:>3}  {_names(report.expert.parents)}",
        f"  generalist breadth  {report.generalist.value:>3}  "
        f"{_names(report.generalist.parents)}",
        f"  convergence level   {report.level:>3}",
        "",
    ]
    if report.convergence:
        lines.append("Convergence crossings:")
        for c in report.convergence:
            events = ", ".join(f"e{i}" for i in c.events)
            lines.append(f"  {c.at.isoformat()}  {c.tier:<10}  level {c.level}  "
                         f"{', '.join(c.parents)}  ({events})")
    else:
        lines.append("Convergence crossings: none")
    lines.append("")
    first = report.days[0] if report.days else report.at
    title = (f"Events per week, {iso_week(first)} to {iso_week(report.at)} "
             f"({report.weeks_shown} week{'s' if report.weeks_shown != 1 else ''}):")
    lines.append(title)
    if not report.weeks:
        lines.append("  no events in these weeks")
        return "\n".join(lines) + "\n"
    header = ("week", "parent", "tier", "direction", "events")
    rows = [(w.week, w.parent, w.tier, w.direction, str(w.events)) for w in report.weeks]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) if i < 4 else cell.rjust(widths[i])
                 for i, cell in enumerate(row)]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _names(parents: tuple[str, ...]) -> str:
    return ", ".join(parents) if parents else "-"
