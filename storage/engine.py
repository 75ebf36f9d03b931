"""Engine, sessions and schema upgrades.

The engine is built by the start-up function and passed around; nothing here
holds a module-level connection.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)
SCHEMA_LOCK = 0x6C6162656C77
"""The PostgreSQL advisory lock key instances take around schema changes and start-up chores."""
MIGRATIONS = Path(__file__).with_name("migrations")


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_async_engine(url, **kwargs)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if parsed.database and parsed.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _migrate(connection: Connection, action: str, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    getattr(command, action)(cfg, revision)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration this version of labelwatch ships."""
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


async def current_revision(engine: AsyncEngine) -> str | None:
    """The database's migration revision; None for an empty database."""
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


@asynccontextmanager
async def start_up_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """Hold PostgreSQL's advisory lock ``SCHEMA_LOCK`` (nothing on SQLite) for the block.

    Instances started together on one database take turns through schema
    creation, upgrades and the config routes' sync instead of racing into
    unique violations. The lock lives on its own connection and ends with it,
    so an instance killed while holding it frees it at once.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK})
        await conn.commit()
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK})
            await conn.commit()


async def upgrade(engine: AsyncEngine, *, lock: bool = True) -> tuple[str | None, str]:
    """Bring the schema to the newest migration; returns (before, after) revisions.

    ``lock=False`` when the caller already holds ``start_up_lock``.
    """
    if lock:
        async with start_up_lock(engine):
            return await upgrade(engine, lock=False)
    head = head_revision()
    async with engine.connect() as conn:
        before = await conn.run_sync(_current)
        await conn.rollback()
    if before != head:
        log.info("upgrading database schema from %s to %s", before or "empty", head)
        await migrate(engine, "upgrade", "head")
    return before, head


async def migrate(engine: AsyncEngine, action: str, revision: str) -> None:
    """Run ``alembic upgrade|downgrade revision`` on the engine's database.

    On SQLite, batch migrations rebuild a table by copying it and dropping the
    original; with foreign keys enforced, that drop would cascade and delete
    every row referencing the table (a post's platforms, its outbox rows, its
    place in an event). So SQLite migrates with enforcement off, which SQLite
    only allows outside a transaction, and checks the keys afterwards.
    """
    async with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await conn.commit()
        try:
            async with conn.begin():
                await conn.run_sync(_migrate, action, revision)
            if sqlite:
                broken = (await conn.exec_driver_sql("PRAGMA foreign_key_check")).all()
                await conn.commit()
                if broken:
                    raise RuntimeError(f"the {action} left {len(broken)} rows whose foreign "
                                       f"keys point nowhere (first: {tuple(broken[0])})")
        finally:
            if sqlite:
                await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                await conn.commit()


async def schema_is_current(engine: AsyncEngine) -> bool:
    return await current_revision(engine) == head_revision()
