"""Doubles for the end-to-end tests; the service itself starts in each test (``live``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.doubles.discord import DiscordDouble
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble
from tests.e2e.live import MANAGE_GUILD, SUBREDDIT, Stack


@pytest.fixture
async def reddit() -> AsyncIterator[RedditDouble]:
    async with RedditDouble() as double:
        double.add_subreddit(SUBREDDIT)
        yield double


@pytest.fixture
async def feeds() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        yield double


@pytest.fixture
async def discord_double() -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble() as double:
        yield double


@pytest.fixture
def stack(tmp_path: Path, reddit: RedditDouble, feeds: FeedDouble,
          discord_double: DiscordDouble) -> Stack:
    """One guild with three channels, a Manage Server role held by an admin, a pingable role."""
    guild = discord_double.add_guild(
        name="Annotators", channels=["general", "alerts", "pay-news"],
        roles=[{"name": "settings", "permissions": MANAGE_GUILD}, "pinged"],
    )
    admin = discord_double.add_member(guild.id, name="server-admin",
                                      roles=[guild.role_id("settings")])
    return Stack(tmp_path, reddit, discord_double, feeds, guild, admin.user.id)
