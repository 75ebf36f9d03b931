"""Reports that tell of more than one thing: a roundup of two platforms, a late report
whose headline gives a fraction ("a third of us")."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from storage.queries.events import get_event
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_roundup_of_two_platforms_goes_with_the_one_its_headline_names_first(
    db_sessions: Sessions
) -> None:
    """Appen cut rates on Monday, Welocalize on Tuesday; on Wednesday "Appen and Welocalize
    both lowered rates" leads with Appen: it is a report of Appen's cut, however close in
    time and wording it is to Welocalize's, and Appen's next press joins it there too."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("a1", "Appen general raters: hourly rate lowered from $9 to $7",
                "Portal notice this morning, every general rating queue.", sub="Appen"),
         verdict("pay_cut", ["appen"], tier="generalist")),
        (reddit("w1", "Welocalize rates lowered for search raters this week",
                "Everyone on the search rating programme got the lower rate today.",
                sub="WorkOnline", when=at(days=1)),
         verdict("pay_cut", ["welocalize"], tier="generalist")),
        (reddit("r1", "Appen and Welocalize both lowered rates for raters this week",
                "Appen went first on Monday, Welocalize followed on Tuesday. Two of my "
                "sources down in one week.", sub="WorkOnline", when=at(days=1, hours=6)),
         verdict("pay_cut", ["appen", "welocalize"], tier="generalist")),
        (reddit("w2", "Welocalize support confirmed the lower rate for search raters",
                "Ticket answered: the new rate is for every search rater.", sub="WorkOnline",
                when=at(days=1, hours=20)),
         verdict("pay_cut", ["welocalize"], tier="generalist")),
    ])
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]
    assert ids[3] == ids[1]  # Welocalize named in passing made Appen's cut no Welocalize event
    async with db_sessions() as session:
        appen = await get_event(session, ids[0] or 0)
    assert appen is not None and appen.platforms == ["appen"]


async def test_a_roundup_whose_headline_names_neither_goes_with_the_one_its_body_names_first(
    db_sessions: Sessions
) -> None:
    """"Two sites closed sign-ups the same week" names no platform; its body tells
    Prolific's waitlist first and adds UHRS: a report of Prolific's waitlist, though it
    came closer in time to the UHRS news."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("p1", "New participant sign-ups: waitlist in some countries",
               "From Monday new participants in the UK and US join a waitlist.",
               feed="https://www.prolific.com/help/feed", url="https://prolific.com/h/1"),
         verdict("hiring_freeze", ["prolific"])),
        (reddit("u1", "UHRS not accepting new people anymore?",
                "Clickworker support says UHRS onboarding is closed for new members.",
                sub="clickworker", when=at(days=1, hours=8)),
         verdict("hiring_freeze", ["clickworker"])),
        (reddit("r1", "two sites closed signups same week lol",
                "prolific put new UK/US people on a waitlist monday and clickworker closed "
                "UHRS onboarding. hold on to your accounts.", sub="beermoney",
                when=at(days=2, hours=5)),
         verdict("hiring_freeze", ["clickworker", "prolific"])),
    ])
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]


async def test_a_late_report_giving_a_fraction_is_not_a_repeat(db_sessions: Sessions) -> None:
    """Nine days on, "Quillmark Lite: a third of us took the lower rate" names the ended
    project in its headline: a late report of its end. "A third of" is a share, not a
    third time; "Quillmark paused again" a month on would be the project's next story."""
    ended = [
        (reddit("q1", "Quillmark ended, 'Quillmark Lite' offered at a lower rate",
                "The email says Quillmark has finished and everyone is offboarded.",
                sub="mercor_ai"), verdict("project_pause", ["mercor"], tier="expert")),
        (press("q2", "Mercor ends Quillmark project for its tax experts - Business Insider",
               when=at(hours=20)), verdict("project_pause", ["mercor"], tier="expert")),
    ]
    late = (reddit("q3", "Quillmark Lite, nine days in: about a third of us took the lower "
                   "rate", "The rest walked. Same tasks as before.", sub="mercor_ai",
                   when=at(days=9, hours=20)), verdict("pay_cut", ["mercor"], tier="expert"))
    again = (reddit("q4", "Quillmark paused again", "Same message as last time.",
                    sub="mercor_ai", when=at(days=9, hours=20)),
             verdict("project_pause", ["mercor"], tier="expert"))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*ended, late])
    assert ids[0] == ids[1] == ids[2]
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (replace(post, external_id=f"{post.external_id}b", guild_id=7), v)
        for post, v in [*ended, again]])  # another guild's archive: none of the above
    assert ids[0] == ids[1] and ids[2] != ids[0]


