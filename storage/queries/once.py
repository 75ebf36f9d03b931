"""Adding a row that a unique constraint allows only once, without ending the transaction."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models_base import Base


async def add_once(session: AsyncSession, row: Base) -> bool:
    """Add and flush ``row``; False when its unique key is already taken.

    A savepoint absorbs the race with a second writer, so the caller's
    transaction goes on either way.
    """
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        return False
    return True
