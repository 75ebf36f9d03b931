"""Status, sources and the event record as reports arrive."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.settings import EventSettings
from bot.platforms import PlatformRegistry
from storage.queries.events import EventRow, event_reports, get_event
from tests.bot.events.support import at, one_by_one, place, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
TURING = "Turing to cut a tenth of its staff"


@pytest.fixture
def grouper() -> Grouper:
    return Grouper(PlatformRegistry(), EventSettings(company_feeds=("blog.turing.example",)))


async def event(sessions: Sessions, event_id: int | None) -> EventRow:
    async with sessions() as session:
        row = await get_event(session, event_id or 0)
    assert row is not None
    return row


async def test_one_author_cross_posting_is_one_source(db_sessions: Sessions,
                                                      grouper: Grouper) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("t1", "Turing cut a tenth of its staff today", sub="WorkOnline", author="ann"),
         verdict("layoff", ["turing"])),
        (reddit("t2", "Turing cut a tenth of its staff today", sub="DataAnnotationJobs",
                author="ann", when=at(hours=1)), verdict("layoff", ["turing"])),
    ])
    row = await event(db_sessions, ids[0])
    assert ids[0] == ids[1] and row.post_count == 2
    assert row.source_count == 1 and row.author_count == 1 and row.status == "reported"
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("t3", "Turing layoffs: 10% gone, memo below", sub="WorkOnline", author="bo",
                when=at(hours=2)), verdict("layoff", ["turing"])),
    ])
    row = await event(db_sessions, ids[0])
    assert row.source_count == 2 and row.author_count == 2 and row.status == "corroborated"


async def test_syndicated_copies_are_not_corroboration(db_sessions: Sessions,
                                                       grouper: Grouper) -> None:
    copies = [(press(f"gn{i}", f"{TURING} - {outlet}", when=at(hours=i)),
               verdict("layoff", ["turing"]))
              for i, outlet in enumerate(["Reuters", "Yahoo Finance", "MSN", "Investing.com"])]
    ids = await one_by_one(db_sessions, grouper, copies)
    assert len(set(ids)) == 1
    row = await event(db_sessions, ids[0])
    assert row.post_count == 4 and row.source_count == 1 and row.status == "reported"
    async with db_sessions() as session:
        reports = await event_reports(session, ids[0] or 0)
    assert [r.independent for r in reports] == [True, False, False, False]
    assert all(r.syndicated_of == reports[0].post_id for r in reports[1:])
    assert "copy of post" in reports[1].reason


async def test_two_press_outlets_confirm(db_sessions: Sessions, grouper: Grouper) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("a", f"{TURING} - Reuters"), verdict("layoff", ["turing"], score=70)),
        (press("b", "Turing lays off 10% of employees in AI push - TechCrunch",
               when=at(days=1)), verdict("layoff", ["turing"], score=75)),
    ])
    row = await event(db_sessions, ids[0])
    assert ids[0] == ids[1] and row.status == "confirmed" and row.confirmed_at == at(days=1)
    assert row.score == 81.0  # the strongest report, plus one further independent source
    assert row.magnitude is None or row.magnitude.get("percent") in (None, 10.0)


async def test_the_company_confirms_alone(db_sessions: Sessions, grouper: Grouper) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("r", "Turing layoffs today, a tenth of staff", sub="WorkOnline"),
         verdict("layoff", ["turing"])),
        (press("c", "An update on our team", "Today we are reducing our team by 10%.",
               feed="https://blog.turing.example/rss", url="https://blog.turing.example/update",
               when=at(hours=3)), verdict("layoff", ["turing"])),
    ])
    row = await event(db_sessions, ids[0])
    assert ids[0] == ids[1] and row.status == "confirmed"
    assert row.title == "An update on our team"  # the company's own headline leads


async def test_a_credible_denial_disputes_until_the_company_speaks(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("p1", "Mercor cut contractor pay on the Halyard project", sub="mercor_ai"),
         verdict("pay_cut", ["mercor"])),
        (reddit("p2", "Halyard pay cut confirmed, everyone got the email", sub="mercor_ai",
                when=at(hours=2)), verdict("pay_cut", ["mercor"])),
        (press("d1", "Mercor disputes reports it cut contractor pay on Halyard - Semafor",
               when=at(days=1)), verdict("none", ["mercor"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    row = await event(db_sessions, ids[0])
    assert row.status == "disputed" and row.post_count == 2
    async with db_sessions() as session:
        roles = [r.role for r in await event_reports(session, ids[0] or 0)]
    assert roles == ["report", "report", "denial"]
    await one_by_one(db_sessions, grouper, [
        (press("c1", "Changes to Halyard pay", "We lowered Halyard rates this week.",
               feed="https://mercor.com/blog/rss", url="https://mercor.com/blog/halyard",
               when=at(days=2)), verdict("pay_cut", ["mercor"])),
    ])
    assert (await event(db_sessions, ids[0])).status == "confirmed"


async def test_a_community_denial_does_not_dispute_a_confirmed_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("a", f"{TURING} - Reuters"), verdict("layoff", ["turing"])),
        (press("b", "Turing lays off 10% of staff - CNBC", when=at(hours=5)),
         verdict("layoff", ["turing"])),
        (reddit("d", "Turing layoffs are fake news, nobody I know was cut", sub="WorkOnline",
                when=at(days=1)), verdict("none", ["turing"], denial=True)),
    ])
    assert ids[2] is None
    assert (await event(db_sessions, ids[0])).status == "confirmed"


async def test_quiet_events_close_and_a_later_report_opens_a_new_one(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    first = await place(db_sessions, grouper, [
        (reddit("e1", "Appen paused all search eval projects", sub="Appen"),
         verdict("project_pause", ["appen"]))])
    later = await place(db_sessions, grouper, [
        (reddit("e2", "Appen paused all search eval projects again", sub="Appen",
                when=at(days=20)), verdict("project_pause", ["appen"]))])
    old = first.placements[0].event_id
    assert later.placements[0].opened and later.placements[0].event_id != old
    closed = [c for c in later.changes if c.event_id == old]
    assert closed and closed[0].status_before == "reported" and closed[0].status_after == "closed"
    assert closed[0].revision == 2
    assert (await event(db_sessions, old)).status == "closed"


async def test_revision_counts_changes_and_figures_come_from_the_best_source(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    pay = {"pay_before": 24.0, "pay_after": 18.0, "pay_unit": "hour", "currency": "USD",
           "percent": None, "headcount": None, "text": "$24 to $18"}
    heads = {"pay_before": None, "pay_after": None, "pay_unit": None, "currency": None,
             "percent": None, "headcount": 1000, "text": "1,000 contractors"}
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("f1", "Atlas project ended, new offer $18 instead of $24", sub="micro1"),
         verdict("pay_cut", ["micro1"], magnitude=pay)),
        (press("f2", "micro1 ends Atlas project, 1,000 contractors out - Business Insider",
               when=at(hours=6)), verdict("layoff", ["micro1"], magnitude=heads, score=90)),
    ])
    row = await event(db_sessions, ids[0])
    assert ids[0] == ids[1] and row.revision == 2
    assert row.magnitude is not None
    assert (row.magnitude["pay_before"], row.magnitude["pay_after"]) == (24.0, 18.0)
    assert row.magnitude["headcount"] == 1000
    assert row.event_type == "layoff"  # the stronger report leads
    assert row.title.startswith("micro1 ends Atlas project")
    assert row.first_seen == at() and row.last_seen == at(hours=6)


async def test_a_denial_whose_verdict_names_no_platform_disputes_the_event_its_text_names(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A newsroom statement titled only "Statement regarding our contributors" names the
    platform in its body: it disputes that platform's event."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("t1", "TELUS Digital to cut 400 AI Community raters - Reuters"),
         verdict("layoff", ["telus_digital"])),
        (press("t2", "Statement regarding our contributors",
               "Reports suggesting job cuts in the TELUS Digital AI Community are inaccurate.",
               feed="Corporate newsroom", url="https://example.org/statement",
               when=at(hours=20)), verdict("none", [], denial=True)),
    ])
    assert ids[1] == ids[0]
    assert (await event(db_sessions, ids[0])).status == "disputed"


async def test_a_denial_disputes_the_event_of_the_kind_it_denies(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A busy week: rates cut, then a project ended. "No change to hourly rates" denies the
    rate cut, however recent the project's end."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("r1", "PH raters: hourly goes from $5.40 to $4.10", sub="Appen"),
         verdict("pay_cut", ["appen"])),
        (press("r2", "Appen trims pay for Asian rating contractors - Rappler",
               when=at(hours=4)), verdict("pay_cut", ["appen"])),
        (reddit("q1", "Bramblewood is done??", "The Bramblewood project ended for the "
                "whole US team.", sub="Appen", when=at(days=1)),
         verdict("project_pause", ["appen"])),
        (reddit("d1", "Mod post: the company's response",
                "The company asked us to share: the figures in the press are inaccurate. "
                "There is no change to hourly rates on current contracts.", sub="Appen",
                author="appen_mods", when=at(days=1, hours=6)),
         verdict("none", ["appen"], denial=True)),
    ])
    assert ids[0] == ids[1] != ids[2]
    assert ids[3] == ids[0]
    assert (await event(db_sessions, ids[0])).status == "disputed"


async def test_a_denial_sharing_only_the_platform_disputes_nothing(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A post read as a denial that has nothing in common with the open event but its
    platform (a question about a CV, denying nothing the event is about) leaves the
    hiring drive as it was: no disputed status, no reply in the channel."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("h1", "micro1 to hire 3,000 medical transcriptionists for speech data - Axios"),
         verdict("hiring_expansion", ["micro1"])),
        (reddit("q1", "what should i put on my cv for ai trainer gigs (micro1, turing)?",
                "Not true that you need a degree, right? Asking for tips.", sub="WFHJobs",
                when=at(days=2)), verdict("none", ["micro1"], denial=True)),
    ])
    assert ids[1] is None
    assert (await event(db_sessions, ids[0])).status == "reported"


async def test_denials_of_a_gutted_team_or_a_closed_office_dispute_their_events(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A denial names what it denies in its own words: the team "gutted", the office
    "closure", the operation "fully operational"; each counts for the event of that kind."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("g1", "xAI just cut most of the generalist AI tutors",
                "slack access revoked mid-shift, a few hundred people at least.", sub="xai"),
         verdict("layoff", ["xai"], tier="generalist")),
        (press("g2", "Reports that xAI is 'gutting' its tutor programme are false, we are "
               "growing it", feed="X: @xai", when=at(hours=6)),
         verdict("none", ["xai"], denial=True)),
        (reddit("o1", "memo re: the Kampala office", "we have decided to close the Kampala "
                "operations office at the end of March.", sub="remotasks", when=at(days=3)),
         verdict("restructuring", ["remotasks"])),
        (press("o2", "Scale AI says Remotasks remains fully operational in Uganda - Daily "
               "Monitor", when=at(days=4, hours=12)),
         verdict("none", ["remotasks", "scale_ai"], denial=True)),
    ])
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    assert (await event(db_sessions, ids[0])).status == "disputed"
    assert (await event(db_sessions, ids[2])).status == "disputed"


async def test_denials_of_closed_registration_or_a_discontinued_programme_dispute_them(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A company note says registration is not closed, or the programme is not being
    discontinued (its headline opening with "Clarification", an ordinary word, not a
    project of its own): each disputes the event of that kind."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("s1", "Cannot sign up new accounts in several countries",
                "New users get 'registration unavailable in your region' in three countries.",
                sub="Toloka"), verdict("hiring_freeze", ["toloka"])),
        (press("s2", "About account registration", "Some users say registration is closed. "
               "That is not so: we remain open to new users everywhere.",
               feed="Toloka blog", when=at(days=1)), verdict("none", [], denial=True)),
        (reddit("p1", "Quarrel queue paused for all raters", "The Quarrel project is paused "
                "until further notice, memo says.", sub="TelusInternational",
                when=at(days=3)), verdict("project_pause", ["telus_digital"])),
        (reddit("p2", "Quarrel still paused, day two", "Quarrel project still down.",
                sub="TelusInternational", when=at(days=4)),
         verdict("project_pause", ["telus_digital"])),
        (press("p3", "Clarification regarding a rating program", "Posts say one of our "
               "rating programs is being discontinued. That is not accurate; work will "
               "resume.", feed="TELUS International newsroom", when=at(days=5, hours=6)),
         verdict("none", [], denial=True)),
    ])
    assert ids[0] == ids[1] and ids[2] == ids[3] == ids[4] and ids[0] != ids[2]
    assert (await event(db_sessions, ids[0])).status == "disputed"
    assert (await event(db_sessions, ids[2])).status == "disputed"


async def test_a_denial_of_cutting_the_workforce_disputes_the_layoff(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A company note says it "has not reduced its workforce" (or disputes reports about its
    staffing), naming no layoff: those words deny job cuts, so it disputes the layoff."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("w1", "whole search rater team let go today", "About 90 of us on the search "
                "rating team got the end-of-assignment email.", sub="GoogleRaters"),
         verdict("layoff", ["globallogic"])),
        (press("w2", "GlobalLogic trims search rating contractors - Austin Business Journal",
               when=at(hours=20)), verdict("layoff", ["globallogic"])),
        (press("w3", "A note on our rating programme", "GlobalLogic has not reduced its "
               "workforce. Some colleagues are moving to other programmes.",
               feed="GlobalLogic newsroom", when=at(days=1, hours=6)),
         verdict("none", ["globallogic"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert (await event(db_sessions, ids[0])).status == "disputed"


async def test_a_denial_of_a_work_drought_disputes_it(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """Workers say the queue dried up; a regular says the site is not dead and work comes in
    waves: words that deny a drought, as "not paused" denies a pause, so it disputes it."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "queue empty since friday?", "Nothing on the dashboard for three days, "
                "same for everyone in our group chat.", sub="Toloka"),
         verdict("project_pause", ["toloka"])),
        (reddit("d2", "toloka has had no tasks all week", "Five days of zero tasks here.",
                sub="beermoney", when=at(days=1)), verdict("project_pause", ["toloka"])),
        (reddit("d3", "Toloka is not dead, calm down", "Been here years. Work comes in "
                "waves and every lull this sub panics. Nobody was removed.", sub="Toloka",
                when=at(days=2, hours=8)), verdict("none", ["toloka"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert (await event(db_sessions, ids[0])).status == "disputed"
