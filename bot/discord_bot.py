"""The discord.py client: slash commands and the alert channel sink ride on it.

It receives everything it needs (the services built at start-up) in its
constructor, like discord.py's ``advanced_startup`` example, and holds no
state of its own beyond discord.py's cache.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

EXTENSIONS = ("cogs.signals", "cogs.events", "cogs.platforms", "cogs.alerts", "cogs.digest",
              "cogs.feedback")


def intents() -> discord.Intents:
    """Guilds only: slash commands need no message content or member lists."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


class LabelwatchBot(commands.Bot):
    def __init__(
        self, services: Services, *, extensions: tuple[str, ...] = EXTENSIONS,
        guild_ready_timeout: float = 2.0, **shards: Any,
    ) -> None:
        super().__init__(
            **shards,
            command_prefix=commands.when_mentioned,
            intents=intents(),
            help_command=None,
            # Post text is untrusted: nothing this client sends may ping by default.
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=guild_ready_timeout,
        )
        self.services = services
        self.initial_extensions = extensions
        self._sync_task: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        # A login retried after an outage runs this hook again: do each part once.
        for extension in self.initial_extensions:
            if extension not in self.extensions:
                await self.load_extension(extension)
        self.tree.error(self.on_app_command_error)
        if self._sync_task is None:
            self._sync_task = asyncio.create_task(self._sync_until_done(), name="command-sync")

    async def _sync_until_done(self) -> None:
        """Register the commands, retrying while Discord has trouble; never crash the bot."""
        delay = 1.0
        while True:
            try:
                await self.sync_commands()
                return
            except (discord.DiscordServerError, aiohttp.ClientError, OSError,
                    TimeoutError) as exc:
                log.warning("registering slash commands failed (%s); retrying in %.0fs",
                            exc, delay)
            except discord.HTTPException as exc:
                log.error("Discord refused the slash commands: %s", exc)
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    async def sync_commands(self) -> None:
        """Register commands globally, or to ``[discord] guild_ids`` for development."""
        guild_ids = self.services.settings.discord.guild_ids
        if not guild_ids:
            synced = await self.tree.sync()
            log.info("registered %d slash commands globally", len(synced))
            return
        for guild_id in guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("registered %d slash commands in guild %d", len(synced), guild_id)

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected to Discord as %s (%s) in %d guilds",
                 user, user.id if user else "?", len(self.guilds))

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every failure gets an ephemeral answer; unexpected ones are logged in full."""
        if isinstance(error, app_commands.MissingPermissions):
            message = "You need the Manage Server permission to change labelwatch's settings."
        elif isinstance(error, app_commands.NoPrivateMessage):
            message = "This command works in a server, not in direct messages."
        elif isinstance(error, app_commands.TransformerError | app_commands.CheckFailure):
            message = str(error)
        else:
            log.error("command %s failed", interaction.command and interaction.command.name,
                      exc_info=error)
            message = "Something went wrong on labelwatch's side; it has been logged."
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user about a failed command")


class ShardedLabelwatchBot(LabelwatchBot, commands.AutoShardedBot):
    """The bot running several gateway shards, or a range of them (``[discord] shard_ids``)."""


def make_bot(services: Services) -> LabelwatchBot:
    """The bot for ``[discord]``'s shard settings: one connection unless shards are named."""
    settings = services.settings.discord
    if settings.shard_count is None:
        return LabelwatchBot(services)
    shard_ids = list(settings.shard_ids) if settings.shard_ids is not None else None
    return ShardedLabelwatchBot(services, shard_count=settings.shard_count, shard_ids=shard_ids)
