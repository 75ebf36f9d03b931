"""Tables a bulk writer filled get planner statistics; tables already described are left alone."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord
from storage.queries.posts import store_posts
from storage.queries.statistics import STALE_MIN_ROWS, refresh_statistics


def posts(count: int, start: int = 0) -> list[PostRecord]:
    return [PostRecord("feed", f"item-{i}", f"item {i}", feed="https://news.example/feed")
            for i in range(start, start + count)]


async def _store(sessions: async_sessionmaker[AsyncSession], records: list[PostRecord]) -> None:
    async with sessions.begin() as session:
        await store_posts(session, records)
        if session.get_bind().dialect.name == "postgresql":
            # a backend reports what it wrote when the transaction ends, at most once a
            # second unless told to
            await session.execute(text("SELECT pg_stat_force_next_flush()"))


async def _analyzed(session: AsyncSession, table: str) -> bool:
    return bool(await session.scalar(text(
        "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
        "WHERE schemaname = current_schema() AND relname = :t"), {"t": table}))


async def test_a_filled_table_is_analyzed_once(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    await _store(db_sessions, posts(STALE_MIN_ROWS + 300))
    async with db_sessions.begin() as session:
        if session.get_bind().dialect.name != "postgresql":
            # SQLite's planner takes the indexes without statistics: nothing to do
            assert await refresh_statistics(session) == []
            return
        assert not await _analyzed(session, "posts")
        first = await refresh_statistics(session)
    assert "posts" in first
    assert "events" not in first  # empty: nothing written, nothing to describe
    async with db_sessions.begin() as session:
        assert await _analyzed(session, "posts")
        assert "posts" not in await refresh_statistics(session)
    # a few more rows than a fifth of the table make it stale again
    await _store(db_sessions, posts(STALE_MIN_ROWS // 10, start=STALE_MIN_ROWS + 300))
    async with db_sessions.begin() as session:
        assert "posts" not in await refresh_statistics(session)
    await _store(db_sessions, posts(STALE_MIN_ROWS, start=2 * STALE_MIN_ROWS))
    async with db_sessions.begin() as session:
        assert "posts" in await refresh_statistics(session)
