"""Who may run a command, where, and how a refusal is answered.

A refusal is raised as ``Refused`` (an ``app_commands.CheckFailure``), which
the bot's error handler answers ephemerally with the message as it is, so
every cog refuses the same way and nothing after the refusal runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import discord
from discord import app_commands

from bot.commands.options import BadArgument
from bot.feedback.access import may_give_feedback

MANAGE_GUILD_NEEDED = "You need the Manage Server permission to change labelwatch's settings."


class Refused(app_commands.CheckFailure):
    """A bad option or a request that cannot be carried out; the message says why."""


@contextlib.contextmanager
def refusing() -> Iterator[None]:
    """Turn the option parsers' ``BadArgument`` into a refusal."""
    try:
        yield
    except BadArgument as exc:
        raise Refused(str(exc)) from None


def guild_id_of(interaction: discord.Interaction) -> int:
    """The guild the command runs in; every setting is read and written for it alone."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return interaction.guild_id


def may_give_feedback_here(interaction: discord.Interaction, feedback_role: str | None) -> bool:
    """Manage Server or the configured feedback role, in a server: who may mark an alert
    not a signal (feedback buttons) and undo it (``/events restore``)."""
    names = [r.name for r in getattr(interaction.user, "roles", ())]
    return interaction.guild_id is not None and may_give_feedback(
        interaction.permissions.manage_guild, names, feedback_role)


manage_guild = app_commands.checks.has_permissions(manage_guild=True)
"""The server-side half of the Manage Server rule.

``default_permissions`` only hides a top-level command from members by
default (server admins can change that, and it cannot apply to single
subcommands), so the permissions Discord sends with each invocation are
checked again here.
"""


def bot_cannot_post(channel: discord.abc.GuildChannel) -> str | None:
    """Why the bot could not post embeds in ``channel``, or None if it can.

    Uses the bot's cached roles and the channel's overwrites; when the cache
    cannot tell (no member object for the bot yet) it gives the benefit of
    the doubt and the delivery side reports failures later.
    """
    me = channel.guild.me
    if me is None:
        return None
    perms = channel.permissions_for(me)
    missing = [name for name, ok in (("View Channel", perms.view_channel),
                                     ("Send Messages", perms.send_messages),
                                     ("Embed Links", perms.embed_links)) if not ok]
    if not missing:
        return None
    return (f"labelwatch cannot post in {channel.mention}: it lacks "
            f"{', '.join(missing)} there. Give it those permissions or pick another channel.")
