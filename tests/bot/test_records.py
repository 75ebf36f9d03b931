"""Records are cleaned and bounded when they are made, to the schema's own limits."""

from __future__ import annotations

import pytest
from sqlalchemy import String

from bot.records import PostRecord, SourceState, bounded_id, clean_text, feed_key_of
from storage import limits
from storage.models import Post, SourceStateRow


def test_the_limits_are_the_schemas() -> None:
    """One table of sizes: every bounded column of posts and source_state uses it."""
    columns = {**{c.name: c for c in Post.__table__.columns},
               **{f"state.{c.name}": c for c in SourceStateRow.__table__.columns}}
    expected = {
        "source_kind": limits.SOURCE_KIND, "external_id": limits.EXTERNAL_ID,
        "subreddit": limits.SUBREDDIT, "feed": limits.FEED, "platform_hint": limits.PLATFORM,
        "url": limits.URL, "author": limits.AUTHOR, "feed_key": limits.FEED_KEY,
        "state.key": limits.SOURCE_KEY, "state.cursor": limits.CURSOR,
        "state.etag": limits.ETAG, "state.last_modified": limits.LAST_MODIFIED,
        "state.content_hash": limits.CONTENT_HASH,
    }
    for name, size in expected.items():
        column_type = columns[name].type
        assert isinstance(column_type, String) and column_type.length == size, name


@pytest.mark.parametrize(("raw", "clean"), [
    ("a\x00b", "ab"),
    ("tab\tand\nnewline\r", "tab\tand\nnewline\r"),
    ("bell\x07 and escape\x1b[0m", "bell and escape[0m"),
    ("lone \ud800 half", "lone \ufffd half"),
    ("trailing \udfff", "trailing \ufffd"),
    ("pair \ud83d\ude00 joined", "pair \U0001f600 joined"),
    ("plain café", "plain café"),
])
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    clean_text(raw).encode("utf-8")  # what every database driver does with it


def test_a_post_with_nul_and_surrogates_comes_out_storable() -> None:
    post = PostRecord("reddit", "t3_a\x00b", "Title \x00 with NUL", body="body \ud800 \x00 end",
                      author="x\x00y", subreddit="outlier_ai")
    assert post.external_id == "t3_ab"
    assert post.title == "Title  with NUL" and post.body == "body \ufffd  end"
    assert post.author == "xy"


def test_every_field_fits_its_column() -> None:
    post = PostRecord(
        "feed", "g" * 5000, "t" * 50_000, body="b" * 1_000_000, url="https://x/" + "u" * 3000,
        author="a" * 1000, subreddit="s" * 200, feed="https://f/" + "f" * 5000,
        platform_hint="p" * 200,
    )
    assert len(post.external_id) == limits.EXTERNAL_ID
    assert len(post.title) == limits.TITLE and post.title.endswith("…")
    assert len(post.body) == limits.BODY
    assert post.url is None  # a cut link leads nowhere
    assert len(post.author or "") == limits.AUTHOR
    assert len(post.subreddit or "") == limits.SUBREDDIT
    assert len(post.feed or "") == limits.FEED
    assert len(post.platform_hint or "") == limits.PLATFORM


def test_long_ids_stay_stable_and_distinct() -> None:
    a, b = "x" * 600 + "A", "x" * 600 + "B"
    assert bounded_id(a) == bounded_id(a) != bounded_id(b)
    assert len(bounded_id(a)) <= limits.EXTERNAL_ID
    assert bounded_id("t3_short") == "t3_short"


def test_feed_items_are_keyed_per_feed_and_reddit_posts_globally() -> None:
    one = PostRecord("feed", "guid-1", "t", feed="https://a.example/feed")
    two = PostRecord("feed", "guid-1", "t", feed="https://b.example/feed")
    assert one.key != two.key and one.external_id == two.external_id
    assert len(one.feed_key) == limits.FEED_KEY and one.feed_key == feed_key_of(one.feed)
    assert PostRecord("reddit", "t3_a", "t", subreddit="x").key == ("reddit", "", "t3_a")


def test_source_state_drops_validators_that_do_not_fit() -> None:
    state = SourceState("feed:x", etag='"' + "e" * 600 + '"', last_modified="m" * 200,
                        cursor="t3_" + "c" * 100, last_error="bad \x00 " + "r" * 5000)
    assert state.etag is None and state.last_modified is None and state.cursor is None
    assert state.last_error is not None and len(state.last_error) == limits.ERROR
    assert "\x00" not in state.last_error
    fine = SourceState("feed:x", etag='"abc"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    assert fine.etag == '"abc"' and fine.last_modified is not None
    fine.etag = "x" * 1000
    assert fine.fit().etag is None
