"""A second, empty database beside ``db_engine``, on the same back end."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_engine, session_factory, upgrade
from tests.conftest import POSTGRES_ENV


@pytest.fixture
async def other_engine(db_engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if db_engine.dialect.name == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'other.db'}")
        await upgrade(engine)
        yield engine
        await engine.dispose()
        return
    url = os.environ[POSTGRES_ENV]
    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        await upgrade(engine)
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@pytest.fixture
def other_sessions(other_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(other_engine)
