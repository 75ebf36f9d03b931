"""Doubles and short limits for the source tests.

Client timeouts are half a second so the fault tests stay fast; slow
answers from the doubles are released when a double shuts down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.config import FeedSettings
from bot.sources.feeds import FeedFetcher
from bot.sources.reddit import RedditAtomSource, RedditSource
from tests.doubles.feeds import FeedDouble
from tests.doubles.reddit import RedditDouble

USER_AGENT = "labelwatch-tests/0.1 (sources)"
TIMEOUT = 0.5


@pytest.fixture
def policy() -> FeedSettings:
    return FeedSettings(
        timeout_seconds=TIMEOUT, max_bytes=200_000, max_redirects=3, failing_after=3,
        max_backoff_seconds=600,
    )


@pytest.fixture
async def reddit_double() -> AsyncIterator[RedditDouble]:
    async with RedditDouble() as double:
        yield double


@pytest.fixture
async def feed_double() -> AsyncIterator[FeedDouble]:
    async with FeedDouble() as double:
        yield double


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def fetcher(http: aiohttp.ClientSession, policy: FeedSettings) -> FeedFetcher:
    return FeedFetcher(http, policy, USER_AGENT)


@pytest.fixture
async def reddit_source(
    reddit_double: RedditDouble, policy: FeedSettings
) -> AsyncIterator[RedditSource]:
    source = RedditSource(reddit_double.reddit_settings(), policy=policy)
    yield source
    await source.close()


@pytest.fixture
def atom_source(reddit_double: RedditDouble, fetcher: FeedFetcher) -> RedditAtomSource:
    return RedditAtomSource(fetcher, reddit_double.reddit_settings(client_id=None,
                                                                   client_secret=None))
