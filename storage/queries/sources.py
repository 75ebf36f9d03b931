"""Persisted source state: cursors, validators, failures."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.records import SourceState
from storage.models import SourceStateRow

_FIELDS = ("cursor", "etag", "last_modified", "failures", "failing", "last_error",
           "last_success", "last_attempt", "next_attempt", "content_hash")


async def load_state(session: AsyncSession, key: str) -> SourceState:
    """The stored state for ``key``, or a fresh one if the source is new."""
    row = await session.get(SourceStateRow, key)
    if row is None:
        return SourceState(key=key)
    return SourceState(key=key, **{f: getattr(row, f) for f in _FIELDS})


async def save_state(session: AsyncSession, state: SourceState) -> None:
    """Store ``state``, its fields fitted to their columns first (see ``SourceState.fit``)."""
    state.fit()
    row = await session.get(SourceStateRow, state.key)
    if row is None:
        row = SourceStateRow(key=state.key)
        session.add(row)
    for f in _FIELDS:
        setattr(row, f, getattr(state, f))


async def all_states(session: AsyncSession) -> list[SourceState]:
    rows = await session.execute(select(SourceStateRow).order_by(SourceStateRow.key))
    return [SourceState(key=r.key, **{f: getattr(r, f) for f in _FIELDS}) for r in rows.scalars()]
