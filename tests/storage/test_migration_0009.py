"""Migration 0009 (spikes, convergence alerts) round-trips and matches the models."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from tests.storage.test_migration_0002 import _diff, _run

BEFORE = str(ScriptDirectory.from_config(alembic_config()).get_revision("0009").down_revision)
T = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)


def _shape(connection: Connection) -> tuple[set[str], set[str]]:
    inspector = inspect(connection)
    return ({c["name"] for c in inspector.get_columns("outbox")},
            {i["name"] for i in inspector.get_indexes("posts") if i["name"]})


async def test_round_trip_keeps_other_alerts_and_drops_convergence_ones(
    db_engine: AsyncEngine,
) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        columns, indexes = await conn.run_sync(_shape)
        assert "crossing_id" not in columns and "ix_posts_subreddit_time" not in indexes
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
        columns, indexes = await conn.run_sync(_shape)
        assert "crossing_id" in columns
        assert {"ix_posts_subreddit_time", "ix_posts_feed_key_time"} <= indexes
        await conn.execute(text(
            "INSERT INTO alert_routes (sink_kind, sink_id, platforms, event_types, tiers, "
            "enabled, index_alerts, created_at) VALUES ('console', 'stdout', '[]', '[]', '[]', "
            ":on, :on, :t)"), {"t": T, "on": True})
        await conn.execute(text(
            "INSERT INTO index_crossings (at, tier, level, parents, events, created_at) "
            "VALUES (:t, 'expert', 3, '[]', '[]', :t)"), {"t": T})
        await conn.execute(text(
            "INSERT INTO outbox (kind, crossing_id, route_id, event_status, status, attempts, "
            "next_attempt_at, created_at) SELECT 'convergence', c.id, r.id, '', 'pending', 0, "
            ":t, :t FROM index_crossings c, alert_routes r"), {"t": T})
        await conn.run_sync(_run, "downgrade", BEFORE)
        left = (await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one()
        routes = (await conn.execute(text("SELECT count(*) FROM alert_routes"))).scalar_one()
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
    assert left == 0 and routes == 1
