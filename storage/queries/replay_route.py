"""The route ``labelwatch replay`` decides alerts for: every signal, delivered nowhere.

Replay runs the same alert decision as ``run`` (``enqueue_event_alerts``)
for one route that takes every signal. The route is disabled, so no
delivery ever claims its rows, and of its own kind, so the config's
webhook and console routes are never mistaken for it. When a replay ends
its rows are marked sent (the decision was the replay's output), so nothing
waits in the outbox, and a later replay into the same database goes on
from them: a report of an event replayed before edits its message.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AlertRoute, OutboxItem
from storage.queries.outbox import PENDING, SENT
from storage.types import utcnow

REPLAY_SINK = "replay"


async def replay_route(session: AsyncSession) -> int:
    """The database's every-signal replay route (made the first time); returns its id."""
    found = (await session.execute(
        select(AlertRoute.id).where(AlertRoute.sink_kind == REPLAY_SINK,
                                    AlertRoute.sink_id == REPLAY_SINK)
    )).scalar_one_or_none()
    if found is not None:
        return int(found)
    route = AlertRoute(guild_id=None, sink_kind=REPLAY_SINK, sink_id=REPLAY_SINK,
                       min_score=None, platforms=[], event_types=[], tiers=[],
                       enabled=False, disabled_reason="decisions of labelwatch replay only",
                       created_at=utcnow())
    session.add(route)
    await session.flush()
    return route.id


async def settle_replay_route(session: AsyncSession, route_id: int) -> None:
    """Mark what the replay decided for the route as delivered, at the revision decided."""
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.route_id == route_id, OutboxItem.status == PENDING)
        .values(status=SENT, shown_revision=OutboxItem.revision)
    )
