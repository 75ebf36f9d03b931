"""Fixtures: two servers on the Discord double, a connected LabelwatchBot, real Services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Services, build_services
from bot.discord_bot import LabelwatchBot
from bot.sources.addresses import AddressGuard
from tests.cogs.harness import CONFIGURED_FEED, MANAGE_GUILD, admin, connected, settings_for
from tests.doubles.discord import DiscordDouble, Guild, routed
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble


@dataclass(frozen=True)
class Server:
    guild: Guild
    admin_id: int

    @property
    def id(self) -> int:
        return self.guild.id

    def channel(self, name: str) -> int:
        return self.guild.channel_id(name)


@pytest.fixture
async def reddit() -> AsyncIterator[RedditDouble]:
    async with RedditDouble() as double:
        double.add_subreddit("outlier_ai")
        double.add_subreddit("newsub")
        double.add_subreddit("secretclub", "private")
        double.add_subreddit("closedsub", "banned")
        yield double


@pytest.fixture
async def feeds() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        double.feed(CONFIGURED_FEED).add("Appen news", guid="appen-1")
        double.feed("extra").add("Extra news", guid="extra-1")
        yield double


@pytest.fixture
async def services(
    tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble
) -> AsyncIterator[Services]:
    # The feed double plays a public host for the guilds' feeds: only its port passes.
    guard = AddressGuard.exempting([("127.0.0.1", feeds.port)])
    async with build_services(settings_for(tmp_path, reddit, feeds),
                              address_guard=guard) as built:
        yield built


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble() as started:
        # Discord's own rule: an interaction unanswered after 3 seconds is lost.
        started.ack_deadline = 3.0
        with routed(started):
            yield started


def _server(double: DiscordDouble, name: str) -> Server:
    guild = double.add_guild(name=name, channels=["alerts", "general", "digest"],
                             roles=[{"name": "settings", "permissions": MANAGE_GUILD}, "pinged"])
    return Server(guild, admin(double, guild.id))


@pytest.fixture
def server_a(double: DiscordDouble) -> Server:
    return _server(double, "Annotators")


@pytest.fixture
def server_b(double: DiscordDouble, server_a: Server) -> Server:
    return _server(double, "Raters")


@pytest.fixture
async def bot(
    services: Services, double: DiscordDouble, server_a: Server, server_b: Server
) -> AsyncIterator[LabelwatchBot]:
    async with connected(services, double) as client:
        yield client
