"""Convergence alerts: record the index's new crossings and queue them, in one transaction.

The service runs ``check_convergence`` on a schedule (``bot.runner``). A
crossing is recorded once (``crossings.detect_crossings``) and, in the same
transaction, queued once for every route that opted in to index alerts
(``/alerts set ... index:true``, ``index = true`` on a configured webhook);
the outbox delivers it with the guarantees of every alert: nothing lost on a
crash, nothing sent twice. A crossing older than the index's own window when
it is first recorded (an archive loaded into a new database) is history: it
is recorded, and shown by ``labelwatch index``, but not announced.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.index.breadth import WINDOW_DAYS, day_of
from bot.index.crossings import detect_crossings
from bot.index.settings import IndexSettings
from storage.queries.index import CrossingRecord
from storage.queries.index_outbox import enqueue_convergence_alerts
from storage.types import utcnow

log = logging.getLogger(__name__)


async def check_convergence(
    sessions: async_sessionmaker[AsyncSession], settings: IndexSettings, now: datetime,
) -> tuple[list[CrossingRecord], int]:
    """Record crossings up to ``now`` and queue the recent ones; returns the crossings
    recorded and how many alerts were queued."""
    async with sessions.begin() as session:
        new = await detect_crossings(session, now, settings.level, settings.tiers)
        oldest = day_of(now) - timedelta(days=WINDOW_DAYS)
        recent = [c for c in new if day_of(c.at) >= oldest]
        queued = await enqueue_convergence_alerts(session, [c.id for c in recent], utcnow())
    for crossing in new:
        if crossing not in recent:
            log.info("index: crossing of %s recorded as history, not announced",
                     day_of(crossing.at).isoformat())
    if queued:
        log.info("index: %d convergence alerts queued", queued)
    return new, queued
