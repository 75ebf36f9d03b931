"""/signals recent | summary | explain: reading back what the scorer found.

Each reads as the server may see: posts and events of the config file's
sources, and those of its own sources, never another server's. ``summary``
counts events, with the posts that reported them beside.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.options import (
    days_option,
    event_type_option,
    post_ref_option,
    resolve_platform,
    shown,
)
from bot.commands.periods import PAGE_SIZE, clamp_page, page_count, page_offset, since
from bot.delivery.event_pages import summary_embed
from bot.delivery.labels import event_label, platform_name
from bot.delivery.pages import explain_embed, recent_page_embed
from bot.discord_bot import LabelwatchBot
from bot.feedback.text import with_feedback
from cogs import autocomplete
from cogs.checks import Refused, guild_id_of, refusing
from cogs.common import defer, reply, within_budget
from cogs.signals_index import IndexCommands
from cogs.views import Pager
from storage.queries.audience import guild_audience
from storage.queries.event_summary import event_summary
from storage.queries.feedback import FeedbackView, post_feedback
from storage.queries.lookup import find_post
from storage.queries.postviews import PostView
from storage.queries.signals import count_signals, recent_signals
from storage.types import utcnow

PAGE_TIMEOUT = 180.0
"""Seconds the page buttons stay live after the last click."""


@app_commands.guild_only()
class SignalsCog(IndexCommands, commands.GroupCog, name="signals", group_name="signals",
                 group_description="Restructuring signals found on the watched platforms"):
    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot
        self.page_timeout = PAGE_TIMEOUT
        super().__init__()

    @app_commands.command(name="recent", description="The latest signals, newest first")
    @app_commands.describe(platform="Only this platform", event_type="Only this kind of event",
                           days="How many days back (1-365, default 7)")
    @app_commands.autocomplete(platform=autocomplete.platform,
                               event_type=autocomplete.event_type)
    async def recent(
        self, interaction: discord.Interaction, platform: str | None = None,
        event_type: str | None = None, days: app_commands.Range[int, 1, 365] = 7,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            platforms = (resolve_platform(registry, platform),) if platform else None
            event = event_type_option(event_type)
            period = days_option(days)
        start = since(utcnow(), period)
        parts = [platform_name(registry, platforms[0])] if platforms else []
        if event:
            parts.append(event_label(event))
        title = f"Recent signals: {' · '.join(parts)}" if parts else "Recent signals"
        note = f"Last {period} day{'s' if period != 1 else ''}, newest first."

        async def render(page: int) -> tuple[dict[str, Any], int, int]:
            async with services.sessions() as session:
                pages = page_count(await count_signals(session, platforms, event, start,
                                                       audience=audience))
                page = clamp_page(page, pages)
                posts = await recent_signals(session, platforms, event, start,
                                             limit=PAGE_SIZE, offset=page_offset(page),
                                             audience=audience)
            embed = recent_page_embed(posts, registry, page=page, pages=pages, title=title,
                                      note=note)
            return embed, page, pages

        embed, page, pages = await within_budget(interaction, render(1), ephemeral=False)
        view = None
        if pages > 1:
            view = Pager(owner_id=interaction.user.id, render=render, page=page, pages=pages,
                         timeout=self.page_timeout, command="/signals recent")
            view.origin = interaction
        await reply(interaction, embed=embed, view=view)

    @app_commands.command(name="summary",
                          description="Events per platform, with their posts, compared with "
                                      "the period before")
    @app_commands.describe(days="Length of the period in days (1-365, default 7)",
                           platform="Only this platform")
    @app_commands.autocomplete(platform=autocomplete.platform)
    async def summary(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 365] = 7,
        platform: str | None = None,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            period = days_option(days)
            platforms: Collection[str] | None = (
                (resolve_platform(registry, platform),) if platform else None)
        # Counting a long period on a large database can outlast Discord's 3 seconds.
        await defer(interaction, ephemeral=False)
        async with services.sessions() as session:
            result = await event_summary(session, audience, platforms, period, utcnow())
        title = None
        if platforms:
            title = f"{platform_name(registry, next(iter(platforms)))}: events in the last " \
                    f"{period} days"
        await reply(interaction, embed=summary_embed(result, registry, title=title))

    @app_commands.command(name="explain", description="Why the scorer decided what it did")
    @app_commands.describe(post="A Reddit link, a t3_ id, a bare post id or a feed item's link")
    async def explain(self, interaction: discord.Interaction, post: str) -> None:
        services = self.bot.services
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            ref = post_ref_option(post)

        guild_id = guild_id_of(interaction)

        async def lookup() -> tuple[PostView | None, list[FeedbackView]]:
            async with services.sessions() as session:
                post = await find_post(session, ref, audience)
                given = await post_feedback(session, guild_id, post.id) if post else []
                return post, given

        found, given = await within_budget(interaction, lookup(), ephemeral=False)
        if found is None:
            raise Refused(f"No stored post matches {shown(ref)}. Give a Reddit link (any "
                          "form), a `t3_` id, a bare post id or a feed item's link; only "
                          "posts labelwatch has already fetched can be explained.")
        embed = explain_embed(found, services.settings.registry,
                              threshold=services.settings.scoring.threshold)
        await reply(interaction, embed=with_feedback(embed, given, services.settings.registry))


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(SignalsCog(bot))
