"""APScheduler wiring: one interval job per source job, reconciled with the plan.

The scheduler runs on the bot's event loop (``AsyncIOScheduler``). Jobs are
in memory: the state that must survive a restart (cursors, ETags, backoff,
digest periods) lives in the database, so a restarted scheduler simply
resumes from it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.poller import FeedJob, Poller, RedditJob, SourcePlan
from storage.types import utcnow

log = logging.getLogger(__name__)
POLL_PREFIX = "poll:"


def create_scheduler() -> AsyncIOScheduler:
    return AsyncIOScheduler(
        timezone="UTC",
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
    )


def _jitter(seconds: int) -> int:
    """Spread polls so sources that share an interval don't fire together."""
    return max(0, min(seconds // 10, 30))


def apply_plan(scheduler: AsyncIOScheduler, poller: Poller, plan: SourcePlan) -> tuple[int, int]:
    """Make the scheduler's poll jobs match ``plan``; returns (added, removed)."""
    poller.plan = plan
    wanted: dict[str, RedditJob | FeedJob] = {POLL_PREFIX + j.key: j for j in plan.jobs}
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(POLL_PREFIX)}
    removed = 0
    for job_id, job in existing.items():
        target = wanted.get(job_id)
        same = target is not None and job.args == (target,)
        if not same:
            scheduler.remove_job(job_id)
            removed += 1
    added = 0
    first = utcnow() + timedelta(seconds=0.2)
    for index, (job_id, source_job) in enumerate(wanted.items()):
        if scheduler.get_job(job_id) is not None:
            continue
        scheduler.add_job(
            poller.scheduled,
            IntervalTrigger(seconds=source_job.poll_seconds,
                            jitter=_jitter(source_job.poll_seconds)),
            args=(source_job,),
            id=job_id,
            name=job_id,
            # Stagger the first polls a little so start-up is not one burst.
            next_run_time=first + timedelta(seconds=min(index * 0.1, 10)),
            coalesce=True,
            max_instances=1,
        )
        added += 1
    if added or removed:
        log.info("scheduler: %d poll jobs (%d added, %d removed)", len(wanted), added, removed)
    return added, removed


def add_periodic(
    scheduler: AsyncIOScheduler, job_id: str, seconds: float,
    func: Callable[[], Awaitable[object]],
) -> None:
    """A housekeeping job (source reconciliation, digests) on a fixed interval."""
    scheduler.add_job(
        func, IntervalTrigger(seconds=seconds), id=job_id, name=job_id,
        coalesce=True, max_instances=1, replace_existing=True,
    )
