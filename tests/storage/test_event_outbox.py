"""What each route is told about changed events: new message, edits, replies, or nothing."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from storage.queries.alerts import set_channel_route, sync_config_routes
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.outbox import (
    OutboxItemView,
    claim_due,
    mark_dead,
    mark_gone,
    mark_sent,
    outbox_items,
)
from tests.storage.event_data import join_event, open_event, set_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
HOOK = "https://discord.com/api/webhooks/1/tok"


async def _post(s: AsyncSession, n: int, **kw: Any) -> int:
    return await add_post(s, f"t3_p{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          decision=Decision(), **kw)


def _kinds(items: list[OutboxItemView], route_id: int) -> Counter[str]:
    return Counter(i.kind for i in items if i.route_id == route_id)


async def test_one_message_per_route_then_one_coalesced_edit(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        every = await set_channel_route(s, 1, 10)
        high = await set_channel_route(s, 1, 11, min_score=90)
        mercor = await set_channel_route(s, 1, 12, platforms=["mercor"])
        raises = await set_channel_route(s, 1, 13, event_types=["pay_raise"])
        experts = await set_channel_route(s, 1, 14, tiers=["expert"])
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=True)
        opened = await open_event(s, await _post(s, 0), score=85)
        first = await enqueue_event_alerts(s, [opened], now=T0)
        again = await enqueue_event_alerts(s, [opened], now=T0)
        grew, edits = [], []
        for n in (1, 2, 3):
            grew.append(await join_event(s, opened.event_id, await _post(s, n)))
            edits.append(await enqueue_event_alerts(s, grew[-1:], now=T0))
        items = await outbox_items(s)
    wanted = {every.id, every.id + 5, every.id + 6}  # the channel, the webhook, the console
    assert set(first[opened.event_id].new) == wanted
    assert again == {}
    assert [set(e[opened.event_id].edits) for e in edits] == [wanted] * 3
    for route_id in wanted:
        assert _kinds(items, route_id) == Counter({"new": 1, "edit": 1}), route_id
    for route in (high, mercor, raises, experts):
        assert _kinds(items, route.id) == Counter(), route
    [edit] = [i for i in items if i.route_id == every.id and i.kind == "edit"]
    assert edit.revision == grew[-1].revision and edit.status == "pending"
    assert first[opened.event_id].alert_for(every.id) == "new"
    assert edits[0][opened.event_id].alert_for(every.id) == "update"
    assert first[opened.event_id].alert_for(high.id) is None


async def test_an_event_that_starts_passing_a_filter_gets_its_message_then(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        high = await set_channel_route(s, 1, 11, min_score=90)
        opened = await open_event(s, await _post(s, 0), score=70)
        assert await enqueue_event_alerts(s, [opened], now=T0) == {}
        raised = await join_event(s, opened.event_id, await _post(s, 1), score=93)
        queued = await enqueue_event_alerts(s, [raised], now=T0)
        items = await outbox_items(s, route_id=high.id)
    assert queued[opened.event_id].new == (high.id,)
    assert [(i.kind, i.revision) for i in items] == [("new", raised.revision)]


async def test_a_guilds_own_events_reach_only_its_own_channels(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        mine = await set_channel_route(s, 1, 10)
        other = await set_channel_route(s, 2, 20)
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=True)
        private = await open_event(s, await _post(s, 0), guild_id=1)
        public = await open_event(s, await _post(s, 1))
        queued = await enqueue_event_alerts(s, [private, public], now=T0)
    assert queued[private.event_id].new == (mine.id,)
    assert set(queued[public.event_id].new) == {mine.id, other.id, other.id + 1, other.id + 2}


async def test_one_reply_per_status_and_none_for_the_console(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        channel = await set_channel_route(s, 1, 10)
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=True)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        replies = []
        for n, status in enumerate(("corroborated", "confirmed", "confirmed", "disputed",
                                    "confirmed"), 1):
            change = await join_event(s, opened.event_id, await _post(s, n), status=status)
            queued = await enqueue_event_alerts(s, [change], now=T0)
            replies.append(queued[opened.event_id].replies)
        born_confirmed = await open_event(s, await _post(s, 6), status="confirmed")
        born = await enqueue_event_alerts(s, [born_confirmed], now=T0)
        items = await outbox_items(s, event_id=opened.event_id)
    hook = channel.id + 1
    assert replies == [(), (channel.id, hook), (), (channel.id, hook), ()]
    assert sorted((i.route_id, i.event_status) for i in items if i.kind == "reply") == [
        (channel.id, "confirmed"), (channel.id, "disputed"),
        (hook, "confirmed"), (hook, "disputed")]
    assert born[born_confirmed.event_id].replies == ()


async def test_several_changes_of_one_event_in_a_batch_count_as_one(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        channel = await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        confirmed = await join_event(s, opened.event_id, await _post(s, 1), status="confirmed")
        queued = await enqueue_event_alerts(s, [opened, confirmed], now=T0)
        items = await outbox_items(s)
    # Opened and confirmed before any message went out: the message says confirmed itself.
    assert queued[opened.event_id].new == (channel.id,)
    assert [i.kind for i in items] == ["new"]


async def test_a_deleted_message_is_neither_edited_nor_posted_again(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        channel = await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        [new] = await claim_due(s, T0, 10)
        await mark_sent(s, new.id, "m1", T0, revision=opened.revision)
        grew = await join_event(s, opened.event_id, await _post(s, 1))
        await enqueue_event_alerts(s, [grew], now=T0)
        [edit] = await claim_due(s, T0, 10)
        assert await mark_gone(s, edit.id, "HTTP 404: Unknown Message (code 10008)")
        later = await join_event(s, opened.event_id, await _post(s, 2), status="confirmed")
        assert await enqueue_event_alerts(s, [later], now=T0) == {}
        items = await outbox_items(s, route_id=channel.id)
    assert [(i.kind, i.status) for i in items] == [("new", "gone"), ("edit", "dead")]


async def test_a_message_given_up_is_queued_again_by_the_next_change(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        [new] = await claim_due(s, T0, 10)
        assert await mark_dead(s, new.id, "gave up after 15 attempts: 503")
        grew = await join_event(s, opened.event_id, await _post(s, 1))
        queued = await enqueue_event_alerts(s, [grew], now=T0 + timedelta(days=1))
        items = await outbox_items(s)
    assert queued[opened.event_id].new and not queued[opened.event_id].edits
    [row] = items
    assert (row.id, row.status, row.attempts, row.revision) == (new.id, "pending", 0,
                                                                grew.revision)
    assert row.last_error is None


async def test_closing_an_event_edits_its_message(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        channel = await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        closed = await set_event(s, opened.event_id, status="closed")
        queued = await enqueue_event_alerts(s, [closed], now=T0)
    assert queued[opened.event_id].edits == (channel.id,)
    assert queued[opened.event_id].replies == ()
