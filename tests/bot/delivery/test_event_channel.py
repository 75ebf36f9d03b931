"""Event alerts in a channel, through the real discord.py client and the Discord double:
one message per event, edited in place, one reply per status, deleted messages left alone."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import discord
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.channel import ChannelSink
from bot.delivery.worker import OutboxWorker
from bot.platforms import PlatformRegistry
from storage.queries.alerts import routes_for_guild, set_channel_route
from storage.queries.event_changes import EventChange
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.outbox import outbox_items
from storage.types import utcnow
from tests.bot.delivery.test_format import LIVE_MENTION
from tests.doubles.discord import DiscordDouble, Guild, RecordedMessage, routed
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()
HOSTILE = "@everyone <@&1> **Outlier** cut rates [x](https://evil.example)"
NOW = utcnow()


@dataclass
class World:
    double: DiscordDouble
    guild: Guild
    client: discord.Client
    sessions: Sessions
    worker: OutboxWorker
    posts: int = 0

    def channel(self, name: str = "alerts") -> int:
        return self.guild.channel_id(name)

    def messages(self, name: str = "alerts") -> list[RecordedMessage]:
        return self.double.sent_messages(self.channel(name))

    async def post(self, s: AsyncSession, title: str = "report") -> int:
        self.posts += 1
        return await add_post(s, f"t3_e{self.posts}", title=f"{title} {self.posts}",
                              url=f"https://www.reddit.com/r/outlier_ai/comments/e{self.posts}/x/",
                              created=NOW - timedelta(hours=10 - self.posts),
                              decision=Decision())

    async def queue(self, change: EventChange) -> None:
        async with self.sessions.begin() as s:
            await enqueue_event_alerts(s, [change], now=NOW)

    async def deliver(self) -> int:
        sent = 0
        for _ in range(5):  # an edit waits one round for its message
            sent += await self.worker.run_once(NOW + timedelta(seconds=1))
        return sent


@pytest.fixture
async def world(db_sessions: Sessions) -> AsyncIterator[World]:
    async with DiscordDouble() as double:
        guild = double.add_guild(name="Annotators", channels=["alerts", "pay-news"],
                                 roles=["pinged"])
        with routed(double):
            client = discord.Client(intents=discord.Intents.none())
            await client.login(double.token)
            worker = OutboxWorker(db_sessions, {"channel": ChannelSink(client, REGISTRY)})
            try:
                yield World(double, guild, client, db_sessions, worker)
            finally:
                await client.close()


async def test_one_message_edited_as_reports_arrive_and_one_reply_when_confirmed(
    world: World,
) -> None:
    async with world.sessions.begin() as s:
        await set_channel_route(s, world.guild.id, world.channel())
        opened = await open_event(s, await world.post(s, HOSTILE), title=HOSTILE)
    await world.queue(opened)
    assert await world.deliver() == 1
    [message] = world.messages()
    assert message.payload["allowed_mentions"] == {"parse": []}
    assert "content" not in message.payload
    embed = message.embeds[0]
    assert embed["title"] == "▼ Pay cut: Outlier"
    assert "1 post · 1 source" in str(embed["fields"])
    for text in (embed["description"], *[f["value"] for f in embed["fields"]]):
        assert not LIVE_MENTION.search(text), text

    for n in range(3):
        async with world.sessions.begin() as s:
            grew = await join_event(s, opened.event_id, await world.post(s),
                                    source_key=f"outlet{n}",
                                    status="confirmed" if n == 2 else "corroborated")
        await world.queue(grew)
        await world.deliver()
    [message, reply] = world.messages()
    assert len(message.edits) == 3
    fields = {f["name"]: f["value"] for f in message.embeds[0]["fields"]}
    assert fields["Status"] == "✅ Confirmed"
    assert fields["Reports"] == "4 posts · 4 sources"
    assert all(edit["allowed_mentions"] == {"parse": []} for edit in message.edits)
    assert reply.replies_to == message.id
    assert reply.content.startswith(f"✅ **Confirmed** · e{opened.event_id}")
    assert reply.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert await world.deliver() == 0  # nothing twice


async def test_only_the_routes_role_is_pinged_and_only_by_the_new_message(world: World) -> None:
    role = world.guild.role_id("pinged")
    async with world.sessions.begin() as s:
        await set_channel_route(s, world.guild.id, world.channel(), ping_role_id=role)
        opened = await open_event(s, await world.post(s))
    await world.queue(opened)
    await world.deliver()
    async with world.sessions.begin() as s:
        confirmed = await join_event(s, opened.event_id, await world.post(s), status="confirmed")
    await world.queue(confirmed)
    await world.deliver()
    [message, reply] = world.messages()
    assert message.payload["content"] == f"<@&{role}>"
    assert message.payload["allowed_mentions"] == {"parse": [], "roles": [role]}
    assert message.content == f"<@&{role}>"  # the edit left the content alone
    assert reply.payload["allowed_mentions"]["parse"] == []
    assert "roles" not in reply.payload["allowed_mentions"]


async def test_a_deleted_message_drops_the_edit_and_keeps_the_route(
    world: World, caplog: pytest.LogCaptureFixture,
) -> None:
    async with world.sessions.begin() as s:
        route = await set_channel_route(s, world.guild.id, world.channel())
        opened = await open_event(s, await world.post(s))
        other = await open_event(s, await world.post(s), platforms=("mercor",),
                                 event_type="layoff")
    await world.queue(opened)
    await world.deliver()
    [message] = world.messages()
    world.double.delete_message(message.id)
    async with world.sessions.begin() as s:
        grew = await join_event(s, opened.event_id, await world.post(s), status="confirmed")
    await world.queue(grew)
    await world.queue(other)
    with caplog.at_level(logging.WARNING, logger="bot"):
        assert await world.deliver() == 1  # the other event's message; the edit is dropped
    patches = [r for r in world.double.requests if r.method == "PATCH"]
    assert [r.status for r in patches] == [404]
    assert any("was deleted" in r.getMessage() and "e1" in r.getMessage()
               for r in caplog.records)
    async with world.sessions.begin() as s:
        later = await join_event(s, opened.event_id, await world.post(s))
        await enqueue_event_alerts(s, [later], now=NOW)
        [view] = await routes_for_guild(s, world.guild.id)
        rows = await outbox_items(s, event_id=opened.event_id)
    assert await world.deliver() == 0
    assert view.enabled and view.id == route.id
    assert (view.sent, view.failed, view.pending) == (2, 2, 0)  # the deleted one was sent
    assert [(r.kind, r.status) for r in rows] == [("new", "gone"), ("edit", "dead"),
                                                  ("reply", "dead")]
    assert [m.embeds[0]["title"] for m in world.messages()] == ["▼ Layoff: Mercor"]


async def test_an_outage_delays_edits_and_loses_none(world: World) -> None:
    async with world.sessions.begin() as s:
        await set_channel_route(s, world.guild.id, world.channel())
        first = await open_event(s, await world.post(s))
    await world.queue(first)
    await world.deliver()
    world.double.set_down(True)
    async with world.sessions.begin() as s:
        grew = await join_event(s, first.event_id, await world.post(s))
        second = await open_event(s, await world.post(s), platforms=("appen",))
    await world.queue(grew)
    await world.queue(second)
    assert await world.worker.run_once(NOW) == 0
    async with world.sessions() as s:
        pending = [r for r in await outbox_items(s) if r.status == "pending"]
    assert [(r.kind, r.attempts) for r in pending] == [("edit", 1), ("new", 0)]
    world.double.set_down(False)
    for step in range(1, 6):
        await world.worker.run_once(NOW + timedelta(minutes=step))
    [message, later] = world.messages()
    assert len(message.edits) == 1 and "2 posts" in str(message.embeds[0]["fields"])
    assert later.embeds[0]["title"] == "▼ Pay cut: Appen"
