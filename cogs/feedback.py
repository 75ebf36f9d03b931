"""The feedback buttons under every alert: handlers only (logic in ``bot/feedback``).

The buttons are ``DynamicItem``s: their custom ids name the event or post the
alert was about, so a click on an alert sent before a restart still reaches
them. "Not a signal" stores the verdict and edits the alert in its answer;
"Wrong details" answers privately with three selects (event type, platforms,
tier), each stored as it is picked. Members without Manage Server (or the
configured role) are refused privately and nothing is stored.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord.ext import commands

from bot.delivery.event_format import event_embed
from bot.discord_bot import LabelwatchBot
from bot.feedback.access import refusal
from bot.feedback.ids import (
    BUTTON_TEMPLATE,
    FIELDS,
    NOT_SIGNAL,
    SELECT_TEMPLATE,
    Target,
    button_id,
    select_id,
    target,
)
from bot.feedback.record import (
    FeedbackError,
    alert_platforms,
    check_correction,
    give_feedback,
)
from bot.feedback.text import (
    choices,
    marked_embed,
    max_values,
    not_signal_answer,
    placeholder,
    recorded,
)
from bot.scoring.model import EVENT_TYPES
from cogs.checks import may_give_feedback_here
from cogs.common import services_of, to_embed
from storage.types import utcnow

log = logging.getLogger(__name__)
DETAILS_PROMPT = ("What is wrong with this alert? Pick the right event type, platforms or tier; "
                  "each choice is recorded as you make it.")
FAILED = "Something went wrong on labelwatch's side; it has been logged and nothing was recorded."


async def _allowed(interaction: discord.Interaction) -> bool:
    """Manage Server or the configured role; anyone else is told so, privately."""
    role = services_of(interaction).settings.discord.feedback_role
    if may_give_feedback_here(interaction, role):
        return True
    await interaction.response.send_message(refusal(role), ephemeral=True)
    return False


async def _say(interaction: discord.Interaction, text: str) -> None:
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True)


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_TEMPLATE):
    """"Not a signal" or "Wrong details" on one alert."""

    def __init__(self, action: str, of: Target) -> None:
        super().__init__(discord.ui.Button(custom_id=button_id(action, of)))
        self.action = action
        self.of = of

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str],
    ) -> FeedbackButton:
        return cls(match["action"], target(match["kind"], match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await _allowed(interaction):
            return
        try:
            if self.action == NOT_SIGNAL:
                await self._not_signal(interaction)
            else:
                await self._offer_details(interaction)
        except FeedbackError as exc:
            await _say(interaction, str(exc))
        except Exception:
            log.exception("feedback on %s failed", self.of.ref)
            await _say(interaction, FAILED)

    async def _not_signal(self, interaction: discord.Interaction) -> None:
        services = services_of(interaction)
        message = interaction.message
        now = utcnow()
        given = await give_feedback(
            services.sessions, guild_id=interaction.guild_id or 0, of=self.of,
            user_id=interaction.user.id, message_id=message.id if message else None, now=now)
        if given.event is not None:
            base = event_embed(given.event, services.settings.registry)
        elif message is not None and message.embeds:
            base = message.embeds[0].to_dict()  # type: ignore[assignment]
        else:
            base = {"description": "This alert"}
        embed = marked_embed(dict(base), interaction.user.id, now)
        await interaction.response.edit_message(embed=to_embed(embed))
        await interaction.followup.send(not_signal_answer(given.stored, given.closed,
                                                          given.closed_here),
                                        ephemeral=True)
        if given.edits_queued and services.pipeline.on_alerts is not None:
            services.pipeline.on_alerts()  # wake the outbox: other channels' messages change

    async def _offer_details(self, interaction: discord.Interaction) -> None:
        services = services_of(interaction)
        registry = services.settings.registry
        current = await alert_platforms(services.sessions, self.of)
        view = discord.ui.View(timeout=None)
        for which in FIELDS:
            view.add_item(DetailSelect(which, self.of,
                                       choices(which, registry, EVENT_TYPES, current)))
        await interaction.response.send_message(DETAILS_PROMPT, view=view, ephemeral=True)


class DetailSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=SELECT_TEMPLATE):
    """One correction offered after "Wrong details": event type, platforms or tier."""

    def __init__(self, which: str, of: Target,
                 options: list[tuple[str, str]] | None = None) -> None:
        opts = [discord.SelectOption(label=label, value=value)
                for label, value in options or [("-", "-")]]
        super().__init__(discord.ui.Select(
            custom_id=select_id(which, of), placeholder=placeholder(which), options=opts,
            min_values=1, max_values=max_values(which, len(opts))))
        self.which = which
        self.of = of

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str],
    ) -> DetailSelect:
        return cls(match["field"], target(match["kind"], match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await _allowed(interaction):
            return
        services = services_of(interaction)
        registry = services.settings.registry
        try:
            correction = check_correction(self.which, list(self.item.values), registry)
            await give_feedback(services.sessions, guild_id=interaction.guild_id or 0,
                                of=self.of, user_id=interaction.user.id, correction=correction)
            await interaction.response.edit_message(
                content=recorded(self.which, correction.values, registry))
        except FeedbackError as exc:
            await _say(interaction, str(exc))
        except Exception:
            log.exception("correction of %s failed", self.of.ref)
            await _say(interaction, FAILED)


class FeedbackCog(commands.Cog):
    """Registers the feedback components so clicks on any alert, however old, are answered."""

    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(FeedbackButton, DetailSelect)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(FeedbackButton, DetailSelect)


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(FeedbackCog(bot))
