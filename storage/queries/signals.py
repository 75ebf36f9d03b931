"""Reading signals back: recent lists and period summaries.

Both are built so they stay fast on a large history: recent lists walk
``ix_posts_signal_time`` newest first, summaries read only the covering
index on ``post_platforms`` (which holds signals alone, never noise).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Post, PostPlatform
from storage.queries.audience import EVERYTHING, Audience
from storage.queries.postviews import PostView, post_columns, post_view
from storage.queries.rejections import listed_here

RECENT_BODY_CHARS = 400


def _signal_filter(
    platforms: Collection[str] | None, event_type: str | None, since: datetime,
    audience: Audience,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Post.is_signal.is_(True), Post.created_utc >= since, audience.posts(),
    ]
    if audience.guild_id is not None and not audience.everything:
        conditions.append(listed_here(audience.guild_id))
    if event_type:
        conditions.append(Post.event_type == event_type)
    if platforms:
        conditions.append(Post.id.in_(
            select(PostPlatform.post_id).where(
                PostPlatform.platform.in_(sorted(platforms)), PostPlatform.created_utc >= since,
            )
        ))
    return conditions


async def recent_signals(
    session: AsyncSession, platforms: Collection[str] | None, event_type: str | None,
    since: datetime, limit: int = 10, offset: int = 0, *, audience: Audience = EVERYTHING,
) -> list[PostView]:
    """Signals since ``since``, newest first; ``platforms`` matches any of them.

    A server passes its ``audience``: another server's own sources are not its to read, and
    the posts it marked not a signal, or of events it rejected, are left out in the query, so
    pages stay full and the count agrees.
    """
    rows = await session.execute(
        select(*post_columns(RECENT_BODY_CHARS))
        .where(*_signal_filter(platforms, event_type, since, audience))
        .order_by(Post.created_utc.desc(), Post.id.desc())
        .limit(limit).offset(offset)
    )
    return [post_view(r) for r in rows.all()]


async def count_signals(
    session: AsyncSession, platforms: Collection[str] | None, event_type: str | None,
    since: datetime, *, audience: Audience = EVERYTHING,
) -> int:
    """How many signals ``recent_signals`` pages through, for "page 2 of 5"."""
    stmt = select(func.count()).select_from(Post).where(
        *_signal_filter(platforms, event_type, since, audience)
    )
    return int((await session.execute(stmt)).scalar_one())


@dataclass(frozen=True)
class Counts:
    """Signal counts for one period."""

    total: int = 0
    by_event: dict[str, int] = field(default_factory=dict)
    by_tier: dict[str, int] = field(default_factory=dict)
    contraction: int = 0
    expansion: int = 0


@dataclass(frozen=True)
class PlatformSummary:
    platform: str
    current: Counts
    previous: Counts

    @property
    def change(self) -> int:
        return self.current.total - self.previous.total


@dataclass(frozen=True)
class Summary:
    """Signals of the last ``days`` days and of the ``days`` before them.

    ``overall`` counts each post once; a post about two platforms counts once
    under each in ``platforms``, which is why the platform rows may add up
    to more than the overall total.
    """

    days: int
    start: datetime
    end: datetime
    previous_start: datetime
    platforms: tuple[PlatformSummary, ...]
    overall: Counts
    overall_previous: Counts


class _Tally:
    def __init__(self) -> None:
        self.total = 0
        self.by_event: dict[str, int] = {}
        self.by_tier: dict[str, int] = {}
        self.direction: dict[str, int] = {}

    def add(self, event_type: str, tier: str, direction: str, n: int) -> None:
        self.total += n
        self.by_event[event_type] = self.by_event.get(event_type, 0) + n
        self.by_tier[tier] = self.by_tier.get(tier, 0) + n
        self.direction[direction] = self.direction.get(direction, 0) + n

    def counts(self) -> Counts:
        def ordered(d: dict[str, int]) -> dict[str, int]:
            return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

        return Counts(self.total, ordered(self.by_event), ordered(self.by_tier),
                      self.direction.get("contraction", 0), self.direction.get("expansion", 0))


async def summary(
    session: AsyncSession, platforms: Collection[str] | None, days: int, now: datetime,
) -> Summary:
    """Per-platform signal counts by event type and tier, this period and the one before."""
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    start = now - timedelta(days=days)
    previous_start = start - timedelta(days=days)
    pp = PostPlatform
    current = case((pp.created_utc >= start, 1), else_=0).label("cur")
    where: list[ColumnElement[bool]] = [pp.created_utc >= previous_start, pp.created_utc <= now]
    if platforms:
        where.append(pp.platform.in_(sorted(platforms)))

    per_platform: dict[str, tuple[_Tally, _Tally]] = {}
    rows = await session.execute(
        select(pp.platform, pp.event_type, pp.tier, pp.direction, current, func.count())
        .where(*where)
        .group_by(pp.platform, pp.event_type, pp.tier, pp.direction, current)
    )
    for platform, event_type, tier, direction, cur, n in rows.all():
        tallies = per_platform.setdefault(platform, (_Tally(), _Tally()))
        tallies[0 if cur else 1].add(event_type, tier, direction, int(n))

    overall = (_Tally(), _Tally())
    rows = await session.execute(
        select(pp.event_type, pp.tier, pp.direction, current,
               func.count(func.distinct(pp.post_id)))
        .where(*where)
        .group_by(pp.event_type, pp.tier, pp.direction, current)
    )
    for event_type, tier, direction, cur, n in rows.all():
        overall[0 if cur else 1].add(event_type, tier, direction, int(n))

    summaries = [PlatformSummary(p, t[0].counts(), t[1].counts())
                 for p, t in per_platform.items()]
    summaries.sort(key=lambda s: (-s.current.total, -s.previous.total, s.platform))
    return Summary(days=days, start=start, end=now, previous_start=previous_start,
                   platforms=tuple(summaries), overall=overall[0].counts(),
                   overall_previous=overall[1].counts())
