"""What to poll, and one poll of it.

The plan is derived, never stored: built-in registry sources, the config
file's ``[[sources]]`` and every guild's ``/platforms watch`` additions are
merged into Reddit batches and feed jobs each time the plan is rebuilt.
A source is fetched once however many name it; what a source only guilds
watch fetched is handed to each of those guilds as its own posts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.guild_scope import scope_posts
from bot.pipeline import Ingested, Pipeline
from bot.records import FetchResult, SourceState
from bot.sources.feeds import FeedFetcher, is_due
from bot.sources.names import batch_name, source_name
from bot.sources.reddit import batch_key, batch_subreddits
from storage.queries.posts import known_keys
from storage.queries.sources import load_state, save_state
from storage.types import utcnow

log = logging.getLogger(__name__)

INGEST_CHUNK = 500
"""Posts per write transaction, so one big feed never holds SQLite's lock for long."""
NOTE_REPEAT_SECONDS = 3600
"""An unchanged note about a source's dropped items is logged again after this long."""


class RedditReader(Protocol):
    """Either Reddit path: the API through praw, or the public Atom feeds."""

    async def fetch_batch(
        self, batch: Sequence[str], state: SourceState, *, platform_for: PlatformFor | None = None
    ) -> FetchResult: ...

    async def validate_subreddit(self, name: str) -> str | None: ...


class PlatformFor(Protocol):
    def __call__(self, subreddit: str) -> str | None: ...


@dataclass(frozen=True)
class SourceRef:
    """A source as configured: config file, built-in, or a guild's."""

    kind: str
    target: str
    platform: str | None = None
    poll_seconds: int | None = None
    guild_id: int | None = None
    """The guild that added the source with ``/platforms watch``; None from config."""


@dataclass(frozen=True)
class RedditJob:
    batch: tuple[str, ...]
    poll_seconds: int

    @property
    def key(self) -> str:
        return batch_key(self.batch)

    @property
    def name(self) -> str:
        """How logs and metrics name the batch (``reddit: r/a+b``)."""
        return batch_name(self.batch)


@dataclass(frozen=True)
class FeedJob:
    url: str
    platform: str | None
    poll_seconds: int
    public_only: bool = True
    """Fetch only on public addresses: always for a guild's feeds, for the config
    file's unless ``[feeds] allow_private`` is on."""

    @property
    def key(self) -> str:
        return f"feed:{self.url}"

    @property
    def name(self) -> str:
        """How logs and metrics name the feed: platform and query, never a bare shared URL."""
        return source_name("feed", self.url, self.platform)


@dataclass(frozen=True)
class SourcePlan:
    reddit: tuple[RedditJob, ...] = ()
    feeds: tuple[FeedJob, ...] = ()
    subreddit_platforms: dict[str, str] = field(default_factory=dict)
    private: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    """The guilds a source is polled for, when only guilds watch it, by (kind, target);
    a subreddit's target is lower case. A source the config file names is public."""

    @property
    def jobs(self) -> tuple[RedditJob | FeedJob, ...]:
        return (*self.reddit, *self.feeds)


def configured_sources(settings: Settings) -> list[SourceRef]:
    """Built-in registry sources (unless switched off), then the config file's."""
    refs: list[SourceRef] = []
    if settings.builtin_sources:
        for p in settings.registry:
            refs.extend(SourceRef("reddit", s, p.id) for s in p.subreddits)
            refs.extend(SourceRef("feed", f, p.id) for f in p.feeds)
        refs.extend(SourceRef("reddit", s) for s in settings.registry.general_subreddits)
    refs.extend(SourceRef(s.kind, s.target, s.platform, s.poll_seconds) for s in settings.sources)
    return refs


