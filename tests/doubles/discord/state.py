"""The double's world: bot identity, guild fixtures, messages, webhooks.

REST handlers, the gateway and the test-facing facade all read and mutate
this one object, so a message posted over REST is immediately visible to
``sent_messages`` and echoed on the gateway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .attachments import DEFAULT_UPLOAD_LIMIT, after_edit, describe
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
    iso_now,
    random_token,
)
from .nonces import NonceMemory
from .records import EPHEMERAL, LOADING, Notifier, RecordedFile, RecordedMessage, RecordedRequest

ChannelSpec = str | Mapping[str, Any]
RoleSpec = str | Mapping[str, Any]
GUILD_MESSAGES_INTENT = 1 << 9


class DiscordState:
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

    # -- lookups ----------------------------------------------------------------

    def guild(self, guild_id: int) -> Guild:
        try:
            return self.guilds[guild_id]
        except KeyError:
            raise KeyError(f"no guild {guild_id}; have {list(self.guilds)}") from None

    def find_channel(self, channel_id: int) -> Channel | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        return None

    def channel(self, channel_id: int) -> Channel:
        channel = self.find_channel(channel_id)
        if channel is None:
            raise KeyError(f"no channel {channel_id}")
        return channel

    def default_guild(self) -> Guild:
        if not self.guilds:
            raise LookupError("the double has no guild: call add_guild() first")
        return next(iter(self.guilds.values()))

    # -- messages ---------------------------------------------------------------

    def create_message(
        self,
        channel_id: int,
        payload: dict[str, Any],
        *,
        source: str,
        author: dict[str, Any],
        files: list[RecordedFile] | None = None,
        webhook_id: int | None = None,
        interaction: dict[str, Any] | None = None,
        message_type: int = 0,
        extra_flags: int = 0,
        reply_to: RecordedMessage | None = None,
    ) -> RecordedMessage:
        mid = self.ids.next()
        files = files or []
        message: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel_id),
            "author": author,
            "content": payload.get("content") or "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(payload.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "mention_channels": [],
            "attachments": self._attachments(channel_id, payload, files),
            "embeds": [_normalise_embed(e) for e in payload.get("embeds") or []],
            "reactions": [],
            "pinned": False,
            "type": message_type,
            "flags": int(payload.get("flags") or 0) | extra_flags,
            "components": list(payload.get("components") or []),
            "sticker_items": [],
        }
        if "nonce" in payload:
            message["nonce"] = payload["nonce"]
        if reply_to is not None:
            # A reply: type 19, with the reference and a copy of the message it answers.
            message["type"] = 19
            target = self.find_channel(reply_to.channel_id)
            message["message_reference"] = {
                "type": 0, "message_id": str(reply_to.id), "channel_id": str(reply_to.channel_id),
                "guild_id": str(target.guild_id) if target else None,
            }
            message["referenced_message"] = dict(reply_to.message)
        if webhook_id is not None:
            message["webhook_id"] = str(webhook_id)
        if interaction is not None:
            message["application_id"] = str(self.application_id)
            message["interaction_metadata"] = interaction
        record = RecordedMessage(
            id=mid,
            channel_id=channel_id,
            source=source,
            payload=payload,
            message=message,
            webhook_id=webhook_id,
            interaction_id=int(interaction["id"]) if interaction else None,
            files=files,
        )
        self.messages[mid] = record
        self.nonces.remember(channel_id, int(author["id"]), payload, mid)
        channel = self.find_channel(channel_id)
        if channel is not None:
            channel.last_message_id = mid
        if not record.ephemeral:
            self._echo("MESSAGE_CREATE", record)
        self.notifier.notify()
        if self.on_create is not None:
            self.on_create(record)
        return record

    def edit_message(
        self, record: RecordedMessage, payload: dict[str, Any],
        files: list[RecordedFile] | None = None,
    ) -> RecordedMessage:
        message = record.message
        if files or "attachments" in payload:
            new = self._attachments(record.channel_id, payload, files or [])
            message["attachments"] = after_edit(message["attachments"], payload, new)
            record.files.extend(files or [])
        was_loading = bool(record.flags & LOADING)
        for key in ("content", "components"):
            if key in payload:
                message[key] = payload[key] if payload[key] is not None else _empty(key)
        if "embeds" in payload:
            message["embeds"] = [_normalise_embed(e) for e in payload["embeds"] or []]
        flags = record.flags
        if payload.get("flags") is not None:
            # Ephemerality is fixed at creation; an edit cannot add or remove it.
            flags = (flags & EPHEMERAL) | (int(payload["flags"]) & ~EPHEMERAL)
        message["flags"] = flags & ~LOADING
        if not was_loading:
            message["edited_timestamp"] = iso_now()
        record.edits.append(payload)
        if not record.ephemeral:
            self._echo("MESSAGE_UPDATE", record)
        self.notifier.notify()
        return record

    def delete_message(self, record: RecordedMessage) -> None:
        record.deleted = True
        channel = self.find_channel(record.channel_id)
        if not record.ephemeral:
            data = {"id": str(record.id), "channel_id": str(record.channel_id)}
            if channel is not None:
                data["guild_id"] = str(channel.guild_id)
            self.emit("MESSAGE_DELETE", data)
        self.notifier.notify()

    def live_message(self, channel_id: int, message_id: int) -> RecordedMessage | None:
        record = self.messages.get(message_id)
        if record is None or record.deleted or record.channel_id != channel_id:
            return None
        return record

    def _echo(self, event: str, record: RecordedMessage) -> None:
        if not self.intents() & GUILD_MESSAGES_INTENT:
            return
        channel = self.find_channel(record.channel_id)
        if channel is None:
            return
        data = dict(record.message)
        data["guild_id"] = str(channel.guild_id)
        member = self.guilds[channel.guild_id].members.get(int(record.message["author"]["id"]))
        if member is not None and record.webhook_id is None:
            member_data = member.payload()
            member_data.pop("user")
            data["member"] = member_data
        self.emit(event, data)

    def _attachments(
        self, channel_id: int, payload: Mapping[str, Any], files: list[RecordedFile]
    ) -> list[dict[str, Any]]:
        def make(f: RecordedFile, entry: Mapping[str, Any]) -> dict[str, Any]:
            aid = self.ids.next()
            filename = str(entry.get("filename") or f.filename)
            url = f"{self.api_base}/attachments/{channel_id}/{aid}/{filename}"
            attachment = {
                "id": str(aid),
                "filename": filename,
                "size": len(f.data),
                "url": url,
                "proxy_url": url,
                "content_type": f.content_type,
            }
            if entry.get("description"):
                attachment["description"] = str(entry["description"])
            return attachment

        return describe(payload, files, make)

    # -- queries ----------------------------------------------------------------

    def find_messages(
        self,
        *,
        source: str | None = None,
        channel_id: int | None = None,
        webhook_id: int | None = None,
        include_deleted: bool = False,
    ) -> list[RecordedMessage]:
        return [
            m
            for m in self.messages.values()
            if (source is None or m.source == source)
            and (channel_id is None or m.channel_id == channel_id)
            and (webhook_id is None or m.webhook_id == webhook_id)
            and (include_deleted or not m.deleted)
        ]

    def describe_recent(self, count: int = 15) -> str:
        lines = [f"  {r}" for r in self.requests[-count:]]
        return "\n".join(lines) or "  (no requests)"


def _empty(key: str) -> Any:
    return "" if key == "content" else []


def _normalise_embed(embed: Mapping[str, Any]) -> dict[str, Any]:
    """Discord fills in ``type: rich`` when it is left out."""
    data = dict(embed)
    data.setdefault("type", "rich")
    return data
