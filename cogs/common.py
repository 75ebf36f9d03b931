"""Answering interactions: one reply path whether or not the command deferred.

Discord wants an answer within 3 seconds. Commands whose work is a quick
database read answer directly, but ``within_budget`` defers ("thinking...")
as soon as the work runs past the budget, so a slow database never costs
the user a failed interaction. Messages leave with the bot's default
allowed_mentions, which lets nothing ping.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.commands.choices import Choice
from bot.discord_bot import LabelwatchBot

if TYPE_CHECKING:
    from bot.app import Services

T = TypeVar("T")
ACK_BUDGET = 2.0
"""Seconds of work before deferring: Discord's 3 s less the round trips."""


def to_embed(data: dict[str, Any]) -> discord.Embed:
    """The pages module builds Discord's embed JSON; discord.py wants an Embed."""
    return discord.Embed.from_dict(data)


async def reply(
    interaction: discord.Interaction, content: str | None = None, *,
    embed: dict[str, Any] | None = None, ephemeral: bool = False,
    view: discord.ui.View | None = None, file: discord.File | None = None,
) -> None:
    """Answer, or fill in the deferred answer (its ephemerality was fixed when deferring)."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral}
    if file is not None:
        kwargs["file"] = file
    if content is not None:
        kwargs["content"] = content
    if embed is not None:
        kwargs["embed"] = to_embed(embed)
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(wait=True, **kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def within_budget(
    interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool,
    budget: float = ACK_BUDGET,
) -> T:
    """Run ``work``; if it takes longer than ``budget``, defer and keep waiting."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=budget)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return await task


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)


def app_choices(choices: Sequence[Choice]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=c.name, value=c.value) for c in choices]


def services_of(interaction: discord.Interaction) -> Services:
    """The Services of the bot that received ``interaction`` (for free functions)."""
    client = interaction.client
    if not isinstance(client, LabelwatchBot):
        raise TypeError("labelwatch's commands run on a LabelwatchBot")
    return client.services
