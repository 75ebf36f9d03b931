from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.guilds import (
    add_guild_source,
    all_guild_sources,
    digests_due,
    get_digest,
    guild_sources,
    mark_digest_fired,
    period_of,
    remove_digest,
    remove_guild_source,
    set_digest,
)

Sessions = async_sessionmaker[AsyncSession]
MONDAY_8 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)  # ISO week 2026-W19


async def test_guild_sources_are_idempotent_and_per_guild(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        assert await add_guild_source(s, 1, "reddit", "r/Outlier_AI", "outlier") is True
        assert await add_guild_source(s, 1, "reddit", "outlier_ai", "scale_ai") is False
        assert await add_guild_source(s, 1, "feed", "https://example.com/feed", "mercor")
        assert await add_guild_source(s, 2, "reddit", "outlier_ai", "outlier") is True
    async with db_sessions.begin() as s:
        assert await remove_guild_source(s, 2, "feed", "https://example.com/feed") is False
        assert await remove_guild_source(s, 2, "reddit", "/r/outlier_ai") is True
    async with db_sessions() as s:
        one = await guild_sources(s, 1)
        two = await guild_sources(s, 2)
        every = await all_guild_sources(s)
    assert [(g.kind, g.target, g.platform) for g in one] == [
        ("reddit", "outlier_ai", "scale_ai"), ("feed", "https://example.com/feed", "mercor"),
    ]
    assert two == []
    assert [g.guild_id for g in every] == [1, 1]
    with pytest.raises(ValueError, match="kind"):
        async with db_sessions.begin() as s:
            await add_guild_source(s, 1, "mastodon", "x", "outlier")


def test_periods() -> None:
    assert period_of("daily", MONDAY_8) == ("2026-05-04", MONDAY_8.replace(hour=0))
    assert period_of("weekly", MONDAY_8 + timedelta(days=6)) == (
        "2026-W19", MONDAY_8.replace(hour=0))
    assert period_of("weekly", datetime(2027, 1, 1, tzinfo=UTC))[0] == "2026-W53"
    with pytest.raises(ValueError, match="cadence"):
        period_of("hourly", MONDAY_8)


async def test_digest_fires_once_per_period(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_digest(s, 1, 100, "daily", 9, now=MONDAY_8)
        await set_digest(s, 2, 200, "weekly", 9, now=MONDAY_8)
    async with db_sessions() as s:
        assert await digests_due(s, MONDAY_8) == []
        due = await digests_due(s, MONDAY_8 + timedelta(hours=1))
    assert [(d.guild_id, d.period) for d in due] == [(1, "2026-05-04"), (2, "2026-W19")]

    async def claim(guild_id: int, period: str) -> bool:
        async with db_sessions.begin() as s:
            return await mark_digest_fired(s, guild_id, period)

    results = await asyncio.gather(*(claim(1, "2026-05-04") for _ in range(4)))
    assert sorted(results) == [False, False, False, True]
    assert await claim(2, "2026-W19") is True
    async with db_sessions() as s:
        # A restart later the same day finds nothing due; the next day daily is due again.
        assert await digests_due(s, MONDAY_8 + timedelta(hours=5)) == []
        tuesday = await digests_due(s, MONDAY_8 + timedelta(days=1, hours=1))
        next_week = await digests_due(s, MONDAY_8 + timedelta(days=7, hours=1))
    assert [(d.guild_id, d.period) for d in tuesday] == [(1, "2026-05-05")]
    assert [(d.guild_id, d.period) for d in next_week] == [(1, "2026-05-11"), (2, "2026-W20")]


async def test_setting_a_digest_after_its_hour_waits_for_the_next_period(
    db_sessions: Sessions,
) -> None:
    late = MONDAY_8 + timedelta(hours=7)
    async with db_sessions.begin() as s:
        view = await set_digest(s, 1, 100, "daily", 9, now=late)
    async with db_sessions() as s:
        assert await digests_due(s, late) == []
        stored = await get_digest(s, 1, late)
    assert view.last_period == "2026-05-04"
    assert stored is not None and stored.channel_id == 100
    async with db_sessions.begin() as s:
        with pytest.raises(ValueError, match="hour_utc"):
            await set_digest(s, 1, 100, "daily", 24)
    async with db_sessions.begin() as s:
        assert await remove_digest(s, 1) is True
        assert await remove_digest(s, 1) is False
        assert await get_digest(s, 1) is None
