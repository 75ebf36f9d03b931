"""Which reports are one event: the worked examples of events.md, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from storage.queries.events import event_reports, get_event
from tests.bot.events.support import at, one_by_one, place, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_busy_week_at_one_platform_has_several_events(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("g1", "Outlier paused the Genesis project for everyone",
                "Whole Genesis queue is empty, the email says it is paused indefinitely."),
         verdict("project_pause", ["outlier"])),
        (reddit("g2", "Genesis paused?? everyone in my pod got the email", when=at(hours=3)),
         verdict("project_pause", ["outlier"])),
        (reddit("r1", "Outlier cut generalist rates on all writing projects",
                "Rates for every generalist writing project dropped from $25/hr to $18/hr.",
                when=at(days=2)), verdict("pay_cut", ["outlier"], tier="generalist")),
        (press("p1", "Outlier slashes pay for generalist writers - Business Insider",
               when=at(days=2, hours=6)), verdict("pay_cut", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1] != ids[2] == ids[3]


async def test_a_project_end_its_pay_offer_and_the_press_are_one_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("k1", "Kestrel done?? dashboard empty in the middle of my task", sub="micro1"),
         verdict("project_pause", ["micro1"])),
        (reddit("k2", "Kestrel ended for my whole pod", when=at(hours=5)),
         verdict("layoff", ["micro1"])),
        (reddit("k3", "micro1 dropped the Kestrel people and offered a new project at $18 "
                      "instead of $24", when=at(days=1)), verdict("pay_cut", ["micro1"])),
        (press("k4", "micro1 cuts thousands of contractors, offers them less - Business Insider",
               when=at(days=2)), verdict("layoff", ["micro1"])),
    ])
    assert len(set(ids)) == 1
    async with db_sessions() as session:
        event = await get_event(session, ids[0] or 0)
    assert event is not None and event.post_count == 4 and event.status == "corroborated"


async def test_a_contract_end_and_its_layoffs_are_one_event_a_new_decision_is_another(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("c1", "A lab ends its contract with Invisible Technologies - Reuters"),
         verdict("client_loss", ["invisible"])),
        (press("c2", "Invisible files notice to lay off 900 contractors in Texas - Austin "
                     "Business Journal", when=at(days=20)), verdict("layoff", ["invisible"])),
        (press("c3", "Invisible shuts its Austin office to save money - TechCrunch",
               when=at(days=40)), verdict("shutdown", ["invisible"])),
    ])
    assert ids[0] == ids[1] != ids[2]


async def test_the_same_kind_a_month_apart_is_two_events_unless_tied(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("m1", "Mercor cut physician rates", sub="mercor_ai"),
         verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("m2", "Mercor cut lawyer rates", sub="mercor_ai", when=at(days=30)),
         verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("a1", "Project Aether paused for everyone", sub="mercor_ai", when=at(days=31)),
         verdict("project_pause", ["mercor"])),
        (reddit("a2", "Aether project cancelled for good now", sub="mercor_ai",
                when=at(days=52)), verdict("project_pause", ["mercor"])),
    ])
    assert ids[0] != ids[1] and ids[2] == ids[3] and ids[1] != ids[2]


async def test_contraction_and_expansion_are_never_one_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("x1", "DataAnnotation coding projects cut to $30", sub="DataAnnotationTech"),
         verdict("pay_cut", ["dataannotation"])),
        (reddit("x2", "DataAnnotation coding projects raised to $45", sub="DataAnnotationTech",
                when=at(hours=4)), verdict("pay_raise", ["dataannotation"])),
    ])
    assert ids[0] != ids[1]


async def test_a_brand_report_meets_its_parents_event(db_sessions: Sessions,
                                                      grouper: Grouper) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("s1", "Scale AI lays off 14% of its staff - Bloomberg"),
         verdict("layoff", ["scale_ai"])),
        (reddit("s2", "Scale cut 14% today, Outlier reviewers too", when=at(hours=2)),
         verdict("layoff", ["outlier"])),
    ])
    assert ids[0] == ids[1]
    async with db_sessions() as session:
        event = await get_event(session, ids[0] or 0)
        reports = await event_reports(session, ids[0] or 0)
    assert event is not None and event.platforms == ["outlier", "scale_ai"]
    assert event.parents == ["scale_ai"]
    assert "same company (scale_ai)" in reports[1].reason
    assert "same percent 14" in reports[1].reason


async def test_a_guilds_own_posts_group_only_into_its_own_events(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("q1", "Appen cut search eval rates to $12", sub="Appen"),
         verdict("pay_cut", ["appen"])),
        (reddit("q2", "Appen search eval rates down to $12 for everyone", sub="Appen", guild=7,
                when=at(hours=1)), verdict("pay_cut", ["appen"])),
        (reddit("q3", "Confirming Appen search eval is $12 now", sub="Appen", guild=7,
                when=at(hours=2)), verdict("pay_cut", ["appen"])),
        (reddit("q4", "Appen search eval at $12, same here", sub="Appen", guild=8,
                when=at(hours=3)), verdict("pay_cut", ["appen"])),
    ])
    assert ids[0] not in (ids[1], ids[3]) and ids[1] == ids[2] != ids[3]
    async with db_sessions() as session:
        private = await get_event(session, ids[1] or 0)
    assert private is not None and private.guild_id == 7


async def test_reasons_say_why_a_report_joined(db_sessions: Sessions, grouper: Grouper) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("w1", "Outlier paused the Genesis project", "The Genesis queue is empty."),
         verdict("project_pause", ["outlier"])),
        (reddit("w2", "Genesis project paused for everyone", when=at(days=2)),
         verdict("project_pause", ["outlier"])),
    ])
    async with db_sessions() as session:
        reports = await event_reports(session, ids[0] or 0)
    assert reports[0].reason == "opened the event"
    why = reports[1].reason
    assert why.startswith("same platform (outlier), shared project 'genesis'")
    assert "similarity" in why and why.endswith("2 days after the latest report")
    assert reports[1].similarity is not None and 0 < reports[1].similarity <= 1


async def test_one_page_places_its_posts_in_time_order(db_sessions: Sessions,
                                                       grouper: Grouper) -> None:
    grouped = await place(db_sessions, grouper, [
        (reddit("o2", "Genesis project paused for everyone", when=at(hours=2)),
         verdict("project_pause", ["outlier"])),
        (reddit("noise", "how do I get paid faster", when=at(hours=1)),
         verdict("none", [], signal=False)),
        (reddit("o1", "Outlier paused the Genesis project"),
         verdict("project_pause", ["outlier"])),
    ])
    first, noise, second = grouped.placements
    assert noise.event_id is None and not noise.opened
    assert second.opened and not first.opened and first.event_id == second.event_id
    assert first.changed and second.changed
    [change] = grouped.changes
    assert change.opened and change.status_before is None and change.revision == 2
    assert change.post_ids == (second.post_id, first.post_id)


async def test_pages_grouped_at_once_open_one_event(db_sessions: Sessions,
                                                    grouper: Grouper) -> None:
    """Two transactions placing one story at once: the second waits for the first."""
    import asyncio

    from sqlalchemy import text

    from bot.events.features import Incoming
    from storage.queries.posts import insert_posts

    async with db_sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("SQLite runs one writing transaction at a time")
    release = asyncio.Event()

    async def place_one(ext: str, hold: bool) -> int | None:
        record = reddit(ext, "Outlier paused the Genesis project for everyone")
        async with db_sessions.begin() as session:
            [stored] = await insert_posts(session, [record])
            grouped = await grouper.place(session, [Incoming(
                stored.id, record, record.created_utc or at(),
                verdict("project_pause", ["outlier"]))], at())
            if hold:
                await release.wait()
            return grouped.placements[0].event_id

    async def locks(granted: bool, within: float = 10.0) -> bool:
        """Wait until an advisory lock is held (or waited for), up to ``within`` seconds."""
        deadline = asyncio.get_running_loop().time() + within
        async with db_sessions() as watcher:
            while asyncio.get_running_loop().time() < deadline:
                found = (await watcher.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted = "
                    + ("true" if granted else "false")))).scalar_one()
                if found:
                    return True
                await asyncio.sleep(0.01)
        return False

    first = asyncio.create_task(place_one("c1", hold=True))
    try:
        held = await locks(granted=True)
        second = asyncio.create_task(place_one("c2", hold=False))
        waited = held and await locks(granted=False, within=3.0)
    finally:
        release.set()
    assert await first == await second is not None
    assert waited, "the second page did not wait for the first"


async def test_two_pay_changes_with_their_own_amounts_are_two_events(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "Mercor physician rates cut from $150 to $120", sub="mercor_ai"),
         verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("d2", "Doctors on Mercor: $150/hr is now $120/hr", sub="mercor_ai",
                when=at(hours=5)), verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("l1", "Mercor lawyer rates cut from $90 to $70", sub="mercor_ai",
                when=at(days=2)), verdict("pay_cut", ["mercor"], tier="expert")),
    ])
    assert ids[0] == ids[1] != ids[2]


async def test_one_pay_change_in_two_currencies_is_one_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("u1", "Appen search eval going from $20 to $15 an hour", sub="Appen"),
         verdict("pay_cut", ["appen"])),
        (reddit("u2", "UK raters: £16 down to £12 from next month", sub="Appen",
                when=at(hours=3)), verdict("pay_cut", ["appen"])),
    ])
    assert ids[0] == ids[1]


async def test_a_post_about_no_known_platform_is_about_the_one_its_feed_is_named_after(
    db_sessions: async_sessionmaker[AsyncSession]
) -> None:
    """A review-site item names no platform in its words; its feed does."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("v1", "xAI just cut most of the generalist AI tutors", "a few hundred people "
                "at least, slack access revoked mid-shift.", sub="WorkOnline"),
         verdict("layoff", ["xai"], tier="generalist")),
        (press("v2", '"Let go with 400+ others"', "Former AI Tutor (General). Cons: mass cut "
               "of general tutors, access gone before the email arrived.",
               feed="Glassdoor: xAI reviews", when=at(days=3)),
         verdict("layoff", ["other"], tier="generalist")),
    ])
    assert ids[0] == ids[1]
