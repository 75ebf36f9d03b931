"""The double's world: bot identity, guild fixtures, messages, webhooks.

Lookups and the messages themselves are kept by ``MessageLog`` (``messages.py``),
which ``DiscordState`` mixes in.

REST handlers, the gateway and the test-facing facade all read and mutate
this one object, so a message posted over REST is immediately visible to
``sent_messages`` and echoed on the gateway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .attachments import DEFAULT_UPLOAD_LIMIT
from .messages import MessageLog
from .models import (
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    SEND_MESSAGES,
    TEXT_CHANNEL,
    VIEW_CHANNEL,
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    Snowflakes,
    User,
    Webhook,
    random_token,
)
from .nonces import NonceMemory
from .records import Notifier, RecordedMessage, RecordedRequest

ChannelSpec = str | Mapping[str, Any]
RoleSpec = str | Mapping[str, Any]


class DiscordState(MessageLog):
    """Everything the double knows; see ``DiscordDouble`` for the public face."""

    def __init__(self, *, token: str, bot_name: str = "labelwatch") -> None:
        self.ids = Snowflakes()
        self.token = token
        self.application_id = self.ids.next()
        self.bot_user = User(self.application_id, bot_name, bot=True)
        self.owner = User(self.ids.next(), "guild-owner")
        self.users: dict[int, User] = {u.id: u for u in (self.bot_user, self.owner)}
        self.guilds: dict[int, Guild] = {}
        self.messages: dict[int, RecordedMessage] = {}
        self.webhooks: dict[int, Webhook] = {}
        self.requests: list[RecordedRequest] = []
        self.notifier = Notifier()
        self.notifier.describe = self.describe_recent
        self.api_base = ""
        self.upload_limit = DEFAULT_UPLOAD_LIMIT
        # Set by the gateway: pushes a dispatch event to connected clients.
        self.emit: Callable[[str, Any], object] = lambda event, data: None
        self.intents: Callable[[], int] = lambda: 0
        self.nonces = NonceMemory()
        # Called with each message as it is created, before the request is answered.
        self.on_create: Callable[[RecordedMessage], object] | None = None

    # -- fixtures ---------------------------------------------------------------

    def add_guild(
        self,
        guild_id: int | None = None,
        name: str = "Test Guild",
        channels: Iterable[ChannelSpec] | None = None,
        roles: Iterable[RoleSpec] | None = None,
        *,
        everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
    ) -> Guild:
        gid = guild_id or self.ids.next()
        if gid in self.guilds:
            raise ValueError(f"guild {gid} already exists")
        guild = Guild(id=gid, name=name, owner_id=self.owner.id)
        guild.roles[gid] = Role(gid, "@everyone", everyone_permissions, position=0)
        bot_role = Role(self.ids.next(), self.bot_user.username, bot_permissions, 1, managed=True)
        guild.roles[bot_role.id] = bot_role
        for position, spec in enumerate(roles or (), start=2):
            data = {"name": spec} if isinstance(spec, str) else dict(spec)
            role = Role(
                int(data.get("id") or self.ids.next()),
                str(data["name"]),
                int(data.get("permissions", 0)),
                int(data.get("position", position)),
            )
            guild.roles[role.id] = role
        guild.members[self.bot_user.id] = Member(self.bot_user, roles=[bot_role.id])
        guild.members[self.owner.id] = Member(self.owner)
        self.guilds[gid] = guild
        for spec in channels if channels is not None else ("general",):
            self.add_channel(gid, spec, _announce=False)
        joined = guild.payload(bot_user_id=self.bot_user.id)
        # A guild joined mid-session comes without "unavailable" (discord.py: on_guild_join);
        # with "unavailable": false it would be taken for an outage ending.
        del joined["unavailable"]
        self.emit("GUILD_CREATE", joined)
        self.notifier.notify()
        return guild

    def add_channel(self, guild_id: int, spec: ChannelSpec, *, _announce: bool = True) -> Channel:
        """Add a channel from a name or a partial channel object (id, name, type, topic)."""
        guild = self.guild(guild_id)
        data = {"name": spec} if isinstance(spec, str) else dict(spec)
        channel = Channel(
            id=int(data.get("id") or self.ids.next()),
            guild_id=guild.id,
            name=str(data["name"]),
            type=int(data.get("type", TEXT_CHANNEL)),
            position=int(data.get("position", len(guild.channels))),
            topic=data.get("topic"),
        )
        if self.find_channel(channel.id) is not None:
            raise ValueError(f"channel {channel.id} already exists")
        guild.channels[channel.id] = channel
        if _announce:
            self.emit("CHANNEL_CREATE", channel.payload())
        self.notifier.notify()
        return channel

    def delete_channel(self, channel_id: int) -> None:
        """Delete a channel: later REST calls on it answer 404 Unknown Channel."""
        channel = self.channel(channel_id)
        del self.guilds[channel.guild_id].channels[channel_id]
        self.emit("CHANNEL_DELETE", channel.payload())
        self.notifier.notify()

    def forbid_channel(self, channel_id: int, *, view: bool = False) -> None:
        """Deny the bot SEND_MESSAGES (403 code 50013) or, with ``view``,
        VIEW_CHANNEL too (403 code 50001 Missing Access) via a member overwrite."""
        channel = self.channel(channel_id)
        deny = SEND_MESSAGES | (VIEW_CHANNEL if view else 0)
        channel.overwrites = [o for o in channel.overwrites if o.id != self.bot_user.id]
        channel.overwrites.append(Overwrite(self.bot_user.id, 1, deny=deny))
        self.emit("CHANNEL_UPDATE", channel.payload())
        self.notifier.notify()

    def allow_channel(self, channel_id: int) -> None:
        """Undo ``forbid_channel``."""
        channel = self.channel(channel_id)
        channel.overwrites = [o for o in channel.overwrites if o.id != self.bot_user.id]
        self.emit("CHANNEL_UPDATE", channel.payload())
        self.notifier.notify()

    def add_user(self, user_id: int | None = None, name: str | None = None) -> User:
        uid = user_id or self.ids.next()
        user = self.users.get(uid)
        if user is None:
            user = self.users[uid] = User(uid, name or f"user{uid}")
        elif name:
            user.username = name
        return user

    def add_member(
        self,
        guild_id: int,
        user_id: int | None = None,
        name: str | None = None,
        roles: Iterable[int | str] = (),
    ) -> Member:
        """Add (or update) a guild member; roles may be ids or role names."""
        guild = self.guild(guild_id)
        user = self.add_user(user_id, name)
        role_ids = [r if isinstance(r, int) else guild.role_id(r) for r in roles]
        member = Member(user, roles=role_ids)
        guild.members[user.id] = member
        return member

    def create_webhook(self, channel_id: int, name: str = "labelwatch") -> Webhook:
        channel = self.channel(channel_id)
        wid = self.ids.next()
        token = random_token()
        hook = Webhook(
            wid,
            token,
            channel.id,
            channel.guild_id,
            name,
            f"{self.api_base}/webhooks/{wid}/{token}",
        )
        self.webhooks[wid] = hook
        return hook
