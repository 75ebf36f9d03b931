"""Events stored as grouping stores them (ORM rows), for tests of what reads events.

Parents come from the built-in platform registry, as grouping rolls brands
up: Outlier and Remotasks under Scale AI, DataAnnotation under Surge AI.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.platforms import PlatformRegistry
from storage.models import Event, EventPlatform, EventReport, Post

REGISTRY = PlatformRegistry()


def parent_of(platform: str) -> str:
    found = REGISTRY.get(platform)
    return (found.parent or found.id) if found is not None else platform


async def add_event(
    session: AsyncSession, platforms: Sequence[str], first_seen: datetime, *,
    tier: str = "expert", direction: str = "contraction", event_type: str = "layoff",
    status: str = "reported", status_changed_at: datetime | None = None,
    confirmed_at: datetime | None = None, guild_id: int | None = None,
    last_seen: datetime | None = None, **fields: Any,
) -> int:
    """Store one event with its event_platforms rows; returns its id."""
    last = last_seen or first_seen
    event = Event(
        guild_id=guild_id, title=fields.pop("title", f"{event_type} at {', '.join(platforms)}"),
        platforms=list(platforms), parents=sorted({parent_of(p) for p in platforms}),
        event_type=event_type, direction=direction, tier=tier, first_seen=first_seen,
        last_seen=last, status=status, status_changed_at=status_changed_at or first_seen,
        confirmed_at=confirmed_at, **fields,
    )
    session.add(event)
    await session.flush()
    for platform in platforms:
        session.add(EventPlatform(event_id=event.id, platform=platform,
                                  parent=parent_of(platform), first_seen=first_seen,
                                  last_seen=last))
    await session.flush()
    return event.id


async def add_reports(
    session: AsyncSession, event_id: int, when: Sequence[datetime], *, platform: str = "outlier",
    role: str = "report", prefix: str = "r",
) -> list[int]:
    """Store posts reporting an event (one author each), at the given times."""
    ids = []
    for i, created in enumerate(when):
        post = Post(source_kind="reddit", external_id=f"t3_{prefix}{event_id}x{i}",
                    subreddit="outlier_ai", title=f"report {i}", body="",
                    url=f"https://www.reddit.com/r/outlier_ai/comments/{prefix}{event_id}x{i}/",
                    author=f"user{i}", created_utc=created, fetched_at=created,
                    is_signal=True, score=80.0, event_type="layoff", direction="contraction",
                    tier="expert", platforms=[platform])
        session.add(post)
        await session.flush()
        session.add(EventReport(post_id=post.id, event_id=event_id, role=role,
                                created_utc=created, joined_at=created + timedelta(minutes=1),
                                source_key=f"reddit:user{i}"))
        ids.append(post.id)
    await session.flush()
    return ids
