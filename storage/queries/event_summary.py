"""Counting events per period, with the posts that reported them beside the counts.

An event counts in a period when it was reported in it (a report's time
falls in the period), so one that runs across two weeks counts in both; its
posts count where each one falls. ``/signals summary`` and the digests read
this; what a guild may see is the same as for every event query.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventPlatform, EventReport
from storage.queries.event_views import Audience


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

    def add(self, event_type: str, tier: str, status: str, direction: str, posts: int) -> None:
        self.events += 1
        self.posts += posts
        for key, value in (("event", event_type), ("tier", tier), ("status", status),
                           ("direction", direction)):
            self.by[key][value] = self.by[key].get(value, 0) + 1

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
    """Per-platform event counts by type, tier and status, this period and the one before."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    start = now - timedelta(days=days)
    previous_start = start - timedelta(days=days)
    window: list[ColumnElement[bool]] = [Event.last_seen >= previous_start,
                                         Event.first_seen <= now]
    if (visible := audience.condition()) is not None:
        window.append(visible)
    current = func.sum(case((EventReport.created_utc >= start, 1), else_=0))
    previous = func.sum(case((EventReport.created_utc < start, 1), else_=0))
    rows = (await session.execute(
        select(Event.id, Event.event_type, Event.tier, Event.status, Event.direction,
               current, previous)
        .join(EventReport, EventReport.event_id == Event.id)
        .where(*window, EventReport.created_utc >= previous_start,
               EventReport.created_utc <= now)
        .group_by(Event.id, Event.event_type, Event.tier, Event.status, Event.direction)
    )).all()
    at: dict[int, list[str]] = {}
    for event_id, platform in (await session.execute(
        select(EventPlatform.event_id, EventPlatform.platform)
        .join(Event, Event.id == EventPlatform.event_id).where(*window)
    )).all():
        at.setdefault(event_id, []).append(platform)
    wanted = set(platforms or ())
    overall = (_Tally(), _Tally())
    per_platform: dict[str, tuple[_Tally, _Tally]] = {}
    for event_id, event_type, tier, status, direction, cur, prev in rows:
        names = sorted(at.get(event_id, []))
        if wanted and not wanted & set(names):
            continue
        for which, posts in ((0, int(cur or 0)), (1, int(prev or 0))):
            if not posts:
                continue
            overall[which].add(event_type, tier, status, direction, posts)
            for name in names:
                if wanted and name not in wanted:
                    continue
                per_platform.setdefault(name, (_Tally(), _Tally()))[which].add(
                    event_type, tier, status, direction, posts)
    summaries = [PlatformEvents(p, t[0].counts(), t[1].counts())
                 for p, t in per_platform.items()]
    summaries.sort(key=lambda s: (-s.current.events, -s.current.posts, -s.previous.events,
                                  s.platform))
    return EventSummary(days=days, start=start, end=now, previous_start=previous_start,
                        platforms=tuple(summaries), overall=overall[0].counts(),
                        overall_previous=overall[1].counts())
