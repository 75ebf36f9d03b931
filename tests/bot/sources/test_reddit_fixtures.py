"""Real recorded Reddit listings replayed through praw (needs ../shared)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.records import SourceState
from bot.sources.reddit import RedditAtomSource, RedditSource
from tests.doubles.reddit import RedditDouble


def children(path: Path) -> list[dict[str, object]]:
    return [c["data"] for c in json.loads(path.read_text())["data"]["children"]]


async def test_recorded_askreddit_listing_read_verbatim(
    shared_dir: Path, reddit_double: RedditDouble, reddit_source: RedditSource
) -> None:
    file = shared_dir / "fixtures/reddit/askreddit_new_listing.json"
    reddit_double.serve_file("/r/askreddit/new", file)
    result = await reddit_source.fetch_batch(["askreddit"], SourceState("reddit:askreddit"))
    data = children(file)
    assert result.requests == 1
    assert [p.external_id for p in result.posts] == [d["name"] for d in reversed(data)]
    by_id = {p.external_id: p for p in result.posts}
    for d in data:
        post = by_id[str(d["name"])]
        assert post.title == d["title"] and post.body == d["selftext"]
        assert post.subreddit == "AskReddit" and post.author == d["author"]
        assert post.url == f"{reddit_double.url}{d['permalink']}"
        assert post.created_utc == datetime.fromtimestamp(float(d["created_utc"]), UTC)  # type: ignore[arg-type]
    assert any("&" in p.title for p in result.posts)  # raw_json=1: no &amp; left
    assert not any("&amp;" in p.title for p in result.posts)
    assert result.state is not None and result.state.cursor == "t3_48fbm9@1456821458"


async def test_recorded_all_listings_poll_after_poll(
    shared_dir: Path, reddit_double: RedditDouble, reddit_source: RedditSource,
    atom_source: RedditAtomSource,
) -> None:
    base = shared_dir / "fixtures/reddit"
    page1 = reddit_double.load_listing(base / "all_new_listing_page1.json")
    state = SourceState("reddit:all")
    first = await reddit_source.fetch_batch(["all"], state)
    assert [p.external_id for p in first.posts] == page1[::-1]
    page2 = reddit_double.load_listing(base / "all_new_listing_page2.json")
    assert first.state is not None
    second = await reddit_source.fetch_batch(["all"], first.state)
    assert [p.external_id for p in second.posts] == page2[::-1]
    assert second.requests == 1
    via_atom = await atom_source.fetch_batch(["all"], first.state)
    assert [p.external_id for p in via_atom.posts] == page2[::-1]
    assert [p.title for p in via_atom.posts] == [p.title for p in second.posts]
