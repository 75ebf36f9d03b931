"""An item the database refuses is quarantined; the rest of its batch is stored."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord
from storage.models import Post, QuarantinedItem
from storage.queries.posts import known_keys, store_posts
from storage.queries.quarantine import quarantine_counts

FEED = "https://news.example/feed"


async def refuse_titles_with(session: AsyncSession, word: str) -> None:
    """A trigger that makes the database itself refuse some rows, as it would a bad value."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text(
            "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.title LIKE '%{word}%' THEN RAISE EXCEPTION 'poison item refused'; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
        await session.execute(text(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON posts FOR EACH ROW "
            "EXECUTE FUNCTION refuse_poison()"))
    else:
        await session.execute(text(
            f"CREATE TRIGGER refuse_poison BEFORE INSERT ON posts WHEN NEW.title LIKE '%{word}%' "
            "BEGIN SELECT RAISE(ABORT, 'poison item refused'); END"))


def feed_items(
    count: int, *, feed: str = FEED, poison: Collection[int] = frozenset()
) -> list[PostRecord]:
    return [PostRecord("feed", f"item-{i}", f"{'poison ' if i in poison else ''}item {i}",
                       feed=feed) for i in range(count)]


async def test_one_refused_item_leaves_the_rest_stored(
    db_sessions: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    async with db_sessions.begin() as session:
        await refuse_titles_with(session, "poison")
    caplog.set_level(logging.WARNING, "storage.queries.posts")
    async with db_sessions.begin() as session:
        done = await store_posts(session, feed_items(1200, poison={7, 900}))
    assert len(done.stored) == 1198
    assert [q.external_id for q in done.quarantined] == ["item-7", "item-900"]
    assert all("poison item refused" in q.reason for q in done.quarantined)
    async with db_sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 1198
        counts = await quarantine_counts(session)
        rows = (await session.execute(select(QuarantinedItem))).scalars().all()
    assert counts[f"feed:{FEED}"].items == 2
    assert "poison item refused" in counts[f"feed:{FEED}"].latest_reason
    assert {r.excerpt for r in rows} == {"poison item 7", "poison item 900"}
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "2 item(s) could not be stored and were quarantined" in \
        warnings[0] and FEED in warnings[0]


async def test_an_item_is_quarantined_once_however_often_it_comes_back(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with db_sessions.begin() as session:
        await refuse_titles_with(session, "poison")
    for _ in range(3):
        async with db_sessions.begin() as session:
            await store_posts(session, feed_items(3, poison={1}))
    async with db_sessions() as session:
        assert (await quarantine_counts(session))[f"feed:{FEED}"].items == 1


async def test_a_failure_of_every_row_is_not_blamed_on_the_items(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with db_sessions.begin() as session:
        await refuse_titles_with(session, "item")
    with pytest.raises(Exception, match="poison item refused"):
        async with db_sessions.begin() as session:
            await store_posts(session, feed_items(5))
    async with db_sessions() as session:
        assert await quarantine_counts(session) == {}


async def test_two_feeds_sharing_a_guid_both_keep_their_item(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    one = PostRecord("feed", "shared-guid", "from one", feed="https://one.example/feed")
    two = PostRecord("feed", "shared-guid", "from two", feed="https://two.example/feed")
    async with db_sessions.begin() as session:
        first = await store_posts(session, [one])
        second = await store_posts(session, [two, one])
    assert [s.record.title for s in first.stored] == ["from one"]
    assert [s.record.title for s in second.stored] == ["from two"]
    async with db_sessions() as session:
        assert await known_keys(session, [one, two]) == {one.key, two.key}


async def test_items_stored_under_the_old_global_key_count_as_stored(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    """After the upgrade to per-feed keys, nothing stored before is stored (or alerted) again."""
    async with db_sessions.begin() as session:
        await session.execute(text(
            "INSERT INTO posts (source_kind, external_id, feed_key, feed, title, body, "
            "created_utc, fetched_at) VALUES ('feed', 'old-guid', '', :feed, 'old', '', "
            ":t, :t)"), {"feed": FEED, "t": datetime(2026, 11, 1)})
    again = PostRecord("feed", "old-guid", "old", feed=FEED)
    elsewhere = PostRecord("feed", "old-guid", "old", feed="https://other.example/feed")
    async with db_sessions() as session:
        assert await known_keys(session, [again, elsewhere]) == {again.key, elsewhere.key}
    async with db_sessions.begin() as session:
        done = await store_posts(session, [again, elsewhere])
    assert done.stored == []
