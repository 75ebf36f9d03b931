"""Shared fixtures: a migrated database on SQLite, and on PostgreSQL when asked.

Set ``LABELWATCH_TEST_POSTGRES_URL`` (e.g.
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``) to run every test that
uses ``db_engine`` on PostgreSQL as well; each test gets its own schema there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.schemas import schema_engine
from storage.engine import create_engine, session_factory, upgrade

POSTGRES_ENV = "LABELWATCH_TEST_POSTGRES_URL"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """The scorer's derived clauses (``bot.scoring.derived``) go to a folder of this run's
    own, not the user's cache; workers started later find it set and share it."""
    if "LABELWATCH_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="labelwatch-test-cache-")
        os.environ["LABELWATCH_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def _backends() -> list[pytest.param]:  # type: ignore[valid-type]
    params = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    return params


@asynccontextmanager
async def migrated_engine(backend: str, sqlite_file: Path) -> AsyncIterator[AsyncEngine]:
    """A freshly migrated engine: ``sqlite_file`` on SQLite, a throwaway schema on PostgreSQL."""
    if backend == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{sqlite_file}")
        try:
            await upgrade(engine)
            yield engine
        finally:
            await engine.dispose()
        return
    async with schema_engine(os.environ[POSTGRES_ENV], prefix="lw_test") as engine:
        await upgrade(engine)
        yield engine


@pytest.fixture(params=_backends())
async def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A freshly migrated engine; on PostgreSQL, inside a throwaway schema."""
    async with migrated_engine(request.param, tmp_path / "test.db") as engine:
        yield engine


@pytest.fixture
def db_sessions(db_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(db_engine)


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it exists in development and CI only)")
    return SHARED
