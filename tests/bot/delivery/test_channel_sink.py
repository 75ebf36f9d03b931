"""The channel sink through a real discord.py client against a REST double on 127.0.0.1.

Only Discord's REST API is involved (no gateway): the client logs in with
``GET /users/@me`` and ``GET /oauth2/applications/@me`` and sends with
``POST /channels/{id}/messages``, all answered here in Discord's JSON shapes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import discord
import pytest
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.base import PermanentDeliveryError, TransientDeliveryError
from bot.delivery.channel import ChannelSink
from bot.delivery.worker import OutboxWorker
from bot.platforms import PlatformRegistry
from storage.queries.alerts import routes_for_guild, set_channel_route
from storage.queries.outbox import outbox_items
from tests.bot.delivery.views import outbox, post
from tests.storage.event_data import alert_event

REGISTRY = PlatformRegistry()
TOKEN = "test-bot-token"
ERRORS = {404: ("Unknown Channel", 10003), 403: ("Missing Permissions", 50013),
          400: ("Invalid Form Body", 50035), 503: ("Service Unavailable", 0)}


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py only parses bodies whose content type is exactly application/json.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json"})


@dataclass
class RestDouble:
    script: dict[str, list[int | str]] = field(default_factory=dict)
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    base: str = ""

    async def me(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        return _json({"id": "42", "username": "labelwatch", "discriminator": "0",
                      "global_name": None, "avatar": None, "bot": True})

    async def application(self, request: web.Request) -> web.Response:
        return _json({"id": "42", "name": "labelwatch", "icon": None, "description": "",
                      "bot_public": False, "bot_require_code_grant": False, "verify_key": "00",
                      "flags": 0, "owner": {"id": "7", "username": "owner",
                                            "discriminator": "0", "avatar": None}})

    async def message(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        answers = self.script.get(channel, [])
        answer = answers.pop(0) if answers else "ok"
        if answer != "ok":
            message, code = ERRORS[int(answer)]
            return _json({"message": message, "code": code}, int(answer))
        payload = await request.json()
        self.sent.append((channel, payload))
        return _json({"id": str(1000 + len(self.sent)), "channel_id": channel, "content":
                      payload.get("content", ""), "embeds": payload["embeds"]})


@pytest.fixture
async def rest(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[RestDouble]:
    double = RestDouble()
    app = web.Application()
    app.router.add_get("/api/v10/users/{user}", double.me)  # {user} is "@me"
    app.router.add_get("/api/v10/oauth2/applications/{app}", double.application)
    app.router.add_post("/api/v10/channels/{channel}/messages", double.message)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    double.base = f"http://127.0.0.1:{runner.addresses[0][1]}/api/v10"
    # Where discord.py sends REST calls; the bot sets it from [discord] api_base the same way.
    monkeypatch.setattr(discord.http.Route, "BASE", double.base)
    yield double
    await runner.cleanup()


@pytest.fixture
async def client(rest: RestDouble) -> AsyncIterator[discord.Client]:
    c = discord.Client(intents=discord.Intents.none())
    await c.login(TOKEN)
    yield c
    await c.close()


async def test_sends_embed_with_only_the_routes_role_pingable(
    rest: RestDouble, client: discord.Client,
) -> None:
    sink = ChannelSink(client, REGISTRY)
    message_id = await sink.send(outbox(post(title="@everyone <@&1> cut"), sink_id="77",
                                        ping_role_id=555))
    assert message_id == "1001"
    [(channel, payload)] = rest.sent
    assert channel == "77"
    assert payload["content"] == "<@&555>"
    assert payload["allowed_mentions"] == {"parse": [], "roles": [555]}
    assert payload["embeds"][0]["title"] == "▼ Pay cut: Outlier, Scale AI"
    assert "@\u200beveryone" in payload["embeds"][0]["description"]
    await sink.send(outbox(sink_id="78"))
    assert "content" not in rest.sent[1][1]
    assert rest.sent[1][1]["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize(("status", "error", "disables"), [
    (404, PermanentDeliveryError, True), (403, PermanentDeliveryError, True),
    (400, PermanentDeliveryError, False), (503, TransientDeliveryError, None),
])
async def test_errors_map_to_delivery_errors(
    rest: RestDouble, client: discord.Client, status: int, error: type[Exception],
    disables: bool | None,
) -> None:
    rest.script["77"] = [status]
    with pytest.raises(error) as info:
        await ChannelSink(client, REGISTRY).send(outbox(sink_id="77"))
    assert ERRORS[status][0] in str(info.value)
    if disables is not None:
        assert info.value.disable_route is disables  # type: ignore[attr-defined]


async def test_deleted_channel_disables_route_and_names_it(
    rest: RestDouble, client: discord.Client, db_sessions: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with db_sessions.begin() as s:
        gone = await set_channel_route(s, 5, 77)
        await set_channel_route(s, 5, 78)
        for i in range(2):
            await alert_event(s, f"t3_ch{i}")
    rest.script["77"] = [404]
    worker = OutboxWorker(db_sessions, {"channel": ChannelSink(client, REGISTRY)})
    with caplog.at_level(logging.WARNING, logger="bot"):
        assert await worker.run_once() == 2
    assert [c for c, _ in rest.sent] == ["78", "78"]
    async with db_sessions() as s:
        routes = {r.id: r for r in await routes_for_guild(s, 5)}
        dead = [i for i in await outbox_items(s, route_id=gone.id) if i.status == "dead"]
    assert not routes[gone.id].enabled and len(dead) == 2
    assert "Unknown Channel" in (routes[gone.id].disabled_reason or "")
    assert any("guild 5 channel 77" in r.getMessage() for r in caplog.records)
    assert await worker.run_once() == 0


async def test_before_login_an_alert_waits_instead_of_failing() -> None:
    import discord

    from bot.delivery.base import TransientDeliveryError
    from bot.delivery.channel import NOT_LOGGED_IN_RETRY, ChannelSink
    from bot.platforms import PlatformRegistry

    client = discord.Client(intents=discord.Intents.none())
    sink = ChannelSink(client, PlatformRegistry())
    try:
        await sink.send_embed(123, {"title": "x"})
    except TransientDeliveryError as exc:
        assert exc.retry_after == NOT_LOGGED_IN_RETRY
        assert "not logged in" in exc.reason
    else:
        raise AssertionError("a send before login must be a transient failure")
    finally:
        await client.close()


async def test_every_attempt_of_a_row_carries_its_own_enforced_nonce(
    rest: RestDouble, client: discord.Client,
) -> None:
    sink = ChannelSink(client, REGISTRY)
    for item_id in (1, 1, 2):
        await sink.send(outbox(sink_id="77", item_id=item_id))
    nonces = [payload["nonce"] for _, payload in rest.sent]
    assert all(payload["enforce_nonce"] is True for _, payload in rest.sent)
    assert nonces[0] == nonces[1] != nonces[2]
    assert all(isinstance(n, str) and len(n) <= 25 for n in nonces)


def test_a_nonce_stays_short_for_the_largest_ids() -> None:
    from bot.delivery.channel import message_nonce

    assert len(message_nonce(outbox(item_id=2**63 - 1))) <= 25
