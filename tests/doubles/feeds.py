"""A feed server on 127.0.0.1 that builds RSS 2.0 / Atom from items added in-test.

It speaks real HTTP (ETag, Last-Modified, 304, redirects) and can misbehave
on demand: error statuses, slow answers, malformed or oversized bodies,
HTML instead of a feed, non-UTF-8 encodings, redirect loops.
``LocalServer`` is the small base the Reddit double shares.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from types import TracebackType
from typing import Self
from xml.sax.saxutils import escape, quoteattr

from aiohttp import web


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    kind: str = ""


class LocalServer:
    """An aiohttp app on 127.0.0.1, port 0, usable as ``async with``."""

    def __init__(self) -> None:
        self.app = web.Application()
        self.requests: list[RecordedRequest] = []
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._release: asyncio.Event | None = None
        self._recorded = asyncio.Event()

    async def start(self) -> Self:
        self._release = asyncio.Event()
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self

    async def close(self) -> None:
        if self._release is not None:
            self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def stall(self, seconds: float) -> None:
        """Hold an answer back; ends early when the server closes."""
        assert self._release is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._release.wait(), seconds)

    def record(self, request: web.Request, kind: str = "") -> None:
        self.requests.append(RecordedRequest(
            request.method, request.path, dict(request.query), dict(request.headers), kind,
        ))
        self._recorded.set()

    async def wait_for(self, kind: str, count: int = 1, within: float = 5.0) -> None:
        """Wait until ``count`` requests of ``kind`` have arrived in total."""
        async with asyncio.timeout(within):
            while self.count(kind) < count:
                self._recorded.clear()
                await self._recorded.wait()

    def count(self, kind: str | None = None, path: str | None = None) -> int:
        return sum(
            1 for r in self.requests
            if (kind is None or r.kind == kind) and (path is None or r.path == path)
        )


@dataclass
class FeedItem:
    title: str | None
    link: str | None = None
    guid: str | None = None
    summary: str | None = None
    """HTML allowed: it is escaped into the document as HTML content."""
    published: datetime | None = None
    author: str | None = None


@dataclass
class Fault:
    kind: str
    """status, slow, malformed, malformed_with_items, oversize, html, garbage, body."""
    status: int = 503
    delay: float = 0.0
    retry_after: float | None = None
    size: int = 0
    chunked: bool = False
    body: bytes = b""
    """What a ``body`` fault serves, as an RSS document."""


@dataclass
class DoubleFeed:
    name: str
    kind: str = "rss"
    title: str = "Test feed"
    items: list[FeedItem] = field(default_factory=list)
    encoding: str = "utf-8"
    declare_encoding: bool = True
    """Name the encoding in the XML declaration."""
    charset_header: bool = True
    """Name the encoding in the Content-Type header."""
    validators: bool = True
    """Send ETag and Last-Modified (and answer 304)."""
    etag: str | None = None
    """The ETag to send instead of the body's hash."""
    modified: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    faults: deque[Fault] = field(default_factory=deque)

    def add(self, title: str | None, **fields: object) -> FeedItem:
        item = FeedItem(title, **fields)  # type: ignore[arg-type]
        self.items.append(item)
        self.modified = datetime.now(UTC).replace(microsecond=0)
        return item

    def render(self, base: str) -> str:
        return _atom(self, base) if self.kind == "atom" else _rss(self, base)

    def body(self, base: str) -> bytes:
        return self.render(base).encode(self.encoding, errors="xmlcharrefreplace")


def _decl(feed: DoubleFeed) -> str:
    if feed.declare_encoding:
        return f'<?xml version="1.0" encoding="{feed.encoding}"?>\n'
    return '<?xml version="1.0"?>\n'


def _rss(feed: DoubleFeed, base: str) -> str:
    parts = [_decl(feed), '<rss version="2.0"><channel>',
             f"<title>{escape(feed.title)}</title><link>{escape(base)}/</link>",
             "<description>test feed</description>"]
    for item in reversed(feed.items):  # newest first, as feeds do
        parts.append("<item>")
        if item.title is not None:
            parts.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.published is not None:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.author is not None:
            parts.append(f"<author>{escape(item.author)}</author>")
        if item.summary is not None:
            parts.append(f"<description>{escape(item.summary)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts)


def _atom(feed: DoubleFeed, base: str) -> str:
    updated = feed.modified.isoformat()
    parts = [_decl(feed), '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{escape(feed.title)}</title><id>{escape(base)}/{feed.name}</id>",
             f"<updated>{updated}</updated>"]
    for item in reversed(feed.items):
        parts.append("<entry>")
        if item.title is not None:
            parts.append(f"<title>{escape(item.title)}</title>")
        if item.guid is not None:
            parts.append(f"<id>{escape(item.guid)}</id>")
        if item.link is not None:
            parts.append(f"<link href={quoteattr(item.link)}/>")
        if item.published is not None:
            stamp = item.published.isoformat()
            parts.append(f"<published>{stamp}</published><updated>{stamp}</updated>")
        if item.author is not None:
            parts.append(f"<author><name>{escape(item.author)}</name></author>")
        if item.summary is not None:
            parts.append(f'<summary type="html">{escape(item.summary)}</summary>')
        parts.append("</entry>")
    parts.append("</feed>\n")
    return "".join(parts)


HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Not a feed</h1>"
    b"<p>This is <b>an ordinary web page</b>.</p></body></html>"
)


