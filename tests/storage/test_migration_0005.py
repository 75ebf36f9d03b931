"""Migration 0005 (event exchange) keeps stored events, round-trips and matches the models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.storage.test_migration_0002 import _diff, _run

NEW_COLUMNS = {"external_key", "first_report_url", "latest_report_url"}
INSERT = ("INSERT INTO events (origin, title, platforms, parents, event_type, direction, tier, "
          "first_seen, last_seen, status, status_changed_at, score, post_count, source_count, "
          "author_count, revision, features, created_at, updated_at{extra}) VALUES ('reports', "
          "'kept', '[\"mercor\"]', '[\"mercor\"]', 'layoff', 'contraction', 'expert', :t, :t, "
          "'reported', :t, 70, 1, 1, 1, 1, '{{}}', :t, :t{values})")


def _columns(connection: Connection) -> set[str]:
    return {c["name"] for c in inspect(connection).get_columns("events")}


async def test_upgrade_keeps_events_and_downgrade_round_trips(db_engine: AsyncEngine) -> None:
    seen = datetime(2026, 11, 1, 12)
    async with db_engine.begin() as conn:
        assert await conn.run_sync(_columns) >= NEW_COLUMNS
        await conn.run_sync(_run, "downgrade", "0004")
        assert not NEW_COLUMNS & await conn.run_sync(_columns)
        await conn.execute(text(INSERT.format(extra="", values="")), {"t": seen})
        await conn.run_sync(_run, "upgrade", "head")
        assert await conn.run_sync(_columns) >= NEW_COLUMNS
        row = (await conn.execute(text("SELECT title, external_key FROM events"))).one()
        assert tuple(row) == ("kept", None)
        assert await conn.run_sync(_diff) == []


async def test_external_keys_are_unique_but_may_be_missing(db_engine: AsyncEngine) -> None:
    seen = datetime(2026, 11, 1, 12, tzinfo=UTC).replace(tzinfo=None)
    async with db_engine.begin() as conn:
        for _ in range(2):  # several events built here, none with a key
            await conn.execute(text(INSERT.format(extra="", values="")), {"t": seen})
        keyed = INSERT.format(extra=", external_key", values=", 'e1@x'")
        await conn.execute(text(keyed), {"t": seen})
    async with db_engine.connect() as conn:
        try:
            await conn.execute(text(keyed), {"t": seen})
        except IntegrityError:
            pass
        else:
            raise AssertionError("a second event with the same external key was stored")
