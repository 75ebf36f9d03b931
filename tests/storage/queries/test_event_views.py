"""Reading events back: visibility per guild, filters and paging, timelines, summaries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.audience import EVERYTHING, PUBLIC, guild_audience
from storage.queries.event_summary import event_summary
from storage.queries.event_views import (
    count_events,
    count_reports,
    event_timeline,
    find_event,
    recent_events,
)
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
NOW = T0 + timedelta(days=30)


async def _seed(s: AsyncSession) -> dict[str, int]:
    """Five events: public ones at Outlier and Mercor, one private to guild 1, old and new."""
    n = 0

    async def post(days_ago: float, **kw: object) -> int:
        nonlocal n
        n += 1
        return await add_post(s, f"t3_v{n}", title=f"post {n}", url=f"https://x.example/{n}",
                              created=NOW - timedelta(days=days_ago), decision=Decision(),
                              **kw)  # type: ignore[arg-type]

    ids = {}
    cut = await open_event(s, await post(2), title="Outlier cut rates")
    for d, status in ((1.5, "corroborated"), (1, "confirmed")):
        await join_event(s, cut.event_id, await post(d), source_key=f"outlet{d}",
                         reason=f"same figures ({d})", status=status)
    ids["cut"] = cut.event_id
    ids["layoff"] = (await open_event(s, await post(3), platforms=("mercor",),
                                      event_type="layoff", title="Mercor layoffs")).event_id
    ids["private"] = (await open_event(s, await post(1), guild_id=1,
                                       title="Our own feed says")).event_id
    ids["other"] = (await open_event(s, await post(1), guild_id=2, title="Theirs")).event_id
    old = await open_event(s, await post(10), title="Older Outlier pause",
                           event_type="project_pause")
    await join_event(s, old.event_id, await post(9), source_key="other")
    ids["old"] = old.event_id
    return ids


async def test_a_guild_sees_public_events_and_its_own_only(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        ids = await _seed(s)
    async with db_sessions() as s:
        mine = await find_event(s, ids["private"], guild_audience(1))
        theirs = await find_event(s, ids["private"], guild_audience(2))
        public = await find_event(s, ids["private"], PUBLIC)
        operator = await find_event(s, ids["private"], EVERYTHING)
        listed = {e.id for e in await recent_events(s, guild_audience(1), limit=50)}
        missing = await find_event(s, 9999, EVERYTHING)
    assert mine is not None and operator is not None
    assert theirs is None and public is None and missing is None
    assert listed == {ids["cut"], ids["layoff"], ids["private"], ids["old"]}


async def test_recent_filters_pages_and_counts(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        ids = await _seed(s)
    week = NOW - timedelta(days=7)
    async with db_sessions() as s:
        recent = await recent_events(s, PUBLIC, since=week, limit=10)
        outlier = await recent_events(s, PUBLIC, platforms=["outlier"], since=week)
        confirmed = await recent_events(s, PUBLIC, status="confirmed")
        layoffs = await recent_events(s, PUBLIC, event_type="layoff")
        page2 = await recent_events(s, PUBLIC, limit=2, offset=2)
        total = await count_events(s, PUBLIC)
        in_week = await count_events(s, PUBLIC, since=week)
    assert [e.id for e in recent] == [ids["cut"], ids["layoff"]]  # most recently active first
    assert [e.id for e in outlier] == [ids["cut"]]
    assert [e.id for e in confirmed] == [ids["cut"]] and [e.id for e in layoffs] == [
        ids["layoff"]]
    assert [e.id for e in page2] == [ids["old"]]
    assert (total, in_week) == (3, 2)
    cut = recent[0]
    assert (cut.post_count, cut.source_count, cut.status, cut.ref) == (3, 3, "confirmed",
                                                                      f"e{ids['cut']}")
    assert cut.first is not None and cut.first.post.title == "post 1"
    assert [r.post.title for r in cut.latest] == ["post 3", "post 2", "post 1"]


async def test_timeline_is_oldest_first_with_links_and_reasons(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        ids = await _seed(s)
    async with db_sessions() as s:
        timeline = await event_timeline(s, ids["cut"])
        second_page = await event_timeline(s, ids["cut"], limit=2, offset=2)
        total = await count_reports(s, ids["cut"])
    assert [r.post.title for r in timeline] == ["post 1", "post 2", "post 3"]
    assert [r.reason for r in timeline] == ["opened the event", "same figures (1.5)",
                                            "same figures (1)"]
    assert timeline[1].post.url == "https://x.example/2" and timeline[1].source_key
    assert [r.post.title for r in second_page] == ["post 3"] and total == 3


async def test_summary_counts_events_with_their_posts_beside(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await _seed(s)
    async with db_sessions() as s:
        week = await event_summary(s, guild_audience(1), None, 7, NOW)
        outlier = await event_summary(s, PUBLIC, ["outlier"], 7, NOW)
    assert (week.overall.events, week.overall.posts) == (3, 5)  # cut, layoff, own; not theirs
    assert (week.overall_previous.events, week.overall_previous.posts) == (1, 2)
    assert week.overall.by_status == {"confirmed": 1, "reported": 2}
    assert week.overall.by_event == {"pay_cut": 2, "layoff": 1}
    rows = {p.platform: p for p in week.platforms}
    assert (rows["outlier"].current.events, rows["outlier"].current.posts) == (2, 4)
    assert rows["mercor"].current.events == 1 and rows["outlier"].previous.events == 1
    assert [p.platform for p in outlier.platforms] == ["outlier"]
    assert (outlier.overall.events, outlier.overall.posts) == (1, 3)


async def test_an_event_across_the_periods_edge_counts_in_both(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        def post(n: int, days_ago: float) -> Any:
            return add_post(s, f"t3_x{n}", title=f"x {n}", decision=Decision(),
                            created=NOW - timedelta(days=days_ago))

        across = await open_event(s, await post(1, 8))
        for n, days_ago in ((2, 7.5), (3, 6), (4, 1)):
            await join_event(s, across.event_id, await post(n, days_ago), source_key=f"s{n}")
        early = await open_event(s, await post(5, 20), platforms=("mercor",))
        await join_event(s, early.event_id, await post(6, 13), source_key="s6")
    async with db_sessions() as s:
        week = await event_summary(s, PUBLIC, None, 7, NOW)
    assert (week.overall.events, week.overall.posts) == (1, 2)
    # The earlier event's report 13 days ago counts; the one 20 days ago is before both.
    assert (week.overall_previous.events, week.overall_previous.posts) == (2, 3)
