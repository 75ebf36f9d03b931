"""Events found by the names their reports gave: window, scope, latest time, removal."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.event_names import NameRow, save_event_names
from storage.queries.events import candidate_events, delete_report_events
from tests.storage.queries.test_events import T0, row, store

Sessions = async_sessionmaker[AsyncSession]
DAY = timedelta(days=1)


async def test_events_come_by_a_name_given_in_the_window_and_scope(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        halyard, old, private, plain = await store(
            s, row("mercor", T0), row("outlier", T0 - 40 * DAY), row("mercor", T0, guild=5),
            row("micro1", T0))
        await save_event_names(s, [
            NameRow(halyard, "halyard", T0), NameRow(old, "halyard", T0 - 40 * DAY),
            NameRow(private, "halyard", T0), NameRow(plain, "kestrel", T0),
            NameRow(plain, "x" * 65, T0),  # too long for a project's name: not kept
        ])
    async with db_sessions() as s:
        public = await candidate_events(s, ["other"], T0 - 45 * DAY, [None], ["halyard"],
                                        T0 - 7 * DAY)
        scoped = await candidate_events(s, ["other"], T0 - 45 * DAY, [None, 5],
                                        ["halyard", "x" * 65], T0 - 7 * DAY)
        unnamed = await candidate_events(s, ["other"], T0 - 45 * DAY, [None, 5])
        stored = (await s.execute(text("SELECT count(*) FROM event_names"))).scalar_one()
    assert [e.id for e in public] == [halyard]
    assert [e.id for e in scoped] == [halyard, private]
    assert unnamed == []
    assert stored == 4


async def test_a_name_keeps_its_latest_time_and_goes_with_its_event(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        (event,) = await store(s, row("mercor", T0 + 3 * DAY))
        await save_event_names(s, [NameRow(event, "halyard", T0 + 3 * DAY)])
        # a backfilled report gives an old time: the name stays findable
        await save_event_names(s, [NameRow(event, "halyard", T0 - 20 * DAY),
                                   NameRow(event, "halyard", T0)])
    async with db_sessions() as s:
        found = await candidate_events(s, ["other"], T0, [None], ["halyard"], T0 + 2 * DAY)
    assert [e.id for e in found] == [event]
    async with db_sessions.begin() as s:
        await delete_report_events(s)
    async with db_sessions() as s:
        left = (await s.execute(text("SELECT count(*) FROM event_names"))).scalar_one()
    assert left == 0


async def test_name_lookup_uses_the_name_index(db_sessions: Sessions) -> None:
    async with db_sessions() as s:
        if s.get_bind().dialect.name != "sqlite":
            return
        plan = (await s.execute(text(
            "EXPLAIN QUERY PLAN SELECT event_id FROM event_names "
            "WHERE name IN ('halyard', 'kestrel') AND last_seen >= '2025-01-01'"))).all()
    assert "ix_event_names_name_last_seen" in " ".join(str(r) for r in plan)
