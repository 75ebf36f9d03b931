"""Convergence alerts in the outbox: one row per crossing and opted-in route, ever; claimed
with their crossing and events; dropped with a route that is removed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from bot.delivery.console import ConsoleSink
from bot.delivery.worker import OutboxWorker
from bot.index.convergence import check_convergence
from bot.index.settings import IndexSettings
from bot.platforms import PlatformRegistry
from storage.models import AlertRoute
from storage.queries.alerts import (
    config_routes,
    remove_channel_route,
    routes_for_guild,
    set_channel_route,
    sync_config_routes,
)
from storage.queries.index_outbox import enqueue_convergence_alerts
from storage.queries.outbox import CONVERGENCE, claim_due, outbox_items
from tests.support.events import add_event

Sessions = async_sessionmaker[AsyncSession]
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
HOOK = "https://discord.com/api/webhooks/1/tok"


async def three_parents(sessions: Sessions) -> None:
    async with sessions.begin() as session:
        for n, platform in enumerate(("mercor", "turing", "invisible")):
            await add_event(session, [platform], T0 + timedelta(days=2 * n),
                            title=f"{platform} cuts experts")


async def test_each_opted_in_route_gets_one_row_per_crossing(db_sessions: Sessions) -> None:
    await three_parents(db_sessions)
    async with db_sessions.begin() as session:
        await sync_config_routes(session, [WebhookSettings(url=HOOK, index=True)], console=True)
        await set_channel_route(session, 5, 50, index_alerts=True)
        await set_channel_route(session, 5, 51)
    new, queued = await check_convergence(db_sessions, IndexSettings(), T0 + timedelta(days=5))
    assert len(new) == 1 and queued == 2
    async with db_sessions.begin() as session:
        assert await enqueue_convergence_alerts(session, [new[0].id], T0) == 0
        items = [i for i in await outbox_items(session) if i.kind == CONVERGENCE]
        routes = {r.sink_kind: r for r in await config_routes(session)}
        channels = await routes_for_guild(session, 5)
        claimed = await claim_due(session, datetime.now(UTC) + timedelta(seconds=1), 10)
    assert routes["webhook"].index_alerts and not routes["console"].index_alerts
    assert [c.index_alerts for c in channels] == [True, False]
    assert sorted(i.route_id for i in items) == sorted([routes["webhook"].id, channels[0].id])
    assert len(claimed) == 2
    alert = claimed[0].crossing
    assert alert is not None and alert.crossing.parents == ("invisible", "mercor", "turing")
    assert [e.title for e in alert.events] == ["mercor cuts experts", "turing cuts experts",
                                               "invisible cuts experts"]
    async with db_sessions.begin() as session:
        await remove_channel_route(session, 5, 50)
        assert len([i for i in await outbox_items(session) if i.kind == CONVERGENCE]) == 1


async def test_a_crossing_found_long_after_is_recorded_but_not_announced(
    db_sessions: Sessions,
) -> None:
    await three_parents(db_sessions)
    async with db_sessions.begin() as session:
        await sync_config_routes(session, [], console=True)
        await set_channel_route(session, 5, 50, index_alerts=True)
    new, queued = await check_convergence(db_sessions, IndexSettings(),
                                          T0 + timedelta(days=90))
    assert len(new) == 1 and queued == 0


async def test_the_console_prints_one_line_per_crossing(db_sessions: Sessions) -> None:
    await three_parents(db_sessions)
    async with db_sessions.begin() as session:
        await set_channel_route(session, 5, 50, index_alerts=True)
        [route] = await routes_for_guild(session, 5)
        # The operator's terminal: a console route that opted in.
        await sync_config_routes(session, [], console=True)
    async with db_sessions.begin() as session:
        await session.execute(update(AlertRoute).where(AlertRoute.sink_kind == "console")
                              .values(index_alerts=True))
        await remove_channel_route(session, 5, 50)
    await check_convergence(db_sessions, IndexSettings(), T0 + timedelta(days=5))
    out = StringIO()
    worker = OutboxWorker(db_sessions, {"console": ConsoleSink(out, PlatformRegistry())})
    assert await worker.run_once() == 1
    assert out.getvalue().startswith("CONVERGENCE 2025-03-07 expert breadth 3 >= 3: ")
    assert route.index_alerts
