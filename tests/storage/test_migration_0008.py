"""Migration 0008 (leases) keeps queued alerts, round-trips and matches the models."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from tests.storage.test_migration_0002 import _diff, _run
from tests.storage.test_migration_0006 import _old_alert

BEFORE = str(ScriptDirectory.from_config(alembic_config()).get_revision("0008").down_revision)
"""The revision 0008 upgrades from (migrations are chained in the order they were merged)."""


def _shape(connection: Connection) -> tuple[set[str], bool]:
    insp = inspect(connection)
    return {c["name"] for c in insp.get_columns("outbox")}, insp.has_table("leases")


async def test_upgrade_downgrade_keeps_queued_alerts(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        columns, leases = await conn.run_sync(_shape)
        assert "lease_owner" not in columns and not leases
        await _old_alert(conn)
        await conn.run_sync(_run, "upgrade", "head")
        columns, leases = await conn.run_sync(_shape)
        row = (await conn.execute(text(
            "SELECT status, lease_owner, lease_expires_at FROM outbox"))).one()
        assert await conn.run_sync(_diff) == []
        await conn.run_sync(_run, "downgrade", BEFORE)
        kept = (await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one()
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
    assert {"lease_owner", "lease_expires_at"} <= columns and leases
    assert tuple(row) == ("pending", None, None)
    assert kept == 1
