from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.lookup import find_post, reddit_fullname
from tests.storage.signal_data import Decision, add_post

Sessions = async_sessionmaker[AsyncSession]


@pytest.mark.parametrize("ref", [
    "t3_1abc2de", "T3_1ABC2DE", "1abc2de", " <1abc2de> ",
    "https://www.reddit.com/r/outlier_ai/comments/1abc2de/rates_cut/",
    "https://old.reddit.com/r/outlier_ai/comments/1abc2de/rates_cut/?utm_source=share&x=1",
    "https://new.reddit.com/r/outlier_ai/comments/1abc2de",
    "http://np.reddit.com/r/outlier_ai/comments/1abc2de/rates_cut/abcdefg/",
    "https://m.reddit.com/comments/1abc2de",
    "reddit.com/r/outlier_ai/comments/1abc2de/",
    "www.reddit.com/r/outlier_ai/comments/1abc2de/rates_cut",
    "https://redd.it/1abc2de", "redd.it/1abc2de?x=1",
    "<https://www.reddit.com/r/outlier_ai/comments/1abc2de/rates_cut/>",
    "https://www.reddit.com/gallery/1abc2de",
])
def test_reddit_references(ref: str) -> None:
    assert reddit_fullname(ref) == "t3_1abc2de"


@pytest.mark.parametrize("ref", [
    "https://www.reddit.com/r/outlier_ai/s/AbCdEf123",
    "https://example.com/r/outlier_ai/comments/1abc2de/",
    "https://i.redd.it/1abc2de.jpg",
    "https://www.reddit.com/r/outlier_ai/",
    "not a post at all",
])
def test_non_post_references(ref: str) -> None:
    assert reddit_fullname(ref) is None


async def test_find_post_by_any_reference(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        reddit = await add_post(s, "t3_1abc2de", decision=Decision(score=88))
        feed = await add_post(s, "tag:example.com,2026:item-7", source_kind="feed",
                              feed="Example news", url="https://example.com/news/7?ref=rss",
                              subreddit=None)
        bare = await add_post(s, "12345", source_kind="feed", feed="Numbers", subreddit=None)
    async with db_sessions() as s:
        by_link = await find_post(s, "https://old.reddit.com/r/x/comments/1abc2de/slug/?a=b")
        by_id = await find_post(s, "1abc2de")
        by_guid = await find_post(s, "tag:example.com,2026:item-7")
        by_url = await find_post(s, "<https://example.com/news/7?ref=rss>")
        by_bare_guid = await find_post(s, "12345")
        missing = await find_post(s, "https://redd.it/zzzzzzz")
        empty = await find_post(s, "   ")
    assert by_link is not None and by_link.id == reddit
    assert by_link.score == 88 and by_link.is_signal is True
    assert by_id is not None and by_id.id == reddit
    assert by_guid is not None and by_guid.id == feed and by_guid.source_label == "Example news"
    assert by_url is not None and by_url.id == feed and by_url.score is None
    assert by_bare_guid is not None and by_bare_guid.id == bare
    assert missing is None and empty is None
