"""Event records, their platforms and reports: every write and read grouping needs.

Placing a post reads only the events that could take it: those of the
post's platforms whose latest report falls in a window around it, found
through ``event_platforms`` (indexed by platform and last_seen) and, for
posts that name no known platform, those reported under one of their names in
a window, through ``event_names`` (indexed by name and last_seen). So the cost
of one lookup depends on how many events are open at a platform (or under a
name) at a time, never on how many posts or events are stored. Grouping writes
each fetched page's changes in a handful of statements (many rows each).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, delete, func, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event, EventName, EventPlatform, EventReport, Post
from storage.queries.event_changes import Copied
from storage.queries.event_names import named_events
from storage.queries.posts import dialect_insert

_EVENTS = cast(Table, Event.__table__)
OPEN_STATUSES = ("reported", "corroborated", "confirmed", "disputed")
CLOSED = "closed"
_EVENT_FIELDS = (
    "guild_id", "origin", "title", "platforms", "parents", "event_type", "direction", "tier",
    "magnitude", "first_seen", "last_seen", "status", "status_changed_at", "confirmed_at",
    "score", "post_count", "source_count", "author_count", "revision", "features",
)


@dataclass
class EventRow:
    """One ``events`` row as plain values (``id`` is None before it is stored)."""

    id: int | None
    guild_id: int | None
    origin: str
    title: str
    platforms: list[str]
    parents: list[str]
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
    features: dict[str, Any] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _EVENT_FIELDS}


@dataclass(frozen=True)
class PlatformRow:
    event_id: int
    platform: str
    parent: str
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class ReportRow:
    """A post's place in an event (``event_reports``)."""

    post_id: int
    event_id: int
    role: str
    created_utc: datetime
    joined_at: datetime
    source_key: str
    independent: bool
    syndicated_of: int | None
    similarity: float | None
    reason: str


def _row(e: Event) -> EventRow:
    return EventRow(e.id, *(getattr(e, name) for name in _EVENT_FIELDS))


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.blake2b(f"labelwatch-events:{name}".encode(),
                                          digest_size=8).digest(), "big", signed=True)


async def lock_companies(session: AsyncSession, parents: Collection[str],
                         names: Collection[str] = (), names_since: datetime | None = None
                         ) -> None:
    """Serialise grouping per company until the transaction ends.

    Two pages grouped at once (a Reddit poll and a feed poll) could otherwise
    both open an event for one story, or both revise one event and lose a
    revision. On PostgreSQL each company (a platform's parent) gets a
    transaction-scoped advisory lock, taken in sorted order so two
    transactions never wait on each other in a circle; SQLite already runs
    one writing transaction at a time. With ``names``, the companies of the
    events reported under one of them since ``names_since`` (which a post naming
    no platform may join, see ``candidate_events``) are locked too.
    """
    if session.get_bind().dialect.name != "postgresql" or not parents:
        return
    companies = set(parents)
    named = named_events(names, names_since)
    if named is not None:
        companies.update((await session.execute(
            select(EventPlatform.parent).where(EventPlatform.event_id.in_(named)).distinct()
        )).scalars())
    await session.execute(select(*(func.pg_advisory_xact_lock(_lock_key(name))
                                   for name in sorted(companies))))


async def candidate_events(
    session: AsyncSession, platforms: Collection[str], since: datetime,
    guild_ids: Collection[int | None], names: Collection[str] = (),
    names_since: datetime | None = None,
) -> list[EventRow]:
    """Events of any of ``platforms`` whose latest report is at or after ``since``, and
    events a report gave one of ``names`` at or after ``names_since``.

    ``guild_ids`` are the scopes asked for: None for public events, a guild's
    id for that guild's own. Closed events come too: a report may tie back.
    """
    if not platforms or not guild_ids:
        return []
    ids: Any = (
        select(EventPlatform.event_id)
        .where(EventPlatform.platform.in_(sorted(platforms)), EventPlatform.last_seen >= since)
    )
    named = named_events(names, names_since)
    ids = union(ids, named) if named is not None else ids.distinct()
    scopes = [Event.guild_id.is_(None) if g is None else Event.guild_id == g for g in guild_ids]
    columns = [_EVENTS.c.id, *(_EVENTS.c[name] for name in _EVENT_FIELDS)]
    rows = await session.execute(
        select(*columns).where(_EVENTS.c.id.in_(ids), or_(*scopes)).order_by(_EVENTS.c.id)
    )
    return [EventRow(*row) for row in rows.all()]


