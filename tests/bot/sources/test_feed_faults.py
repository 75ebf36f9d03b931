"""Every feed fault is a recorded failure with its reason, never an exception."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.feeds import FeedFetcher, is_due, probe_feed
from tests.bot.sources.conftest import TIMEOUT, USER_AGENT
from tests.doubles.feeds import Fault, FeedDouble

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)
LIMIT = 200_000  # conftest's max_bytes

FAULTS = [
    (Fault("status", status=429), "HTTP 429 rate limited"),
    (Fault("status", status=503), "HTTP 503"),
    (Fault("status", status=404), "HTTP 404"),
    (Fault("slow", delay=30.0), f"timeout after {TIMEOUT:g}s"),
    (Fault("malformed"), "not a feed: "),
    (Fault("oversize", size=LIMIT + 1), f"body larger than {LIMIT} bytes"),
    (Fault("oversize", size=3 * LIMIT, chunked=True), f"body larger than {LIMIT} bytes"),
    (Fault("html"), "not a feed: "),
    (Fault("garbage"), "not a feed: "),
]


@pytest.mark.parametrize(("fault", "reason"), FAULTS,
                         ids=[f"{f.kind}-{f.status}-{f.chunked}" for f, _ in FAULTS])
async def test_fault_is_recorded_then_the_next_good_answer_recovers(
    feed_double: FeedDouble, fetcher: FeedFetcher, fault: Fault, reason: str
) -> None:
    feed_double.feed("f").add("good item", guid="g1")
    feed_double.fail_next("f", fault)
    url = feed_double.url_for("f")
    failed = await fetcher.fetch(url, SourceState("feed:f"), now=NOW)
    assert failed.posts == []
    assert failed.state is not None
    assert (failed.state.last_error or "").startswith(reason)
    assert failed.state.failures == 1 and failed.state.etag is None
    assert failed.state.next_attempt == NOW + timedelta(seconds=30)
    assert not is_due(failed.state, NOW)

    ok = await fetcher.fetch(url, failed.state, now=NOW + timedelta(minutes=1))
    assert [p.external_id for p in ok.posts] == ["g1"]
    assert ok.state is not None and ok.state.failures == 0 and ok.state.last_error is None


async def test_redirect_loop_is_a_failure(feed_double: FeedDouble, fetcher: FeedFetcher) -> None:
    result = await fetcher.fetch(f"{feed_double.url}/loop/x/a", SourceState("feed:x"))
    assert result.state is not None
    assert (result.state.last_error or "").startswith("too many redirects")
    assert result.requests == 2


async def test_too_many_redirects_is_a_failure(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("far").add("never reached", guid="g")
    result = await fetcher.fetch(f"{feed_double.url}/hops/4/far", SourceState("feed:far"))
    assert result.state is not None
    assert result.state.last_error == "too many redirects (more than 3)"
    assert feed_double.count("feed") == 0


async def test_429_retry_after_is_honoured(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("f").add("x", guid="g")
    feed_double.fail_next("f", Fault("status", status=429, retry_after=180))
    result = await fetcher.fetch(feed_double.url_for("f"), SourceState("feed:f"), now=NOW)
    assert result.state is not None
    assert result.state.next_attempt == NOW + timedelta(seconds=180)


async def test_repeated_failures_mark_failing_with_capped_backoff(
    feed_double: FeedDouble, http: aiohttp.ClientSession
) -> None:
    settings = FeedSettings(timeout_seconds=TIMEOUT, failing_after=2, max_backoff_seconds=100)
    fetcher = FeedFetcher(http, settings, USER_AGENT)
    feed_double.feed("f").add("x", guid="g")
    feed_double.fail_next("f", Fault("status", status=500), count=4)
    state = SourceState("feed:f")
    waits = []
    for _ in range(4):
        result = await fetcher.fetch(feed_double.url_for("f"), state, now=NOW)
        assert result.state is not None
        state = result.state
        waits.append((state.next_attempt - NOW).total_seconds())  # type: ignore[operator]
    assert waits == [30, 60, 100, 100]
    assert state.failing and state.failures == 4
    result = await fetcher.fetch(feed_double.url_for("f"), state, now=NOW)
    assert result.state is not None and not result.state.failing


async def test_unreachable_host_is_a_failure(fetcher: FeedFetcher) -> None:
    result = await fetcher.fetch("http://127.0.0.1:9/feed", SourceState("feed:none"))
    assert result.state is not None
    assert (result.state.last_error or "").startswith("connection error")


async def test_failure_is_logged_without_the_query_string(
    feed_double: FeedDouble, fetcher: FeedFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    feed_double.feed("f")
    feed_double.fail_next("f", Fault("status", status=503))
    with caplog.at_level("WARNING"):
        await fetcher.fetch(feed_double.url_for("f") + "?api_key=s3cret", SourceState("feed:f"))
    assert "HTTP 503" in caplog.text and "/feeds/f" in caplog.text
    assert "s3cret" not in caplog.text


async def test_empty_feed_with_a_wrong_label_is_still_a_feed(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("empty", encoding="windows-1252", declare_encoding=False,
                     charset_header=False, title="Caf\u00e9 news")
    result = await fetcher.fetch(feed_double.url_for("empty"), SourceState("feed:e"))
    assert result.state is not None and result.state.failures == 0
    assert result.posts == []


async def test_probe_feed(feed_double: FeedDouble, http: aiohttp.ClientSession,
                          policy: FeedSettings) -> None:
    feed_double.feed("ok", kind="atom")  # a feed with no items is still a feed
    feed_double.feed("page")
    feed_double.fail_next("page", Fault("html"))
    fetcher = FeedFetcher(http, policy, USER_AGENT)
    assert await probe_feed(fetcher, feed_double.url_for("ok")) is None
    reason = await probe_feed(fetcher, feed_double.url_for("page"))
    assert reason is not None and reason.startswith("not a feed")
    missing = await probe_feed(fetcher, feed_double.url_for("nope"))
    assert missing == "HTTP 404"
