"""The double's messages: lookups of guilds and channels, and creating, editing,
deleting and finding the messages the bot posts.

``DiscordState`` mixes this in; the attributes declared here are the ones it
sets up in its constructor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .attachments import after_edit, describe
from .models import Channel, Guild, Snowflakes, Webhook, iso_now
from .nonces import NonceMemory
from .records import EPHEMERAL, LOADING, Notifier, RecordedFile, RecordedMessage, RecordedRequest

GUILD_MESSAGES_INTENT = 1 << 9


class MessageLog:
    """Guild and channel lookups and the message store of ``DiscordState``."""

    ids: Snowflakes
    application_id: int
    guilds: dict[int, Guild]
    messages: dict[int, RecordedMessage]
    webhooks: dict[int, Webhook]
    requests: list[RecordedRequest]
    notifier: Notifier
    api_base: str
    emit: Callable[[str, Any], object]
    intents: Callable[[], int]
    nonces: NonceMemory
    on_create: Callable[[RecordedMessage], object] | None

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
