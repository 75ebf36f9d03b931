"""Queueing convergence alerts: one outbox row per recorded crossing and opted-in route.

Rows are written in the transaction that records the crossing
(``bot.index.convergence``), so a crash keeps both or neither, and the
unique (crossing, route) pair means a route is told of a crossing once,
however often this runs. Delivery, retries and ordering are the outbox's,
as for every other alert. A crossing counts public events only, so every
route that opted in (``index_alerts``) may see it, whichever guild owns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AlertRoute, OutboxItem
from storage.queries.outbox import CONVERGENCE, PENDING
from storage.queries.posts import dialect_insert

OUTBOX = cast(Table, OutboxItem.__table__)


async def enqueue_convergence_alerts(
    session: AsyncSession, crossing_ids: Sequence[int], now: datetime,
) -> int:
    """Queue each crossing for every enabled route that wants index alerts; returns how many
    rows this call added (none when they were queued before)."""
    if not crossing_ids:
        return 0
    routes = (await session.execute(
        select(AlertRoute.id).where(AlertRoute.enabled.is_(True),
                                    AlertRoute.index_alerts.is_(True))
        .order_by(AlertRoute.id))).scalars().all()
    rows = [{"kind": CONVERGENCE, "crossing_id": c, "route_id": r, "event_status": "",
             "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now}
            for c in crossing_ids for r in routes]
    if not rows:
        return 0
    before = await _count(session, crossing_ids)
    await session.execute(
        dialect_insert(session, OUTBOX).on_conflict_do_nothing(
            index_elements=["crossing_id", "route_id"]), rows)
    return await _count(session, crossing_ids) - before


async def _count(session: AsyncSession, crossing_ids: Sequence[int]) -> int:
    return int((await session.execute(
        select(func.count()).select_from(OutboxItem)
        .where(OutboxItem.crossing_id.in_(list(crossing_ids))))).scalar_one())