async def insert_events(session: AsyncSession, rows: Sequence[EventRow]) -> list[int]:
    """Store new events; returns their ids in the order given."""
    if not rows:
        return []
    result = await session.execute(
        _EVENTS.insert().returning(_EVENTS.c.id, sort_by_parameter_order=True),
        [{**r.values(), "created_at": r.status_changed_at, "updated_at": r.status_changed_at}
         for r in rows],
    )
    return [int(i) for i in result.scalars().all()]


async def update_events(session: AsyncSession, rows: Sequence[EventRow], now: datetime) -> None:
    """Write revised events back, all in one statement."""
    if not rows:
        return
    stmt = (
        update(_EVENTS).where(_EVENTS.c.id == bindparam("b_id"))
        .values({name: bindparam(f"b_{name}") for name in (*_EVENT_FIELDS, "updated_at")})
    )
    params = [{"b_id": r.id, "b_updated_at": now, **{f"b_{k}": v for k, v in r.values().items()}}
              for r in rows]
    await session.execute(stmt, params)


async def save_event_platforms(session: AsyncSession, rows: Iterable[PlatformRow]) -> None:
    """Insert or refresh (event, platform) rows; ``last_seen`` follows the event."""
    values = [{"event_id": r.event_id, "platform": r.platform, "parent": r.parent,
               "first_seen": r.first_seen, "last_seen": r.last_seen} for r in rows]
    if not values:
        return
    stmt = dialect_insert(session, EventPlatform.__table__)
    stmt = stmt.on_conflict_do_update(
        index_elements=["event_id", "platform"],
        set_={"parent": stmt.excluded.parent, "first_seen": stmt.excluded.first_seen,
              "last_seen": stmt.excluded.last_seen},
    )
    await session.execute(stmt, values)


async def save_event_reports(session: AsyncSession, rows: Iterable[ReportRow]) -> None:
    """Record where posts went; a post placed again (regrouped) is moved."""
    values = [r.__dict__ for r in rows]
    if not values:
        return
    stmt = dialect_insert(session, EventReport.__table__)
    stmt = stmt.on_conflict_do_update(
        index_elements=["post_id"],
        set_={k: stmt.excluded[k] for k in values[0] if k != "post_id"},
    )
    await session.execute(stmt, values)


@dataclass(frozen=True)
class Closed:
    event_id: int
    status_before: str
    revision: int


async def close_quiet_events(
    session: AsyncSession, quiet_before: datetime, now: datetime,
    keep: Collection[int] = (),
) -> list[Closed]:
    """Close open events whose latest report is older than ``quiet_before``.

    Returns what was closed, each with its new revision (closing changes what
    an alert shows). ``keep`` names events the caller holds revised in memory.
    """
    found = (await session.execute(
        select(Event.id, Event.status, Event.revision)
        .where(Event.status.in_(OPEN_STATUSES), Event.last_seen < quiet_before)
    )).all()
    closing = [(i, s, r) for i, s, r in found if i not in set(keep)]
    if not closing:
        return []
    await session.execute(
        update(Event).where(Event.id.in_([i for i, _, _ in closing]))
        .values(status=CLOSED, status_changed_at=now, revision=Event.revision + 1,
                updated_at=now)
    )
    return [Closed(i, s, r + 1) for i, s, r in closing]


async def get_event(session: AsyncSession, event_id: int) -> EventRow | None:
    event = await session.get(Event, event_id)
    return None if event is None else _row(event)


async def event_reports(session: AsyncSession, event_id: int) -> list[ReportRow]:
    """An event's reports and denials, oldest first."""
    rows = await session.execute(
        select(EventReport).where(EventReport.event_id == event_id)
        .order_by(EventReport.created_utc, EventReport.post_id)
    )
    return [ReportRow(r.post_id, r.event_id, r.role, r.created_utc, r.joined_at, r.source_key,
                      r.independent, r.syndicated_of, r.similarity, r.reason)
            for r in rows.scalars()]


