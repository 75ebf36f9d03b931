"""A PostgreSQL engine confined to a schema of its own, dropped afterwards.

Benchmarks and the storage tests share the test database with whatever else runs
there; a throwaway schema keeps their rows from meeting anyone else's.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine


@asynccontextmanager
async def schema_engine(url: str, prefix: str = "lw_bench") -> AsyncIterator[AsyncEngine]:
    """An engine on ``url`` whose search path is a new, empty schema named ``prefix_…``."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()
