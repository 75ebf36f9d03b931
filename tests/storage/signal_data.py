"""Test data: posts stored and scored through the real storage functions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.records import PostRecord
from bot.scoring import Magnitude
from storage.models import Post, PostPlatform
from storage.queries.posts import insert_posts
from storage.queries.scores import save_score

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)

DIRECTIONS = {
    "pay_raise": "expansion", "hiring_expansion": "expansion", "none": "neutral",
}


@dataclass(frozen=True)
class Decision:
    """The fields of a scorer decision that storage reads."""

    is_signal: bool = True
    score: float = 80.0
    event_type: str = "pay_cut"
    direction: str = ""
    tier: str = "generalist"
    platforms: tuple[str, ...] = ("outlier",)
    evidence: tuple[str, ...] = ("rates dropped from $40/hr to $26/hr",)
    magnitude: Magnitude | None = field(default=None)
    report: str | None = None

    def __post_init__(self) -> None:
        if not self.direction:
            object.__setattr__(
                self, "direction", DIRECTIONS.get(self.event_type, "contraction")
            )


async def add_post(
    session: AsyncSession, external_id: str, *, title: str = "Rates cut", body: str = "",
    created: datetime = T0, source_kind: str = "reddit", subreddit: str | None = "outlier_ai",
    feed: str | None = None, url: str | None = None, decision: Decision | None = None,
    guild_id: int | None = None,
) -> int:
    """Store a post and, given a decision, score it; returns the post id.

    ``guild_id``: fetched by that guild's own source (None: the config file's).
    """
    record = PostRecord(
        source_kind=source_kind,  # type: ignore[arg-type]
        external_id=external_id, title=title, body=body, url=url, created_utc=created,
        subreddit=subreddit if source_kind == "reddit" else None, feed=feed, guild_id=guild_id,
    )
    stored = await insert_posts(session, [record])
    assert stored, f"post {external_id} was already stored"
    post_id = stored[0].id
    if decision is not None:
        await save_score(session, post_id, decision, "test-1", now=created)
    return post_id


async def stored_rows(sessions: async_sessionmaker[AsyncSession]
                      ) -> dict[int, tuple[Any, ...]]:
    """Every stored post's verdict columns and its count of platform rows, by post id: what
    a change to how verdicts are saved must leave as ``save_score`` would."""
    async with sessions() as session:
        rows = (await session.execute(select(
            Post.id, Post.is_signal, Post.score, Post.event_type, Post.direction, Post.tier,
            Post.platforms, Post.evidence, Post.magnitude, Post.report_kind))).all()
        platform_rows = (await session.execute(select(PostPlatform.post_id))).scalars().all()
    return {r[0]: (*r[1:], platform_rows.count(r[0])) for r in rows}


class StatementCount:
    """How many statements reached the database while it listened: storage's promise is a
    few statements per page, however many posts the page holds."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *_: Any) -> None:
        self.n += 1


@contextmanager
def counting_statements(engine: AsyncEngine) -> Iterator[StatementCount]:
    """Count the statements ``engine`` sends while the block runs."""
    counter = StatementCount()
    event.listen(engine.sync_engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", counter)
