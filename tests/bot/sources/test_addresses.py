"""Guild-added feeds must not point the bot at its own network."""

from __future__ import annotations

import pytest

from bot.config import FeedSettings
from bot.sources.addresses import public_feed_problem


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/feed", "http://localhost/feed", "http://10.1.2.3/x.rss",
    "http://192.168.0.10/x", "http://[::1]/feed", "http://169.254.169.254/latest/meta-data",
    "http://0.0.0.0/",
])
async def test_private_and_local_hosts_are_refused(url: str) -> None:
    reason = await public_feed_problem(url, FeedSettings())
    assert reason is not None and "private or local" in reason


async def test_public_address_literal_passes() -> None:
    assert await public_feed_problem("https://93.184.216.34/feed.xml", FeedSettings()) is None


async def test_the_setting_allows_private_hosts() -> None:
    settings = FeedSettings(allow_private_hosts=True)
    assert await public_feed_problem("http://127.0.0.1/feed", settings) is None
