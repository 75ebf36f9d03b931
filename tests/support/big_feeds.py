"""The big-feed world: many ordinary feeds and one huge one, on the feed double.

Shared by the end-to-end test of bounded polls and by
``benchmarks/bench_big_feed.py``, so both measure the same thing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.doubles.feeds import FeedDouble

BIG = "big"
ORDINARY_ITEMS = 10
_TOPICS = ("pay for reviewers", "new onboarding steps", "tasks this week",
           "the assessment queue", "project updates", "payment schedule")


def ordinary_name(index: int) -> str:
    return f"ordinary-{index:03d}"


def populate(feeds: FeedDouble, ordinary: int = 260, big_items: int = 20_000) -> list[str]:
    """Add ``ordinary`` ten-item feeds and one ``big_items`` feed; returns every feed URL.

    The big feed's items are about 245 bytes each, so 20,000 of them make a
    document of about 4.9 MB, under the default 5 MB cap. It has no
    validators, so only its body's hash can tell that it did not change.
    """
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for index in range(ordinary):
        feed = feeds.feed(ordinary_name(index))
        for item in range(ORDINARY_ITEMS):
            feed.add(f"Notes on {_TOPICS[(index + item) % len(_TOPICS)]} ({index}.{item})",
                     guid=f"o{index}-{item}", link=f"https://news.example/o/{index}/{item}",
                     published=start + timedelta(hours=item))
    # Served without ETag or Last-Modified, as many big feeds are: every poll
    # downloads the whole document again.
    big = feeds.feed(BIG, validators=False)
    for item in range(big_items):
        big.add(f"Forum digest {item}",
                guid=f"big-{item}", link=f"https://forum.example/t/{item}",
                summary=f"Thread {item}: onboarding and schedules.",
                published=start + timedelta(seconds=item))
    return [feeds.url_for(ordinary_name(i)) for i in range(ordinary)] + [feeds.url_for(BIG)]
