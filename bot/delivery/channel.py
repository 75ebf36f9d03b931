"""The channel sink: sends, edits and replies through the bot's own discord.py client.

It goes through ``client.http`` by channel id, so it works whether or not
the channel is in the client's cache. discord.py already waits out 429s
and retries some 5xx responses; what reaches this module is final.

Every new message and reply carries a ``nonce`` derived from its outbox row,
with ``enforce_nonce``: when a crash falls between Discord creating the
message and the row being marked sent, the next attempt gets the message
already created back instead of a second one (Discord keeps nonces for a few
minutes). Edits need no nonce: applying one twice shows the same state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import discord
from discord.http import MultipartParameters

from bot.delivery.base import MessageGoneError, PermanentDeliveryError, TransientDeliveryError
from bot.delivery.embeds import outbox_embed
from bot.delivery.event_format import reply_text
from bot.delivery.format import allowed_mentions, ping_content
from bot.delivery.text import plain
from bot.feedback.components import alert_components
from bot.feedback.ids import Target
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView

UNKNOWN_MESSAGE = 10008


def _reason(exc: discord.HTTPException) -> str:
    text = plain(exc.text or "")[:200]
    code = f" (code {exc.code})" if exc.code else ""
    return f"HTTP {exc.status}: {text}{code}" if text else f"HTTP {exc.status}{code}"


NOT_LOGGED_IN_RETRY = 5.0
"""Seconds before an alert that found the bot logged out is tried again."""


def _feedback_buttons(item: OutboxView) -> list[dict[str, Any]] | None:
    """"Not a signal" and "Wrong details", naming the alert's event (or its post)."""
    if item.event is not None:
        return alert_components(Target("e", item.event.id))
    if item.post is not None:
        return alert_components(Target("p", item.post.id))
    return None


def base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if value == 0:
            return out


def message_nonce(item: OutboxView) -> str:
    """The Discord nonce of an outbox row: the same on every attempt, at most 25 characters.

    The row's creation time is part of it so a database started afresh,
    whose ids begin again at 1, never reuses a nonce of the old one.
    """
    created = int(item.created_at.timestamp() * 1000)
    return f"lw{base36(item.id)}.{base36(created)}"[:25]


def _params(payload: dict[str, Any]) -> MultipartParameters:
    return MultipartParameters(payload=payload, multipart=None, files=None)


class ChannelSink:
    """Posts embeds to guild channels; pings only a route's chosen role."""

    def __init__(self, client: discord.Client, registry: PlatformRegistry) -> None:
        self._client = client
        self._registry = registry

    async def send(self, item: OutboxView) -> str | None:
        return await self.send_embed(int(item.route.sink_id), outbox_embed(item, self._registry),
                                     ping_role_id=item.route.ping_role_id,
                                     components=_feedback_buttons(item),
                                     nonce=message_nonce(item))

    async def edit(self, item: OutboxView) -> None:
        if item.message_id is None or not item.message_id.isdigit():
            raise MessageGoneError("the event's message has no id to edit")
        # The content (the role ping, if any) stays; Discord never notifies on an edit.
        payload = {"embeds": [outbox_embed(item, self._registry)],
                   "allowed_mentions": allowed_mentions(item.route.ping_role_id)}
        channel_id, message_id = int(item.route.sink_id), int(item.message_id)
        await self._call(lambda: self._client.http.edit_message(
            channel_id, message_id, params=_params(payload)))

    async def reply(self, item: OutboxView) -> str | None:
        if item.event is None or item.message_id is None:
            raise MessageGoneError("the event's message has no id to reply to")
        channel_id = int(item.route.sink_id)
        payload = {
            "content": reply_text(item.event, item.event_status, self._registry),
            "allowed_mentions": {"parse": [], "replied_user": False},
            "message_reference": {"message_id": item.message_id, "channel_id": str(channel_id),
                                  "fail_if_not_exists": True},
            "nonce": message_nonce(item), "enforce_nonce": True,
        }
        message = await self._call(lambda: self._client.http.send_message(
            channel_id, params=_params(payload)))
        return str(message["id"])

    async def send_embed(
        self, channel_id: int, embed: dict[str, Any], *, ping_role_id: int | None = None,
        components: list[dict[str, Any]] | None = None, nonce: str | None = None,
    ) -> str:
        """Send one embed (an alert or a digest); returns the message id.

        With a ``nonce`` the send is idempotent for a few minutes: sending
        again returns the message the first send created.

        Raises the delivery errors the outbox worker understands: a deleted
        channel or lost permission is permanent for the route, a rejected
        embed only for this message, anything on Discord's side transient.
        """
        payload: dict[str, Any] = {
            "embeds": [embed],
            "allowed_mentions": allowed_mentions(ping_role_id),
        }
        if (content := ping_content(ping_role_id)) is not None:
            payload["content"] = content
        if components:
            payload["components"] = components
        if nonce is not None:
            payload.update(nonce=nonce, enforce_nonce=True)
        message = await self._call(lambda: self._client.http.send_message(
            channel_id, params=_params(payload)))
        return str(message["id"])

    async def _call(self, request: Callable[[], Awaitable[Any]]) -> Any:
        if self._client.user is None:
            # Not logged in yet (or Discord was down at start-up): the alert waits.
            raise TransientDeliveryError("not logged in to Discord yet", NOT_LOGGED_IN_RETRY)
        try:
            return await request()
        except discord.NotFound as exc:
            if exc.code == UNKNOWN_MESSAGE:
                raise MessageGoneError(_reason(exc)) from None
            raise PermanentDeliveryError(_reason(exc)) from None
        except discord.Forbidden as exc:
            raise PermanentDeliveryError(_reason(exc)) from None
        except discord.DiscordServerError as exc:
            raise TransientDeliveryError(_reason(exc)) from None
        except discord.RateLimited as exc:
            raise TransientDeliveryError("rate limited", exc.retry_after) from None
        except discord.HTTPException as exc:
            if exc.status == 429:
                raise TransientDeliveryError(_reason(exc)) from None
            if exc.status == 401:
                # The bot's token, not this channel, is the problem: keep the route.
                raise TransientDeliveryError(_reason(exc)) from None
            if exc.status == 400 and "message_reference" in (exc.text or ""):
                # Replying to a message that was deleted.
                raise MessageGoneError(_reason(exc)) from None
            raise PermanentDeliveryError(_reason(exc), disable_route=False) from None
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise TransientDeliveryError(f"{type(exc).__name__}: {exc}"[:300]) from None
