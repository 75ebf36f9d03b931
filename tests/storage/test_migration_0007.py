"""Migration 0007 (feedback) round-trips and matches the models, keeping what was stored."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.storage.test_migration_0002 import _diff, _run

T = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_feedback_table_round_trips(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        assert "feedback" in await conn.run_sync(_tables)
        await conn.execute(text(
            "INSERT INTO posts (source_kind, external_id, title, body, created_utc, fetched_at) "
            "VALUES ('reddit', 't3_kept', 'kept', '', :t, :t)"), {"t": T})
        await conn.execute(text(
            "INSERT INTO feedback (guild_id, post_id, user_id, verdict, created_at) "
            "SELECT 7, id, 9, 'not_signal', :t FROM posts"), {"t": T})
        await conn.run_sync(_run, "downgrade", "0006")
        assert "feedback" not in await conn.run_sync(_tables)
        posts = (await conn.execute(text("SELECT count(*) FROM posts"))).scalar_one()
        await conn.run_sync(_run, "upgrade", "head")
        assert "feedback" in await conn.run_sync(_tables)
        assert await conn.run_sync(_diff) == []
    assert posts == 1
