"""The no-credentials path: Reddit's public Atom feed through the feed fetcher."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.records import SourceState
from bot.sources.reddit import RedditAtomSource, RedditSource, batch_key
from tests.doubles.reddit import RedditDouble

BATCH = ("Outlier_AI", "DataAnnotationTech", "mercor_ai")
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def platform_for(sub: str) -> str | None:
    return {"outlier_ai": "outlier", "mercor_ai": "mercor"}.get(sub.lower())


async def test_atom_path_gives_the_same_records_as_the_praw_path(
    reddit_double: RedditDouble, reddit_source: RedditSource, atom_source: RedditAtomSource
) -> None:
    reddit_double.add_post("Outlier_AI", "Pay cut: $15 -> $12 & <fewer> tasks",
                           "We were told today.\n\nGeneralists are out, experts in.")
    reddit_double.add_post("mercor_ai", "Link post", author=None, url="https://example.com/x")
    reddit_double.add_posts(6, list(BATCH))
    state = SourceState(batch_key(BATCH))
    via_api = await reddit_source.fetch_batch(BATCH, state, platform_for=platform_for)
    via_atom = await atom_source.fetch_batch(BATCH, state, platform_for=platform_for)
    assert len(via_api.posts) == 8
    assert [p.external_id for p in via_atom.posts] == [p.external_id for p in via_api.posts]
    assert via_atom.posts == via_api.posts  # every field, bodies included
    assert via_atom.state is not None and via_api.state is not None
    assert via_atom.state.cursor == via_api.state.cursor
    assert reddit_double.count("rss") == 1
    (rss,) = [r for r in reddit_double.requests if r.kind == "rss"]
    assert rss.path == "/r/Outlier_AI+DataAnnotationTech+mercor_ai/new/.rss"
    assert "labelwatch-tests" in rss.headers["User-Agent"]


async def test_atom_cursor_returns_only_newer_posts(
    reddit_double: RedditDouble, atom_source: RedditAtomSource
) -> None:
    reddit_double.add_posts(5, list(BATCH))
    first = await atom_source.fetch_batch(BATCH, SourceState(batch_key(BATCH)))
    assert len(first.posts) == 5 and first.state is not None
    fresh = reddit_double.add_posts(7, list(BATCH))
    second = await atom_source.fetch_batch(BATCH, first.state)
    assert [p.external_id for p in second.posts] == fresh
    assert second.skipped == []
    assert second.state is not None
    third = await atom_source.fetch_batch(BATCH, second.state)
    assert third.posts == [] and third.requests == 1


async def test_atom_says_when_a_burst_outran_the_feed(
    reddit_double: RedditDouble, atom_source: RedditAtomSource
) -> None:
    reddit_double.add_posts(3, list(BATCH))
    first = await atom_source.fetch_batch(BATCH, SourceState(batch_key(BATCH)))
    assert first.state is not None
    burst = reddit_double.add_posts(150, list(BATCH))
    second = await atom_source.fetch_batch(BATCH, first.state)
    assert [p.external_id for p in second.posts] == burst[-100:]
    assert any("beyond the feed" in s for s in second.skipped)


async def test_atom_faults_are_recorded_and_recover(
    reddit_double: RedditDouble, atom_source: RedditAtomSource
) -> None:
    posts = reddit_double.add_posts(2, list(BATCH))
    reddit_double.fail_next(status=503, on="rss")
    failed = await atom_source.fetch_batch(BATCH, SourceState(batch_key(BATCH)), now=NOW)
    assert failed.state is not None and failed.state.last_error == "HTTP 503"
    assert failed.state.next_attempt == NOW + timedelta(seconds=30)
    reddit_double.garbage_next(on="rss")
    failed = await atom_source.fetch_batch(BATCH, failed.state, now=NOW)
    assert failed.state is not None and failed.state.failures == 2
    assert (failed.state.last_error or "").startswith("not a feed")
    ok = await atom_source.fetch_batch(BATCH, failed.state, now=NOW)
    assert [p.external_id for p in ok.posts] == posts
    assert ok.state is not None and ok.state.failures == 0


async def test_atom_validate_subreddit(
    reddit_double: RedditDouble, atom_source: RedditAtomSource
) -> None:
    reddit_double.add_post("Outlier_AI", "hello")
    assert await atom_source.validate_subreddit("Outlier_AI") is None
    reddit_double.fail_next(status=404, on="rss")
    assert await atom_source.validate_subreddit("nosuchsub") == "r/nosuchsub: HTTP 404"
