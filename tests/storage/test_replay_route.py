"""Replay's route: one per database, decided for only when asked, never left waiting."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from storage.models import AlertRoute, OutboxItem
from storage.queries.alerts import sync_config_routes
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.ops import outbox_depth
from storage.queries.replay_route import replay_route, settle_replay_route
from storage.types import utcnow
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import Decision, add_post

Sessions = async_sessionmaker[AsyncSession]


async def test_decided_for_alone_then_settled(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings("https://discord.com/api/webhooks/1/t")],
                                 console=False)
        route = await replay_route(s)
        assert await replay_route(s) == route
        opened = await open_event(s, await add_post(s, "t3_a", decision=Decision()))
        queued = await enqueue_event_alerts(s, [opened], now=utcnow(), route_ids=(route,))
    assert queued[opened.event_id].alert_for(route) == "new"
    async with db_sessions.begin() as s:
        rows = (await s.execute(select(OutboxItem.route_id, OutboxItem.kind))).all()
        assert [tuple(r) for r in rows] == [(route, "new")]  # the webhook got nothing
        await settle_replay_route(s, route)
        assert (await outbox_depth(s)).pending == 0
        grew = await join_event(s, opened.event_id, await add_post(s, "t3_b",
                                                                   decision=Decision()))
        queued = await enqueue_event_alerts(s, [grew], now=utcnow(), route_ids=(route,))
    assert queued[opened.event_id].alert_for(route) == "update"
    async with db_sessions() as s:
        enabled = (await s.execute(select(AlertRoute.enabled).where(
            AlertRoute.id == route))).scalar_one()
    assert enabled is False
