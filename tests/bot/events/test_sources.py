"""Who reported a post: community, press or the company, and under which key."""

from __future__ import annotations

from bot.events.sources import COMMUNITY, COMPANY, PRESS, SourceReader
from bot.platforms import PlatformRegistry
from bot.records import PostRecord

READER = SourceReader(PlatformRegistry(), company_feeds=["https://blog.example.org/feed"])


def reddit(ext: str, sub: str, author: str | None, title: str = "Layoffs at Scale") -> PostRecord:
    return PostRecord("reddit", ext, title, "body", author=author, subreddit=sub,
                      url=f"https://www.reddit.com/r/{sub}/comments/{ext}/x/")


def feed(title: str, feed_url: str, url: str | None = None) -> PostRecord:
    return PostRecord("feed", url or title, title, "", url=url, feed=feed_url)


def test_a_reddit_post_is_the_community_and_its_author_is_the_reporter() -> None:
    a = READER.read(reddit("t3_a", "scaleai", "Alice"), ["scale_ai"])
    b = READER.read(reddit("t3_b", "outlier_ai", "alice"), ["scale_ai"])
    assert a.kind == COMMUNITY and a.key == b.key == "u/alice"
    assert a.place == "r/scaleai" and b.place == "r/outlier_ai"


def test_a_post_without_author_is_its_own_source() -> None:
    a = READER.read(reddit("t3_a", "scaleai", None), ["scale_ai"])
    b = READER.read(reddit("t3_b", "scaleai", "[deleted]"), ["scale_ai"])
    assert a.key != b.key


def test_google_news_items_are_their_outlets() -> None:
    gn = "https://news.google.com/rss/search?q=Scale"
    a = READER.read(feed("Scale AI Cuts 14% of Staff - Bloomberg", gn,
                         "https://news.google.com/rss/articles/abc"), ["scale_ai"])
    b = READER.read(feed("Scale AI lays off 200 - CNBC", gn,
                         "https://news.google.com/rss/articles/def"), ["scale_ai"])
    own = READER.read(feed("Scale AI Cuts 14% of Staff", "https://www.bloomberg.com/feed",
                           "https://www.bloomberg.com/news/x"), ["scale_ai"])
    assert a.kind == b.kind == PRESS
    assert a.key == own.key == "press:bloomberg" and b.key == "press:cnbc"
    assert a.title == "Scale AI Cuts 14% of Staff" and a.print == own.print


def test_the_platforms_own_host_is_the_company() -> None:
    blog = READER.read(feed("Our update to contractor rates", "https://mercor.com/blog/rss",
                            "https://mercor.com/blog/rates"), ["mercor"])
    sub = READER.read(feed("Operating model changes", "https://feeds.example.net/x",
                           "https://investors.appen.com/news/1"), ["appen"])
    assert blog.kind == COMPANY
    assert sub.kind == COMPANY


def test_a_parents_host_speaks_for_its_brands() -> None:
    item = READER.read(feed("Changes to Outlier pay", "https://scale.com/blog/rss",
                            "https://scale.com/blog/outlier-pay"), ["outlier"])
    assert item.kind == COMPANY


def test_another_platforms_host_is_press() -> None:
    item = READER.read(feed("Mercor rivals", "https://scale.com/blog/rss",
                            "https://scale.com/blog/mercor"), ["mercor"])
    assert item.kind == PRESS


def test_google_news_naming_the_platform_as_outlet_is_the_company() -> None:
    item = READER.read(feed("Scale AI statement on contractor changes - Scale AI",
                            "https://news.google.com/rss/search?q=Scale",
                            "https://news.google.com/rss/articles/zzz"), ["scale_ai"])
    assert item.kind == COMPANY


def test_configured_company_feeds() -> None:
    item = READER.read(feed("Rates are changing", "https://blog.example.org/feed/",
                            "https://blog.example.org/p/1"), ["prolific"])
    assert item.kind == COMPANY
    by_host = SourceReader(PlatformRegistry(), ["blog.example.org"]).read(
        feed("Rates are changing", "https://blog.example.org/other"), ["prolific"])
    assert by_host.kind == COMPANY


def test_a_feed_named_without_a_url_is_its_own_outlet() -> None:
    item = READER.read(PostRecord("feed", "x1", "Sama loses a contract", "", feed="Nation Africa"),
                       ["sama"])
    assert item.kind == PRESS and item.key == "press:nationafrica"


def test_brands_roll_up_to_their_parents() -> None:
    from datetime import UTC, datetime

    from bot.events.features import FeatureReader, Incoming, Verdict

    reader = FeatureReader(PlatformRegistry())
    assert reader.parent("outlier") == reader.parent("remotasks") == "scale_ai"
    assert reader.parent("dataannotation") == "surge_ai"
    assert reader.parent("alignerr") == "labelbox"
    assert reader.parent("mercor") == "mercor"
    assert set(reader.family(("outlier",))) == {"outlier", "remotasks", "scale_ai"}
    post = reddit("t3_r", "outlier_ai", "ann", "Outlier and Alignerr both cut rates")
    report = reader.read(Incoming(1, post, datetime(2025, 9, 1, tzinfo=UTC),
                                  Verdict(True, 80, "pay_cut", "generalist",
                                          ("alignerr", "outlier"))))
    assert report.platforms == ("alignerr", "outlier")
    assert report.parents == ("labelbox", "scale_ai")
