"""RedditSource: the credentialed Reddit path, async on the outside.

The event loop never waits on praw: each call is handed to a single-thread
executor owned by the source, and only plain records come back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from bot.config import FeedSettings, RedditSettings
from bot.records import FetchResult, PostRecord, SourceState
from bot.sources.backoff import record_failure, record_success, utcnow
from bot.sources.reddit_common import PlatformFor, batch_key, batch_path
from bot.sources.reddit_worker import RedditWorker

T = TypeVar("T")

THREAD_PREFIX = "labelwatch-reddit"


def with_platforms(posts: list[PostRecord], platform_for: PlatformFor | None) -> list[PostRecord]:
    """Attach ``platform_for(subreddit)`` as each post's platform hint."""
    if platform_for is None:
        return posts
    return [
        replace(p, platform_hint=platform_for(p.subreddit)) if p.subreddit else p for p in posts
    ]


class RedditSource:
    """Polls batches of subreddits through praw with read-only application auth.

    ``FetchResult.requests`` counts listing requests only (the OAuth token
    request, made once a day, is not counted). Timeouts, backoff and the
    ``failing`` threshold follow ``policy`` (the ``[feeds]`` settings; their
    defaults when None). A poll pages back 100 posts a request until it
    reaches the batch's cursor, at most ``max_pages`` requests.

    Rate limits: prawcore reads ``x-ratelimit-remaining``/``-reset`` and
    spaces requests out (sleeping, at most 10 s, on the worker thread, never
    on the loop). When a window is used up this source stops paging and
    makes no request until the reset, so prawcore never sleeps out a whole
    window. A 429 is a recorded failure ("HTTP 429 rate limited") whose
    backoff honours Retry-After.
    """

    def __init__(
        self,
        settings: RedditSettings,
        *,
        policy: FeedSettings | None = None,
        max_pages: int = 10,
    ) -> None:
        if max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, got {max_pages}")
        if not settings.has_credentials:
            raise ValueError("RedditSource needs REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET")
        self.settings = settings
        self.policy = policy or FeedSettings()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_PREFIX)
        self._worker = RedditWorker(settings, self.policy.timeout_seconds, max_pages)
        self._blocked_until: float | None = None
        self._threads: frozenset[str] = frozenset()
        self._closed = False

    @property
    def praw_thread_name(self) -> str | None:
        """The thread praw.Reddit was built on (None before the first call)."""
        return self._worker.praw_thread

    @property
    def request_thread_names(self) -> frozenset[str]:
        """Every thread an HTTP request to Reddit has been made from so far."""
        return self._threads

    async def _run(self, func: Callable[..., T], *args: object) -> T:
        if self._closed:
            raise RuntimeError("RedditSource is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, func, *args)

    async def fetch_batch(
        self,
        batch: Sequence[str],
        state: SourceState,
        *,
        platform_for: PlatformFor | None = None,
        now: datetime | None = None,
    ) -> FetchResult:
        """Poll ``r/a+b+c/new`` for posts newer than ``state.cursor``, oldest first.

        While Reddit says the rate-limit window is used up, no request is
        made: the result says so in ``skipped`` and ``next_attempt`` is set to
        the window's reset; that is not counted as a failure.
        """
        now = now or utcnow()
        wait = self._rate_wait()
        if wait is not None:
            return FetchResult(
                state=replace(state, next_attempt=now + timedelta(seconds=wait)),
                skipped=[f"Reddit rate limit used up; next request in {wait:.0f}s"],
            )
        outcome = await self._run(self._worker.poll, batch_path(batch), state.cursor)
        self._blocked_until = outcome.blocked_until
        self._threads = outcome.threads
        if outcome.error is not None:
            failed = record_failure(
                state, outcome.error, now, self.policy,
                retry_after=outcome.retry_after, where=batch_key(batch),
            )
            return FetchResult(state=failed, requests=outcome.requests)
        fresh = replace(record_success(state, now), cursor=outcome.cursor)
        wait = self._rate_wait()
        if wait is not None:
            fresh.next_attempt = now + timedelta(seconds=wait)
        return FetchResult(
            posts=with_platforms(outcome.posts, platform_for),
            state=fresh,
            requests=outcome.requests,
            skipped=outcome.skipped,
        )

    def _rate_wait(self) -> float | None:
        if self._blocked_until is None:
            return None
        left = self._blocked_until - time.monotonic()
        return left if left > 0 else None

    async def validate_subreddit(self, name: str) -> str | None:
        """None if ``r/name`` exists and can be read, else the reason it cannot."""
        name = name.strip().removeprefix("/").removeprefix("r/")
        return await self._run(self._worker.validate, name)

    async def close(self) -> None:
        """Close praw's HTTP session on its thread, then stop the thread."""
        if self._closed:
            return
        try:
            await self._run(self._worker.close)
        finally:
            self._closed = True
            await asyncio.to_thread(self._executor.shutdown, True)
