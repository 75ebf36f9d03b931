"""/signals index | chart | export: the cross-platform index, event charts and the events CSV.

Handlers only, mixed into the /signals group (``SignalsCog``). Each reads
what the server may see (public events and those of its own sources),
defers at once (a chart takes a moment to draw), draws off the event loop
and attaches the result.
"""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.index import (
    CHART_FILE,
    EXPORT_DAYS_MAX,
    INDEX_FILE,
    WEEKS_MAX,
    draw_events,
    draw_index,
    export_days_option,
    index_embed,
    load_chart,
    load_export,
    load_index,
    weeks_option,
)
from bot.commands.options import resolve_platform
from bot.delivery.labels import platform_name
from bot.index.charts import render, warm_up
from cogs import autocomplete
from cogs.checks import Refused, guild_id_of, refusing
from cogs.common import defer, reply
from storage.queries.audience import guild_audience
from storage.types import utcnow

if TYPE_CHECKING:
    from bot.discord_bot import LabelwatchBot

DEFAULT_FILE_LIMIT = 10 * 1024 * 1024
"""Discord's attachment limit for a server without boosts."""


def _file(data: bytes, name: str, description: str | None = None) -> discord.File:
    return discord.File(io.BytesIO(data), filename=name, description=description)


class IndexCommands(commands.Cog):
    """The index, chart and export subcommands of /signals (a base of ``SignalsCog``)."""

    bot: LabelwatchBot
    chart_warm_up: asyncio.Future[Any] | None = None

    async def cog_load(self) -> None:
        # matplotlib's first import and font loading take seconds: do them now, off the loop.
        self.chart_warm_up = asyncio.get_running_loop().run_in_executor(None, warm_up)

    @app_commands.command(name="index", description="The cross-platform index: how many "
                                                    "companies cut expert or generalist work")
    @app_commands.describe(weeks=f"Weeks to chart (1-{WEEKS_MAX}, default 12)")
    async def index(
        self, interaction: discord.Interaction,
        weeks: app_commands.Range[int, 1, WEEKS_MAX] | None = None,
    ) -> None:
        services = self.bot.services
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            count = weeks_option(weeks, services.settings.index.weeks)
        await defer(interaction, ephemeral=False)
        async with services.sessions() as session:
            report = await load_index(session, now=utcnow(), weeks=count,
                                      settings=services.settings.index, audience=audience)
        chart = await render(draw_index, report, services.settings.registry)
        await reply(interaction, embed=index_embed(report, services.settings.registry),
                    file=_file(chart.png, INDEX_FILE, chart.description))

    @app_commands.command(name="chart", description="Events per week as a chart, for one "
                                                    "platform or all")
    @app_commands.describe(platform="Only this platform (a parent company includes its brands)",
                           weeks=f"Weeks to chart (1-{WEEKS_MAX}, default 12)")
    @app_commands.autocomplete(platform=autocomplete.platform)
    async def chart(
        self, interaction: discord.Interaction, platform: str | None = None,
        weeks: app_commands.Range[int, 1, WEEKS_MAX] | None = None,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            pid = resolve_platform(registry, platform) if platform else None
            count = weeks_option(weeks, services.settings.index.weeks)
        await defer(interaction, ephemeral=False)
        async with services.sessions() as session:
            data = await load_chart(session, registry, now=utcnow(), weeks=count,
                                    platform=pid, audience=audience)
        chart = await render(draw_events, data)
        content = None
        if chart.empty:
            what = platform_name(registry, pid) if pid else "any platform"
            content = f"No events at {what} in the last {count} week{'s' if count != 1 else ''}."
        await reply(interaction, content, file=_file(chart.png, CHART_FILE, chart.description))

    @app_commands.command(name="export", description="The events of a period as a CSV file")
    @app_commands.describe(days=f"Events with a report in the last N days (1-{EXPORT_DAYS_MAX},"
                                " default 30)",
                           platform="Only this platform (a parent company includes its brands)")
    @app_commands.autocomplete(platform=autocomplete.platform)
    async def export(
        self, interaction: discord.Interaction,
        days: app_commands.Range[int, 1, EXPORT_DAYS_MAX] | None = None,
        platform: str | None = None,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            period = export_days_option(days)
            pid = resolve_platform(registry, platform) if platform else None
        await defer(interaction, ephemeral=False)
        async with services.sessions() as session:
            export = await load_export(session, now=utcnow(), days=period, platform=pid,
                                       audience=audience)
        where = f" at {platform_name(registry, pid)}" if pid else ""
        span = f"the last {period} day{'s' if period != 1 else ''}"
        if not export.events:
            await reply(interaction, f"No events{where} in {span}; nothing to export.")
            return
        guild = interaction.guild
        limit = guild.filesize_limit if guild is not None else DEFAULT_FILE_LIMIT
        if len(export.data) > limit:
            raise Refused(f"{export.events} events{where} in {span} make a "
                          f"{len(export.data) / 1e6:.1f} MB file, more than Discord accepts "
                          f"here ({limit / 1e6:.0f} MB). Ask for fewer days or a platform, or "
                          "run `labelwatch export` on the server.")
        await reply(interaction, f"{export.events} event{'s' if export.events != 1 else ''}"
                                 f"{where} with a report in {span}.",
                    file=_file(export.data, export.filename))
