"""Reading events back: one event, recent events, an event's timeline of reports.

Everything a reader gets is a plain frozen record, so alerts, slash commands
and the command line format the same data without a session. Every query
takes an ``Audience`` (``storage.queries.audience``): a guild sees public
events (built from the config file's sources, ``guild_id`` None) and its own,
never another guild's; the operator's command line sees all of them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventPlatform, EventReport, Post
from storage.queries.audience import Audience
from storage.queries.postviews import PostView, post_columns, post_view

STATUSES = ("reported", "corroborated", "confirmed", "disputed", "closed")
REPORT_EXCERPT = 280
"""Characters of a report's body a reader gets: a line under its headline."""
LATEST_REPORTS = 12
"""Newest reports loaded with an event: enough to pick five distinct sources from."""


def visible_to(audience: Audience, guild_id: int | None) -> bool:
    """Whether ``audience`` may see an event built for ``guild_id`` (None: public)."""
    return audience.everything or guild_id is None or guild_id == audience.guild_id


@dataclass(frozen=True)
class ReportView:
    """One post of an event, with where it sits in the event and why it joined."""

    post: PostView
    role: str
    reason: str
    source_key: str
    independent: bool
    syndicated_of: int | None
    similarity: float | None
    joined_at: datetime


@dataclass(frozen=True)
class EventView:
    """An event as readers show it; ``latest`` holds its newest reports, newest first."""

    id: int
    guild_id: int | None
    origin: str
    title: str
    platforms: tuple[str, ...]
    parents: tuple[str, ...]
    event_type: str
    direction: str
    tier: str
    magnitude: dict[str, Any] | None
    first_seen: datetime
    last_seen: datetime
    status: str
    status_changed_at: datetime
    confirmed_at: datetime | None
    score: float
    post_count: int
    source_count: int
    author_count: int
    revision: int
    first: ReportView | None = None
    latest: tuple[ReportView, ...] = ()

    @property
    def ref(self) -> str:
        """How people name the event: ``e17``."""
        return f"e{self.id}"


def _event_columns() -> list[Any]:
    e = Event
    return [e.id.label("event_id"), e.guild_id.label("event_guild_id"), e.origin,
            e.title.label("event_title"), e.platforms.label("event_platforms"), e.parents,
            e.event_type.label("event_event_type"), e.direction.label("event_direction"),
            e.tier.label("event_tier"), e.magnitude.label("event_magnitude"), e.first_seen,
            e.last_seen, e.status.label("event_status"), e.status_changed_at, e.confirmed_at,
            e.score.label("event_score"), e.post_count, e.source_count, e.author_count,
            e.revision.label("event_revision")]


def _event(m: Any, first: ReportView | None = None,
           latest: tuple[ReportView, ...] = ()) -> EventView:
    return EventView(
        id=m["event_id"], guild_id=m["event_guild_id"], origin=m["origin"],
        title=m["event_title"] or "", platforms=tuple(m["event_platforms"] or ()),
        parents=tuple(m["parents"] or ()), event_type=m["event_event_type"],
        direction=m["event_direction"], tier=m["event_tier"],
        magnitude=dict(m["event_magnitude"]) if m["event_magnitude"] else None,
        first_seen=m["first_seen"], last_seen=m["last_seen"], status=m["event_status"],
        status_changed_at=m["status_changed_at"], confirmed_at=m["confirmed_at"],
        score=float(m["event_score"] or 0), post_count=m["post_count"],
        source_count=m["source_count"], author_count=m["author_count"],
        revision=m["event_revision"], first=first, latest=latest,
    )


def _report_columns(body_chars: int = REPORT_EXCERPT) -> list[Any]:
    r = EventReport
    return [*post_columns(body_chars), r.event_id.label("report_event_id"), r.role, r.reason,
            r.source_key, r.independent, r.syndicated_of, r.similarity, r.joined_at]


def _report(row: Any) -> ReportView:
    m = row._mapping
    return ReportView(post=post_view(row), role=m["role"], reason=m["reason"] or "",
                      source_key=m["source_key"] or "", independent=bool(m["independent"]),
                      syndicated_of=m["syndicated_of"], similarity=m["similarity"],
                      joined_at=m["joined_at"])


