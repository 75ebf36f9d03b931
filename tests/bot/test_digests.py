"""Scheduled digests sent through a real LabelwatchBot and ChannelSink to the Discord double."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services, build_services
from bot.config import Settings
from bot.delivery.channel import ChannelSink
from bot.digests import fire_due_digests
from bot.discord_bot import LabelwatchBot
from storage.queries.guilds import period_of, set_digest
from storage.types import utcnow
from tests.cogs.harness import connected, settings_for
from tests.doubles.discord import DiscordDouble, Guild, routed
from tests.storage.event_data import join_event, open_event, reject_event
from tests.storage.signal_data import Decision, add_post


@dataclass
class World:
    settings: Settings
    services: Services
    double: DiscordDouble
    bot: LabelwatchBot
    a: Guild
    b: Guild

    @property
    def sink(self) -> ChannelSink:
        return ChannelSink(self.bot, self.settings.registry)

    async def fire(self, now: datetime) -> int:
        return await fire_due_digests(self.services.sessions, self.sink.send_embed,
                                      self.settings.registry, now)

    async def schedule(self, guild: Guild, cadence: str, hour: int, set_at: datetime) -> None:
        async with self.services.sessions.begin() as session:
            await set_digest(session, guild.id, guild.channel_id("digest"), cadence, hour,
                             now=set_at)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    settings = settings_for(tmp_path)
    async with DiscordDouble() as double:
        a = double.add_guild(name="Annotators", channels=["general", "digest"])
        b = double.add_guild(name="Raters", channels=["general", "digest"])
        with routed(double):
            async with build_services(settings) as services, connected(services, double) as bot:
                yield World(settings, services, double, bot, a, b)


def day_start(when: datetime) -> datetime:
    return datetime.combine(when.date(), datetime.min.time(), UTC)


def _midday() -> datetime:
    """The latest noon (UTC) not in the future: a test's "now" that a few minutes or hours
    later is still the same day and week, whenever the suite runs (run at 23:58, "now" plus
    two minutes would fall in the next day's period and find another digest due)."""
    wall = utcnow()
    noon = day_start(wall) + timedelta(hours=12)
    return noon if noon <= wall else noon - timedelta(days=1)


async def _events(world: World, now: datetime) -> None:
    """An Outlier pay cut reported twice today, a Mercor layoff yesterday, and an event of
    guild B's own sources today."""
    async with world.services.sessions.begin() as s:
        def post(n: int, hours_ago: float) -> Any:
            return add_post(s, f"t3_d{n}", title=f"report {n}",
                            created=now - timedelta(hours=hours_ago), decision=Decision())

        cut = await open_event(s, await post(1, 3), title="Outlier cut generalist rates")
        await join_event(s, cut.event_id, await post(2, 2), source_key="news")
        await open_event(s, await post(3, 30), title="Mercor laid off 200",
                         platforms=("mercor",), event_type="layoff")
        await open_event(s, await post(4, 1), title="Only B sees this", guild_id=world.b.id)


async def test_a_daily_digest_fires_once_per_day_for_each_guild(world: World) -> None:
    now = _midday()
    await _events(world, now)
    yesterday = now - timedelta(days=1)
    await world.schedule(world.a, "daily", 0, yesterday)
    await world.schedule(world.b, "weekly", 0, now - timedelta(days=7))

    assert await world.fire(now) == 2
    [daily] = await world.double.wait_for_messages(channel_id=world.a.channel_id("digest"))
    [weekly] = await world.double.wait_for_messages(channel_id=world.b.channel_id("digest"))
    embed = daily.embeds[0]
    assert embed["title"] == "Daily digest: events of the last day"
    headline, counts = embed["description"].split("\n\n", 1)
    # The index leads: Outlier's pay cut (under Scale AI) and Mercor's layoff are generalist.
    assert headline == ("Cross-platform index: expert breadth **0** · generalist breadth "
                        "**2**: Mercor, Scale AI · convergence level 3")
    assert counts.startswith("**1 event** (2 posts) · ▼ 1 contraction")
    assert "Previous 1 days: 1 event (1 post)" in embed["description"]
    [listed] = embed["fields"]
    assert listed["value"].startswith("**e1** [Outlier cut generalist rates](https://redd.it/d1)")
    assert "2 posts · 2 sources" in listed["value"]
    assert weekly.embeds[0]["title"] == "Weekly digest: events of the last 7 days"
    assert weekly.embeds[0]["description"].split("\n\n", 1)[1].startswith(
        "**3 events** (4 posts)")
    assert "Only B sees this" in str(weekly.embeds[0]["fields"])
    assert daily.allowed_mentions == {"parse": []} and not daily.content

    assert await world.fire(now + timedelta(minutes=1)) == 0
    next_day = day_start(now) + timedelta(days=1, minutes=5)
    new_week = period_of("weekly", next_day)[0] != period_of("weekly", now)[0]
    assert await world.fire(next_day) == 1 + new_week
    assert len(world.double.sent_messages(world.a.channel_id("digest"))) == 2
    assert len(world.double.sent_messages(world.b.channel_id("digest"))) == 1 + new_week


async def test_a_guilds_digest_leaves_out_the_public_events_it_rejected(world: World) -> None:
    now = _midday()
    await _events(world, now)
    async with world.services.sessions.begin() as s:
        # Guild A marks every report of the Outlier pay cut (e1) not a signal.
        await reject_event(s, 1, world.a.id, now)
    await world.schedule(world.a, "daily", 0, now - timedelta(days=1))
    await world.schedule(world.b, "daily", 0, now - timedelta(days=1))

    assert await world.fire(now) == 2
    [mine] = await world.double.wait_for_messages(channel_id=world.a.channel_id("digest"))
    [theirs] = await world.double.wait_for_messages(channel_id=world.b.channel_id("digest"))
    assert "Outlier cut generalist rates" not in str(mine.embeds[0])
    assert "**1 event**" not in mine.embeds[0]["description"]
    assert "Outlier cut generalist rates" in str(theirs.embeds[0])


async def test_a_digest_waits_for_its_hour(world: World) -> None:
    morning = day_start(utcnow()) - timedelta(days=2)
    await world.schedule(world.a, "daily", 9, morning)
    assert await world.fire(morning + timedelta(hours=8, minutes=59)) == 0
    assert world.double.sent_messages() == []
    assert await world.fire(morning + timedelta(hours=9)) == 1
    # Set after this period's hour: the period counts as done, the next one fires.
    await world.schedule(world.b, "weekly", 0, morning + timedelta(hours=10))
    assert await world.fire(morning + timedelta(hours=11)) == 0
    _, week_start = period_of("weekly", morning)
    assert await world.fire(week_start + timedelta(days=7)) == 1  # the weekly one
    assert await world.fire(week_start + timedelta(days=7, hours=9)) == 1  # then the daily


async def test_a_restart_does_not_send_the_same_period_again(
    world: World, tmp_path: Path
) -> None:
    now = _midday()
    await world.schedule(world.a, "daily", 0, now - timedelta(days=1))
    assert await world.fire(now) == 1
    # A second process on the same database file, as after a restart.
    async with build_services(world.settings) as restarted:
        again = await fire_due_digests(restarted.sessions, world.sink.send_embed,
                                       world.settings.registry, now + timedelta(minutes=1))
    assert again == 0
    assert len(world.double.sent_messages(world.a.channel_id("digest"))) == 1


async def test_a_failed_send_is_logged_with_its_reason_and_not_retried(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    now = _midday()
    await world.schedule(world.a, "daily", 0, now - timedelta(days=1))
    await world.schedule(world.b, "daily", 0, now - timedelta(days=1))
    gone = world.a.channel_id("digest")
    world.double.delete_channel(gone)
    with caplog.at_level(logging.WARNING, logger="bot.digests"):
        assert await world.fire(now) == 1
    [warning] = [r for r in caplog.records if r.name == "bot.digests"]
    assert f"guild {world.a.id} not sent to channel {gone}" in warning.getMessage()
    assert "HTTP 404: Unknown Channel (code 10003)" in warning.getMessage()
    assert len(world.double.sent_messages(world.b.channel_id("digest"))) == 1
    posts = [r for r in world.double.requests if r.method == "POST" and "/messages" in r.path]
    assert await world.fire(now + timedelta(minutes=1)) == 0
    assert [r for r in world.double.requests
            if r.method == "POST" and "/messages" in r.path] == posts


async def test_a_crash_after_the_claim_sends_the_digest_at_the_next_check_once(
    world: World,
) -> None:
    from storage.queries.digest_claims import claim_digest

    now = _midday()
    await world.schedule(world.a, "daily", 0, now - timedelta(days=1))
    period = period_of("daily", now)[0]
    async with world.services.sessions.begin() as session:
        # What a process that died right after claiming left behind.
        assert await claim_digest(session, world.a.id, period)
    assert await world.fire(now + timedelta(minutes=1)) == 1
    [digest] = world.double.sent_messages(world.a.channel_id("digest"))
    assert digest.payload["enforce_nonce"] is True and len(digest.payload["nonce"]) <= 25
    assert await world.fire(now + timedelta(minutes=2)) == 0
    assert len(world.double.sent_messages(world.a.channel_id("digest"))) == 1


async def test_a_digest_discord_refused_for_a_while_is_sent_when_it_recovers(
    world: World,
) -> None:
    now = _midday()
    await world.schedule(world.a, "daily", 0, now - timedelta(days=1))
    world.double.fail_next(1, 503, method="POST", path="/channels/*/messages")
    assert await world.fire(now) == 0
    assert await world.fire(now + timedelta(minutes=1)) == 1
    assert len(world.double.sent_messages(world.a.channel_id("digest"))) == 1


def test_digest_nonces_differ_per_period_and_stay_short() -> None:
    from bot.digests import digest_nonce

    big = 2**63 - 1
    nonces = {digest_nonce(big, p) for p in ("2026-12-04", "2026-12-05", "2026-W49")}
    assert len(nonces) == 3 and all(len(n) <= 25 for n in nonces)