def build_plan(settings: Settings, sources: Iterable[SourceRef]) -> SourcePlan:
    """Group subreddits by poll interval into ``a+b+c`` batches; one job per feed."""
    by_interval: dict[int, list[str]] = {}
    platforms: dict[str, str] = {}
    seen_subs: set[str] = set()
    feeds: dict[str, FeedJob] = {}
    public: set[tuple[str, str]] = set()
    guilds: dict[tuple[str, str], set[int]] = {}
    for ref in sources:
        scope = (ref.kind, ref.target.lower() if ref.kind == "reddit" else ref.target)
        if ref.guild_id is None:
            public.add(scope)
        else:
            guilds.setdefault(scope, set()).add(ref.guild_id)
        if ref.kind == "reddit":
            name = ref.target.lower()
            if ref.platform and name not in platforms:
                platforms[name] = ref.platform
            if name in seen_subs:
                continue
            seen_subs.add(name)
            interval = ref.poll_seconds or settings.reddit.poll_seconds
            by_interval.setdefault(interval, []).append(ref.target)
        elif ref.target not in feeds:
            # The config file's sources come first, so its word on a URL wins.
            interval = ref.poll_seconds or settings.feeds.poll_seconds
            public_only = ref.guild_id is not None or not settings.feeds.allow_private
            feeds[ref.target] = FeedJob(ref.target, ref.platform, interval, public_only)
    reddit = tuple(
        RedditJob(batch, interval)
        for interval, names in sorted(by_interval.items())
        for batch in batch_subreddits(names, settings.reddit.batch_size)
    )
    private = {k: tuple(sorted(g)) for k, g in guilds.items() if k not in public}
    return SourcePlan(reddit, tuple(feeds.values()), platforms, private)


@dataclass
class PollOutcome:
    key: str
    new: list[Ingested] = field(default_factory=list)
    skipped_backoff: bool = False
    error: str | None = None
    not_modified: bool = False


