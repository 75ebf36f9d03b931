"""Migration 0010 (a guild's rejection of a public event) round-trips and matches the models."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from tests.storage.test_migration_0002 import _diff, _run

BEFORE = str(ScriptDirectory.from_config(alembic_config()).get_revision("0010").down_revision)
T = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_round_trip_adds_and_drops_the_rejections(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        assert "event_rejections" not in await conn.run_sync(_tables)
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
        await conn.execute(text(
            "INSERT INTO events (origin, title, platforms, parents, event_type, direction, tier, "
            "first_seen, last_seen, status, status_changed_at, post_count, source_count, "
            "author_count, revision, features, created_at, updated_at, score) VALUES "
            "('reports', 't', '[]', '[]', 'layoff', 'contraction', 'generalist', :t, :t, "
            "'reported', :t, 1, 1, 1, 1, '{}', :t, :t, 50)"), {"t": T})
        await conn.execute(text(
            "INSERT INTO event_rejections (event_id, guild_id, created_at) "
            "SELECT id, 42, :t FROM events"), {"t": T})
        await conn.run_sync(_run, "downgrade", BEFORE)
        events = (await conn.execute(text("SELECT count(*) FROM events"))).scalar_one()
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
        assert "event_rejections" in await conn.run_sync(_tables)
    assert events == 1
