"""Documents are parsed in a child process, within a time and a memory bound."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.feed_items import convert_feed
from bot.sources.feeds import FeedFetcher
from bot.sources.parsing import ProcessParser, ThreadParser
from tests.doubles.feeds import Fault, FeedDouble

CONVERT = functools.partial(convert_feed, feed="https://news.example/feed", platform=None)
SMALL = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
         b"<item><title>Outlier cut rates</title><guid>g1</guid></item>"
         b"<item><title>Mercor news</title><guid>g2</guid></item></channel></rss>")


def nested(size: int) -> bytes:
    """A feed whose one item holds ``size`` bytes of ever deeper elements."""
    head = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>'
            b"<item><title>x</title><description>")
    return head + b"<a>" * ((size - len(head)) // 3)


@pytest.fixture
async def parser() -> AsyncIterator[ProcessParser]:
    started = ProcessParser(seconds=20.0, memory_bytes=96 * 2**20)
    yield started
    await started.close()


async def test_a_feed_parses_the_same_in_the_child_process(parser: ProcessParser) -> None:
    inline = await ThreadParser().parse(SMALL, "application/rss+xml", None, CONVERT)
    child = await parser.parse(SMALL, "application/rss+xml", None, CONVERT)
    assert child.error is None and [p.external_id for p in child.posts] == ["g2", "g1"]
    assert child.posts == inline.posts


async def test_a_document_needing_too_much_memory_fails_alone(parser: ProcessParser) -> None:
    # About 200 MB to parse in full; the child may have 96.
    result = await parser.parse(nested(1_500_000), "application/rss+xml", None, CONVERT)
    assert result.posts == []
    assert result.error is not None and "memory" in result.error
    after = await parser.parse(SMALL, "application/rss+xml", None, CONVERT)
    assert after.error is None and len(after.posts) == 2


async def test_a_document_taking_too_long_is_given_up_and_its_worker_replaced() -> None:
    quick = ProcessParser(seconds=0.5)
    try:
        # Several seconds of work for feedparser, whatever the machine.
        slow = await quick.parse(nested(2_000_000), "application/rss+xml", None, CONVERT)
        assert slow.error == "parsing took longer than 0.5s; the document was given up"
        assert quick.killed == 1
        quick.seconds = 20.0
        after = await quick.parse(SMALL, "application/rss+xml", None, CONVERT)
        assert after.error is None and len(after.posts) == 2
    finally:
        await quick.close()


async def test_a_document_that_failed_is_not_parsed_again_while_unchanged() -> None:
    quick = ProcessParser(seconds=0.5)
    async with FeedDouble() as feeds, aiohttp.ClientSession() as http:
        fetcher = FeedFetcher(http, FeedSettings(max_bytes=5_000_000), "labelwatch-tests",
                              parser=quick)
        feeds.feed("deep")
        feeds.fail_next("deep", Fault("body", body=nested(2_000_000)), count=2)
        try:
            first = await fetcher.fetch(feeds.url_for("deep"), SourceState("feed:deep"))
            assert first.state is not None
            second = await fetcher.fetch(feeds.url_for("deep"), first.state)
        finally:
            await quick.close()
    assert second.state is not None and second.state.failures == 2
    assert second.state.last_error == first.state.last_error
    assert first.state.last_error is not None and "took longer" in first.state.last_error
    assert quick.killed == 1  # the second poll downloaded it, saw its hash and stopped there
