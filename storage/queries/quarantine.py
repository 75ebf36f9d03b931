"""Reading back what was quarantined, for ``/platforms list`` and the operator."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import QuarantinedItem


@dataclass(frozen=True)
class QuarantineCount:
    """How many of a source's items are quarantined, and the latest reason."""

    items: int
    latest_reason: str


async def quarantine_counts(session: AsyncSession) -> dict[str, QuarantineCount]:
    """Per source key (``feed:<url>``, ``reddit:<subreddit>``): items set aside."""
    counts = await session.execute(
        select(QuarantinedItem.source_key, func.count(), func.max(QuarantinedItem.id))
        .group_by(QuarantinedItem.source_key))
    latest: dict[int, tuple[str, int]] = {row[2]: (row[0], row[1]) for row in counts}
    if not latest:
        return {}
    reasons = await session.execute(
        select(QuarantinedItem.id, QuarantinedItem.reason)
        .where(QuarantinedItem.id.in_(list(latest))))
    out: dict[str, QuarantineCount] = {}
    for row_id, reason in reasons:
        key, items = latest[row_id]
        out[key] = QuarantineCount(items, reason)
    return out
