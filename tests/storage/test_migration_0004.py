"""Migration 0004 (per-feed keys, document hashes) keeps old keys working, and round-trips."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.records import PostRecord
from storage.queries.posts import store_posts
from tests.storage.test_migration_0002 import _diff, _run

FEED = "https://news.example/feed"
OTHER = "https://other.example/feed"


def _columns(connection: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns(table)}


async def test_upgrade_keeps_old_items_as_stored(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0003")
        assert "feed_key" not in await conn.run_sync(_columns, "posts")
        await conn.execute(
            text("INSERT INTO posts (source_kind, external_id, feed, title, body, created_utc, "
                 "fetched_at) VALUES ('feed', 'g1', :feed, 'kept', '', :t, :t), "
                 "('reddit', 't3_r', NULL, 'reddit', '', :t, :t)"),
            {"feed": FEED, "t": datetime(2026, 11, 1)},
        )
        await conn.run_sync(_run, "upgrade", "head")
        assert "feed_key" in await conn.run_sync(_columns, "posts")
        assert "content_hash" in await conn.run_sync(_columns, "source_state")
        keys = (await conn.execute(text("SELECT DISTINCT feed_key FROM posts"))).scalars().all()
        assert await conn.run_sync(_diff) == []
    assert keys == [""]
    async with AsyncSession(db_engine) as session, session.begin():
        done = await store_posts(session, [
            PostRecord("feed", "g1", "kept", feed=FEED),
            PostRecord("reddit", "t3_r", "reddit", subreddit="x"),
            PostRecord("feed", "g2", "new", feed=FEED),
        ])
    assert [s.record.external_id for s in done.stored] == ["g2"]


async def test_downgrade_keeps_one_of_a_shared_guid_and_upgrades_again(
    db_engine: AsyncEngine
) -> None:
    async with AsyncSession(db_engine) as session, session.begin():
        await store_posts(session, [PostRecord("feed", "shared", "one", feed=FEED),
                                    PostRecord("feed", "shared", "two", feed=OTHER)])
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0003")
        titles = (await conn.execute(text("SELECT title FROM posts"))).scalars().all()
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
    assert titles == ["one"]
