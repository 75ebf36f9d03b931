"""The shared answer path: answer directly when quick, defer when the work runs long."""

from __future__ import annotations

import asyncio

import discord

from bot.discord_bot import LabelwatchBot
from cogs.common import reply, within_budget
from tests.cogs.conftest import Server
from tests.cogs.harness import answer
from tests.doubles.discord import DiscordDouble


async def test_work_past_the_budget_is_deferred_then_answered(
    double: DiscordDouble, bot: LabelwatchBot, server_a: Server
) -> None:
    release = asyncio.Event()

    async def work(wait: bool) -> str:
        if wait:
            await release.wait()
        return "done after waiting" if wait else "done at once"

    @bot.tree.command(name="probe", description="Work that may run long")
    async def probe(interaction: discord.Interaction, wait: bool) -> None:
        text = await within_budget(interaction, work(wait), ephemeral=True, budget=0.05)
        await reply(interaction, text, ephemeral=True)

    await bot.tree.sync()
    quick = double.invoke("probe", {"wait": False}, guild_id=server_a.id)
    response = await quick.wait_response()
    assert (response.type, response.content, response.ephemeral) == (4, "done at once", True)

    slow = double.invoke("probe", {"wait": True}, guild_id=server_a.id)
    assert (await slow.wait_response()).type == 5  # deferred while the work still runs
    release.set()
    message = await answer(slow)
    assert message.content == "done after waiting" and message.ephemeral
