"""Reads and writes behind spike detection: a community's individual reports and its spikes.

A community is a subreddit or a feed (by its short ``feed_key``); both are
indexed with the post time, so a day's reports, a window's reports and a
community's first stored post are each one index range, whatever the size
of ``posts``. Only posts of the config file's sources count (``guild_id``
NULL): a guild's private sources never make a public spike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import EventReport, Post, Spike
from storage.queries.once import add_once


@dataclass(frozen=True)
class Community:
    """A subreddit (``subreddit``) or a feed (``feed_key``); exactly one is set."""

    subreddit: str | None = None
    feed_key: str | None = None

    @property
    def key(self) -> str:
        return f"r/{self.subreddit}" if self.subreddit is not None else f"feed:{self.feed_key}"

    def where(self) -> ColumnElement[bool]:
        if self.subreddit is not None:
            return Post.subreddit == self.subreddit
        return (Post.feed_key == (self.feed_key or "")) & (Post.source_kind == "feed")


@dataclass(frozen=True)
class ReportPost:
    """An individual report as spike detection reads it back."""

    id: int
    created_utc: datetime
    author: str | None
    title: str
    url: str | None
    platforms: tuple[str, ...]
    platform_hint: str | None


async def first_post(session: AsyncSession, community: Community) -> datetime | None:
    """When the community's earliest stored post was written (None: nothing stored)."""
    return (await session.execute(
        select(func.min(Post.created_utc)).where(community.where(), Post.guild_id.is_(None))
    )).scalar_one_or_none()


async def report_posts(
    session: AsyncSession, community: Community, kind: str, since: datetime, until: datetime,
) -> list[ReportPost]:
    """The community's reports of ``kind`` written in [since, until), oldest first."""
    rows = await session.execute(
        select(Post.id, Post.created_utc, Post.author, Post.title, Post.url, Post.platforms,
               Post.platform_hint)
        .where(community.where(), Post.guild_id.is_(None), Post.report_kind == kind,
               Post.created_utc >= since, Post.created_utc < until)
        .order_by(Post.created_utc, Post.id))
    return [ReportPost(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), r[6])
            for r in rows.all()]


async def placed_posts(session: AsyncSession, post_ids: Sequence[int]) -> set[int]:
    """Which of these posts already have a place in an event."""
    if not post_ids:
        return set()
    rows = await session.execute(
        select(EventReport.post_id).where(EventReport.post_id.in_(sorted(set(post_ids)))))
    return set(rows.scalars().all())


@dataclass(frozen=True)
class SpikeRecord:
    id: int
    community: str
    kind: str
    day: str
    count: int
    baseline: float
    event_id: int | None


def _record(row: Any) -> SpikeRecord:
    return SpikeRecord(row.id, row.community, row.kind, row.day, row.count, row.baseline,
                       row.event_id)


async def spike_of(session: AsyncSession, community: str, kind: str,
                   day: str) -> SpikeRecord | None:
    row = (await session.execute(
        select(Spike).where(Spike.community == community, Spike.kind == kind, Spike.day == day)
        .execution_options(populate_existing=True))).scalar_one_or_none()
    return None if row is None else _record(row)


async def save_spike(
    session: AsyncSession, *, community: str, kind: str, day: str, count: int,
    baseline: float, now: datetime,
) -> SpikeRecord | None:
    """Record a spike; None when that community's spike of that kind and day exists.

    A savepoint absorbs the race with a second writer; the caller's transaction goes on.
    """
    row = Spike(community=community, kind=kind, day=day, count=count, baseline=baseline,
                created_at=now)
    return _record(row) if await add_once(session, row) else None


async def update_spike(session: AsyncSession, spike_id: int, *, count: int,
                       event_id: int | None) -> None:
    await session.execute(update(Spike).where(Spike.id == spike_id)
                          .values(count=count, event_id=event_id))


async def spikes_between(session: AsyncSession, first_day: str,
                         last_day: str) -> list[SpikeRecord]:
    """Recorded spikes of the days in [first_day, last_day] (ISO dates), oldest first."""
    rows = await session.execute(
        select(Spike).where(Spike.day >= first_day, Spike.day <= last_day)
        .order_by(Spike.day, Spike.id))
    return [_record(r) for r in rows.scalars().all()]
