"""Hiring drives run for weeks: a later report of one costs less for its days than a
report of a cut does, and two drives at one platform that want other people (language
work, expertise in a subject) stay two events."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import FeatureReader, Incoming
from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_a_report_names_the_family_of_roles_it_recruits() -> None:
    reader = FeatureReader(PlatformRegistry())

    def roles(title: str, body: str = "") -> frozenset[str]:
        post = reddit("r1", title, body)
        return reader.read(Incoming(1, post, at(), verdict("hiring_expansion", ["outlier"]),
                                    None)).roles

    assert roles("Quarrington wants bilingual raters for Korean and Thai") == {"languages"}
    assert roles("Recruiter pinged me: they need chemists and physicians") == {"subjects"}
    assert roles("Signed up last night", "They said the pool is for software engineers "
                 "and translators.") == {"languages", "subjects"}
    assert roles("Lots of people joining this month") == frozenset()


def test_ordinary_words_name_no_family_of_roles() -> None:
    """A field or a subject is everyday talk too: only the people wanted name a family."""
    reader = FeatureReader(PlatformRegistry())

    def roles(title: str, body: str = "") -> frozenset[str]:
        post = reddit("r1", title, body)
        return reader.read(Incoming(1, post, at(), verdict("hiring_expansion", ["outlier"]),
                                    None)).roles

    assert roles("Can they legally onboard this many?", "Honestly is it even legal") \
        == frozenset()
    assert roles("signup form is down again", "guess the devs pushed a bad build") \
        == frozenset()
    assert roles("Waiting on approval", "Most of the hold-ups stem from the ID check.") \
        == frozenset()
    assert roles("New queue layout", "The colour coding on the task board is confusing, "
                 "and the medical disclaimer popup too.") == frozenset()


async def test_a_worker_telling_of_a_drive_days_after_its_launch_joins_it(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """Five days after the press told of a drive, a worker says the intake is chaotic but
    huge: little wording in common, but a drive is told for weeks, unlike a cut."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("n1", "Labelbox opens Alignerr network to thousands of experts",
               "The company will take on experts to evaluate model outputs."),
         verdict("hiring_expansion", ["alignerr"], tier="expert")),
        (reddit("w1", "so many new faces in the onboarding channel lately",
                "Support is swamped, approvals take forever.", sub="alignerr",
                when=at(days=5)),
         verdict("hiring_expansion", ["alignerr"], tier="expert")),
    ])
    assert ids[1] == ids[0]


async def test_a_pause_told_days_later_still_pays_the_full_cost_of_its_days(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """The cheaper days are a drive's: the same few shared words five days after a pause
    are as likely the platform's next story."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("n1", "Labelbox halts Alignerr evaluation work for two weeks",
               "The company paused evaluation queues."),
         verdict("project_pause", ["alignerr"])),
        (reddit("w1", "so many empty dashboards in the channel lately",
                "Support is swamped, nobody answers.", sub="alignerr", when=at(days=5)),
         verdict("project_pause", ["alignerr"])),
    ])
    assert ids[1] != ids[0]


async def test_a_drive_for_linguists_days_after_one_for_scientists_is_its_own_event(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """The week a platform courts doctorates in the sciences, its workers see a wave of
    multilingual raters onboarded: two drives, which nothing but the platform and the kind
    ties together."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("s1", "now they want physicists and chemists at $55/hr",
                "Recruiter DMs for PhD holders only."),
         verdict("hiring_expansion", ["outlier"], tier="expert")),
        (reddit("l1", "Outlier bringing in loads of multilingual taskers this week",
                "My whole Portuguese group got approved.", when=at(days=4)),
         verdict("hiring_expansion", ["outlier"], tier="expert")),
    ])
    assert ids[1] != ids[0]


async def test_an_expert_network_recruiting_several_subjects_is_one_drive(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """An expert network wants engineers one day and physicians and attorneys the next:
    the subjects are one family of roles, its reports each naming a few."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("m1", "micro1 to add 4,000 experts to its AI training network",
               "Engineers for code review are first in line."),
         verdict("hiring_expansion", ["micro1"], tier="expert")),
        (reddit("m2", "micro1 recruiter wants physicians and attorneys, 4,000 seats",
                "Got the message this morning.", sub="WorkOnline", when=at(days=2)),
         verdict("hiring_expansion", ["micro1"], tier="expert")),
    ])
    assert ids[1] == ids[0]


async def test_a_chain_of_vague_posts_does_not_carry_a_drive_into_the_next_one(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """A drive for nurses, a vague post about the crowd six days on, and six days later a
    drive for accountants at the same network: the cheaper days are counted from the
    drive's first report, so the vague post in between does not stretch it to the second."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("d1", "Mercor seeks 400 nurses to grade clinical chatbot answers",
               "The network said the nurses would review model replies part time."),
         verdict("hiring_expansion", ["mercor"], tier="expert")),
        (reddit("d2", "the Mercor discord doubled overnight",
                "Everyone and their cousin is getting in.", sub="mercor", when=at(days=6)),
         verdict("hiring_expansion", ["mercor"], tier="expert")),
        (reddit("d3", "Mercor opening a pool for tax accountants",
                "Applied this morning, separate intake form.", sub="mercor",
                when=at(days=12)),
         verdict("hiring_expansion", ["mercor"], tier="expert")),
    ])
    assert ids[1] == ids[0]
    assert ids[2] != ids[0]
