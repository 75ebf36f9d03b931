"""The doctor's source checks: each feed and subreddit batch fetched once, read-only.

A source is fetched as the service would fetch it (same fetcher, limits and
parser) but from a blank state, so no ETag can hide its items and nothing
the service remembers is touched; the verdict adds what the database says
about its recent polls.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

from bot.config import Settings
from bot.doctor_check import FAIL, OK, WARN, Check
from bot.poller import FeedJob, RedditJob, RedditReader, SourceRef, build_plan
from bot.records import SourceState
from bot.source_report import SourceRow, ago
from bot.sources.feeds import FeedFetcher
from storage.types import utcnow

PROBES_AT_ONCE = 8
"""Sources fetched at the same time: quick, without hammering one host."""

_ADVICE = (
    ("REDDIT_CLIENT", "fix the Reddit credentials (see the reddit check)"),
    ("HTTP 401", "the site wants credentials labelwatch does not have: remove the source"),
    ("HTTP 403", "the site refuses labelwatch: check the address, or remove the source"),
    ("HTTP 404", "the address is gone: correct it or remove the source"),
    ("HTTP 410", "the address is gone: correct it or remove the source"),
    ("HTTP 429", "rate limited: poll it less often (poll_seconds); it is retried with backoff"),
    ("HTTP 5", "the site has trouble; labelwatch retries with backoff, remove it if it lasts"),
    ("timeout", "the host does not answer in time: check the address and this machine's "
                "network; it is retried with backoff"),
    ("connection error", "the host cannot be reached: check the address and this machine's "
                         "network; it is retried with backoff"),
    ("not a feed", "the address does not serve RSS or Atom: use the site's feed address"),
    ("could not parse", "the address does not serve RSS or Atom: use the site's feed address"),
    ("no such subreddit", "check the subreddit's name"),
    ("larger than", "raise [feeds] max_bytes, or use a smaller feed"),
    ("redirect", "use the address the redirects end at, or raise [feeds] max_redirects"),
)


def advice(reason: str, owners: Sequence[str]) -> str:
    """What to do about a failed source, and where its definition lives."""
    what = next((text for key, text in _ADVICE if key in reason),
                "see `labelwatch sources` for its history")
    owner = owners[0] if owners else "config"
    if owner == "config":
        where = "it is in [[sources]] of the config file"
    elif owner == "built-in":
        where = ("it is built in: replace the platform's feeds or subreddits in [[platforms]], "
                 "or set builtin_sources = false")
    else:
        where = f"{owner} added it: /platforms unwatch removes it"
    return f"{what} ({where})"


def _history(state: SourceState | None, now: datetime) -> str:
    if state is None or state.last_attempt is None:
        return "not polled by the service yet"
    return f"the service's last success {ago(state.last_success, now)}"


async def probe(
    job: RedditJob | FeedJob, reddit: RedditReader, feeds: FeedFetcher,
    rows: Sequence[SourceRow],
) -> Check:
    owners = [o for row in rows for o in row.owners]
    state = rows[0].state if rows else None
    blank = SourceState(key=job.key)
    try:
        if isinstance(job, RedditJob):
            result = await reddit.fetch_batch(job.batch, blank)
            unit = "post"
        else:
            result = await feeds.fetch(job.url, blank, platform=job.platform, where=job.name)
            unit = "item"
    except Exception as exc:  # a bug here must not hide the other sources' verdicts
        return Check(job.name, FAIL, f"internal error: {type(exc).__name__}: {exc}",
                     "report this as a labelwatch bug")
    now = utcnow()
    history = _history(state, now)
    if result.state is not None and result.state.failures:
        reason = result.state.last_error or "failed"
        return Check(job.name, FAIL, f"{reason}; {history}", advice(reason, owners))
    count = len(result.posts)
    units = unit if count == 1 else f"{unit}s"
    if state is not None and state.failures and state.last_error:
        return Check(job.name, WARN,
                     f"{count} {units} now, but the service's last {state.failures} poll(s) "
                     f"failed: {state.last_error}",
                     "nothing if it stays up: the next poll clears it (`labelwatch sources`)")
    if count == 0 and not result.skipped:
        return Check(job.name, WARN, f"reachable, but no {unit}s; {history}",
                     "check that it is the right address")
    return Check(job.name, OK, f"{count} {units}; {history}")


async def source_checks(
    settings: Settings, rows: Sequence[SourceRow], reddit: RedditReader, feeds: FeedFetcher
) -> list[Check]:
    """One check per poll job (a subreddit batch or a feed), in plan order."""
    plan = build_plan(settings, [SourceRef(r.kind, r.target, r.platform) for r in rows])
    gate = asyncio.Semaphore(PROBES_AT_ONCE)

    async def one(job: RedditJob | FeedJob) -> Check:
        async with gate:
            return await probe(job, reddit, feeds, [r for r in rows if r.key == job.key])

    return list(await asyncio.gather(*(one(job) for job in plan.jobs)))
