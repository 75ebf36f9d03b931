"""Upgrading a database that holds data keeps every row that refers to a rebuilt table.

SQLite's batch migrations copy a table and drop the original; with foreign
keys enforced, the drop would cascade and silently empty the tables that
point at it (post platforms, the outbox).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import head_revision, migrate, upgrade

WHEN = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)
COUNTED = ("posts", "post_platforms", "alert_routes", "outbox")


async def _counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        return {t: (await conn.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one()
                for t in COUNTED}


async def test_upgrade_from_0002_keeps_platform_rows_and_queued_alerts(
    db_engine: AsyncEngine,
) -> None:
    await migrate(db_engine, "downgrade", "0002")
    async with db_engine.begin() as conn:
        post_id = (await conn.execute(text(
            "INSERT INTO posts (source_kind, external_id, title, body, created_utc, fetched_at) "
            "VALUES ('reddit', 't3_kept', 'Outlier cuts rates', '', :t, :t) RETURNING id"),
            {"t": WHEN})).scalar_one()
        await conn.execute(text(
            "INSERT INTO post_platforms (post_id, platform, created_utc, event_type, tier, "
            "direction) VALUES (:p, 'outlier', :t, 'pay_cut', 'generalist', 'contraction')"),
            {"p": post_id, "t": WHEN})
        route_id = (await conn.execute(text(
            "INSERT INTO alert_routes (sink_kind, sink_id, platforms, event_types, tiers, "
            "enabled, created_at) VALUES ('console', 'console', '[]', '[]', '[]', :on, :t) "
            "RETURNING id"), {"t": WHEN, "on": True})).scalar_one()
        await conn.execute(text(
            "INSERT INTO outbox (post_id, route_id, status, attempts, next_attempt_at, "
            "created_at) VALUES (:p, :r, 'pending', 0, :t, :t)"),
            {"p": post_id, "r": route_id, "t": WHEN})
    before = await _counts(db_engine)

    assert await upgrade(db_engine) == ("0002", head_revision())

    assert before == dict.fromkeys(COUNTED, 1)
    assert await _counts(db_engine) == before
    async with db_engine.connect() as conn:
        enforced = (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar_one() \
            if conn.dialect.name == "sqlite" else 1
    assert enforced == 1