class Poller:
    """Runs one poll of one job; never lets one source's failure reach another."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        pipeline: Pipeline,
        reddit: RedditReader,
        feeds: FeedFetcher,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.pipeline = pipeline
        self.reddit = reddit
        self.feeds = feeds
        self.plan = SourcePlan()
        self.on_outcome: Callable[[RedditJob | FeedJob, PollOutcome], None] | None = None
        """Told of every scheduled poll's outcome (metrics and health listen here)."""
        self._said: dict[str, tuple[str, float]] = {}
        self._running: set[asyncio.Task[object]] = set()
        serial = settings.database.url.startswith("sqlite")
        self._write_gate: asyncio.Lock | None = asyncio.Lock() if serial else None

    def platform_for(self, subreddit: str) -> str | None:
        known = self.plan.subreddit_platforms.get(subreddit.lower())
        if known:
            return known
        platform = self.settings.registry.for_subreddit(subreddit)
        return platform.id if platform else None

    def _scoped(self, job: RedditJob | FeedJob, result: FetchResult) -> FetchResult:
        if isinstance(job, FeedJob):
            return scope_posts(self.plan.private, result, feed=job.url)
        return scope_posts(self.plan.private, result, batch=job.batch)

    async def _state(self, key: str) -> SourceState:
        async with self.sessions() as session:
            return await load_state(session, key)

    async def poll(self, job: RedditJob | FeedJob, *, force: bool = False) -> PollOutcome:
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            return await self._poll(job, force)
        finally:
            if task is not None:
                self._running.discard(task)

    async def scheduled(self, job: RedditJob | FeedJob) -> None:
        """``poll`` as the scheduler runs it: a poll cut short by a stop ends quietly."""
        try:
            await self.poll(job)
        except asyncio.CancelledError:
            log.debug("%s: poll stopped", job.key)

    async def settle(self, seconds: float) -> None:
        """Cancel the polls in progress and give them ``seconds`` to roll back."""
        running = [t for t in self._running if not t.done()]
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=seconds)

    async def _poll(self, job: RedditJob | FeedJob, force: bool) -> PollOutcome:
        outcome = PollOutcome(job.key)
        try:
            state = await self._state(job.key)
            now = utcnow()
            if not force and not is_due(state, now):
                outcome.skipped_backoff = True
                return outcome
            if isinstance(job, RedditJob):
                result = await self.reddit.fetch_batch(
                    job.batch, state, platform_for=self.platform_for
                )
            else:
                result = await self.feeds.fetch(job.url, state, platform=job.platform, now=now,
                                                where=job.name, public_only=job.public_only)
            result = self._scoped(job, result)
            outcome.not_modified = result.not_modified
            self._note_skipped(job.name, result.skipped)
            if result.state is not None and result.state.last_error and not result.posts:
                outcome.error = result.state.last_error
            outcome.new = await self.ingest(result)
            if outcome.new:
                log.info("%s: stored %d new posts", job.name, len(outcome.new))
        except Exception as exc:  # one source's bug must not stop the others
            log.exception("%s: poll failed", job.name)
            outcome.error = f"internal error: {type(exc).__name__}: {exc}"
            await self._record_crash(job.key, outcome.error)
        self._tell(job, outcome)
        return outcome

    def _tell(self, job: RedditJob | FeedJob, outcome: PollOutcome) -> None:
        if self.on_outcome is None:
            return
        try:
            self.on_outcome(job, outcome)
        except Exception:  # an observer's bug must not count as the source's
            log.exception("%s: recording the poll's outcome failed", job.name)
    async def ingest(self, result: FetchResult) -> list[Ingested]:
        """Store a poll's posts in transactions of at most ``INGEST_CHUNK`` posts.

        Posts already stored are dropped first (one read, outside any write),
        so an unchanged 20,000-item feed is neither scored nor written again.
        The source's state goes with the last chunk: a crash in between
        leaves the cursor where it was, and the next poll stores the rest.
        """
        posts = result.posts
        if posts:
            async with self.sessions() as session:
                known = await known_keys(session, posts)
            posts = [p for p in posts if p.key not in known]
        starts = range(0, len(posts), INGEST_CHUNK) if posts else range(1)
        new: list[Ingested] = []
        for start in starts:
            last = start + INGEST_CHUNK >= len(posts)
            part = FetchResult(posts=posts[start:start + INGEST_CHUNK],
                               state=result.state if last else None)
            async with self._writing():
                new.extend(await self.pipeline.ingest(part))
        return new

    def _writing(self) -> contextlib.AbstractAsyncContextManager[object]:
        """On SQLite, one poll writes at a time.

        SQLite has one writer anyway; the others would wait for its lock in a
        database thread (holding a pooled connection, deaf to cancellation)
        instead of here, where a stop ends the wait at once.
        """
        return self._write_gate if self._write_gate is not None else contextlib.nullcontext()

    def _note_skipped(self, key: str, skipped: Sequence[str]) -> None:
        """One line for a poll's dropped items, repeated at most hourly while unchanged."""
        if not skipped:
            return
        more = f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        line = "; ".join(skipped[:3]) + more
        now = time.monotonic()
        said = self._said.get(key)
        if said is not None and said[0] == line and now - said[1] < NOTE_REPEAT_SECONDS:
            return
        self._said[key] = (line, now)
        log.info("%s: skipped %d item(s): %s", key, len(skipped), line)

    async def _record_crash(self, key: str, reason: str) -> None:
        try:
            async with self.sessions.begin() as session:
                state = await load_state(session, key)
                state.failures += 1
                state.last_error = reason
                state.last_attempt = utcnow()
                await save_state(session, state)
        except Exception:
            log.exception("%s: could not record the failure", key)

    async def backfill(self, job: RedditJob | FeedJob, since: datetime) -> PollOutcome:
        """Fetch what ``job`` offers since ``since`` without moving its cursor.

        Reddit is asked to page back to a cursor that never matches, dated
        ``since``, so paging stops at the first page older than that; a feed
        is fetched without its validators so a 304 cannot hide its items.
        """
        outcome = PollOutcome(job.key)
        try:
            state = await self._state(job.key)
            if isinstance(job, RedditJob):
                probe = SourceState(key=job.key, cursor=f"t3_0@{since.timestamp():.0f}")
                result = await self.reddit.fetch_batch(
                    job.batch, probe, platform_for=self.platform_for
                )
            else:
                probe = replace(state, etag=None, last_modified=None, next_attempt=None,
                                content_hash=None)
                result = await self.feeds.fetch(job.url, probe, platform=job.platform,
                                                where=job.name, public_only=job.public_only)
            if result.state is not None and result.state.last_error and not result.posts:
                outcome.error = result.state.last_error
            posts = [p for p in result.posts if p.created_utc is None or p.created_utc >= since]
            outcome.new = await self.ingest(self._scoped(job, FetchResult(posts=posts)))
        except Exception as exc:
            log.exception("%s: backfill failed", job.name)
            outcome.error = f"internal error: {type(exc).__name__}: {exc}"
        return outcome

    async def poll_all(self, *, force: bool = True) -> list[PollOutcome]:
        """One cycle of every job, in plan order (``poll --once``)."""
        return [await self.poll(job, force=force) for job in self.plan.jobs]


def describe_failure(key: str, state: SourceState) -> str:
    """One line for logs and ``/platforms list``."""
    status = "failing" if state.failing else "retrying"
    when = f", next try {state.next_attempt:%H:%M:%S} UTC" if state.next_attempt else ""
    return f"{key}: {status} after {state.failures} failure(s): {state.last_error}{when}"
