"""/platforms list | watch | unwatch: what is watched, and a server's own sources.

Config and built-in sources apply to every server; a server adds its own
with /platforms watch. New sources are checked before they are saved (a
subreddit must exist and be readable, a feed URL must serve RSS or Atom),
and the poll plan is rebuilt at once, so polling starts without a restart.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import refresh_plan
from bot.commands.options import resolve_platform, source_targets
from bot.commands.sources import MAX_GUILD_SOURCES, describe_source, source_statuses
from bot.delivery.labels import platform_name
from bot.delivery.pages import SourceStatus, platforms_embed
from bot.discord_bot import LabelwatchBot
from bot.poller import configured_sources
from bot.sources.feeds import probe_feed
from cogs import autocomplete
from cogs.checks import Refused, guild_id_of, manage_guild, refusing
from cogs.common import defer, reply, within_budget
from storage.queries.guilds import (
    add_guild_source,
    guild_sources,
    normalise_target,
    remove_guild_source,
)
from storage.queries.quarantine import quarantine_counts
from storage.queries.sources import all_states

log = logging.getLogger(__name__)


@app_commands.guild_only()
class PlatformsCog(commands.GroupCog, name="platforms", group_name="platforms",
                   group_description="Watched platforms and their sources"):
    def __init__(self, bot: LabelwatchBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list", description="Platforms watched here, their sources "
                                                   "and whether those sources work")
    async def list_(self, interaction: discord.Interaction) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)

        async def gather() -> list[SourceStatus]:
            async with services.sessions() as session:
                own = await guild_sources(session, guild_id)
                states = await all_states(session)
                quarantined = await quarantine_counts(session)
            return source_statuses(services.poller.plan, configured_sources(services.settings),
                                   own, states, quarantined)

        statuses = await within_budget(interaction, gather(), ephemeral=False)
        await reply(interaction, embed=platforms_embed(services.settings.registry, statuses))

    @app_commands.command(name="watch", description="Watch another subreddit or feed for a "
                                                    "platform (Manage Server)")
    @app_commands.describe(platform="The platform these posts are about",
                           subreddit="A subreddit name, like outlier_ai",
                           feed="The URL of an RSS or Atom feed")
    @app_commands.autocomplete(platform=autocomplete.platform)
    @manage_guild
    async def watch(
        self, interaction: discord.Interaction, platform: str, subreddit: str | None = None,
        feed: str | None = None,
    ) -> None:
        services = self.bot.services
        guild_id = guild_id_of(interaction)
        with refusing():
            pid = resolve_platform(services.settings.registry, platform)
            targets = [(kind, normalise_target(kind, target))
                       for kind, target in source_targets(subreddit, feed)]
        async with services.sessions() as session:
            own = {(g.kind, g.target) for g in await guild_sources(session, guild_id)}
        new = [t for t in targets if t not in own]
        if len(own) + len(new) > MAX_GUILD_SOURCES:
            raise Refused(f"This server already watches {len(own)} sources of its own, and "
                          f"{MAX_GUILD_SOURCES} is the most; remove some with /platforms "
                          "unwatch first.")
        # Asking Reddit or fetching a feed can take longer than Discord's 3 seconds.
        await defer(interaction, ephemeral=True)
        problems = [p for kind, target in targets if (p := await self._check(kind, target))]
        if problems:
            raise Refused("Nothing was added. " + " ".join(problems))
        async with services.sessions.begin() as session:
            fresh = [await add_guild_source(session, guild_id, kind, target, pid)
                     for kind, target in targets]
        await refresh_plan(services)
        name = platform_name(services.settings.registry, pid)
        lines = [f"{'Now watching' if is_new else 'Already watched; now counted for'} "
                 f"{_named(kind, target)} for **{name}**."
                 for (kind, target), is_new in zip(targets, fresh, strict=True)]
        them = "them" if len(targets) > 1 else "it"
        await reply(interaction, "\n".join(lines) + f"\nPolling includes {them} from now on.",
                    ephemeral=True)

    async def _check(self, kind: str, target: str) -> str | None:
        """Why a new source cannot be watched, or None; asks the source once."""
        services = self.bot.services
        try:
            if kind == "reddit":
                reason = await services.reddit.validate_subreddit(target)
            else:
                # Public addresses only, checked at connect time and on every redirect.
                reason = await probe_feed(services.feeds, target)
        except Exception as exc:  # a source's fault must become an answer, not a crash
            log.exception("checking %s %s failed", kind, target)
            reason = f"the check failed ({type(exc).__name__})"
        if reason is None:
            return None
        return f"{_named(kind, target)} cannot be watched: {reason}."

    @app_commands.command(name="unwatch", description="Stop watching one of this server's "
                                                      "own sources (Manage Server)")
    @app_commands.describe(platform="The platform the source was added for",
                           subreddit="The subreddit to stop watching",
                           feed="The feed URL to stop watching")
    @app_commands.autocomplete(platform=autocomplete.platform)
    @manage_guild
    async def unwatch(
        self, interaction: discord.Interaction, platform: str, subreddit: str | None = None,
        feed: str | None = None,
    ) -> None:
        services = self.bot.services
        registry = services.settings.registry
        guild_id = guild_id_of(interaction)
        with refusing():
            pid = resolve_platform(registry, platform)
            targets = [(kind, normalise_target(kind, target))
                       for kind, target in source_targets(subreddit, feed)]
        configured = {(r.kind, normalise_target(r.kind, r.target))
                      for r in configured_sources(services.settings)}
        async with services.sessions.begin() as session:
            own = {(g.kind, g.target): g for g in await guild_sources(session, guild_id)}
            problems = []
            for kind, target in targets:
                source = own.get((kind, target))
                if source is None and (kind, target) in configured:
                    problems.append(f"{_named(kind, target)} is watched for every server by "
                                    "labelwatch's configuration; only sources this server "
                                    "added can be removed here.")
                elif source is None:
                    problems.append(f"{_named(kind, target)} is not one of this server's "
                                    "own sources.")
                elif source.platform != pid:
                    problems.append(f"{_named(kind, target)} is watched for "
                                    f"{platform_name(registry, source.platform)}, not "
                                    f"{platform_name(registry, pid)}.")
            if problems:
                listed = ", ".join(_named(k, t) for k, t in own) or "none"
                raise Refused("Nothing was removed. " + " ".join(problems)
                              + f" This server's own sources: {listed}.")
            for kind, target in targets:
                await remove_guild_source(session, guild_id, kind, target)
        await refresh_plan(services)
        await reply(interaction, "Stopped watching "
                    + " and ".join(_named(k, t) for k, t in targets)
                    + f" for **{platform_name(registry, pid)}**.", ephemeral=True)


def _named(kind: str, target: str) -> str:
    return f"`{describe_source(kind, target).replace('`', '')}`"


async def setup(bot: LabelwatchBot) -> None:
    await bot.add_cog(PlatformsCog(bot))
