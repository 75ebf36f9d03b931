"""Everything that touches praw, run only on RedditSource's one worker thread.

praw is synchronous and keeps per-client state (token, rate limiter), so
one thread owns it; the event loop only ever sees the plain records and
counters built here. prawcore's own retries are switched off (a timed-out
request would otherwise be retried twice, holding the thread for three
timeouts): the source records the failure and the backoff decides when to
try again.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import praw
import prawcore
import requests
from praw.models import Listing, Submission, Subreddit

from bot.config import RedditSettings
from bot.records import PostRecord
from bot.sources.http import retry_after_seconds
from bot.sources.reddit_common import Cursor, drop_older, scan_page, utc_from_epoch

log = logging.getLogger(__name__)

PAGE_SIZE = 100
_TOKEN_PATH = "/api/v1/access_token"
_SUBREDDIT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]{1,20}$")


class _Fault(Exception):
    """A transport fault, already worded; prawcore does not retry on it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Meter:
    """Per-client counters, written and read on the worker thread only."""

    api_requests: int = 0
    remaining: float | None = None
    blocked_until: float | None = None
    """``time.monotonic()`` before which Reddit's rate-limit window is used up."""
    threads: set[str] = field(default_factory=set)
    requestor: prawcore.Requestor | None = None

    def blocked(self) -> bool:
        return self.blocked_until is not None and self.blocked_until > time.monotonic()

    def update(self, headers: Mapping[str, str]) -> None:
        raw = headers.get("x-ratelimit-remaining")
        if raw is None:
            return
        try:
            self.remaining = float(raw)
            reset = float(headers.get("x-ratelimit-reset", "0"))
        except ValueError:
            return
        self.blocked_until = time.monotonic() + max(reset, 1.0) if self.remaining <= 0 else None


