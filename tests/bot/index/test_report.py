"""The index read from stored events: JSON of events.md, audiences, statuses, recorded crossings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.index.crossings import detect_crossings
from bot.index.report import build_report, report_text
from bot.index.settings import IndexSettings
from storage.queries.audience import guild_audience
from storage.queries.index import saved_crossings
from tests.support.events import add_event

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)  # a Monday
SETTINGS = IndexSettings()


def day(n: int, hours: float = 0) -> datetime:
    return T0 + timedelta(days=n, hours=hours)


async def _convergence(session: AsyncSession) -> dict[str, int]:
    """Expert contractions at three unaffiliated parents within 30 days, then a fourth."""
    ids = {
        "mercor": await add_event(session, ["mercor"], day(0)),
        "outlier": await add_event(session, ["outlier"], day(8)),
        "dataannotation": await add_event(session, ["dataannotation"], day(11)),
        "turing": await add_event(session, ["turing"], day(20)),
    }
    # Noise that must not count: generalists, an expansion, a disputed event, a guild's own.
    await add_event(session, ["appen"], day(1), tier="generalist")
    await add_event(session, ["toloka"], day(2), direction="expansion",
                    event_type="hiring_expansion")
    await add_event(session, ["prolific"], day(3), status="disputed",
                    status_changed_at=day(4))
    await add_event(session, ["sama"], day(5), guild_id=77)
    return ids


async def test_json_is_the_events_md_object(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    async with db_sessions.begin() as session:
        ids = await _convergence(session)
        report = await build_report(session, at=date(2025, 3, 25), weeks=4, settings=SETTINGS)
    data = report.as_json()
    assert list(data) == ["at", "expert_breadth", "expert_parents", "generalist_breadth",
                          "generalist_parents", "convergence", "weeks"]
    assert data["at"] == "2025-03-25"
    assert data["expert_breadth"] == 4
    assert data["expert_parents"] == ["mercor", "scale_ai", "surge_ai", "turing"]
    assert data["generalist_breadth"] == 1 and data["generalist_parents"] == ["appen"]
    assert data["convergence"] == [{
        "at": "2025-03-14", "tier": "expert", "level": 3,
        "parents": ["mercor", "scale_ai", "surge_ai"],
        "events": [f"e{ids['mercor']}", f"e{ids['outlier']}", f"e{ids['dataannotation']}"],
    }]
    weeks = data["weeks"]
    assert {"week": "2025-W10", "parent": "mercor", "tier": "expert",
            "direction": "contraction", "events": 1} in weeks
    assert {"week": "2025-W10", "parent": "toloka", "tier": "expert",
            "direction": "expansion", "events": 1} in weeks
    assert not any(w["parent"] in ("prolific", "sama") for w in weeks)
    assert weeks == sorted(weeks, key=lambda w: (w["week"], w["parent"], w["tier"],
                                                 w["direction"]))
    assert {w["week"] for w in weeks} == {"2025-W10", "2025-W11", "2025-W12"}


async def test_earlier_days_and_weeks_window(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    async with db_sessions.begin() as session:
        await _convergence(session)
        before = await build_report(session, at=date(2025, 3, 13), weeks=1, settings=SETTINGS)
        after = await build_report(session, at=date(2025, 5, 6), weeks=2, settings=SETTINGS)
    assert before.as_json()["convergence"] == []
    assert before.expert.parents == ("mercor", "scale_ai")
    # The disputed event counted on the day before its dispute.
    async with db_sessions() as session:
        on_day_3 = await build_report(session, at=date(2025, 3, 6), weeks=1, settings=SETTINGS)
    assert on_day_3.expert.parents == ("mercor", "prolific")
    assert after.expert.value == 0 and after.weeks == ()
    assert len(after.convergence) == 1 and after.empty
    assert len(after.days) == 9 and after.days[0] == date(2025, 4, 28)


async def test_a_servers_own_events_count_for_that_server_only(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        await _convergence(session)
        at = date(2025, 3, 11)
        public = await build_report(session, at=at, weeks=1, settings=SETTINGS)
        own = await build_report(session, at=at, weeks=1, settings=SETTINGS,
                                 audience=guild_audience(77))
        other = await build_report(session, at=at, weeks=1, settings=SETTINGS,
                                   audience=guild_audience(78))
    assert "sama" not in public.expert.parents and "sama" not in other.expert.parents
    assert public.expert.parents == ("mercor", "scale_ai") and public.convergence == ()
    assert own.expert.parents == ("mercor", "sama", "scale_ai")
    assert [c.at for c in own.convergence] == [date(2025, 3, 11)]


async def test_brands_of_one_parent_do_not_cross(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        await add_event(session, ["outlier"], day(0))
        await add_event(session, ["remotasks"], day(3))
        await add_event(session, ["scale_ai"], day(6))
        await add_event(session, ["outlier", "remotasks"], day(7))
        report = await build_report(session, at=date(2025, 3, 12), weeks=2, settings=SETTINGS)
        recorded = await detect_crossings(session, day(9), SETTINGS.level)
    assert report.expert.parents == ("scale_ai",) and report.convergence == ()
    assert [(w.parent, w.events) for w in report.weeks] == [("scale_ai", 3), ("scale_ai", 1)]
    assert recorded == []


async def test_crossings_are_recorded_once_and_a_fourth_parent_adds_none(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as session:
        await add_event(session, ["mercor"], day(0))
        await add_event(session, ["outlier"], day(8))
        assert await detect_crossings(session, day(9), 3) == []
        third = await add_event(session, ["dataannotation"], day(11))
    async with db_sessions.begin() as session:
        [new] = await detect_crossings(session, day(11, 1), 3)
    assert new.at == datetime(2025, 3, 14, tzinfo=UTC) and new.tier == "expert"
    assert new.parents == ("mercor", "scale_ai", "surge_ai") and third in new.events
    async with db_sessions.begin() as session:
        assert await detect_crossings(session, day(12), 3) == []
        await add_event(session, ["turing"], day(20))
        assert await detect_crossings(session, day(21), 3) == []
        # Breadth falls below the level, and rises again two months on: a new crossing.
        for n, platform in enumerate(["mercor", "appen", "toloka"]):
            await add_event(session, [platform], day(70 + n))
        [again] = await detect_crossings(session, day(75), 3)
        everything = await saved_crossings(session)
    assert again.at.date() == date(2025, 5, 14) and again.parents == ("appen", "mercor",
                                                                          "toloka")
    assert [c.id for c in everything] == [new.id, again.id]


async def test_text_table(db_sessions: async_sessionmaker[AsyncSession]) -> None:
    async with db_sessions.begin() as session:
        ids = await _convergence(session)
        text = report_text(await build_report(session, at=date(2025, 3, 25), weeks=4,
                                              settings=SETTINGS))
        empty = report_text(await build_report(session, at=date(2024, 1, 1), weeks=2,
                                               settings=SETTINGS))
    assert "expert breadth        4  mercor, scale_ai, surge_ai, turing" in text
    assert (f"2025-03-14  expert      level 3  mercor, scale_ai, surge_ai  "
            f"(e{ids['mercor']}, e{ids['outlier']}, e{ids['dataannotation']})") in text
    assert "week      parent    tier        direction    events" in text
    assert "2025-W10  mercor    expert      contraction       1" in text
    assert "Convergence crossings: none" in empty and "no events in these weeks" in empty
