"""Posts and verdicts for grouping tests, stored for real before they are placed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Incoming, Verdict
from bot.events.grouping import Grouped, Grouper
from bot.records import PostRecord
from storage.queries.events import get_event
from storage.queries.posts import insert_posts

MONDAY = datetime(2025, 9, 1, 9, tzinfo=UTC)


def at(days: float = 0, hours: float = 0) -> datetime:
    return MONDAY + timedelta(days=days, hours=hours)


def reddit(ext: str, title: str, body: str = "", *, when: datetime = MONDAY,
           sub: str = "outlier_ai", author: str | None = None,
           guild: int | None = None) -> PostRecord:
    return PostRecord("reddit", ext, title, body, author=author or f"author_{ext}",
                      subreddit=sub, created_utc=when, guild_id=guild,
                      url=f"https://www.reddit.com/r/{sub}/comments/{ext}/x/")


def press(ext: str, title: str, body: str = "", *, when: datetime = MONDAY,
          feed: str = "https://news.google.com/rss/search?q=x", url: str | None = None
          ) -> PostRecord:
    return PostRecord("feed", ext, title, body, url=url or f"https://news.google.com/rss/"
                      f"articles/{ext}", feed=feed, created_utc=when)


def verdict(event_type: str, platforms: Sequence[str], *, score: float = 80.0,
            tier: str = "unknown", denial: bool = False, signal: bool | None = None,
            magnitude: dict[str, Any] | None = None) -> Verdict:
    is_signal = (not denial) if signal is None else signal
    return Verdict(is_signal, score, event_type, tier, tuple(sorted(platforms)), magnitude,
                   denial)


async def place(sessions: async_sessionmaker[AsyncSession], grouper: Grouper,
                posts: Sequence[tuple[PostRecord, Verdict]],
                now: datetime | None = None) -> Grouped:
    """Store ``posts`` and place them in one transaction, as the pipeline does."""
    async with sessions.begin() as session:
        stored = await insert_posts(session, [r for r, _ in posts])
        ids = {(p.record.source_kind, p.record.external_id): p.id for p in stored}
        items = [Incoming(ids[(r.source_kind, r.external_id)], r, r.created_utc or MONDAY, v,
                          r.guild_id) for r, v in posts]
        clock = now or max(r.created_utc or MONDAY for r, _ in posts)
        return await grouper.place(session, items, clock)


async def one_by_one(sessions: async_sessionmaker[AsyncSession], grouper: Grouper,
                     posts: Sequence[tuple[PostRecord, Verdict]]) -> list[int | None]:
    """Place each post in its own page, clocked by its own time; the event id of each."""
    out = []
    for post in posts:
        grouped = await place(sessions, grouper, [post])
        out.append(grouped.placements[0].event_id)
    return out


async def event_status(sessions: async_sessionmaker[AsyncSession], event_id: int | None) -> str:
    """The stored status of an event a report was placed in (``disputed`` after a denial)."""
    assert event_id is not None
    async with sessions() as session:
        row = await get_event(session, event_id)
    assert row is not None
    return row.status
