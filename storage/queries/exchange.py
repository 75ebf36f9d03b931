"""Events and posts out of the database (export) and events into it (import).

An event's identity across databases is its ``key``: the key it was imported
with, else ``e<id>@<first_seen>`` of the database that built it. Importing
the same key again changes nothing, so a shared history of known events can
be loaded as often as it is republished; an imported event that the file
revises (a later status, a new count) is updated to match it.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventPlatform, EventReport, Post
from storage.queries.audience import EVERYTHING, Audience

_KEY = re.compile(r"^e(\d+)@(.+)$")
REPORT_ROLES = ("report", "spike")
"""Roles whose posts are the event's reports; denials are not."""
_CHUNK = 500


def event_key(event_id: int, first_seen: datetime) -> str:
    """The key of an event built here: its id and the moment it was first seen."""
    return f"e{event_id}@{first_seen.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}"


@dataclass(frozen=True)
class EventRecord:
    """Every stored field of an event, with its key and first and latest report links."""

    key: str
    id: int
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
    origin: str
    guild_id: int | None
    post_count: int
    source_count: int
    author_count: int
    first_report_url: str | None
    latest_report_url: str | None
    revision: int
    features: dict[str, Any]
    created_at: datetime
    updated_at: datetime


_STORED = tuple(f.name for f in fields(EventRecord) if f.name not in ("key", "id"))
"""The columns an import writes (the same names on ``Event``)."""


def _report_url(first: bool) -> Any:
    er = aliased(EventReport)
    order = ((er.created_utc.asc(), er.post_id.asc()) if first
             else (er.created_utc.desc(), er.post_id.desc()))
    return (select(Post.url).join(er, er.post_id == Post.id)
            .where(er.event_id == Event.id, er.role.in_(REPORT_ROLES), Post.url.is_not(None))
            .order_by(*order).limit(1).correlate(Event).scalar_subquery())


def first_report_url() -> Any:
    """An event's first report link: the one it was imported with, else its first report's."""
    return func.coalesce(Event.first_report_url, _report_url(True)).label("first_url")


async def export_events(
    session: AsyncSession, *, since: datetime, until: datetime | None = None,
    audience: Audience = EVERYTHING, platform: str | None = None,
) -> list[EventRecord]:
    """Events with a report in [since, until] (by ``last_seen``), oldest first.

    ``platform`` matches the platform and, for a parent company, its brands.
    An imported event keeps the first report link it came with; its latest
    link is the latest report stored here, if any arrived since.
    """
    where: list[ColumnElement[bool]] = [Event.last_seen >= since, audience.where()]
    if until is not None:
        where.append(Event.last_seen <= until)
    if platform is not None:
        ep = EventPlatform
        where.append(Event.id.in_(
            select(ep.event_id).where(or_(ep.platform == platform, ep.parent == platform))))
    # Two index lookups per event (ix_event_reports_event_time), cheaper on SQLite than
    # ranking every report with window functions.
    latest = func.coalesce(_report_url(False), Event.latest_report_url).label("latest_url")
    stmt = (select(*_EVENT_COLUMNS, first_report_url(), latest).where(*where)
            .order_by(Event.first_seen, Event.id))
    # Plain rows in partitions: tens of thousands of events never hold the loop for long.
    records: list[EventRecord] = []
    result = await session.stream(stmt)
    async for partition in result.partitions(_CHUNK):
        records.extend(_record(row) for row in partition)
    return records


_EVENT_COLUMNS = [
    Event.id, Event.external_key, Event.title, Event.platforms, Event.parents,
    Event.event_type, Event.direction, Event.tier, Event.magnitude, Event.first_seen,
    Event.last_seen, Event.status, Event.status_changed_at, Event.confirmed_at, Event.score,
    Event.origin, Event.guild_id, Event.post_count, Event.source_count, Event.author_count,
    Event.revision, Event.features, Event.created_at, Event.updated_at,
]


def _record(row: Any) -> EventRecord:
    """An ``EventRecord`` from a row of ``_EVENT_COLUMNS`` and the two links (by position:
    tens of thousands of rows read faster as tuples than through their mappings)."""
    (event_id, external_key, title, platforms, parents, event_type, direction, tier,
     magnitude, first_seen, last_seen, status, status_changed_at, confirmed_at, score, origin,
     guild_id, post_count, source_count, author_count, revision, features, created_at,
     updated_at, first_url, latest_url) = row
    return EventRecord(
        key=external_key or event_key(event_id, first_seen), id=event_id, title=title,
        platforms=tuple(platforms), parents=tuple(parents), event_type=event_type,
        direction=direction, tier=tier, magnitude=magnitude, first_seen=first_seen,
        last_seen=last_seen, status=status, status_changed_at=status_changed_at,
        confirmed_at=confirmed_at, score=score, origin=origin, guild_id=guild_id,
        post_count=post_count, source_count=source_count, author_count=author_count,
        first_report_url=first_url, latest_report_url=latest_url, revision=revision,
        features=features or {}, created_at=created_at, updated_at=updated_at,
    )


