"""Index reads: audiences, platform or parent matches for charts, crossings recorded once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.audience import EVERYTHING, PUBLIC, guild_audience
from storage.queries.index import chart_events, parent_events, save_crossing, saved_crossings
from tests.support.events import add_event

T0 = datetime(2025, 6, 2, 8, tzinfo=UTC)


async def test_parent_events_roll_brands_up_once_per_event(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        both = await add_event(session, ["outlier", "remotasks", "mercor"], T0)
        mine = await add_event(session, ["appen"], T0, guild_id=5)
        theirs = await add_event(session, ["appen"], T0, guild_id=6)
        disputed = await add_event(session, ["turing"], T0, status="disputed",
                                   status_changed_at=T0 + timedelta(days=2))
        await add_event(session, ["toloka"], T0 + timedelta(days=3))
        until = T0 + timedelta(days=1)
        public = await parent_events(session, until=until)
        own = await parent_events(session, until=until, audience=guild_audience(5))
        every = await parent_events(session, until=until, audience=EVERYTHING)
        experts = await parent_events(session, until=until, tiers=["generalist"])
    public.sort(key=lambda r: (r.event_id, r.parent))
    assert [(r.event_id, r.parent) for r in public] == [
        (both, "mercor"), (both, "scale_ai"), (disputed, "turing")]
    assert public[-1].disputed_at == T0 + timedelta(days=2) and public[0].disputed_at is None
    assert {r.event_id for r in own} == {both, disputed, mine}
    assert {r.event_id for r in every} == {both, disputed, mine, theirs}
    assert experts == []


async def test_chart_events_match_a_platform_or_its_brands_and_late_confirmations(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    since, until = T0, T0 + timedelta(days=14)
    async with db_sessions.begin() as session:
        outlier = await add_event(session, ["outlier"], T0 + timedelta(days=1))
        scale = await add_event(session, ["scale_ai"], T0 + timedelta(days=2),
                                confirmed_at=T0 + timedelta(days=3), status="confirmed")
        mercor = await add_event(session, ["mercor"], T0 + timedelta(days=2))
        old = await add_event(session, ["remotasks"], T0 - timedelta(days=20),
                              confirmed_at=T0 + timedelta(days=4), status="confirmed")
        await add_event(session, ["remotasks"], T0 - timedelta(days=20))
        await add_event(session, ["outlier"], T0 + timedelta(days=15))
        by_parent = await chart_events(session, since=since, until=until, platform="scale_ai")
        by_brand = await chart_events(session, since=since, until=until, platform="outlier")
        everything = await chart_events(session, since=since, until=until)
        elsewhere = await chart_events(session, since=since, until=until,
                                       audience=guild_audience(1), platform="appen")
    assert [e.event_id for e in by_parent] == [old, outlier, scale]
    assert [e.event_id for e in by_brand] == [outlier]
    assert {e.event_id for e in everything} == {old, outlier, scale, mercor}
    assert by_parent[2].confirmed_at == T0 + timedelta(days=3)
    assert elsewhere == []


async def test_a_crossing_is_recorded_once_per_tier_and_day(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    at = datetime(2025, 6, 5, tzinfo=UTC)
    async with db_sessions.begin() as session:
        first = await save_crossing(session, at=at, tier="expert", level=3,
                                    parents=["a", "b", "c"], events=[1, 2, 3], now=T0)
        again = await save_crossing(session, at=at, tier="expert", level=3,
                                    parents=["a", "b", "c"], events=[1, 2, 3], now=T0)
        other = await save_crossing(session, at=at, tier="generalist", level=3,
                                    parents=["d", "e", "f"], events=[4, 5, 6], now=T0)
    async with db_sessions() as session:
        stored = await saved_crossings(session)
        experts = await saved_crossings(session, ["expert"])
    assert first is not None and again is None and other is not None
    assert [c.tier for c in stored] == ["expert", "generalist"]
    assert experts == [first] and first.parents == ("a", "b", "c") and first.events == (1, 2, 3)
    assert PUBLIC.guild_id is None
