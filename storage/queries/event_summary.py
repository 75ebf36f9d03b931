"""Counting events per period, with the posts that reported them beside the counts.

An event counts in a period when it was reported in it (a report's time
falls in the period), so one that runs across two weeks counts in both; its
posts count where each one falls. ``/signals summary`` and the digests read
this; what a guild may see is the same as for every event query. A guild's
post counts leave out the posts it marked "not a signal" inside events it
kept, as its /signals recent does.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventPlatform, EventReport
from storage.queries.audience import Audience
from storage.queries.feedback import not_signal_posts

_IDS_PER_QUERY = 500


@dataclass(frozen=True)
class EventCounts:
    """Events (and their posts) of one period."""

    events: int = 0
    posts: int = 0
    by_event: dict[str, int] = field(default_factory=dict)
    by_tier: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    contraction: int = 0
    expansion: int = 0


@dataclass(frozen=True)
class PlatformEvents:
    platform: str
    current: EventCounts
    previous: EventCounts


@dataclass(frozen=True)
class EventSummary:
    """Events of the last ``days`` days and of the ``days`` before them.

    ``overall`` counts each event once; an event at two platforms counts
    under each in ``platforms``, so those rows may add up to more.
    """

    days: int
    start: datetime
    end: datetime
    previous_start: datetime
    platforms: tuple[PlatformEvents, ...]
    overall: EventCounts
    overall_previous: EventCounts


class _Tally:
    def __init__(self) -> None:
        self.events = 0
        self.posts = 0
        self.by: dict[str, dict[str, int]] = {"event": {}, "tier": {}, "status": {},
                                               "direction": {}}

    def add(self, event_type: str, tier: str, status: str, direction: str, posts: int,
            events: int = 1) -> None:
        self.events += events
        self.posts += posts
        for key, value in (("event", event_type), ("tier", tier), ("status", status),
                           ("direction", direction)):
            self.by[key][value] = self.by[key].get(value, 0) + events

    def counts(self) -> EventCounts:
        def ordered(d: dict[str, int]) -> dict[str, int]:
            return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

        return EventCounts(self.events, self.posts, ordered(self.by["event"]),
                           ordered(self.by["tier"]), ordered(self.by["status"]),
                           self.by["direction"].get("contraction", 0),
                           self.by["direction"].get("expansion", 0))


async def event_summary(
    session: AsyncSession, audience: Audience, platforms: Collection[str] | None, days: int,
    now: datetime,
) -> EventSummary:
    """Per-platform event counts by type, tier and status, this period and the one before.

    Events wholly inside one period are counted by the database, with their
    ``post_count``, without reading a report; only the few that straddle a
    period's edge have their reports counted, so a year's summary reads the
    events table once, never every post.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    start = now - timedelta(days=days)
    previous_start = start - timedelta(days=days)
    window: list[ColumnElement[bool]] = [Event.last_seen >= previous_start,
                                         Event.first_seen <= now, audience.where()]
    on_platform: list[ColumnElement[bool]] = []
    if platforms:
        on_platform.append(EventPlatform.platform.in_(sorted(platforms)))
    bucket = case((and_(Event.first_seen >= start, Event.last_seen <= now), 0),
                  (and_(Event.first_seen >= previous_start, Event.last_seen < start), 1),
                  else_=2).label("bucket")
    kinds = (Event.event_type, Event.tier, Event.status, Event.direction)
    # The guild's "not a signal" posts are few: counted per event once, joined beside the
    # events, so the stored post_count still saves reading every report.
    marked = None if audience.everything or audience.guild_id is None else (
        select(EventReport.event_id, func.count().label("n"))
        .where(EventReport.post_id.in_(not_signal_posts(audience.guild_id)))
        .group_by(EventReport.event_id).subquery())
    kept_posts = Event.post_count if marked is None else \
        Event.post_count - func.coalesce(marked.c.n, 0)
    overall = (_Tally(), _Tally())
    per_platform: dict[str, tuple[_Tally, _Tally]] = {}

    def tally(platform: str) -> tuple[_Tally, _Tally]:
        return per_platform.setdefault(platform, (_Tally(), _Tally()))

    grouped = select(EventPlatform.platform, *kinds, bucket, func.count(), func.sum(kept_posts)) \
        .join(EventPlatform, EventPlatform.event_id == Event.id) \
        .where(*window, *on_platform).group_by(EventPlatform.platform, *kinds, bucket)
    whole = select(*kinds, bucket, func.count(), func.sum(kept_posts)).where(*window)
    if marked is not None:
        grouped = grouped.outerjoin(marked, marked.c.event_id == Event.id)
        whole = whole.outerjoin(marked, marked.c.event_id == Event.id)
    for platform, event_type, tier, status, direction, which, n, posts in (
            await session.execute(grouped)).all():
        if which != 2:
            tally(platform)[which].add(event_type, tier, status, direction, int(posts or 0),
                                       int(n))
    if platforms:
        whole = whole.where(Event.id.in_(select(EventPlatform.event_id).where(*on_platform)))
    for event_type, tier, status, direction, which, n, posts in (
            await session.execute(whole.group_by(*kinds, bucket))).all():
        if which != 2:
            overall[which].add(event_type, tier, status, direction, int(posts or 0), int(n))

    edges = (await session.execute(
        select(Event.id, *kinds, EventPlatform.platform)
        .join(EventPlatform, EventPlatform.event_id == Event.id)
        .where(*window, *on_platform, bucket == 2)
    )).all()
    at: dict[int, list[str]] = {}
    kind_of: dict[int, tuple[str, str, str, str]] = {}
    for eid, event_type, tier, status, direction, platform in edges:
        at.setdefault(eid, []).append(platform)
        kind_of[eid] = (event_type, tier, status, direction)
    counted = await _report_counts(session, list(kind_of), previous_start, start, now,
                                   audience)
    for eid, (event_type, tier, status, direction) in kind_of.items():
        for which, posts in enumerate(counted.get(eid, (0, 0))):
            if posts:
                overall[which].add(event_type, tier, status, direction, posts)
                for platform in at[eid]:
                    tally(platform)[which].add(event_type, tier, status, direction, posts)

    summaries = [PlatformEvents(p, t[0].counts(), t[1].counts())
                 for p, t in per_platform.items()]
    summaries.sort(key=lambda s: (-s.current.events, -s.current.posts, -s.previous.events,
                                  s.platform))
    return EventSummary(days=days, start=start, end=now, previous_start=previous_start,
                        platforms=tuple(summaries), overall=overall[0].counts(),
                        overall_previous=overall[1].counts())


async def _report_counts(
    session: AsyncSession, event_ids: list[int], previous_start: datetime, start: datetime,
    now: datetime, audience: Audience,
) -> dict[int, tuple[int, int]]:
    """(posts in the period, posts in the one before) of events that straddle an edge."""
    kept: list[ColumnElement[bool]] = []
    if not audience.everything and audience.guild_id is not None:
        kept.append(EventReport.post_id.not_in(not_signal_posts(audience.guild_id)))
    out: dict[int, tuple[int, int]] = {}
    current = func.sum(case((EventReport.created_utc >= start, 1), else_=0))
    previous = func.sum(case((EventReport.created_utc < start, 1), else_=0))
    for i in range(0, len(event_ids), _IDS_PER_QUERY):
        chunk = event_ids[i:i + _IDS_PER_QUERY]
        rows = await session.execute(
            select(EventReport.event_id, current, previous)
            .where(EventReport.event_id.in_(chunk), EventReport.created_utc >= previous_start,
                   EventReport.created_utc <= now, *kept)
            .group_by(EventReport.event_id)
        )
        out.update({eid: (int(cur or 0), int(prev or 0)) for eid, cur, prev in rows.all()})
    return out
