"""Read-only figures for operators: outbox depth, events by status, source states.

``/metrics`` asks these on each scrape and ``labelwatch doctor`` once, so
each is one aggregate over an indexed column, never a scan of posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event, OutboxItem
from storage.queries.outbox import PENDING


@dataclass(frozen=True)
class OutboxDepth:
    pending: int
    oldest: datetime | None
    """When the oldest alert still waiting was queued; None when none waits."""


async def outbox_depth(session: AsyncSession) -> OutboxDepth:
    """How many alerts wait to be sent, and since when the oldest has waited."""
    row = (await session.execute(
        select(func.count(), func.min(OutboxItem.created_at)).where(OutboxItem.status == PENDING)
    )).one()
    return OutboxDepth(int(row[0]), row[1])


async def event_counts(session: AsyncSession) -> dict[str, int]:
    """Events by status (reported, corroborated, confirmed, disputed, closed)."""
    rows = await session.execute(select(Event.status, func.count()).group_by(Event.status))
    return {str(status): int(count) for status, count in rows.all()}
