"""Migration 0011 (the names events were reported under) round-trips, matches the models
and fills the names of open events from their features."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from tests.storage.test_migration_0002 import _diff, _run

BEFORE = str(ScriptDirectory.from_config(alembic_config()).get_revision("0011").down_revision)
T = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)
OPEN = {"strong": {"halyard": 2}, "weak": {"kestrel": 1, "halyard": 1}, "terms": {"cut": 2}}
CLOSED = {"strong": {"genesis": 1}}


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_round_trip_adds_fills_and_drops_the_names(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        await conn.run_sync(_run, "downgrade", BEFORE)
        assert "event_names" not in await conn.run_sync(_tables)
        for status, features in (("reported", OPEN), ("closed", CLOSED)):
            await conn.execute(text(
                "INSERT INTO events (origin, title, platforms, parents, event_type, direction, "
                "tier, first_seen, last_seen, status, status_changed_at, post_count, "
                "source_count, author_count, revision, features, created_at, updated_at, "
                "score) VALUES ('reports', 't', '[\"mercor\"]', '[\"mercor\"]', 'pay_cut', "
                "'contraction', 'unknown', :t, :t, :status, :t, 2, 2, 2, 1, :features, :t, "
                ":t, 50)"), {"t": T, "status": status, "features": json.dumps(features)})
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
        names = (await conn.execute(text(
            "SELECT e.status, n.name FROM event_names n JOIN events e ON e.id = n.event_id "
            "ORDER BY n.name"))).all()
        await conn.run_sync(_run, "downgrade", BEFORE)
        dropped = "event_names" not in await conn.run_sync(_tables)
        events = (await conn.execute(text("SELECT count(*) FROM events"))).scalar_one()
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_diff) == []
    assert [tuple(r) for r in names] == [("reported", "halyard"), ("reported", "kestrel")]
    assert dropped and events == 2
