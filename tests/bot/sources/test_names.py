"""Each source logs under its own name: never the bare address 27 feeds share."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import build_services
from bot.config import FeedSettings, SourceSettings, parse_settings
from bot.platforms import google_news_feed
from bot.poller import build_plan, configured_sources
from bot.sources.names import feed_name, source_name
from tests.doubles.feeds import Fault, FeedDouble


def test_every_built_in_feed_has_a_name_of_its_own() -> None:
    settings = parse_settings({}, env={})
    plan = build_plan(settings, configured_sources(settings))
    names = [job.name for job in plan.feeds]
    assert len(plan.feeds) == 27
    assert len(set(names)) == len(names)
    assert all("news.google.com/rss/search" not in n for n in names)
    outlier = next(j for j in plan.feeds if j.platform == "outlier")
    assert outlier.name == 'feed outlier: Google News "Outlier AI"'
    reddit_names = [job.name for job in plan.reddit]
    assert all(n.startswith("reddit: r/") for n in reddit_names)


def test_names_of_other_feeds_keep_the_query_and_mask_credentials() -> None:
    assert feed_name("https://example.com/news.rss?cat=ai&page=2") == \
        "https://example.com/news.rss?cat=ai&page=2"
    assert feed_name("https://user:pw@example.com/f?api_key=abc123&cat=ai") == \
        "https://example.com/f?api_key=***&cat=ai"
    assert "s3" not in feed_name("https://example.com/f?token=s3&Signature=s3")
    assert feed_name(google_news_feed("Appen").replace("en-US", "de")) == \
        'Google News "Appen" (de)'
    assert source_name("reddit", "outlier_ai") == "reddit: r/outlier_ai"
    assert source_name("feed", "https://example.com/a.rss") == "feed: https://example.com/a.rss"


async def test_two_failing_feeds_on_one_address_log_apart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with FeedDouble() as feeds:
        feeds.feed("search").add("An item", guid="g1")
        feeds.fail_next("search", Fault("status", status=503), count=2)
        first = feeds.url_for("search") + "?q=%22Outlier+AI%22"
        second = feeds.url_for("search") + "?q=%22Mercor%22"
        base = parse_settings({"builtin_sources": False}, env={})
        settings = replace(
            base,
            database=replace(base.database, url=f"sqlite+aiosqlite:///{tmp_path / 'lw.db'}"),
            feeds=FeedSettings(timeout_seconds=1.0, allow_private=True),
            sources=(SourceSettings("feed", first, "outlier"),
                     SourceSettings("feed", second, "mercor")),
        )
        caplog.set_level(logging.INFO)
        async with build_services(settings) as services:
            for job in services.poller.plan.feeds:
                outcome = await services.poller.poll(job, force=True)
                assert outcome.error == "HTTP 503"
    failures = [r.getMessage() for r in caplog.records if "failed (1 in a row)" in r.getMessage()]
    assert failures == [
        f"source feed outlier: {first} failed (1 in a row): HTTP 503",
        f"source feed mercor: {second} failed (1 in a row): HTTP 503",
    ]
