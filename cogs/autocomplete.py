"""Autocomplete callbacks shared by the cogs (platforms, event types, tiers, statuses)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.commands.choices import (
    event_type_choices,
    list_choices,
    platform_choices,
    status_choices,
    tier_choices,
)
from cogs.common import app_choices, services_of

Choices = list[app_commands.Choice[str]]


async def platform(interaction: discord.Interaction, current: str) -> Choices:
    registry = services_of(interaction).settings.registry
    return app_choices(platform_choices(registry, current))


async def platform_list(interaction: discord.Interaction, current: str) -> Choices:
    registry = services_of(interaction).settings.registry
    return app_choices(list_choices(current, lambda typed: platform_choices(registry, typed)))


async def event_type(interaction: discord.Interaction, current: str) -> Choices:
    return app_choices(event_type_choices(current))


async def event_type_list(interaction: discord.Interaction, current: str) -> Choices:
    return app_choices(list_choices(current, event_type_choices))


async def tier_list(interaction: discord.Interaction, current: str) -> Choices:
    return app_choices(list_choices(current, tier_choices))


async def status(interaction: discord.Interaction, current: str) -> Choices:
    return app_choices(status_choices(current))
