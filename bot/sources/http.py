"""One bounded HTTP GET: redirects counted, body capped, time limited.

Feeds are fetched from URLs anyone with the slash command can add, so every
limit here is a defence: a server must not be able to hold a poll forever,
fill memory, or bounce the fetcher around a redirect loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp

from bot.config import FeedSettings
from bot.sources.addresses import REFUSED, AddressRefused, refused

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fault of the remote side, worded as the short reason a user sees."""

    def __init__(self, reason: str, *, requests: int = 0, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.requests = requests
        self.retry_after = retry_after


@dataclass
class HttpResponse:
    status: int
    url: str
    headers: Mapping[str, str]
    body: bytes = b""
    requests: int = 1
    charset: str | None = None
    content_type: str = ""
    history: list[str] = field(default_factory=list)


def redact(url: str) -> str:
    """A URL fit for a log line: query and credentials removed (they may hold keys)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds a server asked us to wait (Retry-After or Reddit's rate-limit reset)."""
    for name in ("Retry-After", "x-ratelimit-reset"):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


async def bounded_get(
    http: aiohttp.ClientSession,
    url: str,
    settings: FeedSettings,
    headers: Mapping[str, str],
) -> HttpResponse:
    """GET ``url`` within ``settings``' limits; raise ``FetchError`` on any fault.

    Redirects are followed by hand so the count is exact and a loop is named
    as such. Non-2xx answers other than 304 are faults.
    """
    counter = [0]
    try:
        async with asyncio.timeout(settings.timeout_seconds):
            return await _get(http, url, settings, headers, counter)
    except TimeoutError:
        raise FetchError(
            f"timeout after {settings.timeout_seconds:g}s", requests=counter[0]
        ) from None
    except (aiohttp.ClientError, AddressRefused) as exc:
        if refused(exc):
            raise FetchError(REFUSED, requests=counter[0]) from None
        detail = str(exc) or type(exc).__name__
        raise FetchError(
            f"connection error: {detail[:200]}", requests=counter[0]
        ) from None


async def _get(
    http: aiohttp.ClientSession,
    url: str,
    settings: FeedSettings,
    headers: Mapping[str, str],
    counter: list[int],
) -> HttpResponse:
    seen = [url]
    current = url
    while True:
        if urlsplit(current).scheme not in ("http", "https"):
            raise FetchError(f"redirected to a non-HTTP URL ({urlsplit(current).scheme})",
                             requests=counter[0])
        counter[0] += 1
        async with http.get(current, headers=dict(headers), allow_redirects=False) as resp:
            if resp.status in _REDIRECTS:
                location = resp.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {resp.status} without a Location",
                                     requests=counter[0])
                target = urljoin(current, location)
                if target in seen:
                    raise FetchError("too many redirects (redirect loop)", requests=counter[0])
                if len(seen) > settings.max_redirects:
                    raise FetchError(
                        f"too many redirects (more than {settings.max_redirects})",
                        requests=counter[0],
                    )
                seen.append(target)
                current = target
                continue
            if resp.status == 304:
                return HttpResponse(304, current, resp.headers, requests=counter[0],
                                    history=seen[:-1])
            if resp.status == 429:
                raise FetchError("HTTP 429 rate limited", requests=counter[0],
                                 retry_after=retry_after_seconds(resp.headers))
            if not 200 <= resp.status < 300:
                raise FetchError(f"HTTP {resp.status}", requests=counter[0],
                                 retry_after=retry_after_seconds(resp.headers))
            body = await _read_capped(resp, settings.max_bytes, counter[0])
            return HttpResponse(
                resp.status, current, resp.headers, body, requests=counter[0],
                charset=resp.charset, content_type=resp.content_type, history=seen[:-1],
            )


async def _read_capped(resp: aiohttp.ClientResponse, limit: int, requests: int) -> bytes:
    too_big = f"body larger than {limit} bytes"
    if resp.content_length is not None and resp.content_length > limit:
        raise FetchError(too_big, requests=requests)
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(too_big, requests=requests)
        chunks.append(chunk)
    return b"".join(chunks)
