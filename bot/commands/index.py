"""What ``/signals index``, ``/signals chart`` and ``/signals export`` compute and show.

The cog parses options, defers and attaches; everything else is here: the
reads (events the server can see: public ones and its own), the chart
inputs, the embed with the index's headline figures, and the CSV.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands.options import BadArgument
from bot.delivery.labels import platform_name
from bot.delivery.text import escape_inline, field
from bot.exchange.events import events_csv_bytes
from bot.index.breadth import Breadth, day_of, end_of, iso_week, start_of
from bot.index.chart_data import WeekBar, week_bars
from bot.index.charts import Chart, events_chart, index_chart
from bot.index.report import IndexReport, build_report, first_day
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.queries.audience import Audience
from storage.queries.exchange import export_events
from storage.queries.index import chart_events

WEEKS_MAX = 104
EXPORT_DAYS_DEFAULT, EXPORT_DAYS_MAX = 30, 365
INDEX_FILE, CHART_FILE = "index.png", "events.png"
CROSSED_COLOR, CALM_COLOR = 0xD55E00, 0x0072B2


def weeks_option(value: int | None, default: int) -> int:
    if value is None:
        return default
    if not 1 <= value <= WEEKS_MAX:
        raise BadArgument(f"`weeks` must be from 1 to {WEEKS_MAX}; you gave {value}.")
    return value


def export_days_option(value: int | None) -> int:
    if value is None:
        return EXPORT_DAYS_DEFAULT
    if not 1 <= value <= EXPORT_DAYS_MAX:
        raise BadArgument(f"`days` must be from 1 to {EXPORT_DAYS_MAX}; you gave {value}.")
    return value


async def load_index(
    session: AsyncSession, *, now: datetime, weeks: int, settings: IndexSettings,
    audience: Audience,
) -> IndexReport:
    return await build_report(session, at=day_of(now), weeks=weeks, settings=settings,
                              audience=audience)


def draw_index(report: IndexReport, registry: PlatformRegistry) -> Chart:
    """The breadth chart of a report (run it through ``charts.render``)."""
    named = [replace(c, parents=tuple(platform_name(registry, p) for p in c.parents))
             for c in report.convergence]
    return index_chart(
        report.days, report.expert_daily, report.generalist_daily, report.level,
        named, "Cross-platform index",
        f"Distinct parent companies with a contraction event in the trailing 30 days · "
        f"{report.weeks_shown} weeks to {report.at.isoformat()}")


def _parents(registry: PlatformRegistry, breadth: Breadth) -> str:
    if not breadth.parents:
        return f"**{breadth.value}**"
    names = ", ".join(escape_inline(platform_name(registry, p)) for p in breadth.parents)
    return f"**{breadth.value}**: {names}"


def index_headline(report: IndexReport, registry: PlatformRegistry) -> str:
    """The index's headline figures on one line, which digests lead with."""
    latest = report.convergence[-1] if report.convergence else None
    crossed = f" · last crossed {latest.at.isoformat()}" if latest is not None else ""
    return (f"Cross-platform index: expert breadth {_parents(registry, report.expert)} · "
            f"generalist breadth {_parents(registry, report.generalist)} · convergence level "
            f"{report.level}{crossed}")


def index_embed(report: IndexReport, registry: PlatformRegistry) -> dict[str, Any]:
    """Headline figures of the index, with the chart attached as ``index.png``."""
    expert_crossed = report.expert.value >= report.level
    latest = report.convergence[-1] if report.convergence else None
    if latest is None:
        convergence = f"Level {report.level}; no crossing yet."
    else:
        names = ", ".join(escape_inline(platform_name(registry, p)) for p in latest.parents)
        convergence = (f"Level {report.level}; last crossed on {latest.at.isoformat()} "
                       f"({latest.tier}: {names}).")
    this_week = iso_week(report.at)
    week = [w for w in report.weeks if w.week == this_week]
    down = sum(w.events for w in week if w.direction == "contraction")
    up = sum(w.events for w in week if w.direction == "expansion")
    return {
        "title": "Cross-platform index",
        "description": (
            "How many unaffiliated companies (brands count under their parent) cut work in "
            f"the 30 days to {report.at.isoformat()}. Cuts of expert work at several at once "
            "would suggest labs need fewer people to train and grade their models."),
        "color": CROSSED_COLOR if expert_crossed else CALM_COLOR,
        "fields": [
            field("Expert breadth", _parents(registry, report.expert), inline=True),
            field("Generalist breadth", _parents(registry, report.generalist), inline=True),
            field("Convergence", convergence),
            field(f"This week ({this_week})",
                  f"{down} contraction event{'s' if down != 1 else ''}, {up} expansion "
                  f"event{'s' if up != 1 else ''}"),
        ],
        "image": {"url": f"attachment://{INDEX_FILE}"},
        "footer": {"text": "Public events and this server's own; disputed events do not count."},
    }


@dataclass(frozen=True)
class ChartInput:
    bars: list[WeekBar]
    title: str
    subtitle: str


async def load_chart(
    session: AsyncSession, registry: PlatformRegistry, *, now: datetime, weeks: int,
    platform: str | None, audience: Audience,
) -> ChartInput:
    first = first_day(day_of(now), weeks)
    until = end_of(day_of(now))
    events = await chart_events(session, since=start_of(first), until=until,
                                audience=audience, platform=platform)
    what = platform_name(registry, platform) if platform else "all platforms"
    children = [p.name for p in registry.children(platform)] if platform else []
    scope = f" (with {', '.join(children)})" if children else ""
    return ChartInput(
        week_bars(events, first, weeks, until), f"Events per week: {what}{scope}",
        f"{weeks} ISO weeks to {day_of(now).isoformat()} · contraction below the axis, "
        "expansion above · disputed events left out")


def draw_events(chart: ChartInput) -> Chart:
    return events_chart(chart.bars, chart.title, chart.subtitle)


@dataclass(frozen=True)
class Export:
    data: bytes
    events: int
    filename: str


async def load_export(
    session: AsyncSession, *, now: datetime, days: int, platform: str | None,
    audience: Audience,
) -> Export:
    """Events with a report in the last ``days`` days, as the events CSV (written in a
    worker thread: a year of events is megabytes of text)."""
    records = await export_events(session, since=now - timedelta(days=days), until=now,
                                  audience=audience, platform=platform)
    name = f"labelwatch-events-{platform + '-' if platform else ''}{day_of(now).isoformat()}.csv"
    data = await asyncio.to_thread(events_csv_bytes, records)
    return Export(data, len(records), name)
