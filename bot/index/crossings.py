"""Recording convergence crossings as they happen, once each, for alerts to go out from.

The scheduler calls ``detect_crossings`` with the clock; it computes the
crossings of the public index from the stored events and records those
later than the latest one already recorded for the tier. What it returns
are the crossings recorded by this call, and only those, so whoever sends
convergence alerts sends each one once: a crossing is recorded in the same
transaction as the alerts queued for it.

Crossings older than the latest recorded one are not recorded afterwards:
when a late report or a revised event moves the start of a convergence
episode earlier, the episode was already announced.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.index.breadth import CONTRACTION, crossings, day_of, start_of
from storage.queries.audience import PUBLIC
from storage.queries.index import CrossingRecord, parent_events, save_crossing, saved_crossings

log = logging.getLogger(__name__)


async def detect_crossings(
    session: AsyncSession, now: datetime, level: int, tiers: Sequence[str] = ("expert",),
) -> list[CrossingRecord]:
    """Record the public index's new crossings up to ``now``; returns them, oldest first."""
    rows = await parent_events(session, until=now, audience=PUBLIC, direction=CONTRACTION,
                               tiers=tiers)
    new: list[CrossingRecord] = []
    for tier in tiers:
        recorded = await saved_crossings(session, [tier])
        latest = max((day_of(c.at) for c in recorded), default=None)
        for crossing in crossings(rows, tier, level, until=day_of(now)):
            if latest is not None and crossing.at <= latest:
                continue
            saved = await save_crossing(
                session, at=start_of(crossing.at), tier=tier, level=level,
                parents=crossing.parents, events=crossing.events, now=now)
            if saved is not None:
                log.info("index: %s breadth reached %d on %s (%s)", tier, level,
                         crossing.at.isoformat(), ", ".join(crossing.parents))
                new.append(saved)
    return sorted(new, key=lambda c: (c.at, c.id))
