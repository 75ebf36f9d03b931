"""The outbox worker delivering to a webhook double over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from bot.delivery.webhook import WebhookSink, webhook_api_url
from bot.delivery.worker import OutboxWorker
from bot.platforms import PlatformRegistry
from storage.queries.alerts import config_routes, sync_config_routes
from storage.queries.outbox import outbox_items
from storage.types import utcnow
from tests.bot.delivery.webhook_server import WebhookServer
from tests.storage.event_data import alert_event

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
NOW = utcnow()


def hook_url(hook: str) -> str:
    return f"https://discord.com/api/webhooks/{hook}/tok-{hook}"


@pytest.fixture
async def server() -> AsyncIterator[WebhookServer]:
    srv = WebhookServer(tokens={h: f"tok-{h}" for h in ("111", "222", "333")})
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _queue(sessions: Sessions, hooks: list[str], n: int, prefix: str = "p") -> list[str]:
    """Make the hooks the config routes and queue ``n`` events' messages to each; returns
    their headlines."""
    titles = []
    async with sessions.begin() as s:
        await sync_config_routes(s, [WebhookSettings(hook_url(h)) for h in hooks], console=False)
        for i in range(n):
            title = f"{prefix}{i} rates cut"
            await alert_event(s, f"t3_{prefix}{i}", title=title, now=NOW)
            titles.append(f"**{title}**")
    return titles



def test_configured_url_moves_onto_api_base() -> None:
    assert webhook_api_url("https://discord.com/api/webhooks/1/abc?thread_id=7&wait=false",
                           "http://127.0.0.1:5/api/v10/") == (
        "http://127.0.0.1:5/api/v10/webhooks/1/abc?thread_id=7&wait=true")


async def test_rate_limit_and_server_errors_keep_order_and_deliver_once(
    db_sessions: Sessions, server: WebhookServer, http: aiohttp.ClientSession,
) -> None:
    titles = await _queue(db_sessions, ["111"], 4)
    server.script["111"] = [1.5, "ok", 500, "ok", "ok", "ok"]
    worker = OutboxWorker(db_sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)})

    assert await worker.run_once(NOW) == 0
    assert await worker.run_once(NOW + timedelta(seconds=1)) == 0  # still inside retry_after
    assert server.requests("111") == 1
    assert await worker.run_once(NOW + timedelta(seconds=2)) == 1  # p0 sent, p1 hits a 500
    assert await worker.run_once(NOW + timedelta(seconds=3)) == 0  # p1 backs off 2 s
    assert await worker.run_once(NOW + timedelta(seconds=5)) == 3

    assert [r.headline for r in server.delivered("111")] == titles
    first = server.received[0]
    assert first.query == {"wait": "true"}
    assert first.payload["allowed_mentions"] == {"parse": []}
    async with db_sessions() as s:
        items = await outbox_items(s)
    assert [i.status for i in items] == ["sent"] * 4
    assert [i.message_id for i in items] == [r.message_id for r in server.delivered("111")]
    assert items[0].attempts == 2 and items[1].attempts == 2
    assert await worker.run_once(NOW + timedelta(hours=1)) == 0
    assert len(server.delivered()) == 4


async def test_deleted_webhook_disables_its_route_only(
    db_sessions: Sessions, server: WebhookServer, http: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await _queue(db_sessions, ["222", "333"], 2)
    server.script["222"] = [404]
    worker = OutboxWorker(db_sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)})
    with caplog.at_level(logging.DEBUG, logger="bot"):
        assert await worker.run_once(NOW) == 2
    assert server.requests("222") == 1
    assert len(server.delivered("333")) == 2
    async with db_sessions() as s:
        routes = {r.sink_id: r for r in await config_routes(s)}
    gone = routes[hook_url("222")]
    assert not gone.enabled and gone.failed == 2 and gone.pending == 0
    assert "Unknown Webhook" in (gone.disabled_reason or "")
    assert routes[hook_url("333")].enabled
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("disabled alert route webhook 222…" in w for w in warnings)
    assert all("tok-" not in r.getMessage() for r in caplog.records)
    assert await worker.run_once(NOW + timedelta(hours=1)) == 0
    assert server.requests("222") == 1


async def test_unreachable_endpoint_is_retried_until_it_is_back(
    db_sessions: Sessions, server: WebhookServer, http: aiohttp.ClientSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    titles = await _queue(db_sessions, ["111"], 2)
    await server.stop()  # nothing listens on the port now
    worker = OutboxWorker(db_sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)})
    with caplog.at_level(logging.INFO, logger="bot"):
        assert await worker.run_once(NOW) == 0
    async with db_sessions() as s:
        first = (await outbox_items(s))[0]
    assert first.status == "pending" and first.attempts == 1
    assert "tok-" not in (first.last_error or "") and first.last_error
    assert any("retrying alert" in r.getMessage() for r in caplog.records)
    await server.start()
    assert await worker.run_once(NOW + timedelta(seconds=3)) == 2
    assert [r.headline for r in server.delivered()] == titles


async def test_timeouts_retry_and_refused_embeds_do_not_block(
    db_sessions: Sessions, server: WebhookServer, http: aiohttp.ClientSession,
) -> None:
    titles = await _queue(db_sessions, ["111"], 3)
    server.script["111"] = ["hang", 400]
    sink = WebhookSink(http, server.api_base, REGISTRY, timeout=0.3)
    worker = OutboxWorker(db_sessions, {"webhook": sink})
    assert await worker.run_once(NOW) == 0
    server.release.set()
    assert await worker.run_once(NOW + timedelta(seconds=3)) == 2  # p0 refused (400), p1, p2 sent
    async with db_sessions() as s:
        items = await outbox_items(s)
        [route] = await config_routes(s)
    assert [i.status for i in items] == ["dead", "sent", "sent"]
    assert "Invalid Form Body" in (items[0].last_error or "")
    assert route.enabled
    assert [r.headline for r in server.delivered()][-2:] == titles[1:]


async def test_persistent_failures_are_given_up_without_disabling(
    db_sessions: Sessions, server: WebhookServer, http: aiohttp.ClientSession,
) -> None:
    await _queue(db_sessions, ["111"], 1)
    server.script["111"] = [503, 503, 503]
    worker = OutboxWorker(db_sessions, {"webhook": WebhookSink(http, server.api_base, REGISTRY)},
                          max_attempts=2)
    assert await worker.run_once(NOW) == 0
    assert await worker.run_once(NOW + timedelta(minutes=1)) == 0
    async with db_sessions() as s:
        [item] = await outbox_items(s)
        [route] = await config_routes(s)
    assert item.status == "dead" and "gave up after 2 attempts" in (item.last_error or "")
    assert route.enabled
    assert server.requests("111") == 2
