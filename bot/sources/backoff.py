"""Failure bookkeeping shared by every source: backoff, ``failing``, recovery.

A source never raises a fault out of a poll; it records it here instead, so
the scheduler can keep polling everything else and the status command can
show why a source is quiet.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config import FeedSettings
from bot.records import SourceState

log = logging.getLogger(__name__)

BASE_BACKOFF_SECONDS = 30
"""First retry delay after a failure; it doubles with each further failure."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_due(state: SourceState, now: datetime) -> bool:
    """Whether a poll may run now, i.e. no backoff or rate-limit wait is pending."""
    return state.next_attempt is None or now >= state.next_attempt


def backoff_seconds(failures: int, policy: FeedSettings) -> float:
    """Exponential delay before the next attempt after ``failures`` in a row."""
    if failures <= 0:
        return 0.0
    exponent = min(failures - 1, 30)
    return float(min(policy.max_backoff_seconds, BASE_BACKOFF_SECONDS * 2**exponent))


def record_failure(
    state: SourceState,
    reason: str,
    now: datetime,
    policy: FeedSettings,
    *,
    retry_after: float | None = None,
    where: str = "",
) -> SourceState:
    """The state after one failed poll; logs the reason once.

    ``retry_after`` (a server's Retry-After or rate-limit reset) lengthens the
    wait, but never beyond ``max_backoff_seconds``, so a hostile header cannot
    silence a source for days.
    """
    failures = state.failures + 1
    delay = backoff_seconds(failures, policy)
    if retry_after is not None and retry_after > delay:
        delay = min(float(policy.max_backoff_seconds), retry_after)
    failing = failures >= policy.failing_after
    log.warning(
        "source %s failed (%d in a row%s): %s",
        where or state.key, failures, ", marked failing" if failing else "", reason,
    )
    return replace(
        state,
        failures=failures,
        failing=failing,
        last_error=reason,
        last_attempt=now,
        next_attempt=now + timedelta(seconds=delay),
    )


def record_success(state: SourceState, now: datetime, *, where: str = "") -> SourceState:
    """The state after a poll that reached the source, changed or not."""
    if state.failing:
        log.info("source %s recovered after %d failures", where or state.key, state.failures)
    return replace(
        state,
        failures=0,
        failing=False,
        last_error=None,
        last_success=now,
        last_attempt=now,
        next_attempt=None,
    )
