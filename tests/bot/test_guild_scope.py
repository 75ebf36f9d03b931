"""Handing a poll's posts to the guilds whose own source fetched them."""

from __future__ import annotations

from bot.guild_scope import scope_posts
from bot.records import FetchResult, PostRecord

A, B = 1001, 2002
FEED = "https://news.example/feed.xml"
PRIVATE = {("reddit", "guildsub"): (A, B), ("feed", FEED): (A,)}


def post(external_id: str, subreddit: str | None = None) -> PostRecord:
    if subreddit is None and not external_id.startswith("t3_"):
        return PostRecord("feed", external_id, "t", feed=FEED)
    return PostRecord("reddit", external_id, "t", subreddit=subreddit)


def owners(result: FetchResult) -> list[tuple[str, int | None]]:
    return [(p.external_id, p.guild_id) for p in result.posts]


def test_a_guild_only_feed_gives_each_item_to_each_guild() -> None:
    result = scope_posts(PRIVATE, FetchResult(posts=[post("i-1"), post("i-2")]), feed=FEED)
    assert owners(result) == [("i-1", A), ("i-2", A)]
    assert len({p.key for p in result.posts}) == 2
    public = FetchResult(posts=[post("i-1")])
    assert scope_posts(PRIVATE, public, feed="https://other.example/rss") is public


def test_a_mixed_batch_splits_by_subreddit_and_skips_a_post_naming_none() -> None:
    posts = [post("t3_a", "GuildSub"), post("t3_b", "public_one"), post("t3_c", None)]
    result = scope_posts(PRIVATE, FetchResult(posts=posts), batch=("guildsub", "Public_One"))
    assert owners(result) == [("t3_a", A), ("t3_a", B), ("t3_b", None)]
    assert result.skipped == ["t3_c: names no subreddit of its batch"]
    # Each guild's copy is its own row; the public key is what a config source would store.
    a_copy, b_copy = result.posts[:2]
    assert a_copy.key != b_copy.key and a_copy.public_key == b_copy.public_key == \
        ("reddit", "", "t3_a")


def test_a_public_batch_is_left_as_it_is() -> None:
    result = FetchResult(posts=[post("t3_c", None), post("t3_d", "public_one")])
    assert owners(scope_posts(PRIVATE, result, batch=("public_one",))) == \
        [("t3_c", None), ("t3_d", None)]
    assert scope_posts({}, result, batch=("guildsub",)) is result