class FeedDouble(LocalServer):
    """Serves ``/feeds/{name}``, ``/hops/{n}/{name}`` (n redirects, then the feed),
    ``/loop/{name}/a`` (a redirect loop) and ``/away/{name}`` (a redirect to
    wherever ``redirect_away`` says)."""

    def __init__(self) -> None:
        super().__init__()
        self.feeds: dict[str, DoubleFeed] = {}
        self.away: dict[str, str] = {}
        self.app.add_routes([
            web.get("/feeds/{name}", self._feed),
            web.get("/hops/{n}/{name}", self._hops),
            web.get("/loop/{name}/{hop}", self._loop),
            web.get("/away/{name}", self._away),
        ])

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def redirect_away(self, name: str, target: str) -> str:
        """``/away/{name}`` answers 302 to ``target``; returns its URL."""
        self.away[name] = target
        return f"{self.url}/away/{name}"

    async def _away(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "redirect")
        raise web.HTTPFound(self.away[request.match_info["name"]])

    def feed(self, name: str, **options: object) -> DoubleFeed:
        """The feed called ``name``, created with ``options`` on first use."""
        if name not in self.feeds:
            self.feeds[name] = DoubleFeed(name, **options)  # type: ignore[arg-type]
        return self.feeds[name]

    def url_for(self, name: str) -> str:
        return f"{self.url}/feeds/{name}"

    def fail_next(self, name: str, fault: Fault, count: int = 1) -> None:
        """The next ``count`` answers for feed ``name`` misbehave as ``fault`` says."""
        for _ in range(count):
            self.feed(name).faults.append(fault)

    async def _hops(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "redirect")
        n = int(request.match_info["n"])
        name = request.match_info["name"]
        target = f"/feeds/{name}" if n <= 1 else f"/hops/{n - 1}/{name}"
        raise web.HTTPFound(target)

    async def _loop(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "redirect")
        name = request.match_info["name"]
        other = "b" if request.match_info["hop"] == "a" else "a"
        raise web.HTTPFound(f"/loop/{name}/{other}")

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "feed")
        feed = self.feeds.get(request.match_info["name"])
        if feed is None:
            raise web.HTTPNotFound()
        if feed.faults:
            fault = feed.faults.popleft()
            answer = await self._fault(request, feed, fault)
            if answer is not None:
                return answer
        body = feed.body(self.url)
        kind = "application/atom+xml" if feed.kind == "atom" else "application/rss+xml"
        headers = {"Content-Type": f"{kind}; charset={feed.encoding}" if feed.charset_header
                   else kind}
        if feed.validators:
            etag = feed.etag or '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = format_datetime(feed.modified, usegmt=True)
            if _not_modified(request, etag, feed.modified):
                return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers=headers)

    async def _fault(
        self, request: web.Request, feed: DoubleFeed, fault: Fault
    ) -> web.StreamResponse | None:
        if fault.kind == "status":
            headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after else {}
            return web.Response(status=fault.status, text="error", headers=headers)
        if fault.kind == "slow":
            await self.stall(fault.delay)
            return None
        if fault.kind == "malformed":
            return web.Response(body=b'<?xml version="1.0"?><rss version="2.0"><channel><ti',
                                content_type="application/rss+xml")
        if fault.kind == "malformed_with_items":
            body = feed.body(self.url).rsplit(b"</channel>", 1)[0] + b"<item><title>bro"
            return web.Response(body=body, content_type="application/rss+xml")
        if fault.kind == "html":
            return web.Response(body=HTML_PAGE, content_type="text/html")
        if fault.kind == "body":
            return web.Response(body=fault.body, content_type="application/rss+xml")
        if fault.kind == "garbage":
            return web.Response(body=bytes(range(256)) * 4, content_type="application/xml")
        if fault.kind == "oversize":
            return await _oversize(request, fault)
        raise ValueError(f"unknown fault {fault.kind!r}")


async def _oversize(request: web.Request, fault: Fault) -> web.StreamResponse:
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
    body = head + b" " * max(0, fault.size - len(head))
    if not fault.chunked:
        return web.Response(body=body, content_type="application/rss+xml")
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    try:
        for start in range(0, len(body), 65536):
            await response.write(body[start:start + 65536])
        await response.write_eof()
    except (ConnectionResetError, RuntimeError):
        pass  # the client stopped reading, as it should
    return response


def _not_modified(request: web.Request, etag: str, modified: datetime) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [t.strip() for t in if_none_match.split(",")]
    since = request.headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        return modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
