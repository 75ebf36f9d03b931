"""Migration 0006 (event alerts) keeps queued per-post alerts deliverable, and round-trips."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from tests.storage.test_migration_0002 import _diff, _run

NEW_COLUMNS = {"kind", "event_id", "event_status", "revision", "shown_revision"}
BEFORE = str(ScriptDirectory.from_config(alembic_config()).get_revision("0006").down_revision)
"""The revision 0006 upgrades from (migrations are chained in the order they were merged)."""
T = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)


def _columns(connection: Connection) -> dict[str, bool]:
    return {c["name"]: c["nullable"] for c in inspect(connection).get_columns("outbox")}


async def _old_alert(conn: object) -> None:
    execute = conn.execute  # type: ignore[attr-defined]
    await execute(text("INSERT INTO posts (source_kind, external_id, title, body, created_utc, "
                       "fetched_at) VALUES ('reddit', 't3_old', 'kept', '', :t, :t)"), {"t": T})
    await execute(text("INSERT INTO alert_routes (sink_kind, sink_id, platforms, event_types, "
                       "tiers, enabled, index_alerts, created_at) VALUES ('console', 'stdout', "
                       "'[]', '[]', '[]', :on, :off, :t)"), {"t": T, "on": True, "off": False})
    await execute(text("INSERT INTO outbox (post_id, route_id, status, attempts, "
                       "next_attempt_at, created_at) SELECT p.id, r.id, 'pending', 0, :t, :t "
                       "FROM posts p, alert_routes r"), {"t": T})


async def test_upgrade_keeps_queued_post_alerts(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        assert not NEW_COLUMNS & set(await conn.run_sync(_columns))
        assert (await conn.run_sync(_columns))["post_id"] is False
        await _old_alert(conn)
        await conn.run_sync(_run, "upgrade", "head")
        columns = await conn.run_sync(_columns)
        row = (await conn.execute(text(
            "SELECT kind, event_id, event_status, status, post_id IS NOT NULL FROM outbox"
        ))).one()
        assert await conn.run_sync(_diff) == []
    assert set(columns) >= NEW_COLUMNS and columns["post_id"] is True
    assert tuple(row) == ("post", None, "", "pending", True)


async def test_downgrade_drops_event_alerts_and_comes_back(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        await _old_alert(conn)
        await conn.run_sync(_run, "upgrade", "head")
        await conn.execute(text(
            "INSERT INTO events (origin, title, platforms, parents, event_type, direction, tier, "
            "first_seen, last_seen, status, status_changed_at, score, post_count, source_count, "
            "author_count, revision, features, created_at, updated_at) VALUES ('reports', 'e', "
            "'[]', '[]', 'layoff', 'contraction', 'all', :t, :t, 'reported', :t, 50, 1, 1, 1, 1, "
            "'{}', :t, :t)"), {"t": T})
        await conn.execute(text(
            "INSERT INTO outbox (kind, event_id, event_status, route_id, status, attempts, "
            "next_attempt_at, created_at) SELECT 'new', e.id, '', r.id, 'pending', 0, :t, :t "
            "FROM events e, alert_routes r"), {"t": T})
        await conn.run_sync(_run, "downgrade", BEFORE)
        left = (await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one()
        assert (await conn.run_sync(_columns))["post_id"] is False
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
    assert left == 1  # the per-post alert survives, the event alert is gone
