"""Event alerts through a webhook endpoint over real HTTP: posted once, edited with PATCH on
the webhook's message endpoint (thread kept), a reply of its own, deleted messages left alone."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from bot.delivery.webhook import WebhookSink, webhook_message_url
from bot.delivery.worker import OutboxWorker
from bot.platforms import PlatformRegistry
from storage.queries.alerts import config_routes, sync_config_routes
from storage.queries.event_changes import EventChange
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.outbox import outbox_items
from storage.types import utcnow
from tests.bot.delivery.webhook_server import WebhookServer
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
NOW = utcnow()
HOOK = "https://discord.com/api/webhooks/111/tok-111?thread_id=77"


@pytest.fixture
async def server() -> AsyncIterator[WebhookServer]:
    srv = WebhookServer(tokens={"111": "tok-111"})
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def worker(db_sessions: Sessions, server: WebhookServer) -> AsyncIterator[OutboxWorker]:
    async with aiohttp.ClientSession() as http:
        yield OutboxWorker(db_sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)})


class Story:
    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self.n = 0

    async def post(self, s: AsyncSession) -> int:
        self.n += 1
        return await add_post(s, f"t3_w{self.n}", title=f"report {self.n}",
                              created=NOW - timedelta(hours=10 - self.n), decision=Decision())

    async def queue(self, change: EventChange) -> None:
        async with self.sessions.begin() as s:
            await enqueue_event_alerts(s, [change], now=NOW)


async def _deliver(worker: OutboxWorker) -> int:
    return sum([await worker.run_once(NOW + timedelta(seconds=i)) for i in range(1, 4)])


def test_message_url_keeps_the_thread() -> None:
    assert webhook_message_url(HOOK + "&wait=true", "http://127.0.0.1:5/api/v10", "9001") == (
        "http://127.0.0.1:5/api/v10/webhooks/111/tok-111/messages/9001?thread_id=77")
    assert webhook_message_url("https://discord.com/api/webhooks/1/t", "http://h/api", "5") == (
        "http://h/api/webhooks/1/t/messages/5")


async def test_posted_once_edited_in_place_and_answered_once(
    db_sessions: Sessions, server: WebhookServer, worker: OutboxWorker,
) -> None:
    story = Story(db_sessions)
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=False)
        opened = await open_event(s, await story.post(s))
    await story.queue(opened)
    assert await _deliver(worker) == 1
    [posted] = server.delivered()
    assert posted.query == {"thread_id": "77", "wait": "true"}
    for n, status in enumerate(("corroborated", "confirmed")):
        async with db_sessions.begin() as s:
            change = await join_event(s, opened.event_id, await story.post(s),
                                      source_key=f"outlet{n}", status=status)
        await story.queue(change)
        await _deliver(worker)
    assert [e.message_id for e in server.edits] == [posted.message_id] * 2
    assert all(e.query == {"thread_id": "77"} for e in server.edits)
    assert server.edits[-1].payload["allowed_mentions"] == {"parse": []}
    message = server.messages[posted.message_id or ""]
    assert "✅ Confirmed" in str(message["embeds"][0]["fields"])
    [_, reply] = server.delivered()
    assert reply.payload["content"].startswith(f"✅ **Confirmed** · e{opened.event_id}")
    assert reply.payload["allowed_mentions"] == {"parse": []}
    assert await _deliver(worker) == 0


async def test_a_deleted_message_is_dropped_and_a_revoked_webhook_disables_the_route(
    db_sessions: Sessions, server: WebhookServer, worker: OutboxWorker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    story = Story(db_sessions)
    async with db_sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=False)
        first = await open_event(s, await story.post(s))
        second = await open_event(s, await story.post(s), platforms=("mercor",))
    await story.queue(first)
    await story.queue(second)
    await _deliver(worker)
    gone, kept = (r.message_id or "" for r in server.delivered())
    del server.messages[gone]  # deleted in Discord
    async with db_sessions.begin() as s:
        grew = await join_event(s, first.event_id, await story.post(s))
    await story.queue(grew)
    with caplog.at_level(logging.WARNING, logger="bot"):
        await _deliver(worker)
    assert [(e.message_id, e.status) for e in server.edits] == [(gone, 404)]
    assert any("was deleted" in r.getMessage() for r in caplog.records)
    assert all("tok-111" not in r.getMessage() for r in caplog.records)
    async with db_sessions() as s:
        [route] = await config_routes(s)
    assert route.enabled

    server.script["111"] = [404]  # the webhook itself was deleted
    async with db_sessions.begin() as s:
        other = await join_event(s, second.event_id, await story.post(s))
    await story.queue(other)
    await _deliver(worker)
    assert server.edits[-1].message_id == kept and server.edits[-1].status == 404
    async with db_sessions() as s:
        [route] = await config_routes(s)
        rows = await outbox_items(s, event_id=second.event_id)
    assert not route.enabled and "Unknown Webhook" in (route.disabled_reason or "")
    assert [(r.kind, r.status) for r in rows] == [("new", "sent"), ("edit", "dead")]
