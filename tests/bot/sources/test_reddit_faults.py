"""Reddit faults come back as recorded failures, never as exceptions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import FeedSettings, Secret
from bot.records import SourceState
from bot.sources.reddit import RedditSource
from tests.bot.sources.conftest import TIMEOUT
from tests.doubles.reddit import RedditDouble

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
BATCH = ("outlier_ai", "mercor_ai")
STATE = SourceState("reddit:mercor_ai+outlier_ai")


def inject(double: RedditDouble, fault: str) -> None:
    if fault == "429":
        double.fail_next(status=429)
    elif fault == "503":
        double.fail_next(status=503)
    elif fault == "500":
        double.fail_next(status=500)
    elif fault == "timeout":
        double.slow_next(30.0)
    elif fault == "garbage":
        double.garbage_next()


@pytest.mark.parametrize(("fault", "reason"), [
    ("429", "HTTP 429 rate limited"),
    ("503", "HTTP 503"),
    ("500", "HTTP 500"),
    ("timeout", f"timeout after {TIMEOUT:g}s"),
    ("garbage", "not JSON (HTTP 200)"),
])
async def test_fault_is_recorded_then_the_next_good_answer_recovers(
    reddit_double: RedditDouble, reddit_source: RedditSource, fault: str, reason: str
) -> None:
    first = reddit_double.add_posts(4, list(BATCH))
    inject(reddit_double, fault)
    result = await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    assert result.posts == []
    assert result.state is not None
    assert result.state.last_error == reason
    assert result.state.failures == 1 and not result.state.failing
    assert result.state.cursor is None
    assert result.state.next_attempt == NOW + timedelta(seconds=30)
    assert reddit_double.listing_requests == 1  # one attempt; the backoff retries

    later = NOW + timedelta(minutes=5)
    result = await reddit_source.fetch_batch(BATCH, result.state, now=later)
    assert [p.external_id for p in result.posts] == first
    assert result.state is not None
    assert (result.state.failures, result.state.last_error) == (0, None)
    assert result.state.last_success == later


async def test_repeated_failures_back_off_and_mark_failing(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.fail_next(4, status=502)
    state = STATE
    delays = []
    for _ in range(4):
        result = await reddit_source.fetch_batch(BATCH, state, now=NOW)
        assert result.state is not None and result.state.next_attempt is not None
        state = result.state
        delays.append((state.next_attempt - NOW).total_seconds())  # type: ignore[operator]
    assert delays == [30, 60, 120, 240]
    assert state.failing and state.failures == 4 and state.last_error == "HTTP 502"
    reddit_double.add_post("outlier_ai", "back again")
    result = await reddit_source.fetch_batch(BATCH, state, now=NOW)
    assert result.state is not None and not result.state.failing
    assert len(result.posts) == 1


async def test_429_retry_after_sets_the_next_attempt(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.fail_next(status=429, retry_after=300)
    result = await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    assert result.state is not None
    assert result.state.last_error == "HTTP 429 rate limited"
    assert result.state.next_attempt == NOW + timedelta(seconds=300)


async def test_a_used_up_rate_limit_window_is_waited_out_without_requests(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    posts = reddit_double.add_posts(3, list(BATCH))
    reddit_double.exhaust_rate_limit(reset_seconds=120)
    result = await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    assert [p.external_id for p in result.posts] == posts
    assert result.state is not None and result.state.next_attempt is not None
    assert result.state.next_attempt > NOW + timedelta(seconds=100)
    requests = reddit_double.listing_requests
    again = await reddit_source.fetch_batch(BATCH, result.state, now=NOW)
    assert reddit_double.listing_requests == requests  # nothing sent
    assert again.requests == 0 and again.posts == []
    assert again.skipped and "rate limit" in again.skipped[0]
    assert again.state is not None and again.state.failures == 0
    assert again.state.cursor == result.state.cursor


async def test_a_window_used_up_mid_burst_loses_nothing(
    reddit_double: RedditDouble, reddit_source: RedditSource, policy: FeedSettings
) -> None:
    reddit_double.add_posts(3, list(BATCH))
    first = await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    assert first.state is not None
    burst = reddit_double.add_posts(250, list(BATCH))
    reddit_double.exhaust_rate_limit(reset_seconds=60)
    partial = await reddit_source.fetch_batch(BATCH, first.state, now=NOW)
    assert partial.requests == 1  # stopped paging when Reddit said the window is used up
    assert [p.external_id for p in partial.posts] == burst[-100:]
    assert partial.state is not None
    assert partial.state.cursor == first.state.cursor  # the rest is fetched next time
    assert any("rate limit" in s for s in partial.skipped)
    reddit_double.restore_rate_limit()
    restarted = RedditSource(reddit_double.reddit_settings(), policy=policy)
    try:
        rest = await restarted.fetch_batch(BATCH, partial.state, now=NOW)
    finally:
        await restarted.close()
    assert [p.external_id for p in rest.posts] == burst


async def test_an_invalidated_token_is_renewed(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.add_posts(2, list(BATCH))
    first = await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    assert first.state is not None
    reddit_double.rotate_token()
    fresh = reddit_double.add_posts(2, list(BATCH))
    second = await reddit_source.fetch_batch(BATCH, first.state, now=NOW)
    assert [p.external_id for p in second.posts] == fresh
    assert reddit_double.count("token") == 2


async def test_wrong_credentials_are_a_failure_not_a_crash(
    reddit_double: RedditDouble, policy: FeedSettings
) -> None:
    settings = reddit_double.reddit_settings(client_secret=Secret("wrong"))
    source = RedditSource(settings, policy=policy)
    try:
        result = await source.fetch_batch(BATCH, STATE, now=NOW)
    finally:
        await source.close()
    assert result.state is not None and result.state.failures == 1
    assert result.state.last_error is not None
    assert result.state.last_error.startswith("HTTP 401")
    assert "wrong" not in result.state.last_error


async def test_failure_log_line_names_the_reason_and_no_secret(
    reddit_double: RedditDouble, reddit_source: RedditSource,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reddit_double.fail_next(status=503)
    with caplog.at_level("INFO"):
        await reddit_source.fetch_batch(BATCH, STATE, now=NOW)
    lines = [r.getMessage() for r in caplog.records if "HTTP 503" in r.getMessage()]
    assert len(lines) == 1 and "reddit:mercor_ai+outlier_ai" in lines[0]
    text = caplog.text
    assert reddit_double.client_secret not in text and reddit_double.token not in text


async def test_source_needs_credentials(reddit_double: RedditDouble) -> None:
    with pytest.raises(ValueError, match="REDDIT_CLIENT_ID"):
        RedditSource(reddit_double.reddit_settings(client_id=None))