async def load_events(
    session: AsyncSession, event_ids: Iterable[int], *, latest: int = LATEST_REPORTS,
) -> dict[int, EventView]:
    """Events by id with their first and newest reports (two queries, however many reports)."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    rows = (await session.execute(select(*_event_columns()).where(Event.id.in_(ids)))).all()
    newest = func.row_number().over(partition_by=EventReport.event_id,
                                    order_by=(EventReport.created_utc.desc(),
                                              EventReport.post_id.desc()))
    oldest = func.row_number().over(partition_by=EventReport.event_id,
                                    order_by=(EventReport.created_utc, EventReport.post_id))
    ranked = (
        select(EventReport.post_id.label("rid"), newest.label("newest"), oldest.label("oldest"))
        .where(EventReport.event_id.in_(ids))
        .subquery()
    )
    report_rows = (await session.execute(
        select(*_report_columns(), ranked.c.newest, ranked.c.oldest)
        .select_from(ranked)
        .join(EventReport, EventReport.post_id == ranked.c.rid)
        .join(Post, Post.id == EventReport.post_id)
        .where(or_(ranked.c.newest <= latest, ranked.c.oldest == 1))
        .order_by(EventReport.event_id, ranked.c.newest)
    )).all()
    firsts: dict[int, ReportView] = {}
    newests: dict[int, list[ReportView]] = {}
    for row in report_rows:
        m = row._mapping
        report = _report(row)
        if m["oldest"] == 1:
            firsts[m["report_event_id"]] = report
        if m["newest"] <= latest:
            newests.setdefault(m["report_event_id"], []).append(report)
    return {
        r._mapping["event_id"]: _event(r._mapping, firsts.get(r._mapping["event_id"]),
                                       tuple(newests.get(r._mapping["event_id"], ())))
        for r in rows
    }


async def find_event(
    session: AsyncSession, event_id: int, audience: Audience, *, latest: int = LATEST_REPORTS,
) -> EventView | None:
    """One event, or None when it does not exist or ``audience`` may not see it."""
    found = (await load_events(session, [event_id], latest=latest)).get(event_id)
    if found is None or not visible_to(audience, found.guild_id):
        return None
    return found


def _filters(
    audience: Audience, platforms: Collection[str] | None, event_type: str | None,
    status: str | None, since: datetime | None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [audience.where()]
    if since is not None:
        conditions.append(Event.last_seen >= since)
    if event_type:
        conditions.append(Event.event_type == event_type)
    if status:
        conditions.append(Event.status == status)
    if platforms:
        on_platform = select(EventPlatform.event_id).where(
            EventPlatform.platform.in_(sorted(platforms)))
        if since is not None:
            on_platform = on_platform.where(EventPlatform.last_seen >= since)
        conditions.append(Event.id.in_(on_platform))
    return conditions


async def recent_events(
    session: AsyncSession, audience: Audience, *, platforms: Collection[str] | None = None,
    event_type: str | None = None, status: str | None = None, since: datetime | None = None,
    limit: int = 10, offset: int = 0, latest: int = LATEST_REPORTS, order: str = "recent",
) -> list[EventView]:
    """Events with a report since ``since``: the most recently active first (``recent``),
    the highest scored first (``strongest``) or the first seen first (``oldest``)."""
    orders = {"recent": (Event.last_seen.desc(), Event.id.desc()),
              "strongest": (Event.score.desc(), Event.last_seen.desc(), Event.id.desc()),
              "oldest": (Event.first_seen, Event.id)}
    stmt: Select[Any] = (
        select(Event.id)
        .where(*_filters(audience, platforms, event_type, status, since))
        .order_by(*orders[order])
        .limit(limit).offset(offset)
    )
    ids = [row[0] for row in (await session.execute(stmt)).all()]
    found = await load_events(session, ids, latest=latest)
    return [found[i] for i in ids if i in found]


async def count_events(
    session: AsyncSession, audience: Audience, *, platforms: Collection[str] | None = None,
    event_type: str | None = None, status: str | None = None, since: datetime | None = None,
) -> int:
    """How many events ``recent_events`` pages through."""
    stmt = select(func.count()).select_from(Event).where(
        *_filters(audience, platforms, event_type, status, since))
    return int((await session.execute(stmt)).scalar_one())


async def event_timeline(
    session: AsyncSession, event_id: int, *, limit: int | None = None, offset: int = 0,
) -> list[ReportView]:
    """An event's reports, oldest first, each with its link and why it joined."""
    stmt = (
        select(*_report_columns())
        .select_from(EventReport)
        .join(Post, Post.id == EventReport.post_id)
        .where(EventReport.event_id == event_id)
        .order_by(EventReport.created_utc, EventReport.post_id)
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_report(row) for row in (await session.execute(stmt)).all()]


async def count_reports(session: AsyncSession, event_id: int) -> int:
    stmt = select(func.count()).select_from(EventReport).where(EventReport.event_id == event_id)
    return int((await session.execute(stmt)).scalar_one())
