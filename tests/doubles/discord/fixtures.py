"""pytest fixtures for tests that run discord.py against the double.

In a conftest, import them (``from tests.doubles.discord.fixtures import
discord_double, ready_bot  # noqa: F401``); in a test module, bind them to
module names so ruff does not see the parameters as redefinitions::

    from tests.doubles.discord import fixtures

    discord_double = fixtures.discord_double
    ready_bot = fixtures.ready_bot
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest
from discord.ext import commands

from .client import routed, running
from .server import DiscordDouble


@pytest.fixture
async def discord_double() -> AsyncIterator[DiscordDouble]:
    """A started double with one guild (channels ``alerts`` and ``general``),
    with discord.py routed to it and the routing restored afterwards."""
    async with DiscordDouble() as double:
        double.add_guild(name="Annotators", channels=["alerts", "general"], roles=["moderator"])
        with routed(double):
            yield double


def make_bot(**options: object) -> commands.Bot:
    """A ``commands.Bot`` with default intents and a 0.1 s guild_ready_timeout."""
    options.setdefault("intents", discord.Intents.default())
    options.setdefault("guild_ready_timeout", 0.1)
    return commands.Bot(command_prefix="!", **options)  # type: ignore[arg-type]


@pytest.fixture
async def ready_bot(discord_double: DiscordDouble) -> AsyncIterator[commands.Bot]:
    """A ``make_bot()`` bot, logged in to ``discord_double`` and past on_ready."""
    async with running(make_bot(), discord_double) as bot:
        assert isinstance(bot, commands.Bot)
        yield bot
