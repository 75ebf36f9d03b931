"""/alerts set | off | show: where this server's alerts go and what each channel wants."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.options import (
    min_score_option,
    parse_event_types,
    parse_platforms,
    parse_tiers,
)
from bot.delivery.pages import routes_embed
from bot.discord_bot import LabelwatchBot
from bot.feedback.text import with_counts
from cogs import autocomplete
from cogs.checks import Refused, bot_cannot_post, guild_id_of, manage_guild, refusing
from cogs.common import reply, within_budget
from storage.queries.alerts import (
    RouteConflictError,
    RouteView,
    remove_channel_route,
    routes_for_guild,
    set_channel_route,
)
from storage.queries.feedback import feedback_counts


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class AlertsCog(commands.GroupCog, name="alerts", group_name="alerts",
                group_description="Where this server's alerts are posted"):
    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="set", description="Post alerts in a channel, optionally only "
                                                  "some of them (Manage Server)")
    @app_commands.describe(
        channel="The channel to post alerts in",
        min_score="Only signals scoring at least this (0-100)",
        platforms="Only these platforms, comma-separated (e.g. outlier,mercor)",
        event_types="Only these events, comma-separated (e.g. pay_cut,layoff)",
        tiers="Only these tiers, comma-separated: generalist, expert, all, unknown",
        ping_role="A role to ping with each alert",
        index="Also post convergence alerts of the cross-platform index (cuts at several "
              "companies at once)",
    )
    @app_commands.autocomplete(platforms=autocomplete.platform_list,
                               event_types=autocomplete.event_type_list,
                               tiers=autocomplete.tier_list)
    @manage_guild
    async def set_(
        self, interaction: discord.Interaction, channel: discord.TextChannel,
        min_score: app_commands.Range[float, 0, 100] | None = None,
        platforms: str | None = None, event_types: str | None = None, tiers: str | None = None,
        ping_role: discord.Role | None = None, index: bool = False,
    ) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)
        with refusing():
            score = min_score_option(min_score)
            platform_ids = parse_platforms(services.settings.registry, platforms)
            events = parse_event_types(event_types)
            tier_ids = parse_tiers(tiers)
        if channel.guild.id != guild_id:
            raise Refused("Pick a channel of this server.")
        if ping_role is not None and ping_role.is_default():
            raise Refused("Alerts cannot ping @everyone; pick a role, or leave ping_role out.")
        if (problem := bot_cannot_post(channel)) is not None:
            raise Refused(problem)

        async def save() -> RouteView:
            async with services.sessions.begin() as session:
                return await set_channel_route(
                    session, guild_id, channel.id, min_score=score, platforms=platform_ids,
                    event_types=events, tiers=tier_ids,
                    ping_role_id=ping_role.id if ping_role is not None else None,
                    index_alerts=index)

        try:
            route = await within_budget(interaction, save(), ephemeral=True)
        except RouteConflictError:
            raise Refused(f"{channel.mention} already receives another server's alerts.") \
                from None
        embed = routes_embed([route], services.settings.registry, title="Alert route saved")
        await reply(interaction, f"Alerts will be posted in {channel.mention}.", embed=embed,
                    ephemeral=True)

    @app_commands.command(name="off", description="Stop posting alerts in a channel "
                                                  "(Manage Server)")
    @app_commands.describe(channel="The channel to stop posting alerts in")
    @manage_guild
    async def off(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)

        async def remove() -> bool:
            async with services.sessions.begin() as session:
                return await remove_channel_route(session, guild_id, channel.id)

        if not await within_budget(interaction, remove(), ephemeral=True):
            raise Refused(f"{channel.mention} gets no alerts from labelwatch; /alerts show "
                          "lists the channels that do.")
        await reply(interaction, f"Alerts are no longer posted in {channel.mention}; alerts "
                                 "still queued for it were dropped.", ephemeral=True)

    @app_commands.command(name="show", description="This server's alert channels, their "
                                                   "filters and delivery health")
    async def show(self, interaction: discord.Interaction) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)

        async def load() -> tuple[list[RouteView], dict[str, int]]:
            async with services.sessions() as session:
                return (await routes_for_guild(session, guild_id),
                        await feedback_counts(session, guild_id))

        routes, counts = await within_budget(interaction, load(), ephemeral=True)
        embed = with_counts(routes_embed(routes, services.settings.registry), counts)
        await reply(interaction, embed=embed, ephemeral=True)


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(AlertsCog(bot))