class CountingRequestor(prawcore.Requestor):
    """prawcore's requestor, plus: a fixed timeout, counting, and no retries.

    prawcore passes its own 16 s default timeout on every API call; ours
    replaces it. 5xx answers and transport errors become ``_Fault`` so
    prawcore's retry loop lets them through at once.
    """

    def __init__(self, *args: Any, meter: Meter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meter = meter
        meter.requestor = self

    def request(self, *args: Any, timeout: float | None = None, **kwargs: Any) -> Any:
        url = str(args[1]) if len(args) > 1 else str(kwargs.get("url", ""))
        self.meter.threads.add(threading.current_thread().name)
        if not url.split("?", 1)[0].endswith(_TOKEN_PATH):
            self.meter.api_requests += 1
        try:
            response = self._http.request(*args, **{**kwargs, "timeout": self.timeout})
        except requests.Timeout:
            raise prawcore.RequestException(
                _Fault(f"timeout after {self.timeout:g}s"), args, kwargs
            ) from None
        except requests.RequestException as exc:
            raise prawcore.RequestException(
                _Fault(f"connection error: {type(exc).__name__}"), args, kwargs
            ) from None
        self.meter.update(response.headers)
        if response.status_code >= 500:
            raise prawcore.RequestException(
                _Fault(f"HTTP {response.status_code}"), args, kwargs
            )
        return response


@dataclass
class PollOutcome:
    """A worker poll's plain result: nothing in it refers to praw."""

    posts: list[PostRecord] = field(default_factory=list)
    """New posts, oldest first."""
    cursor: str | None = None
    requests: int = 0
    error: str | None = None
    retry_after: float | None = None
    skipped: list[str] = field(default_factory=list)
    blocked_until: float | None = None
    threads: frozenset[str] = frozenset()


def fault_reason(exc: BaseException) -> tuple[str, float | None]:
    """A short reason (and a server-requested wait) for anything praw raised."""
    if isinstance(exc, prawcore.RequestException):
        original = exc.original_exception
        if isinstance(original, _Fault):
            return original.reason, None
        return f"connection error: {type(original).__name__}", None
    if isinstance(exc, prawcore.TooManyRequests):
        return "HTTP 429 rate limited", retry_after_seconds(exc.response.headers)
    if isinstance(exc, prawcore.Redirect):
        return f"redirected to {exc.path} (no such subreddit?)", None
    if isinstance(exc, prawcore.BadJSON):
        return f"not JSON (HTTP {exc.response.status_code})", None
    if isinstance(exc, prawcore.ResponseException):
        status = exc.response.status_code
        if status == 401 and exc.response.url.split("?", 1)[0].endswith(_TOKEN_PATH):
            return "HTTP 401 (check REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET)", None
        return f"HTTP {status}", retry_after_seconds(exc.response.headers)
    if isinstance(exc, prawcore.OAuthException):
        return f"authentication failed: {exc.error}", None
    return f"unexpected error: {type(exc).__name__}", None


class RedditWorker:
    """Holds the praw client; every method runs on the source's worker thread."""

    def __init__(self, settings: RedditSettings, timeout: float, max_pages: int) -> None:
        self.settings = settings
        self.timeout = timeout
        self.max_pages = max_pages
        self.meter = Meter()
        self.reddit: praw.Reddit | None = None
        self.praw_thread: str | None = None

    def client(self) -> praw.Reddit:
        if self.reddit is None:
            client_id = self.settings.client_id
            client_secret = self.settings.client_secret
            if client_id is None or client_secret is None:
                raise _Fault("no Reddit credentials")
            self.reddit = praw.Reddit(
                client_id=client_id.value,
                client_secret=client_secret.value,
                user_agent=self.settings.user_agent,
                oauth_url=self.settings.api_url,
                reddit_url=self.settings.www_url,
                check_for_updates=False,
                username=None,
                password=None,
                refresh_token=None,
                requestor_class=CountingRequestor,
                requestor_kwargs={"meter": self.meter, "timeout": self.timeout},
            )
            self.reddit.read_only = True
            self.praw_thread = threading.current_thread().name
        return self.reddit

    def record(self, submission: Submission) -> PostRecord:
        """A PostRecord from the data praw already holds (``vars``: never a lazy fetch)."""
        data = vars(submission)
        fullname = str(data.get("name") or f"t3_{data.get('id')}")
        permalink = data.get("permalink")
        author = data.get("author")
        subreddit = data.get("subreddit")
        return PostRecord(
            source_kind="reddit",
            external_id=fullname,
            title=str(data.get("title") or ""),
            body=str(data.get("selftext") or ""),
            url=f"{self.settings.www_url}{permalink}" if permalink else data.get("url"),
            author=str(author) if author is not None else None,
            created_utc=utc_from_epoch(data.get("created_utc")),
            subreddit=str(subreddit) if subreddit is not None else None,
        )

    def poll(self, path: str, raw_cursor: str | None) -> PollOutcome:
        start = self.meter.api_requests
        outcome = PollOutcome(cursor=raw_cursor)
        try:
            self._poll(path, Cursor.decode(raw_cursor), outcome)
        except Exception as exc:
            outcome.error, outcome.retry_after = fault_reason(exc)
            outcome.posts = []
            outcome.cursor = raw_cursor
            if outcome.error.startswith("unexpected error"):
                log.exception("polling r/%s failed", path)
        outcome.requests = self.meter.api_requests - start
        outcome.blocked_until = self.meter.blocked_until
        outcome.threads = frozenset(self.meter.threads)
        return outcome

    def _poll(self, path: str, cursor: Cursor | None, outcome: PollOutcome) -> None:
        """Page back from the newest post until the cursor (see ``scan_page``)."""
        reddit = self.client()
        collected: list[PostRecord] = []
        seen: set[str] = set()
        newest: Cursor | None = None
        after: str | None = None
        pages = 0
        found = complete = False
        while True:
            if pages and self.meter.blocked():
                outcome.skipped.append(
                    f"rate limit used up after {pages} pages; the rest comes next poll"
                )
                break
            params: dict[str, str | int] = {"limit": PAGE_SIZE}
            if after:
                params["after"] = after
            listing = reddit.get(f"r/{path}/new", params=params)
            pages += 1
            if not isinstance(listing, Listing):
                raise _Fault(f"unexpected answer ({type(listing).__name__}, not a listing)")
            page = [self.record(s) for s in listing.children if isinstance(s, Submission)]
            if pages == 1 and page:
                newest = Cursor.of(page[0])
            scan = scan_page(page, cursor)
            found = scan.found
            for post in scan.new:
                if post.external_id not in seen:
                    seen.add(post.external_id)
                    collected.append(post)
            after = getattr(listing, "after", None)
            if cursor is None or scan.done or not after or not page:
                complete = True
                break
            if pages >= self.max_pages:
                outcome.skipped.append(
                    f"stopped after {pages} pages of new posts; older new posts may be missing"
                )
                complete = True
                break
        if not found:
            collected = drop_older(collected, cursor)
        collected.reverse()
        outcome.posts = collected
        if complete and newest is not None:
            outcome.cursor = newest.encode()

    def validate(self, name: str) -> str | None:
        if not _SUBREDDIT_RE.match(name):
            return f"{name!r} is not a subreddit name (letters, digits, _; 2-21 characters)"
        try:
            about = self.client().get(f"r/{name}/about")
        except prawcore.NotFound as exc:
            return f"r/{name} is banned" if _reason(exc) == "banned" else f"r/{name} does not exist"
        except prawcore.Forbidden as exc:
            why = _reason(exc) or "not accessible"
            return f"r/{name} is {why}"
        except prawcore.Redirect:
            return f"r/{name} does not exist"
        except Exception as exc:
            reason, _ = fault_reason(exc)
            return f"could not check r/{name}: {reason}"
        if not isinstance(about, Subreddit):
            return f"r/{name} does not exist"
        return None

    def close(self) -> None:
        if self.meter.requestor is not None:
            self.meter.requestor.close()
        self.reddit = None


def _reason(exc: prawcore.ResponseException) -> str | None:
    try:
        payload = exc.response.json()
    except ValueError:
        return None
    reason = payload.get("reason") if isinstance(payload, dict) else None
    return str(reason) if reason else None
