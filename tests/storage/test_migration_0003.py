"""Migration 0003 (events) keeps stored posts and routes, and round-trips."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.storage.test_migration_0002 import _diff, _run

NEW_TABLES = {"event_platforms", "event_reports", "spikes", "index_crossings", "quarantine"}


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _columns(connection: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns(table)}


async def test_upgrade_from_0002_keeps_posts_and_routes(db_engine: AsyncEngine) -> None:
    created = datetime(2026, 11, 1, 12, tzinfo=UTC)
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0002")
        assert not NEW_TABLES & await conn.run_sync(_tables)
        assert "event_id" in await conn.run_sync(_columns, "posts")
        await conn.execute(
            text("INSERT INTO posts (source_kind, external_id, title, body, created_utc, "
                 "fetched_at) VALUES ('reddit', 't3_old', 'kept', '', :t, :t)"),
            {"t": created.replace(tzinfo=None)},
        )
        await conn.execute(
            text("INSERT INTO alert_routes (sink_kind, sink_id, platforms, event_types, tiers, "
                 "enabled, created_at) VALUES ('console', 'console', '[]', '[]', '[]', "
                 ":on, :t)"),
            {"t": created.replace(tzinfo=None), "on": True},
        )
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_tables) >= NEW_TABLES
        posts = await conn.run_sync(_columns, "posts")
        assert {"report_kind", "guild_id"} <= posts and "event_id" not in posts
        title = (await conn.execute(text("SELECT title FROM posts"))).scalar_one()
        index_alerts = (await conn.execute(text("SELECT index_alerts FROM alert_routes"))
                        ).scalar_one()
        assert await conn.run_sync(_diff) == []
    assert title == "kept"
    assert not index_alerts


async def test_downgrade_to_0002_and_back(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", "0002")
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_tables) >= NEW_TABLES
        assert await conn.run_sync(_diff) == []
