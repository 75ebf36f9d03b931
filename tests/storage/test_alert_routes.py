from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from storage.queries.alerts import (
    REMOVED_FROM_CONFIG,
    RouteConflictError,
    config_routes,
    disable_route,
    remove_channel_route,
    routes_for_guild,
    set_channel_route,
    sync_config_routes,
)
from storage.queries.outbox import outbox_items
from tests.storage.event_data import alert_event

Sessions = async_sessionmaker[AsyncSession]
HOOK_A = "https://discord.com/api/webhooks/111/token-a"
HOOK_B = "https://discord.com/api/webhooks/222/token-b"


async def test_set_channel_route_upserts_and_reenables(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        first = await set_channel_route(s, 1, 10, 60, ["outlier", "mercor", "outlier"],
                                        ["pay_cut"], [], 555)
    async with db_sessions.begin() as s:
        await disable_route(s, first.id, "channel deleted")
    async with db_sessions.begin() as s:
        again = await set_channel_route(s, 1, 10, None, ["appen"], [], ["expert"], None)
    async with db_sessions() as s:
        routes = await routes_for_guild(s, 1)
    assert again.id == first.id
    assert first.platforms == ("mercor", "outlier")
    assert len(routes) == 1
    r = routes[0]
    assert (r.enabled, r.disabled_reason, r.min_score) == (True, None, None)
    assert (r.platforms, r.event_types, r.tiers, r.ping_role_id) == (("appen",), (), ("expert",),
                                                                    None)
    assert r.channel_id == 10


async def test_min_score_is_checked(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        with pytest.raises(ValueError, match="min_score"):
            await set_channel_route(s, 1, 10, 101)


async def test_guilds_never_see_or_change_each_others_routes(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10, 50)
        await set_channel_route(s, 2, 20, 70)
    async with db_sessions.begin() as s:
        with pytest.raises(RouteConflictError):
            await set_channel_route(s, 2, 10, 0)
    async with db_sessions.begin() as s:
        assert await remove_channel_route(s, 2, 10) is False
    async with db_sessions() as s:
        one = await routes_for_guild(s, 1)
        two = await routes_for_guild(s, 2)
    assert [(r.channel_id, r.min_score) for r in one] == [(10, 50)]
    assert [(r.channel_id, r.min_score) for r in two] == [(20, 70)]
    async with db_sessions.begin() as s:
        assert await remove_channel_route(s, 1, 10) is True
    async with db_sessions() as s:
        assert await routes_for_guild(s, 1) == []
        assert len(await routes_for_guild(s, 2)) == 1


async def test_routes_report_pending_and_failed_counts(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        for i in range(3):
            await alert_event(s, f"t3_c{i}")
    async with db_sessions.begin() as s:
        dropped = await disable_route(s, route.id, "Missing Access")
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        await alert_event(s, "t3_c9")
    async with db_sessions() as s:
        [view] = await routes_for_guild(s, 1)
    assert dropped == 3
    assert (view.pending, view.failed, view.sent) == (1, 3, 0)


async def test_sync_config_routes_disables_removed_webhooks(db_sessions: Sessions) -> None:
    hooks = [WebhookSettings(HOOK_A, min_score=70, platforms=("mercor",)),
             WebhookSettings(HOOK_B)]
    async with db_sessions.begin() as s:
        await sync_config_routes(s, hooks, console=True)
        change = await alert_event(s, "t3_w1", platforms=("mercor",))
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(HOOK_A, min_score=80)], console=False)
    async with db_sessions() as s:
        routes = {r.sink_id: r for r in await config_routes(s)}
        items = await outbox_items(s, event_id=change.event_id)
    assert set(routes) == {HOOK_A, HOOK_B, "stdout"}
    assert routes[HOOK_A].enabled and routes[HOOK_A].min_score == 80
    assert routes[HOOK_A].platforms == ()
    assert not routes[HOOK_B].enabled
    assert routes[HOOK_B].disabled_reason == REMOVED_FROM_CONFIG
    assert not routes["stdout"].enabled
    by_route = {i.route_id: i.status for i in items}
    assert by_route[routes[HOOK_A].id] == "pending"
    assert by_route[routes[HOOK_B].id] == "dead"
    assert routes[HOOK_B].failed == 1
    async with db_sessions.begin() as s:
        await sync_config_routes(s, hooks, console=True)
    async with db_sessions() as s:
        assert all(r.enabled for r in await config_routes(s))
        assert await routes_for_guild(s, 0) == []
