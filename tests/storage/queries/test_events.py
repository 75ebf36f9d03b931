"""Event storage: candidates by platform and window, revisions, places, closing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.records import PostRecord
from storage.queries.events import (
    EventRow,
    PlatformRow,
    ReportRow,
    candidate_events,
    close_quiet_events,
    count_events,
    delete_report_events,
    event_of_posts,
    event_reports,
    get_event,
    insert_events,
    save_event_platforms,
    save_event_reports,
    update_events,
    verdicts_after,
)
from storage.queries.posts import insert_posts

Sessions = async_sessionmaker[AsyncSession]
T0 = datetime(2025, 9, 1, tzinfo=UTC)


def row(platform: str, last: datetime, guild: int | None = None, **kw: Any) -> EventRow:
    values = dict(id=None, guild_id=guild, origin="reports", title=f"{platform} event",
                  platforms=[platform], parents=[platform], event_type="layoff",
                  direction="contraction", tier="unknown", magnitude=None, first_seen=last,
                  last_seen=last, status="reported", status_changed_at=last, confirmed_at=None,
                  score=70.0, post_count=1, source_count=1, author_count=1, revision=1,
                  features={"terms": {"cut": 1}})
    fields: dict[str, Any] = {**values, **kw}
    return EventRow(**fields)


async def store(session: AsyncSession, *rows: EventRow) -> list[int]:
    ids = await insert_events(session, list(rows))
    await save_event_platforms(session, [
        PlatformRow(i, p, r.parents[0], r.first_seen, r.last_seen)
        for i, r in zip(ids, rows, strict=True) for p in r.platforms])
    return ids


async def test_candidates_come_by_platform_window_and_scope(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        recent, old, other, private = await store(
            s, row("outlier", T0), row("outlier", T0 - timedelta(days=60)),
            row("mercor", T0), row("outlier", T0, guild=5))
    async with db_sessions() as s:
        public = await candidate_events(s, ["outlier", "remotasks"], T0 - timedelta(days=30),
                                        [None])
        both = await candidate_events(s, ["outlier"], T0 - timedelta(days=30), [None, 5])
        none = await candidate_events(s, [], T0, [None])
    assert [e.id for e in public] == [recent]
    assert [e.id for e in both] == [recent, private]
    assert none == [] and old and other
    assert public[0].features == {"terms": {"cut": 1}} and public[0].first_seen == T0


async def test_candidate_lookup_uses_the_platform_index(db_sessions: Sessions) -> None:
    async with db_sessions() as s:
        if s.get_bind().dialect.name != "sqlite":
            return
        plan = (await s.execute(text(
            "EXPLAIN QUERY PLAN SELECT event_id FROM event_platforms "
            "WHERE platform IN ('outlier', 'scale_ai') AND last_seen >= '2025-01-01'"))).all()
    assert "ix_event_platforms_platform_last_seen" in " ".join(str(r) for r in plan)


async def test_revisions_are_written_back(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        [eid] = await store(s, row("appen", T0))
    async with db_sessions.begin() as s:
        [event] = await candidate_events(s, ["appen"], T0, [None])
        event.status, event.revision, event.post_count = "corroborated", 3, 2
        event.features = {"sources": ["u/a", "u/b"]}
        event.magnitude = {"percent": 15.0}
        await update_events(s, [event], T0 + timedelta(hours=1))
    async with db_sessions() as s:
        again = await get_event(s, eid)
    assert again is not None and (again.status, again.revision, again.post_count) == (
        "corroborated", 3, 2)
    assert again.features == {"sources": ["u/a", "u/b"]} and again.magnitude == {"percent": 15.0}


async def test_platform_rows_follow_the_event(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        [eid] = await store(s, row("outlier", T0 - timedelta(days=40)))
        later = T0
        await save_event_platforms(s, [PlatformRow(eid, "outlier", "scale_ai",
                                                   T0 - timedelta(days=40), later),
                                       PlatformRow(eid, "scale_ai", "scale_ai", later, later)])
    async with db_sessions() as s:
        found = await candidate_events(s, ["scale_ai"], T0 - timedelta(days=1), [None])
        rows = (await s.execute(text(
            "SELECT platform, parent FROM event_platforms ORDER BY platform"))).all()
    assert [e.id for e in found] == [eid]
    assert [tuple(r) for r in rows] == [("outlier", "scale_ai"), ("scale_ai", "scale_ai")]


async def test_reports_are_placed_and_moved(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        [post] = await insert_posts(s, [PostRecord("reddit", "t3_x", "t", created_utc=T0)])
        a, b = await store(s, row("appen", T0), row("appen", T0))
        await save_event_reports(s, [ReportRow(post.id, a, "report", T0, T0, "u/x", True, None,
                                               None, "opened the event")])
    async with db_sessions.begin() as s:
        await save_event_reports(s, [ReportRow(post.id, b, "report", T0, T0, "u/x", True, None,
                                               0.5, "same platform (appen)")])
    async with db_sessions() as s:
        assert await event_reports(s, a) == []
        [placed] = await event_reports(s, b)
        assert await event_of_posts(s, [post.id, 999]) == {post.id: b}
    assert placed.reason == "same platform (appen)" and placed.similarity == 0.5


async def test_quiet_events_close_once(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        quiet, busy, kept = await store(s, row("appen", T0 - timedelta(days=30)),
                                        row("appen", T0), row("mercor", T0 - timedelta(days=30)))
    async with db_sessions.begin() as s:
        closed = await close_quiet_events(s, T0 - timedelta(days=14), T0, keep=[kept])
    async with db_sessions.begin() as s:
        again = await close_quiet_events(s, T0 - timedelta(days=14), T0, keep=[kept])
        event = await get_event(s, quiet)
    assert [(c.event_id, c.status_before, c.revision) for c in closed] == [(quiet, "reported", 2)]
    assert again == [] and busy
    assert event is not None and event.status == "closed" and event.status_changed_at == T0


async def test_rebuild_helpers(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        stored = await insert_posts(s, [
            PostRecord("reddit", f"t3_{i}", f"post {i}", created_utc=T0 + timedelta(hours=i % 3))
            for i in range(7)])
        await s.execute(text("UPDATE posts SET is_signal = (id % 2 = 1), score = 60, "
                             "platforms = '[\"appen\"]'"))
        await store(s, row("appen", T0))
    async with db_sessions() as s:
        pages, after = [], None
        while page := await verdicts_after(s, after, 2, also=[stored[1].id]):
            pages.append(page)
            after = (page[-1].created_utc, page[-1].post_id)
    seen = [v.post_id for page in pages for v in page]
    signals = {p.id for p in stored if p.id % 2 == 1} | {stored[1].id}
    assert sorted(seen) == sorted(signals) and len(seen) == len(set(seen))
    times = [(v.created_utc, v.post_id) for page in pages for v in page]
    assert times == sorted(times)
    assert pages[0][0].platforms == ["appen"]
    async with db_sessions.begin() as s:
        assert await delete_report_events(s) == 1
        assert await count_events(s) == 0
