"""RSS and Atom feeds over the bot's shared aiohttp sessions.

Fetching is cheap for the remote side when nothing changed (conditional
GET), bounded when something is wrong (see ``bot.sources.http``), and never
raises: every fault comes back as a recorded failure in the returned state.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import replace
from datetime import datetime

import aiohttp

from bot.config import FeedSettings
from bot.records import FetchResult, SourceState
from bot.sources.backoff import is_due, record_failure, record_success, utcnow
from bot.sources.feed_items import convert_feed
from bot.sources.http import FetchError, bounded_get, redact
from bot.sources.parsing import Converter, DocumentParser, ThreadParser

__all__ = ["Converter", "FeedFetcher", "is_due", "probe_feed"]

log = logging.getLogger(__name__)

_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, "
    "text/xml;q=0.8, */*;q=0.5"
)
_PARSED = "ok:"
_FAILED = "bad:"


def content_hash(body: bytes) -> str:
    """A document's fingerprint (fits ``source_state.content_hash``)."""
    return hashlib.sha224(body).hexdigest()


class FeedFetcher:
    """Polls feeds; the shared aiohttp sessions are passed in (never created here).

    ``http`` fetches what the operator configured (Reddit's feeds, and config
    feeds when ``[feeds] allow_private`` is on); ``public_http``, when given,
    fetches everything that must stay on public addresses (see
    ``bot.sources.addresses``). Documents are parsed by ``parser`` (in a
    thread when none is given). ``FetchResult.requests`` counts every HTTP
    request of the poll, each redirect hop included.
    """

    def __init__(
        self, http: aiohttp.ClientSession, settings: FeedSettings, user_agent: str,
        *, public_http: aiohttp.ClientSession | None = None,
        parser: DocumentParser | None = None,
    ) -> None:
        self.http = http
        self.public_http = public_http
        self.settings = settings
        self.user_agent = user_agent
        self.parser: DocumentParser = parser or ThreadParser()

    async def fetch(
        self,
        url: str,
        state: SourceState,
        *,
        feed_name: str | None = None,
        platform: str | None = None,
        now: datetime | None = None,
        where: str | None = None,
        public_only: bool = True,
    ) -> FetchResult:
        """Poll ``url`` once; new-to-this-document items oldest first.

        ``PostRecord.feed`` is ``feed_name`` or the URL. Items already stored
        come back again when the feed changed; storage dedupes them.
        ``where`` names the source in log lines (see ``bot.sources.names``).
        """
        convert = functools.partial(convert_feed, feed=feed_name or url, platform=platform)
        return await self.fetch_converted(url, state, convert, now=now, where=where,
                                          public_only=public_only)

    async def fetch_converted(
        self,
        url: str,
        state: SourceState,
        convert: Converter,
        *,
        now: datetime | None = None,
        where: str | None = None,
        public_only: bool = False,
    ) -> FetchResult:
        """Poll ``url`` and let ``convert`` build the records (off the event loop).

        Used by sources whose items are not generic feed items (Reddit's
        Atom). ETag and Last-Modified are stored only after a successful
        parse, so a broken answer is not later excused by a 304. A document
        identical to the last one parsed is not parsed again: it yields no
        posts if that parse succeeded, and the same failure if it did not.
        """
        now = now or utcnow()
        headers = {"User-Agent": self.user_agent, "Accept": _ACCEPT}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        where = where or redact(url)
        session = self.public_http if public_only and self.public_http is not None \
            else self.http
        try:
            response = await bounded_get(session, url, self.settings, headers)
        except FetchError as exc:
            failed = record_failure(state, exc.reason, now, self.settings,
                                    retry_after=exc.retry_after, where=where)
            if (failed.content_hash or "").startswith(_FAILED):
                failed.content_hash = None  # its reason is replaced by this one
            return FetchResult(state=failed, requests=exc.requests)
        if response.status == 304:
            return FetchResult(
                state=record_success(state, now, where=where), requests=response.requests,
                not_modified=True,
            )
        digest = content_hash(response.body)
        if state.content_hash == _FAILED + digest and state.last_error:
            failed = record_failure(state, state.last_error, now, self.settings, where=where)
            return FetchResult(state=failed, requests=response.requests)
        etag, last_modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if state.content_hash == _PARSED + digest:
            fresh = replace(record_success(state, now, where=where), etag=etag,
                            last_modified=last_modified)
            return FetchResult(state=fresh, requests=response.requests, not_modified=True)
        items = await self.parser.parse(response.body, response.content_type,
                                        response.charset, convert)
        if items.error is not None:
            failed = record_failure(state, items.error, now, self.settings, where=where)
            failed.content_hash = _FAILED + digest
            return FetchResult(state=failed, requests=response.requests)
        fresh = replace(record_success(state, now, where=where), content_hash=_PARSED + digest,
                        etag=etag, last_modified=last_modified)
        return FetchResult(
            posts=items.posts, state=fresh, requests=response.requests, skipped=items.skipped
        )


async def probe_feed(fetcher: FeedFetcher, url: str) -> str | None:
    """Fetch ``url`` once, on public addresses only: None if it is an RSS/Atom feed,
    else the reason it is not."""
    result = await fetcher.fetch(url, SourceState(key=f"probe:{url}"), public_only=True)
    if result.state is not None and result.state.failures:
        return result.state.last_error
    return None
