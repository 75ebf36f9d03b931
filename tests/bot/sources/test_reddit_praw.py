"""RedditSource through real praw against the Reddit double."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import asdict

import aiohttp

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.reddit import RedditSource, batch_key, batch_subreddits
from tests.bot.sources.conftest import TIMEOUT
from tests.doubles.reddit import RedditDouble

SUBS = [f"annot{i:02d}" for i in range(30)]


async def poll_all(
    source: RedditSource, batches: list[tuple[str, ...]], states: dict[str, SourceState]
) -> list[str]:
    got: list[str] = []
    for batch in batches:
        key = batch_key(batch)
        result = await source.fetch_batch(batch, states.setdefault(key, SourceState(key)))
        assert result.state is not None and result.state.failures == 0
        states[key] = result.state
        got += [p.external_id for p in result.posts]
    return got


async def test_thirty_subreddits_cost_at_most_two_listing_requests_a_cycle(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.add_posts(60, SUBS)
    batches = batch_subreddits(SUBS, reddit_source.settings.batch_size)
    states: dict[str, SourceState] = {}
    assert len(await poll_all(reddit_source, batches, states)) == 60
    for _ in range(3):
        fresh = reddit_double.add_posts(45, SUBS)
        before = reddit_double.listing_requests
        got = await poll_all(reddit_source, batches, states)
        assert reddit_double.listing_requests - before <= 2
        assert sorted(got) == sorted(fresh)


async def test_a_burst_of_250_posts_is_paged_back_with_none_missing(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    batch = ("outlier_ai", "DataAnnotationTech")
    reddit_double.add_posts(10, list(batch))
    state = (await reddit_source.fetch_batch(batch, SourceState(batch_key(batch)))).state
    assert state is not None
    burst = reddit_double.add_posts(250, list(batch), title="burst")
    before = reddit_double.listing_requests
    result = await reddit_source.fetch_batch(batch, state)
    assert [p.external_id for p in result.posts] == burst  # all of them, oldest first
    assert result.requests == reddit_double.listing_requests - before == 3
    assert result.skipped == []
    assert result.state is not None and result.state.cursor is not None
    assert result.state.cursor.startswith(burst[-1] + "@")


async def test_first_poll_reads_one_page_only(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.add_posts(150, ["mercor_ai"])
    result = await reddit_source.fetch_batch(["mercor_ai"], SourceState("reddit:mercor_ai"))
    assert result.requests == 1
    assert len(result.posts) == 100


async def test_a_restarted_source_continues_from_the_persisted_state(
    reddit_double: RedditDouble, policy: FeedSettings
) -> None:
    batch = ("appen", "remotasks")
    everything = reddit_double.add_posts(40, list(batch))
    settings = reddit_double.reddit_settings()
    first = RedditSource(settings, policy=policy)
    try:
        result = await first.fetch_batch(batch, SourceState(batch_key(batch)))
        seen = [p.external_id for p in result.posts]
        everything += reddit_double.add_posts(130, list(batch))
    finally:
        await first.close()
    assert result.state is not None
    persisted = SourceState(**asdict(result.state))  # as if reloaded from storage
    second = RedditSource(settings, policy=policy)
    try:
        result = await second.fetch_batch(batch, persisted)
        seen += [p.external_id for p in result.posts]
        everything += reddit_double.add_posts(5, list(batch))
        assert result.state is not None
        result = await second.fetch_batch(batch, result.state)
        seen += [p.external_id for p in result.posts]
        assert result.state is not None
        result = await second.fetch_batch(batch, result.state)  # nothing new
        assert result.posts == []
    finally:
        await second.close()
    assert seen == everything  # none twice, none skipped, in order


async def test_a_deleted_cursor_post_does_not_make_the_poll_page_to_the_end(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.add_posts(50, ["toloka"])
    result = await reddit_source.fetch_batch(["toloka"], SourceState("reddit:toloka"))
    assert result.state is not None and result.state.cursor is not None
    reddit_double.remove_post(result.state.cursor.partition("@")[0])
    fresh = reddit_double.add_posts(150, ["toloka"])
    result = await reddit_source.fetch_batch(["toloka"], result.state)
    assert [p.external_id for p in result.posts] == fresh
    assert result.requests == 2


async def test_records_carry_reddit_fields_and_platform_hint(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    fullname = reddit_double.add_post(
        "Outlier_AI", "Pay cut & <new> tiers", "First para.\n\nSecond & last.", author="tasker"
    )
    post = reddit_double.posts[-1]
    result = await reddit_source.fetch_batch(
        ["outlier_ai"], SourceState("reddit:outlier_ai"),
        platform_for=lambda sub: "outlier" if sub.lower() == "outlier_ai" else None,
    )
    (record,) = result.posts
    assert record.source_kind == "reddit" and record.external_id == fullname
    assert record.title == "Pay cut & <new> tiers"  # raw_json=1: not HTML-escaped
    assert record.body == "First para.\n\nSecond & last."
    assert record.url == reddit_double.url + post["permalink"]
    assert record.author == "tasker" and record.subreddit == "Outlier_AI"
    assert record.created_utc is not None and record.created_utc.tzinfo is not None
    assert record.created_utc.timestamp() == post["created_utc"]
    assert record.platform_hint == "outlier"


async def test_praw_lives_on_the_worker_thread_only(
    reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    reddit_double.add_posts(3, ["alignerr"])
    assert reddit_source.praw_thread_name is None  # built lazily
    await reddit_source.fetch_batch(["alignerr"], SourceState("reddit:alignerr"))
    await reddit_source.validate_subreddit("alignerr")
    worker = reddit_source.praw_thread_name
    assert worker is not None and worker.startswith("labelwatch-reddit")
    assert worker != threading.current_thread().name
    assert reddit_source.request_thread_names == {worker}


async def test_the_event_loop_keeps_running_while_reddit_is_slow(
    reddit_double: RedditDouble, reddit_source: RedditSource, http: aiohttp.ClientSession
) -> None:
    reddit_double.add_posts(3, ["scaleai"])
    reddit_double.slow_next(30.0)
    task = asyncio.create_task(
        reddit_source.fetch_batch(["scaleai"], SourceState("reddit:scaleai"))
    )
    # The double answers on this very loop, so it sees the request only if
    # praw is not holding the loop.
    await reddit_double.wait_for("listing", 1)
    async with http.get(f"{reddit_double.url}/r/scaleai/new/.rss") as response:
        assert response.status == 200  # another coroutine ran to completion meanwhile
    assert not task.done()
    result = await asyncio.wait_for(task, 10)
    assert result.state is not None
    assert result.state.last_error == f"timeout after {TIMEOUT:g}s"
    assert reddit_double.listing_requests == 1  # prawcore did not retry


async def test_validate_subreddit(reddit_double: RedditDouble,
                                  reddit_source: RedditSource) -> None:
    reddit_double.add_subreddit("Outlier_AI")
    reddit_double.add_subreddit("secretclub", "private")
    reddit_double.add_subreddit("gonesub", "banned")
    assert await reddit_source.validate_subreddit("r/outlier_ai") is None
    assert await reddit_source.validate_subreddit("nosuchsub") == "r/nosuchsub does not exist"
    assert await reddit_source.validate_subreddit("secretclub") == "r/secretclub is private"
    assert await reddit_source.validate_subreddit("gonesub") == "r/gonesub is banned"
    assert "not a subreddit name" in (await reddit_source.validate_subreddit("bad name!") or "")
