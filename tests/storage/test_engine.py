"""Schema upgrades and the UTC column type, on every back end under test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.records import PostRecord
from storage.engine import create_engine, schema_is_current, upgrade
from storage.models import Post
from storage.queries.posts import insert_posts


async def test_upgrade_is_idempotent(db_engine: AsyncEngine) -> None:
    before, after = await upgrade(db_engine)
    assert before == after
    assert await schema_is_current(db_engine)


async def test_sqlite_file_uses_wal(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'wal.db'}")
    try:
        assert not await schema_is_current(engine)
        await upgrade(engine)
        async with engine.connect() as conn:
            mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar_one()
        assert mode == "wal"
    finally:
        await engine.dispose()


async def test_timestamps_come_back_aware_utc(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    plus_two = timezone(timedelta(hours=2))
    created = datetime(2025, 9, 13, 20, 2, tzinfo=plus_two)
    async with db_sessions.begin() as session:
        record = PostRecord("reddit", "t3_a", "t", created_utc=created)
        [stored] = await insert_posts(session, [record])
    async with db_sessions() as session:
        post = await session.get(Post, stored.id)
        assert post is not None
        assert post.created_utc.tzinfo is not None
        assert post.created_utc.utcoffset() == timedelta(0)
        assert post.created_utc == datetime(2025, 9, 13, 18, 2, tzinfo=UTC)


async def test_naive_timestamps_are_refused(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with db_sessions.begin() as session:
            await insert_posts(
                session, [PostRecord("reddit", "t3_b", "t", created_utc=datetime(2025, 1, 1))]
            )
