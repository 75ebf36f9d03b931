"""Idempotent post storage and persisted source state."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord, SourceState
from storage.queries.posts import count_posts, insert_posts, posts_by_external_ids
from storage.queries.sources import all_states, load_state, save_state


def rec(ext: str, kind: str = "reddit", title: str = "t") -> PostRecord:
    return PostRecord(kind, ext, title, body="b", subreddit="outlier_ai",  # type: ignore[arg-type]
                      created_utc=datetime(2025, 1, 1, tzinfo=UTC))


async def test_insert_returns_only_new_posts(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    async with db_sessions.begin() as s:
        first = await insert_posts(s, [rec("t3_1"), rec("t3_2")])
    async with db_sessions.begin() as s:
        second = await insert_posts(s, [rec("t3_2"), rec("t3_3"), rec("t3_3")])
    assert [p.record.external_id for p in first] == ["t3_1", "t3_2"]
    assert [p.record.external_id for p in second] == ["t3_3"]
    async with db_sessions() as s:
        assert await count_posts(s) == 3


async def test_same_id_from_two_source_kinds_is_two_posts(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as s:
        stored = await insert_posts(s, [rec("x1"), rec("x1", kind="feed")])
    assert len(stored) == 2


async def test_large_batch_spans_statements(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    records = [rec(f"t3_{i}") for i in range(4500)]
    async with db_sessions.begin() as s:
        stored = await insert_posts(s, records)
    assert len(stored) == 4500
    async with db_sessions.begin() as s:
        assert await insert_posts(s, records) == []


async def test_concurrent_inserts_store_each_post_once(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async def insert(batch: list[PostRecord]) -> int:
        async with db_sessions.begin() as s:
            return len(await insert_posts(s, batch))

    batch = [rec(f"t3_c{i}") for i in range(50)]
    counts = await asyncio.gather(insert(batch), insert(batch[::-1]))
    assert sum(counts) == 50
    async with db_sessions() as s:
        found = await posts_by_external_ids(s, "reddit", [r.external_id for r in batch])
    assert len(found) == 50


async def test_source_state_round_trips(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    now = datetime(2025, 5, 1, 12, tzinfo=UTC)
    async with db_sessions() as s:
        fresh = await load_state(s, "reddit:a+b")
    assert fresh == SourceState(key="reddit:a+b")
    state = SourceState(key="reddit:a+b", cursor="t3_9", etag='"e1"', failures=2, failing=True,
                        last_error="HTTP 503", last_success=now)
    async with db_sessions.begin() as s:
        await save_state(s, state)
    state.failures = 0
    state.failing = False
    async with db_sessions.begin() as s:
        await save_state(s, state)
    async with db_sessions() as s:
        assert await load_state(s, "reddit:a+b") == state
        assert [x.key for x in await all_states(s)] == ["reddit:a+b"]
