"""/digest set | off: a daily or weekly summary posted in a channel."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.options import cadence_option, hour_option
from bot.commands.periods import next_digest_at
from bot.discord_bot import LabelwatchBot
from cogs.checks import Refused, bot_cannot_post, guild_id_of, manage_guild, refusing
from cogs.common import reply, within_budget
from storage.queries.guilds import DigestView, remove_digest, set_digest
from storage.types import utcnow


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class DigestCog(commands.GroupCog, name="digest", group_name="digest",
                group_description="A scheduled summary of signals"):
    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="set", description="Post a daily or weekly summary in a channel "
                                                  "(Manage Server)")
    @app_commands.describe(channel="The channel to post the digest in",
                           cadence="Every day, or every Monday",
                           hour_utc="The hour to post it, in UTC (0-23, default 9)")
    @manage_guild
    async def set_(
        self, interaction: discord.Interaction, channel: discord.TextChannel,
        cadence: Literal["daily", "weekly"], hour_utc: app_commands.Range[int, 0, 23] = 9,
    ) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)
        with refusing():
            hour = hour_option(hour_utc)
            period = cadence_option(cadence)
        if channel.guild.id != guild_id:
            raise Refused("Pick a channel of this server.")
        if (problem := bot_cannot_post(channel)) is not None:
            raise Refused(problem)
        now = utcnow()

        async def save() -> DigestView:
            async with services.sessions.begin() as session:
                return await set_digest(session, guild_id, channel.id, period, hour, now=now)

        view = await within_budget(interaction, save(), ephemeral=True)
        when = int(next_digest_at(view, now).timestamp())
        every = "every day" if period == "daily" else "every Monday"
        await reply(interaction, f"A {period} digest will be posted in {channel.mention} "
                                 f"{every} at {hour:02d}:00 UTC; the next one <t:{when}:R> "
                                 f"(<t:{when}:f>).", ephemeral=True)

    @app_commands.command(name="off", description="Stop the digest (Manage Server)")
    @manage_guild
    async def off(self, interaction: discord.Interaction) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)

        async def remove() -> bool:
            async with services.sessions.begin() as session:
                return await remove_digest(session, guild_id)

        if not await within_budget(interaction, remove(), ephemeral=True):
            raise Refused("This server has no digest to turn off; /digest set starts one.")
        await reply(interaction, "The digest is off.", ephemeral=True)


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(DigestCog(bot))
