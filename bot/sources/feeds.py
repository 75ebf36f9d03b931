"""RSS and Atom feeds over the bot's one shared aiohttp session.

Fetching is cheap for the remote side when nothing changed (conditional
GET), bounded when something is wrong (see ``bot.sources.http``), and never
raises: every fault comes back as a recorded failure in the returned state.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import aiohttp

from bot.config import FeedSettings
from bot.records import FetchResult, SourceState
from bot.sources.backoff import is_due, record_failure, record_success, utcnow
from bot.sources.feed_items import ParsedItems, feed_items, parse_document
from bot.sources.http import FetchError, HttpResponse, bounded_get, redact

__all__ = ["Converter", "FeedFetcher", "is_due", "probe_feed"]

log = logging.getLogger(__name__)

Converter = Callable[[Any, str], ParsedItems]
"""Turns a feedparser result (and the response content type) into records."""

_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, "
    "text/xml;q=0.8, */*;q=0.5"
)


def _parse_and_convert(response: HttpResponse, convert: Converter, where: str) -> ParsedItems:
    try:
        parsed = parse_document(response.body, response.content_type, response.charset)
        return convert(parsed, response.content_type)
    except Exception as exc:  # feedparser on hostile input must not take the poll down
        log.exception("parsing %s failed", where)
        return ParsedItems(error=f"could not parse the document ({type(exc).__name__})")


class FeedFetcher:
    """Polls feeds; one shared aiohttp.ClientSession passed in (never created here).

    ``FetchResult.requests`` counts every HTTP request of the poll, each
    redirect hop included.
    """

    def __init__(
        self, http: aiohttp.ClientSession, settings: FeedSettings, user_agent: str
    ) -> None:
        self.http = http
        self.settings = settings
        self.user_agent = user_agent

    async def fetch(
        self,
        url: str,
        state: SourceState,
        *,
        feed_name: str | None = None,
        platform: str | None = None,
        now: datetime | None = None,
        where: str | None = None,
    ) -> FetchResult:
        """Poll ``url`` once; new-to-this-document items oldest first.

        ``PostRecord.feed`` is ``feed_name`` or the URL. Items already stored
        come back again when the feed changed; storage dedupes them.
        ``where`` names the source in log lines (see ``bot.sources.names``).
        """
        feed = feed_name or url

        def convert(parsed: Any, content_type: str) -> ParsedItems:
            return feed_items(parsed, feed=feed, platform=platform, content_type=content_type)

        return await self.fetch_converted(url, state, convert, now=now, where=where)

    async def fetch_converted(
        self,
        url: str,
        state: SourceState,
        convert: Converter,
        *,
        now: datetime | None = None,
        where: str | None = None,
    ) -> FetchResult:
        """Poll ``url`` and let ``convert`` build the records (in a worker thread).

        Used by sources whose items are not generic feed items (Reddit's
        Atom). ETag and Last-Modified are stored only after a successful
        parse, so a broken answer is not later excused by a 304.
        """
        now = now or utcnow()
        headers = {"User-Agent": self.user_agent, "Accept": _ACCEPT}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        where = where or redact(url)
        try:
            response = await bounded_get(self.http, url, self.settings, headers)
        except FetchError as exc:
            failed = record_failure(state, exc.reason, now, self.settings,
                                    retry_after=exc.retry_after, where=where)
            return FetchResult(state=failed, requests=exc.requests)
        if response.status == 304:
            return FetchResult(
                state=record_success(state, now, where=where), requests=response.requests,
                not_modified=True,
            )
        items = await asyncio.to_thread(_parse_and_convert, response, convert, where)
        if items.error is not None:
            failed = record_failure(state, items.error, now, self.settings, where=where)
            return FetchResult(state=failed, requests=response.requests)
        for reason in items.skipped:
            log.debug("feed %s: skipped %s", where, reason)
        fresh = replace(
            record_success(state, now, where=where),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
        return FetchResult(
            posts=items.posts, state=fresh, requests=response.requests, skipped=items.skipped
        )


async def probe_feed(
    http: aiohttp.ClientSession, settings: FeedSettings, user_agent: str, url: str
) -> str | None:
    """Fetch ``url`` once: None if it is an RSS/Atom feed, else the reason it is not."""
    fetcher = FeedFetcher(http, settings, user_agent)
    result = await fetcher.fetch(url, SourceState(key=f"probe:{url}"))
    if result.state is not None and result.state.failures:
        return result.state.last_error
    return None
