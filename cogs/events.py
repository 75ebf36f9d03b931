"""/events recent | show | restore: what happened, one line per event, the reports behind
one, and undoing this server's "not a signal" on one.

A server sees public events (built from the config file's sources) and the
events of its own sources, never another server's: every query here takes
the server's audience, and an event it may not see reads as not found. A
public event the server marked not a signal is left out of its list; asked
for by id, it is shown with a line saying so.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands.event_options import event_ref_option, status_option
from bot.commands.options import days_option, event_type_option, resolve_platform, shown
from bot.commands.periods import PAGE_SIZE, clamp_page, page_count, page_offset, since
from bot.delivery.event_pages import event_show_embed, events_page_embed
from bot.delivery.labels import event_label, platform_name, status_label
from bot.discord_bot import LabelwatchBot
from bot.feedback.access import restore_refusal
from bot.feedback.restore import Restored, RestoreError, restore_event
from bot.feedback.text import restored_answer, with_rejection
from cogs import autocomplete
from cogs.checks import Refused, guild_id_of, may_give_feedback_here, refusing
from cogs.common import reply, within_budget
from cogs.views import Pager
from storage.queries.audience import guild_audience
from storage.queries.event_views import (
    count_events,
    count_reports,
    event_timeline,
    find_event,
    recent_events,
)
from storage.queries.rejections import rejection_of
from storage.types import utcnow

PAGE_TIMEOUT = 180.0
"""Seconds the page buttons stay live after the last click."""


@app_commands.guild_only()
class EventsCog(commands.GroupCog, name="events", group_name="events",
                group_description="Events: one story, however many posts report it"):
    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot
        self.page_timeout = PAGE_TIMEOUT
        super().__init__()

    def _pager(self, interaction: discord.Interaction, render: Any, page: int, pages: int,
               command: str) -> Pager | None:
        if pages <= 1:
            return None
        view = Pager(owner_id=interaction.user.id, render=render, page=page, pages=pages,
                     timeout=self.page_timeout, command=command)
        view.origin = interaction
        return view

    @app_commands.command(name="recent", description="The latest events, most recent first")
    @app_commands.describe(platform="Only this platform", event_type="Only this kind of event",
                           status="Only events with this status",
                           days="How many days back (1-365, default 7)")
    @app_commands.autocomplete(platform=autocomplete.platform,
                               event_type=autocomplete.event_type, status=autocomplete.status)
    async def recent(
        self, interaction: discord.Interaction, platform: str | None = None,
        event_type: str | None = None, status: str | None = None,
        days: app_commands.Range[int, 1, 365] = 7,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        audience = guild_audience(guild_id_of(interaction))
        with refusing():
            platforms = (resolve_platform(registry, platform),) if platform else None
            kind = event_type_option(event_type)
            state = status_option(status)
            period = days_option(days)
        start = since(utcnow(), period)
        parts = [platform_name(registry, platforms[0])] if platforms else []
        if kind:
            parts.append(event_label(kind))
        if state:
            parts.append(status_label(state))
        title = f"Recent events: {' · '.join(parts)}" if parts else "Recent events"
        note = f"Active in the last {period} day{'s' if period != 1 else ''}, latest first."

        async def render(page: int) -> tuple[dict[str, Any], int, int]:
            async with services.sessions() as session:
                total = await count_events(session, audience, platforms=platforms,
                                           event_type=kind, status=state, since=start)
                pages = page_count(total)
                page = clamp_page(page, pages)
                found = await recent_events(session, audience, platforms=platforms,
                                            event_type=kind, status=state, since=start,
                                            limit=PAGE_SIZE, offset=page_offset(page))
            embed = events_page_embed(found, registry, page=page, pages=pages, title=title,
                                      note=note)
            return embed, page, pages

        embed, page, pages = await within_budget(interaction, render(1), ephemeral=False)
        await reply(interaction, embed=embed,
                    view=self._pager(interaction, render, page, pages, "/events recent"))

    @app_commands.command(name="show", description="An event's reports, with links and why "
                                                   "each one joined")
    @app_commands.describe(event="The event's id, like e17")
    async def show(self, interaction: discord.Interaction, event: str) -> None:
        services = self.bot.services
        registry = services.settings.registry
        guild_id = guild_id_of(interaction)
        audience = guild_audience(guild_id)
        with refusing():
            event_id = event_ref_option(event)

        async def render(page: int) -> tuple[dict[str, Any], int, int]:
            async with services.sessions() as session:
                found = await find_event(session, event_id, audience)
                if found is None:
                    raise Refused(f"No event {shown(event)} here. /events recent lists the "
                                  "events this server can see.")
                pages = page_count(await count_reports(session, event_id))
                page = clamp_page(page, pages)
                reports = await event_timeline(session, event_id, limit=PAGE_SIZE,
                                               offset=page_offset(page))
                rejection = await rejection_of(session, event_id, guild_id) \
                    if found.guild_id is None else None
            embed = event_show_embed(found, reports, registry,
                                     first_number=page_offset(page) + 1, page=page,
                                     pages=pages)
            return with_rejection(embed, rejection), page, pages

        embed, page, pages = await within_budget(interaction, render(1), ephemeral=False)
        await reply(interaction, embed=embed,
                    view=self._pager(interaction, render, page, pages, "/events show"))

    @app_commands.command(name="restore", description="Undo this server's \"not a signal\" "
                                                      "on an event (Manage Server or the "
                                                      "feedback role)")
    @app_commands.describe(event="The event's id, like e17")
    async def restore(self, interaction: discord.Interaction, event: str) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)
        role = services.settings.discord.feedback_role
        if not may_give_feedback_here(interaction, role):
            raise Refused(restore_refusal(role))
        with refusing():
            event_id = event_ref_option(event)

        async def undo() -> Restored:
            try:
                return await restore_event(services.sessions, guild_id=guild_id,
                                           event_id=event_id,
                                           quiet=services.settings.events.quiet)
            except RestoreError as exc:
                raise Refused(str(exc)) from None

        done = await within_budget(interaction, undo(), ephemeral=True)
        await reply(interaction, restored_answer(done), ephemeral=True)
        if done.edits_queued and services.pipeline.on_alerts is not None:
            services.pipeline.on_alerts()  # wake the outbox: the messages show it open again


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(EventsCog(bot))
