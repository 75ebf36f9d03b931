"""FeedFetcher reading well-formed (if odd) feeds from the feed double."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.records import SourceState
from bot.sources.feeds import FeedFetcher
from tests.bot.sources.conftest import USER_AGENT
from tests.doubles.feeds import Fault, FeedDouble

T0 = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


def state(name: str = "f") -> SourceState:
    return SourceState(key=f"feed:{name}")


@pytest.mark.parametrize("kind", ["rss", "atom"])
async def test_items_come_back_oldest_first_as_plain_records(
    feed_double: FeedDouble, fetcher: FeedFetcher, kind: str
) -> None:
    feed = feed_double.feed("news", kind=kind)
    for i in range(3):
        feed.add(f"Item {i}: pay & <tiers>", link=f"https://news.example/{i}", guid=f"guid-{i}",
                 summary=f"<p>Body <b>{i}</b> &amp; co</p>", published=T0 + timedelta(hours=i),
                 author="Reporter")
    result = await fetcher.fetch(feed_double.url_for("news"), state(), feed_name="Press",
                                 platform="scale_ai")
    assert [p.external_id for p in result.posts] == ["guid-0", "guid-1", "guid-2"]
    first = result.posts[0]
    assert first.source_kind == "feed" and first.feed == "Press"
    assert first.platform_hint == "scale_ai"
    assert first.title == "Item 0: pay & <tiers>"
    assert first.body == "Body 0 & co"
    assert first.url == "https://news.example/0"
    assert first.created_utc == T0 and first.author == "Reporter"
    assert result.requests == 1 and result.state is not None
    assert result.state.etag and result.state.last_modified
    assert feed_double.requests[0].headers["User-Agent"] == USER_AGENT


async def test_feed_name_defaults_to_the_url(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("n").add("one", guid="g1")
    result = await fetcher.fetch(feed_double.url_for("n"), state())
    assert result.posts[0].feed == feed_double.url_for("n")


async def test_304_keeps_state_and_returns_nothing(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("n").add("one", guid="g1")
    url = feed_double.url_for("n")
    first = await fetcher.fetch(url, state())
    assert first.state is not None and first.state.etag
    second = await fetcher.fetch(url, first.state)
    assert second.not_modified and second.posts == []
    assert second.state is not None and second.state.etag == first.state.etag
    assert second.state.failures == 0
    assert feed_double.requests[-1].headers["If-None-Match"] == first.state.etag
    feed_double.feed("n").add("two", guid="g2")
    third = await fetcher.fetch(url, second.state)
    assert not third.not_modified and [p.external_id for p in third.posts] == ["g1", "g2"]
    assert third.state is not None and third.state.etag != first.state.etag


async def test_last_modified_alone_gets_a_304(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("n").add("one", guid="g1")
    first = await fetcher.fetch(feed_double.url_for("n"), state())
    assert first.state is not None
    only_date = SourceState("feed:f", last_modified=first.state.last_modified)
    second = await fetcher.fetch(feed_double.url_for("n"), only_date)
    assert second.not_modified
    assert "If-None-Match" not in feed_double.requests[-1].headers


@pytest.mark.parametrize(("encoding", "declare", "header"), [
    ("windows-1252", True, True),
    ("windows-1252", False, True),
    ("iso-8859-1", True, False),
    ("windows-1252", False, False),
])
async def test_non_utf8_bodies_decode(
    feed_double: FeedDouble, fetcher: FeedFetcher, encoding: str, declare: bool, header: bool
) -> None:
    feed = feed_double.feed("enc", encoding=encoding, declare_encoding=declare,
                            charset_header=header)
    feed.add("Café pay: déjà vu", guid="g1", summary="Über naïve façade")
    assert "Café".encode(encoding) in feed.body(feed_double.url)
    result = await fetcher.fetch(feed_double.url_for("enc"), state())
    assert result.state is not None and result.state.failures == 0
    (post,) = result.posts
    assert post.title == "Café pay: déjà vu"
    assert post.body == "Über naïve façade"


async def test_duplicate_guids_keep_the_first(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed = feed_double.feed("dup")
    feed.add("original", guid="same", published=T0)
    feed.add("copy", guid="same", published=T0 + timedelta(hours=1))
    result = await fetcher.fetch(feed_double.url_for("dup"), state())
    assert [p.title for p in result.posts] == ["copy"]  # first in the document (newest first)
    assert result.skipped == ["1 item(s) repeat an earlier item's id (first: same)"]


async def test_missing_dates_guids_and_titles(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed = feed_double.feed("odd")
    feed.add("no date", guid="g-nodate")
    feed.add("no guid", link="https://news.example/no-guid")
    feed.add(None, summary="neither id, link nor title")
    feed.add("title only", summary="still worth reading")
    result = await fetcher.fetch(feed_double.url_for("odd"), state())
    ids = [p.external_id for p in result.posts]
    assert ids[:2] == ["g-nodate", "https://news.example/no-guid"]  # document order reversed
    assert ids[2].startswith("sha256:")
    assert all(p.created_utc is None for p in result.posts)
    assert result.skipped == ["item 2: no id, link or title"]
    again = await fetcher.fetch(feed_double.url_for("odd"), SourceState("feed:f"))
    assert [p.external_id for p in again.posts] == ids  # the synthetic id is stable


async def test_html_summaries_become_plain_text(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("html").add(
        "Layoffs", guid="g",
        summary='<div><p>Scale AI cut <a href="x">14%</a>&nbsp;of&nbsp;staff.</p>'
                "<script>steal()</script><p>More   to\n come &lt;soon&gt;.</p></div>",
    )
    result = await fetcher.fetch(feed_double.url_for("html"), state())
    assert result.posts[0].body == "Scale AI cut 14% of staff.\n\nMore to come <soon>."


async def test_malformed_feed_with_items_keeps_them(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("bad").add("kept", guid="g1")
    feed_double.fail_next("bad", Fault("malformed_with_items"))
    result = await fetcher.fetch(feed_double.url_for("bad"), state())
    assert result.state is not None and result.state.failures == 0
    assert "g1" in [p.external_id for p in result.posts]


async def test_redirects_within_the_limit_are_followed(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    feed_double.feed("moved").add("here", guid="g1")
    result = await fetcher.fetch(f"{feed_double.url}/hops/3/moved", state())
    assert [p.external_id for p in result.posts] == ["g1"]
    assert result.requests == 4


async def test_an_unchanged_document_is_not_parsed_again(
    feed_double: FeedDouble, fetcher: FeedFetcher
) -> None:
    """Without validators only the body's hash can tell; the same body yields nothing."""
    feed = feed_double.feed("plain", validators=False)
    feed.add("first", guid="p1")
    first = await fetcher.fetch(feed_double.url_for("plain"), state())
    assert first.state is not None and first.state.content_hash is not None
    assert [p.external_id for p in first.posts] == ["p1"]
    same = await fetcher.fetch(feed_double.url_for("plain"), first.state)
    assert same.not_modified and same.posts == [] and same.requests == 1
    assert same.state is not None and same.state.failures == 0
    feed.add("second", guid="p2")
    changed = await fetcher.fetch(feed_double.url_for("plain"), first.state)
    assert not changed.not_modified and [p.external_id for p in changed.posts] == ["p1", "p2"]
