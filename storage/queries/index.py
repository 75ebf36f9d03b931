"""Reads behind the cross-platform index and the event charts, and its recorded crossings.

The index counts events, not posts, so these reads touch ``events`` and
``event_platforms`` only (thousands of rows where posts are millions);
grouping by ISO week and the trailing-window arithmetic happen in
``bot/index`` on the rows returned here.

Disputed events do not count, but only from the moment of the dispute: each
row carries ``disputed_at`` so that the index of an earlier day still counts
an event disputed later, as it did on that day.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventPlatform, IndexCrossing
from storage.queries.audience import PUBLIC, Audience
from storage.queries.exchange import first_report_url
from storage.queries.once import add_once

DISPUTED = "disputed"


def _disputed_at(status: str, changed: datetime) -> datetime | None:
    return changed if status == DISPUTED else None


@dataclass(frozen=True)
class ParentEvent:
    """One event under one parent company (an event about two parents gives two)."""

    event_id: int
    parent: str
    tier: str
    direction: str
    first_seen: datetime
    disputed_at: datetime | None = None


async def parent_events(
    session: AsyncSession, *, until: datetime, since: datetime | None = None,
    audience: Audience = PUBLIC, direction: str | None = None,
    tiers: Collection[str] | None = None,
    history: tuple[str, Collection[str]] | None = None,
) -> list[ParentEvent]:
    """Events first seen in [since, until] by parent; brands already rolled up to parents.

    ``history=(direction, tiers)`` also returns the events of that direction
    and those tiers first seen before ``since`` (the index's convergence
    history), in the same single scan. Rows come in no particular order.
    """
    ep = EventPlatform
    where: list[ColumnElement[bool]] = [Event.first_seen <= until, audience.where()]
    if direction is not None:
        where.append(Event.direction == direction)
    if tiers is not None:
        where.append(Event.tier.in_(sorted(tiers)))
    if since is not None:
        recent = Event.first_seen >= since
        if history is not None:
            where.append(or_(recent, and_(Event.direction == history[0],
                                          Event.tier.in_(sorted(history[1])))))
        else:
            where.append(recent)
    disputed_at = case((Event.status == DISPUTED, Event.status_changed_at), else_=None)
    stmt = (select(ep.event_id, ep.parent, Event.tier, Event.direction, Event.first_seen,
                   disputed_at.label("disputed_at"))
            .join(Event, Event.id == ep.event_id).where(*where))
    # Core execution: tens of thousands of plain rows, no ORM bookkeeping needed.
    connection = await session.connection()
    unique: dict[tuple[int, str], ParentEvent] = {}
    for row in (await connection.execute(stmt)).all():
        unique.setdefault((row[0], row[1]), ParentEvent(*row))
    return list(unique.values())


@dataclass(frozen=True)
class ChartEvent:
    """What the events-per-week chart needs of one event."""

    event_id: int
    tier: str
    direction: str
    first_seen: datetime
    confirmed_at: datetime | None
    disputed_at: datetime | None


async def chart_events(
    session: AsyncSession, *, since: datetime, until: datetime, audience: Audience = PUBLIC,
    platform: str | None = None,
) -> list[ChartEvent]:
    """Events first seen or confirmed in [since, until], optionally about one platform.

    ``platform`` matches the platform itself and, when it is a parent
    company, its brands (Scale AI includes Outlier and Remotasks).
    """
    ep = EventPlatform
    where: list[ColumnElement[bool]] = [
        audience.where(),
        Event.first_seen <= until,
        or_(Event.first_seen >= since, Event.confirmed_at.between(since, until)),
    ]
    if platform is not None:
        where.append(Event.id.in_(
            select(ep.event_id).where(or_(ep.platform == platform, ep.parent == platform))
        ))
    rows = await session.execute(
        select(Event.id, Event.tier, Event.direction, Event.first_seen, Event.confirmed_at,
               Event.status, Event.status_changed_at)
        .where(*where)
        .order_by(Event.first_seen, Event.id)
    )
    return [ChartEvent(i, tier, direction, first, confirmed, _disputed_at(status, changed))
            for i, tier, direction, first, confirmed, status, changed in rows.all()]


@dataclass(frozen=True)
class CrossingRecord:
    """A recorded convergence crossing (``at`` is midnight UTC of the day)."""

    id: int
    at: datetime
    tier: str
    level: int
    parents: tuple[str, ...]
    events: tuple[int, ...]
    created_at: datetime


def _crossing(row: IndexCrossing) -> CrossingRecord:
    return CrossingRecord(row.id, row.at, row.tier, row.level, tuple(row.parents),
                          tuple(row.events), row.created_at)


async def saved_crossings(
    session: AsyncSession, tiers: Collection[str] | None = None,
) -> list[CrossingRecord]:
    """Recorded crossings, oldest first."""
    stmt = select(IndexCrossing).order_by(IndexCrossing.at, IndexCrossing.id)
    if tiers is not None:
        stmt = stmt.where(IndexCrossing.tier.in_(sorted(tiers)))
    return [_crossing(row) for row in (await session.scalars(stmt)).all()]


async def save_crossing(
    session: AsyncSession, *, at: datetime, tier: str, level: int, parents: Sequence[str],
    events: Sequence[int], now: datetime,
) -> CrossingRecord | None:
    """Record a crossing; None when that tier's crossing of that day is already recorded.

    A savepoint absorbs the unique-constraint race with a second writer, so
    the caller's transaction goes on either way.
    """
    row = IndexCrossing(at=at, tier=tier, level=level, parents=list(parents),
                        events=list(events), created_at=now)
    return _crossing(row) if await add_once(session, row) else None


@dataclass(frozen=True)
class CrossingEvent:
    """An event a convergence alert names: what it is and where to read about it."""

    id: int
    title: str
    platforms: tuple[str, ...]
    parents: tuple[str, ...]
    event_type: str
    status: str
    first_seen: datetime
    link: str | None


async def crossing_events(session: AsyncSession, ids: Collection[int]) -> list[CrossingEvent]:
    """The named events with their first report's link (or the link they were imported
    with), in ``ids`` order; events deleted since are left out."""
    if not ids:
        return []
    rows = await session.execute(
        select(Event.id, Event.title, Event.platforms, Event.parents, Event.event_type,
               Event.status, Event.first_seen, first_report_url())
        .where(Event.id.in_(sorted(set(ids)))))
    found = {r[0]: CrossingEvent(r[0], r[1], tuple(r[2]), tuple(r[3]), r[4], r[5], r[6], r[7])
             for r in rows.all()}
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class CrossingAlert:
    """What a convergence alert shows: the recorded crossing and the events it names."""

    crossing: CrossingRecord
    events: tuple[CrossingEvent, ...]


async def crossing_alerts(session: AsyncSession,
                          ids: Collection[int]) -> dict[int, CrossingAlert]:
    """The recorded crossings ``ids`` with their events, by crossing id."""
    if not ids:
        return {}
    rows = (await session.scalars(
        select(IndexCrossing).where(IndexCrossing.id.in_(sorted(set(ids)))))).all()
    out = {}
    for row in rows:
        crossing = _crossing(row)
        out[crossing.id] = CrossingAlert(
            crossing, tuple(await crossing_events(session, crossing.events)))
    return out
