"""Reads and writes behind spike detection: a community's individual reports and its spikes.

A community is a subreddit or a feed (by its short ``feed_key``); both are
indexed with the post time, so the reports of a page's communities over the
days it needs, and a community's first stored post, are read by index
ranges, whatever the size of ``posts``. Only posts of the config file's
sources count (``guild_id`` NULL): a guild's private sources never make a
public spike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
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


async def first_posts(session: AsyncSession, communities: Collection[Community]
                      ) -> dict[Community, datetime | None]:
    """When each community's earliest stored post was written (None: nothing stored).

    One statement, one index lookup per community.
    """
    ordered = list(dict.fromkeys(communities))
    if not ordered:
        return {}
    row = (await session.execute(select(*(
        select(func.min(Post.created_utc)).where(c.where(), Post.guild_id.is_(None))
        .scalar_subquery() for c in ordered)))).one()
    return dict(zip(ordered, row, strict=True))


async def reports_of(
    session: AsyncSession, communities: Collection[Community], kinds: Collection[str],
    spans: Sequence[tuple[datetime, datetime]],
) -> dict[tuple[Community, str], list[ReportPost]]:
    """Each community's reports of each kind written in any of ``spans`` ([since, until)),
    oldest first.

    One statement for every community and kind a page touched (keyed by
    community and report kind; pairs with no reports are missing).
    """
    subreddits = sorted({c.subreddit for c in communities if c.subreddit is not None})
    feed_keys = sorted({c.feed_key or "" for c in communities if c.subreddit is None})
    where: list[ColumnElement[bool]] = [Post.subreddit.in_(subreddits)] if subreddits else []
    if feed_keys:
        where.append(Post.feed_key.in_(feed_keys) & (Post.source_kind == "feed"))
    if not where or not kinds or not spans:
        return {}
    rows = await session.execute(
        select(Post.id, Post.created_utc, Post.author, Post.title, Post.url, Post.platforms,
               Post.platform_hint, Post.subreddit, Post.source_kind, Post.feed_key,
               Post.report_kind)
        .where(or_(*where), Post.guild_id.is_(None), Post.report_kind.in_(sorted(kinds)),
               or_(*((Post.created_utc >= since) & (Post.created_utc < until)
                     for since, until in spans)))
        .order_by(Post.created_utc, Post.id))
    wanted = set(communities)
    out: dict[tuple[Community, str], list[ReportPost]] = {}
    for r in rows.all():
        post = ReportPost(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()), r[6])
        # A post is in its subreddit's community and, for a feed item, its feed's.
        mine = [Community(subreddit=r.subreddit)] if r.subreddit is not None else []
        if r.source_kind == "feed":
            mine.append(Community(feed_key=r.feed_key))
        for community in mine:
            if community in wanted:
                out.setdefault((community, r.report_kind), []).append(post)
    return out


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


async def spikes_on(session: AsyncSession, keys: Collection[tuple[str, str, str]]
                    ) -> dict[tuple[str, str, str], SpikeRecord]:
    """The spikes recorded for these (community, kind, day) keys, in one statement."""
    if not keys:
        return {}
    rows = await session.execute(
        select(Spike.id, Spike.community, Spike.kind, Spike.day, Spike.count, Spike.baseline,
               Spike.event_id)
        .where(Spike.community.in_(sorted({k[0] for k in keys})),
               Spike.kind.in_(sorted({k[1] for k in keys})),
               Spike.day.in_(sorted({k[2] for k in keys}))))
    found = (_record(r) for r in rows.all())
    return {key: spike for spike in found
            if (key := (spike.community, spike.kind, spike.day)) in keys}


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
