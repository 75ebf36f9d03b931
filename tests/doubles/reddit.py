"""A Reddit on 127.0.0.1: OAuth token, ``/r/a+b/new`` listings, Atom feeds, ``about``.

Listings follow the real API: newest first, ``limit`` capped at 100,
``after``/``before`` anchored on fullnames, t3 children with the fields of
the recorded fixtures, ``raw_json=1`` unescaping, rate-limit headers on
every API answer. Faults (429, 5xx, slow, garbage) are queued per route
kind: ``token``, ``listing``, ``rss``, ``about``.
"""

from __future__ import annotations

import base64
import html
import json
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from aiohttp import web

from bot.config import RedditSettings, Secret
from tests.doubles.feeds import LocalServer

MAX_LIMIT = 100


@dataclass
class RedditFault:
    kind: str
    """status, slow or garbage."""
    on: str = "listing"
    status: int = 503
    delay: float = 0.0
    retry_after: float | None = None


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def selftext_html(text: str) -> str | None:
    """Roughly Reddit's rendering of plain Markdown prose."""
    if not text:
        return None
    paragraphs = "\n\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n\n"))
    return f'<!-- SC_OFF --><div class="md">{paragraphs}\n</div><!-- SC_ON -->'


class RedditDouble(LocalServer):
    """Serves both ``api_url`` and ``www_url`` (they are the same base URL)."""

    def __init__(
        self,
        *,
        client_id: str = "test-client-id",
        client_secret: str = "test-client-secret",
        rate_window_seconds: float = 1.0,
        rate_budget: int = 1000,
    ) -> None:
        super().__init__()
        self.client_id = client_id
        self.client_secret = client_secret
        self.token = "double-token-" + base64.b16encode(client_id.encode()).decode()[:12]
        self.posts: list[dict[str, Any]] = []
        """Reddit t3 ``data`` objects, oldest first."""
        self.subreddits: dict[str, str] = {}
        """lower-cased name -> public, private or banned."""
        self.faults: deque[RedditFault] = deque()
        self.files: list[tuple[str, dict[str, str], bytes]] = []
        self.rate_window_seconds = rate_window_seconds
        self.rate_budget = rate_budget
        self._window_start = time.monotonic()
        self._used = 0
        self._exhausted_reset: int | None = None
        self._next_id = int("1a00000", 36)
        self._clock = float(int(time.time()) - 86400)
        self.app.add_routes([
            web.post("/api/v1/access_token", self._token),
            web.get("/r/{names}/new/.rss", self._rss),
            web.get("/r/{names}/new.rss", self._rss),
            web.get("/r/{names}/new", self._listing),
            web.get("/r/{names}/new/", self._listing),
            web.get("/r/{name}/about", self._about),
            web.get("/r/{name}/about/", self._about),
        ])

    # -- set-up ---------------------------------------------------------
    def reddit_settings(self, **overrides: Any) -> RedditSettings:
        values: dict[str, Any] = {
            "user_agent": "labelwatch-tests/0.1 (test double)",
            "api_url": self.url, "www_url": self.url,
            "client_id": Secret(self.client_id), "client_secret": Secret(self.client_secret),
        }
        values.update(overrides)
        return RedditSettings(**values)

    def add_subreddit(self, name: str, status: str = "public") -> None:
        self.subreddits[name.lower()] = status

    def add_post(
        self, subreddit: str, title: str, body: str = "", *, author: str | None = "poster",
        created_utc: float | None = None, url: str | None = None,
    ) -> str:
        """Publish a post (the newest); returns its fullname."""
        self.subreddits.setdefault(subreddit.lower(), "public")
        post_id = _base36(self._next_id)
        self._next_id += 1
        self._clock = max(self._clock + 1, created_utc or 0)
        created = self._clock if created_utc is None else created_utc
        slug = "_".join(title.lower().split())[:40] or "post"
        permalink = f"/r/{subreddit}/comments/{post_id}/{html.escape(slug)}/"
        self.posts.append({
            "domain": f"self.{subreddit}" if url is None else "example.com",
            "banned_by": None, "media_embed": {}, "subreddit": subreddit,
            "selftext_html": selftext_html(body), "selftext": body, "likes": None,
            "suggested_sort": None, "user_reports": [], "secure_media": None,
            "link_flair_text": None, "id": post_id, "from_kind": None, "gilded": 0,
            "archived": False, "clicked": False, "report_reasons": None,
            "author": author if author is not None else "[deleted]", "media": None,
            "score": 1, "approved_by": None, "over_18": False, "hidden": False,
            "num_comments": 0, "thumbnail": "self" if url is None else "default",
            "subreddit_id": "t5_" + _base36(abs(hash(subreddit.lower())) % 10**8),
            "hide_score": True, "edited": False, "link_flair_css_class": None,
            "author_flair_css_class": None, "downs": 0, "secure_media_embed": {},
            "saved": False, "removal_reason": None, "stickied": False, "from": None,
            "is_self": url is None, "from_id": None, "permalink": permalink, "locked": False,
            "name": f"t3_{post_id}", "created": created + 28800,
            "url": url or f"https://www.reddit.com{permalink}", "author_flair_text": None,
            "quarantine": False, "title": title, "created_utc": created,
            "distinguished": None, "mod_reports": [], "visited": False, "num_reports": None,
            "ups": 1,
        })
        return f"t3_{post_id}"

    def add_posts(
        self, n: int, subreddits: list[str] | None = None, *, title: str = "post"
    ) -> list[str]:
        """``n`` posts spread round-robin over ``subreddits``, oldest first."""
        names = subreddits or ["test"]
        return [
            self.add_post(names[i % len(names)], f"{title} {len(self.posts) + 1}",
                          f"body of {title} {len(self.posts) + 1}")
            for i in range(n)
        ]

    def remove_post(self, fullname: str) -> None:
        self.posts = [p for p in self.posts if p["name"] != fullname]

    def load_listing(self, path: Path) -> list[str]:
        """Add a recorded listing's posts verbatim (its first child ends up newest)."""
        children = json.loads(path.read_bytes())["data"]["children"]
        for child in reversed(children):
            self.subreddits.setdefault(child["data"]["subreddit"].lower(), "public")
            self.posts.append(dict(child["data"]))
        return [c["data"]["name"] for c in children]

    def serve_file(self, path: str, file: Path, query: dict[str, str] | None = None) -> None:
        """Answer GET ``path`` (with ``query`` among its parameters) with ``file`` verbatim."""
        self.files.append((path.rstrip("/"), query or {}, file.read_bytes()))

    def fail_next(
        self, count: int = 1, *, status: int = 503, on: str = "listing",
        retry_after: float | None = None,
    ) -> None:
        self.faults.extend(RedditFault("status", on, status, retry_after=retry_after)
                           for _ in range(count))

    def slow_next(self, delay: float, count: int = 1, *, on: str = "listing") -> None:
        self.faults.extend(RedditFault("slow", on, delay=delay) for _ in range(count))

    def garbage_next(self, count: int = 1, *, on: str = "listing") -> None:
        self.faults.extend(RedditFault("garbage", on) for _ in range(count))

    def exhaust_rate_limit(self, reset_seconds: int) -> None:
        """API answers report a used-up window until ``restore_rate_limit``."""
        self._exhausted_reset = reset_seconds

    def rotate_token(self) -> None:
        """Invalidate the issued token, as an expiry or revocation would."""
        self.token += "-rotated"

    def restore_rate_limit(self) -> None:
        self._exhausted_reset = None

    @property
    def listing_requests(self) -> int:
        return self.count("listing")

    # -- plumbing -------------------------------------------------------
    def _rate_headers(self) -> dict[str, str]:
        now = time.monotonic()
        if now - self._window_start >= self.rate_window_seconds:
            self._window_start, self._used = now, 0
        self._used += 1
        if self._exhausted_reset is not None:
            remaining, reset = 0, self._exhausted_reset
        else:
            remaining = max(0, self.rate_budget - self._used)
            reset = int(self.rate_window_seconds - (now - self._window_start))
        return {
            "x-ratelimit-remaining": f"{float(remaining):.1f}",
            "x-ratelimit-used": str(self._used),
            "x-ratelimit-reset": str(reset),
            "x-public-api-version": "1",
            "X-Content-Type-Options": "nosniff",
        }

    async def _fault(self, kind: str, api: bool) -> web.StreamResponse | None:
        fault = next((f for f in self.faults if f.on in (kind, "any")), None)
        if fault is None:
            return None
        self.faults.remove(fault)
        headers = self._rate_headers() if api else {}
        if fault.kind == "slow":
            await self.stall(fault.delay)
            return None
        if fault.kind == "garbage":
            return web.Response(body=b"<html>\x00\xff oops", content_type="text/html",
                                headers=headers)
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        message = {429: "Too Many Requests"}.get(fault.status, "Server Error")
        return web.json_response({"message": message, "error": fault.status},
                                 status=fault.status, headers=headers)

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization", "") == f"bearer {self.token}"

    def _unauthorised(self) -> web.Response:
        return web.json_response({"message": "Unauthorized", "error": 401}, status=401,
                                 headers={**self._rate_headers(),
                                          "www-authenticate": 'Bearer realm="reddit"'})

    def _file_for(self, request: web.Request) -> bytes | None:
        path = request.path.rstrip("/").removesuffix(".json")
        for file_path, query, body in self.files:
            if file_path == path and all(request.query.get(k) == v for k, v in query.items()):
                return body
        return None

    def _matching(self, names: str) -> list[dict[str, Any]]:
        wanted = {n.lower() for n in names.split("+")}
        posts = reversed(self.posts)
        if "all" in wanted:
            return list(posts)
        return [p for p in posts if p["subreddit"].lower() in wanted]

    # -- routes -------------------------------------------------------------
    async def _token(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "token")
        if (answer := await self._fault("token", False)) is not None:
            return answer
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        form = await request.post()
        if request.headers.get("Authorization") != f"Basic {expected}":
            return web.json_response({"message": "Unauthorized", "error": 401}, status=401)
        if form.get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"})
        return web.json_response({"access_token": self.token, "token_type": "bearer",
                                  "expires_in": 86400, "scope": "read"})

    async def _listing(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "listing")
        if not self._authorised(request):
            return self._unauthorised()
        if (answer := await self._fault("listing", True)) is not None:
            return answer
        headers = self._rate_headers()
        if (body := self._file_for(request)) is not None:
            return web.Response(body=body, headers=headers,
                                content_type="application/json", charset="UTF-8")
        q = request.query
        items = self._matching(request.match_info["names"])
        limit = max(1, min(MAX_LIMIT, int(q.get("limit", "25") or 25)))
        names = [p["name"] for p in items]
        if after := q.get("after"):
            items = items[names.index(after) + 1:] if after in names else []
            page, more = items[:limit], len(items) > limit
        elif before := q.get("before"):
            at = names.index(before) if before in names else 0
            page, more = items[max(0, at - limit):at], True
        else:
            page, more = items[:limit], len(items) > limit
        raw = q.get("raw_json") == "1"
        listing = {"kind": "Listing", "data": {
            "modhash": "", "dist": len(page),
            "children": [{"kind": "t3", "data": p if raw else _escaped(p)} for p in page],
            "after": page[-1]["name"] if page and more else None,
            "before": page[0]["name"] if page and (after or before) else None,
        }}
        return web.json_response(listing, headers=headers)

    async def _about(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "about")
        if not self._authorised(request):
            return self._unauthorised()
        if (answer := await self._fault("about", True)) is not None:
            return answer
        headers = self._rate_headers()
        name = request.match_info["name"]
        status = self.subreddits.get(name.lower())
        if status is None:
            return web.json_response({"message": "Not Found", "error": 404}, status=404,
                                     headers=headers)
        if status == "banned":
            return web.json_response({"reason": "banned", "message": "Not Found", "error": 404},
                                     status=404, headers=headers)
        if status == "private":
            return web.json_response({"reason": "private", "message": "Forbidden",
                                      "error": 403}, status=403, headers=headers)
        return web.json_response({"kind": "t5", "data": {
            "display_name": name, "name": "t5_" + _base36(len(name) * 7919),
            "id": _base36(len(name) * 7919), "subreddit_type": "public",
            "title": name, "url": f"/r/{name}/", "subscribers": 1000, "created_utc": 1.5e9,
        }}, headers=headers)

    async def _rss(self, request: web.Request) -> web.StreamResponse:
        self.record(request, "rss")
        if (answer := await self._fault("rss", False)) is not None:
            return answer
        names = request.match_info["names"]
        limit = max(1, min(MAX_LIMIT, int(request.query.get("limit", "25") or 25)))
        entries = [self._entry(p) for p in self._matching(names)[:limit]]
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        doc = (
            '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:media="http://search.yahoo.com/mrss/">'
            f'<category term={quoteattr(names)} label={quoteattr("r/" + names)}/>'
            f"<updated>{now}</updated><id>/r/{escape(names)}/new/.rss</id>"
            f'<link rel="self" href={quoteattr(f"{self.url}/r/{names}/new/.rss")} '
            'type="application/atom+xml" />'
            f'<link rel="alternate" href={quoteattr(f"{self.url}/r/{names}/new")} '
            'type="text/html" />'
            f"<title>newest submissions : {escape(names)}</title>"
            + "".join(entries) + "</feed>"
        )
        return web.Response(text=doc, content_type="application/atom+xml", charset="UTF-8")

    def _entry(self, post: dict[str, Any]) -> str:
        when = datetime.fromtimestamp(post["created_utc"], UTC).isoformat()
        author, sub = post["author"], post["subreddit"]
        link = f"{self.url}{post['permalink']}"
        footer = (
            f' &#32; submitted by &#32; <a href="{self.url}/user/{author}"> /u/{author} </a>'
            f' <br/> <span><a href="{post["url"]}">[link]</a></span> &#32; '
            f'<span><a href="{link}">[comments]</a></span>'
        )
        author_xml = ("" if author == "[deleted]" else
                      f"<author><name>/u/{escape(author)}</name>"
                      f"<uri>{escape(self.url)}/user/{escape(author)}</uri></author>")
        return (
            f"<entry>{author_xml}"
            f'<category term={quoteattr(sub)} label={quoteattr("r/" + sub)}/>'
            f'<content type="html">{escape((post.get("selftext_html") or "") + footer)}</content>'
            f"<id>{post['name']}</id><link href={quoteattr(link)} />"
            f"<updated>{when}</updated><published>{when}</published>"
            f"<title>{escape(post['title'])}</title></entry>"
        )


def _escaped(post: dict[str, Any]) -> dict[str, Any]:
    """What Reddit sends without ``raw_json=1``: &, < and > escaped in text fields."""
    out = dict(post)
    for key in ("title", "selftext"):
        if isinstance(out.get(key), str):
            out[key] = html.escape(out[key], quote=False)
    return out