@dataclass(frozen=True)
class EventImport:
    """An event to import: its record (``id`` is the exporter's, not kept) and each
    platform's parent company, for the index's ``event_platforms`` rows."""

    record: EventRecord
    platform_parents: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _values(record: EventRecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in _STORED}
    values["platforms"] = list(record.platforms)
    values["parents"] = list(record.parents)
    return values


def _same(event: Event, values: dict[str, Any]) -> bool:
    return all(getattr(event, name) == value for name, value in values.items())


async def _own_keys(session: AsyncSession, keys: Sequence[str]) -> set[str]:
    """Keys that name events built in this database (an export imported back)."""
    ids = {int(m.group(1)): key for key in keys if (m := _KEY.match(key))}
    found: set[str] = set()
    id_list = sorted(ids)
    for start in range(0, len(id_list), _CHUNK):
        rows = await session.execute(
            select(Event.id, Event.first_seen).where(
                Event.id.in_(id_list[start:start + _CHUNK]), Event.external_key.is_(None)))
        found |= {ids[i] for i, seen in rows.all() if event_key(i, seen) == ids[i]}
    return found


async def import_events(session: AsyncSession, items: Sequence[EventImport]) -> ImportCounts:
    """Add events whose key is new, update imported ones the file revises; one transaction."""
    keys = [item.record.key for item in items]
    existing: dict[str, Event] = {}
    for start in range(0, len(keys), _CHUNK):
        rows = await session.scalars(
            select(Event).where(Event.external_key.in_(keys[start:start + _CHUNK])))
        existing |= {event.external_key: event for event in rows.all() if event.external_key}
    own = await _own_keys(session, keys)
    added = updated = unchanged = 0
    for item in items:
        values = _values(item.record)
        key = item.record.key
        event = existing.get(key)
        if key in own or (event is not None and _same(event, values)):
            unchanged += 1
            continue
        if event is None:
            event = Event(external_key=key, **values)
            session.add(event)
            await session.flush()
            added += 1
        else:
            for name, value in values.items():
                setattr(event, name, value)
            await session.execute(delete(EventPlatform).where(EventPlatform.event_id == event.id))
            updated += 1
        session.add_all(
            EventPlatform(event_id=event.id, platform=platform, parent=parent,
                          first_seen=item.record.first_seen, last_seen=item.record.last_seen)
            for platform, parent in item.platform_parents)
    await session.flush()
    return ImportCounts(added, updated, unchanged)


@dataclass(frozen=True)
class PostRow:
    """A stored post with its verdict, as ``labelwatch export --what posts`` writes it."""

    external_id: str
    source_kind: str
    subreddit: str | None
    feed: str | None
    title: str
    body: str
    url: str | None
    author: str | None
    created_utc: datetime
    guild_id: int | None
    is_signal: bool | None
    score: float | None
    event_type: str | None
    direction: str | None
    tier: str | None
    platforms: tuple[str, ...]
    evidence: tuple[str, ...]
    magnitude: dict[str, Any] | None
    report_kind: str | None


_POST_FIELDS = tuple(f.name for f in fields(PostRow))
_POST_COLUMNS = [getattr(Post, name) for name in _POST_FIELDS]


async def stream_posts(
    session: AsyncSession, *, since: datetime, public_only: bool = False, batch: int = 2000,
) -> AsyncIterator[PostRow]:
    """Posts created since ``since``, oldest first, read in batches (never all at once)."""
    where: list[ColumnElement[bool]] = [Post.created_utc >= since]
    if public_only:
        where.append(Post.guild_id.is_(None))
    last: tuple[datetime, int] | None = None
    while True:
        page = list(where)
        if last is not None:
            page.append(or_(Post.created_utc > last[0],
                            and_(Post.created_utc == last[0], Post.id > last[1])))
        rows = (await session.execute(
            select(Post.id, *_POST_COLUMNS).where(*page)
            .order_by(Post.created_utc, Post.id).limit(batch))).all()
        for row in rows:
            values = {name: row._mapping[name] for name in _POST_FIELDS}
            values["platforms"] = tuple(values["platforms"] or ())
            values["evidence"] = tuple(values["evidence"] or ())
            yield PostRow(**values)
        if len(rows) < batch:
            return
        last = (rows[-1].created_utc, rows[-1].id)
