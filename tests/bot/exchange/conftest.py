"""A second, empty database beside ``db_engine``, on the same back end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import session_factory
from tests.conftest import migrated_engine


@pytest.fixture
async def other_engine(db_engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with migrated_engine(db_engine.dialect.name, tmp_path / "other.db") as engine:
        yield engine


@pytest.fixture
def other_sessions(other_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(other_engine)