async def event_of_posts(session: AsyncSession, post_ids: Sequence[int]) -> dict[int, int]:
    """post id -> event id, for the posts that have one."""
    if not post_ids:
        return {}
    rows = await session.execute(
        select(EventReport.post_id, EventReport.event_id)
        .where(EventReport.post_id.in_(list(post_ids)))
    )
    return {p: e for p, e in rows.all()}


async def count_events(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Event))).scalar_one())


async def denial_post_ids(session: AsyncSession) -> set[int]:
    """Posts placed as denials, so a regrouping can place them again."""
    rows = await session.execute(select(EventReport.post_id).where(EventReport.role == "denial"))
    return set(rows.scalars())


async def delete_report_events(session: AsyncSession) -> int:
    """Remove events built from reports (their platforms and reports go with them)."""
    await session.execute(delete(EventReport).where(
        EventReport.event_id.in_(select(Event.id).where(Event.origin == "reports"))))
    await session.execute(delete(EventPlatform).where(
        EventPlatform.event_id.in_(select(Event.id).where(Event.origin == "reports"))))
    await session.execute(delete(EventName).where(
        EventName.event_id.in_(select(Event.id).where(Event.origin == "reports"))))
    result = await session.execute(delete(Event).where(Event.origin == "reports"))
    return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class StoredVerdict:
    """A stored post with its stored verdict, for regrouping without rescoring."""

    post_id: int
    source_kind: str
    external_id: str
    title: str
    body: str
    url: str | None
    author: str | None
    subreddit: str | None
    feed: str | None
    created_utc: datetime
    guild_id: int | None
    is_signal: bool
    score: float
    event_type: str
    tier: str
    platforms: list[str]
    magnitude: dict[str, Any] | None


async def verdicts_after(
    session: AsyncSession, after: tuple[datetime, int] | None, limit: int,
    also: Collection[int] = (),
) -> list[StoredVerdict]:
    """Signal posts (and the posts in ``also``) in (created_utc, id) order, a page at a time."""
    cond: Any = Post.is_signal.is_(True)
    if also:
        cond = or_(cond, Post.id.in_(sorted(also)))
    stmt = select(Post).where(cond)
    if after is not None:
        t, i = after
        stmt = stmt.where(or_(Post.created_utc > t, and_(Post.created_utc == t, Post.id > i)))
    rows = await session.execute(stmt.order_by(Post.created_utc, Post.id).limit(limit))
    return [
        StoredVerdict(p.id, p.source_kind, p.external_id, p.title, p.body, p.url, p.author,
                      p.subreddit, p.feed, p.created_utc, p.guild_id, bool(p.is_signal),
                      float(p.score or 0.0), p.event_type or "none", p.tier or "unknown",
                      list(p.platforms or []), p.magnitude)
        for p in rows.scalars()
    ]


async def report_post_ids(session: AsyncSession, post_ids: Collection[int]
                          ) -> dict[int, Copied | None]:
    """Which of these posts are reports of an event (not denials, not a spike's posts):
    post id -> for a syndicated copy, the post it copies and the verdict stored with it
    (its kind, tier and platforms), else None."""
    if not post_ids:
        return {}
    rows = await session.execute(
        select(EventReport.post_id, EventReport.syndicated_of, Post.event_type, Post.tier,
               Post.platforms)
        .join(Post, Post.id == EventReport.post_id)
        .where(EventReport.role == "report", EventReport.post_id.in_(sorted(set(post_ids)))))
    return {post: None if of is None else Copied(of, kind or "none", tier or "unknown",
                                                 tuple(platforms or ()))
            for post, of, kind, tier, platforms in rows.all()}


async def count_signal_posts(session: AsyncSession) -> int:
    stmt = select(func.count()).select_from(Post).where(Post.is_signal.is_(True))
    return int((await session.execute(stmt)).scalar_one())


async def stored_places(
    session: AsyncSession, source_kind: str, external_ids: Sequence[str]
) -> dict[str, tuple[bool | None, int | None]]:
    """external id -> (is_signal, event id) for posts already stored."""
    if not external_ids:
        return {}
    rows = await session.execute(
        select(Post.external_id, Post.is_signal, EventReport.event_id)
        .outerjoin(EventReport, EventReport.post_id == Post.id)
        .where(Post.source_kind == source_kind, Post.external_id.in_(list(external_ids)))
    )
    return {ext: (sig, ev) for ext, sig, ev in rows.all()}
