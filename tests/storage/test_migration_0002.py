"""Migration 0002 (delivery indexes) upgrades, downgrades and matches the models."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import alembic_config
from storage.models import Base

NEW_INDEXES = {
    "posts": "ix_posts_url",
    "post_platforms": "ix_post_platforms_time_cover",
    "outbox": "ix_outbox_route_order",
}


def _run(connection: Connection, action: str, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    getattr(command, action)(cfg, revision)


def _indexes(connection: Connection) -> dict[str, set[str]]:
    insp = inspect(connection)
    return {t: {i["name"] for i in insp.get_indexes(t)} for t in NEW_INDEXES}  # type: ignore[misc]


def _diff(connection: Connection) -> list[Any]:
    ctx = MigrationContext.configure(connection)
    return [d for d in compare_metadata(ctx, Base.metadata)
            if not (isinstance(d, tuple) and d[0] in ("add_table", "remove_table")
                    and getattr(d[1], "name", "") == "alembic_version")]


async def test_upgrade_downgrade_and_models_match(db_engine: AsyncEngine) -> None:
    async with db_engine.begin() as conn:
        assert await conn.run_sync(_diff) == []
        await conn.run_sync(_run, "downgrade", "0002")
        at_head = await conn.run_sync(_indexes)
        await conn.run_sync(_run, "downgrade", "0001")
        at_0001 = await conn.run_sync(_indexes)
        await conn.run_sync(_run, "upgrade", "head")
        again = await conn.run_sync(_indexes)
        assert await conn.run_sync(_diff) == []
    for table, name in NEW_INDEXES.items():
        assert name in at_head[table]
        assert name not in at_0001[table]
        assert name in again[table]
