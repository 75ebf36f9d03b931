"""The webhook sink: posts and edits alerts through Discord webhooks named in the config file."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import aiohttp

from bot.delivery.base import MessageGoneError, PermanentDeliveryError, TransientDeliveryError
from bot.delivery.embeds import outbox_embed
from bot.delivery.event_format import reply_text
from bot.delivery.format import allowed_mentions
from bot.delivery.labels import webhook_parts
from bot.delivery.text import plain
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView

_MAX_BODY = 65536
UNKNOWN_MESSAGE = 10008


def webhook_api_url(configured: str, api_base: str) -> str:
    """The configured webhook moved onto ``[discord] api_base``, asking Discord to wait.

    ``https://discord.com/api/webhooks/ID/TOKEN?thread_id=5`` becomes
    ``{api_base}/webhooks/ID/TOKEN?thread_id=5&wait=true``, so a test double
    or a proxy set as ``api_base`` receives webhook traffic too, and
    ``wait=true`` makes Discord confirm with the created message.
    """
    parts = webhook_parts(configured)
    if parts is None:
        raise PermanentDeliveryError("not a Discord webhook URL (expected .../webhooks/ID/TOKEN)")
    query = [(k, v) for k, v in parse_qsl(urlsplit(configured).query) if k != "wait"]
    query.append(("wait", "true"))
    return f"{api_base.rstrip('/')}/webhooks/{parts[0]}/{parts[1]}?{urlencode(query)}"


def _retry_after(data: Any, headers: Any) -> float | None:
    candidates = []
    if isinstance(data, dict):
        candidates.append(data.get("retry_after"))
    candidates += [headers.get("X-RateLimit-Reset-After"), headers.get("Retry-After")]
    for value in candidates:
        try:
            if value is not None:
                return max(0.0, float(value))
        except (TypeError, ValueError):
            continue
    return None


def _discord_message(data: Any, status: int) -> str:
    if isinstance(data, dict) and data.get("message"):
        code = f" (code {data['code']})" if data.get("code") else ""
        return f"HTTP {status}: {plain(str(data['message']))[:200]}{code}"
    return f"HTTP {status}"


def webhook_message_url(configured: str, api_base: str, message_id: str) -> str:
    """Where one of the webhook's own messages is edited: ``.../messages/{id}``.

    A ``thread_id`` in the configured URL is kept (the message lives in that
    thread); ``wait`` means nothing to an edit and is dropped.
    """
    parts = webhook_parts(configured)
    if parts is None:
        raise PermanentDeliveryError("not a Discord webhook URL (expected .../webhooks/ID/TOKEN)")
    query = [(k, v) for k, v in parse_qsl(urlsplit(configured).query) if k == "thread_id"]
    url = f"{api_base.rstrip('/')}/webhooks/{parts[0]}/{parts[1]}/messages/{message_id}"
    return f"{url}?{urlencode(query)}" if query else url


class WebhookSink:
    """Posts and edits each event's embed; pings nobody, whatever the post says.

    Webhooks cannot reply to a message, so a status reply is a short message
    of its own that names the event.
    """

    def __init__(
        self, http: aiohttp.ClientSession, api_base: str, registry: PlatformRegistry, *,
        timeout: float = 15.0, username: str | None = "labelwatch",
    ) -> None:
        self._http = http
        self._api_base = api_base
        self._registry = registry
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._username = username

    def _redacted(self, text: str, url: str) -> str:
        """Error text with the webhook's token (and so its URL) removed."""
        parts = webhook_parts(url)
        if parts is not None:
            text = text.replace(parts[1], "***")
        return text

    def _payload(self, **parts: Any) -> dict[str, Any]:
        payload: dict[str, Any] = {**parts, "allowed_mentions": allowed_mentions(None)}
        if self._username:
            payload["username"] = self._username
        return payload

    async def send(self, item: OutboxView) -> str | None:
        url = webhook_api_url(item.route.sink_id, self._api_base)
        embed = outbox_embed(item, self._registry)
        return await self._request("POST", url, self._payload(embeds=[embed]))

    async def edit(self, item: OutboxView) -> None:
        if item.message_id is None or not item.message_id.isdigit():
            raise MessageGoneError("the event's message has no id to edit")
        url = webhook_message_url(item.route.sink_id, self._api_base, item.message_id)
        payload = {"embeds": [outbox_embed(item, self._registry)],
                   "allowed_mentions": allowed_mentions(None)}
        await self._request("PATCH", url, payload)

    async def reply(self, item: OutboxView) -> str | None:
        if item.event is None:
            raise MessageGoneError("the event is gone")
        url = webhook_api_url(item.route.sink_id, self._api_base)
        content = reply_text(item.event, item.event_status, self._registry)
        return await self._request("POST", url, self._payload(content=content))

    async def _request(self, method: str, url: str, payload: dict[str, Any]) -> str | None:
        try:
            async with self._http.request(method, url, json=payload, timeout=self._timeout,
                                          allow_redirects=False) as resp:
                status, headers = resp.status, resp.headers
                raw = await resp.content.read(_MAX_BODY)
        except TimeoutError:
            raise TransientDeliveryError("timed out waiting for Discord") from None
        except (aiohttp.ClientError, OSError) as exc:
            reason = self._redacted(f"{type(exc).__name__}: {exc}", url)
            raise TransientDeliveryError(reason[:300]) from None
        try:
            data: Any = json.loads(raw) if raw else None
        except ValueError:
            data = None
        if 200 <= status < 300:
            if isinstance(data, dict) and data.get("id") is not None:
                return str(data["id"])
            return None
        if status == 429:
            raise TransientDeliveryError("rate limited (HTTP 429)", _retry_after(data, headers))
        if status >= 500:
            raise TransientDeliveryError(_discord_message(data, status))
        if status == 404 and isinstance(data, dict) and data.get("code") == UNKNOWN_MESSAGE:
            raise MessageGoneError(_discord_message(data, status))
        if status in (401, 403, 404) or 300 <= status < 400:
            raise PermanentDeliveryError(_discord_message(data, status))
        raise PermanentDeliveryError(_discord_message(data, status), disable_route=False)
