"""The webhook sink: posts alerts to Discord webhooks named in the config file."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import aiohttp

from bot.delivery.base import PermanentDeliveryError, TransientDeliveryError
from bot.delivery.format import alert_embed, allowed_mentions
from bot.delivery.labels import webhook_parts
from bot.delivery.text import plain
from bot.platforms import PlatformRegistry
from storage.queries.outbox import OutboxView

_MAX_BODY = 65536


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


class WebhookSink:
    """Posts each alert as an embed; pings nobody, whatever the post says."""

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

    async def send(self, item: OutboxView) -> str | None:
        url = webhook_api_url(item.route.sink_id, self._api_base)
        payload: dict[str, Any] = {
            "embeds": [alert_embed(item, self._registry)],
            "allowed_mentions": allowed_mentions(None),
        }
        if self._username:
            payload["username"] = self._username
        try:
            async with self._http.post(url, json=payload, timeout=self._timeout,
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
        if status in (401, 403, 404) or 300 <= status < 400:
            raise PermanentDeliveryError(_discord_message(data, status))
        raise PermanentDeliveryError(_discord_message(data, status), disable_route=False)