async def test_parent_only_press_joins_the_brands_event_of_the_same_kind(
    db_sessions: Sessions
) -> None:
    """Workers say DataAnnotation closed sign-ups; a day later the press tells it under the
    parent's name, in its own words ("Surge AI stops onboarding"): the same action, one
    event. A different kind of news told under the parent's name stays apart."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Sign-up page says they are not taking new people",
                "A friend applied today and got a closed-for-now page after the test.",
                sub="DataAnnotationTech"), verdict("hiring_freeze", ["dataannotation"])),
        (reddit("s2", "DataAnnotation closed new sign-ups?", "Same page for two of us.",
                sub="beermoney", when=at(hours=20)),
         verdict("hiring_freeze", ["dataannotation"])),
        (press("s3", "Surge AI halts contractor onboarding as lab budgets tighten - Semafor",
               when=at(days=2)), verdict("hiring_freeze", ["surge_ai"])),
        (press("s4", "Surge AI raises expert pay for its coding network - Semafor",
               when=at(days=2, hours=2)), verdict("pay_raise", ["surge_ai"], tier="expert")),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]


async def test_languages_a_follow_up_names_do_not_set_it_apart(db_sessions: Sessions) -> None:
    """A post just short of a signal, a day after Outlier's drive to recruit 3,000
    bilingual experts, gives the figure and names the languages: a follow-up of the drive.
    Languages say whose work it is, not a project of its own the event lacks."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("b1", "Outlier to recruit 3,000 bilingual experts in 12 languages - Slator"),
         verdict("hiring_expansion", ["outlier"], tier="expert")),
        (reddit("b2", "Big bilingual push: Tagalog, Swahili and Bengali openings",
                "3,000 bilingual experts per the email, all need a degree.", sub="outlier_ai",
                when=at(days=1)),
         replace(verdict("hiring_expansion", ["outlier"], tier="expert", score=45.0,
                         signal=False), follow_up=True)),
    ])
    assert ids[1] == ids[0]


async def test_a_roundup_of_one_platforms_week_goes_with_the_news_of_its_own_kind(
    db_sessions: Sessions
) -> None:
    """Task queues at Remotasks ran dry on Monday; on Wednesday its base rate went from $15
    to $12. Friday's newsletter leads with the dry queues and lists the cut second, with its
    figures: a report of the dry queues (its kind), though the figures tie it to the cut."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("q1", "Remotasks queues empty for everyone since this morning",
                "No tasks in any of my queues, same for the whole Discord.", sub="remotasks"),
         verdict("project_pause", ["remotasks"])),
        (reddit("q2", "Still no tasks on Remotasks, day two",
                "Queues still empty for most of us.", sub="remotasks", when=at(days=1)),
         verdict("project_pause", ["remotasks"])),
        (reddit("c1", "Remotasks base rate is $12 now",
                "Base rate went from $15 to $12 on the pay page today.", sub="remotasks",
                when=at(days=2)), verdict("pay_cut", ["remotasks"])),
        (press("n1", "Crowd Notes #12: empty Remotasks queues, a rate cut, a quiet week",
               "1. Remotasks queues went dry for most taskers on Monday. 2. Separately, its "
               "base rate fell from $15 to $12. 3. Reader questions.",
               feed="Crowd Notes", when=at(days=4)), verdict("project_pause", ["remotasks"])),
    ])
    assert ids[0] == ids[1] == ids[3] != ids[2]
