"""A count of one batch, office, team or channel is a part of an event's total, not another
total: it neither counts against the event nor makes a late report another round. A total
of its own, or a part larger than the event's total, still does."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import counted_as_parts, find_figures
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def _parts(text: str) -> list[int]:
    figures = find_figures(text)
    return [h for h in figures.heads if h in figures.parts]


def test_counts_written_as_a_part_of_a_whole() -> None:
    assert _parts("Passed the test, and my intake group alone had 90 people.") == [90]
    assert _parts("About 75 of us on the Heronfield team got the same email") == [75]
    assert _parts("12 people on my team were let go on the call") == [12]
    assert _parts("Everyone in our Telegram group (60+ taskers) sees it") == [60]
    assert _parts("~130 people in the project Discord, all paused") == [130]
    assert _parts("Our WhatsApp group has 45+ workers, same email") == [45]
    assert _parts("The Cebu site lost 70 agents just in the night shift") == [70]
    assert _parts("Whole audio tagging team, around 35 of us, got the email") == [35]
    assert _parts("the entire weekend shift (~55 of us) is gone") == [55]
    assert _parts("I'm in a Discord with about 70 raters and none of us has work") == [70]
    assert _parts("we're on a Slack of 120 taskers, all idle since Friday") == [120]
    # a count the scorer reads with no word for people still counts as a part
    assert 35 in counted_as_parts("at our site alone 35 were told to go home")


def test_counts_of_everyone_are_no_parts() -> None:
    assert _parts("~350 of us out, last day Friday") == []
    assert _parts("all 60 of us go at the end of the month") == []
    assert _parts("They cut 150 of us on Monday") == []
    assert _parts("Our team lead says around 1,800 raters across three countries got it") == []
    assert _parts("My team is hiring 300+ bilingual annotators, apply below") == []
    assert _parts("Northwind lays off 250 annotators in Pune") == []
    assert _parts("Northwind let go 250 annotators in a wave of cuts") == []
    assert _parts("Northwind cuts its entire staff, 250 people, in Pune") == []
    # a whole team told of by others is the cut's own total
    assert _parts("Northwind let go its entire night review team, around 80 people") == []
    assert _parts("about 900 raters on the Saltfern programme were released") == []


HIRING = [
    (reddit("h1", "Toloka 'Heronfield' language programme recruiting ~800 bilingual "
            "annotators", "Toloka opened its Heronfield language programme and wants 800 "
            "bilingual annotators this quarter.", sub="Toloka"),
     verdict("hiring_expansion", ["toloka"], tier="expert")),
    (press("h2", "Toloka seeks 800 bilingual annotators for new language programme - Sifted",
           "Toloka is recruiting 800 bilingual annotators for its Heronfield programme.",
           when=at(hours=20)), verdict("hiring_expansion", ["toloka"], tier="expert")),
]


async def test_a_later_report_of_one_batch_stays_with_the_drive(db_sessions: Sessions) -> None:
    """A month on, one worker's onboarding batch of 120 is part of the 800 the drive seeks:
    a late report tied by the programme's name, not another decision."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *HIRING,
        (reddit("h3", "Toloka Heronfield programme - I'm in, the Tagalog track is hiring a lot",
                "Passed the Heronfield test last week and our onboarding batch alone had 120 "
                "people. Better pay than the image tasks.", sub="Toloka", when=at(days=29)),
         verdict("hiring_expansion", ["toloka"], tier="expert")),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_larger_part_or_a_total_of_its_own_is_still_another_round(
    db_sessions: Sessions
) -> None:
    """A month after "lays off 250", "in our Pune office alone 400 were let go" is larger
    than the event's whole, and "let go about 90 annotators" is a total of its own: both
    another round, though they name the company again."""
    first = [
        (press("b1", "Northwind lays off 250 annotators as mapping work slows",
               "Northwind cut 250 in-house annotators in Pune this week."),
         verdict("layoff", ["other"])),
        (reddit("b2", "Northwind layoffs - anyone affected?", "heard 250 people were cut",
                sub="pune", when=at(days=1)), verdict("layoff", ["other"])),
    ]
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *first,
        (reddit("b3", "Northwind layoffs again",
                "In our Pune office alone 400 people were let go at Northwind today.",
                sub="pune", when=at(days=31)), verdict("layoff", ["other"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


async def test_a_first_report_counting_its_channel_meets_the_total(db_sessions: Sessions
                                                                    ) -> None:
    """The first report counts the people of its own chat ("20+ people in our Signal
    group"); the press gives the total a day later ("about 500"): a part, no conflict."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Workspace access gone for the generalist tutors",
                "Kicked out of the workspace this morning. 20+ people in our Signal group, "
                "all generalists, same email: contract ends today.", sub="xai"),
         verdict("layoff", ["xai"])),
        (press("s2", "xAI ends contracts of hundreds of tutors as it favours specialists",
               "xAI ended contracts for about 500 AI tutors this week, according to people "
               "familiar with the matter.", when=at(hours=22)),
         verdict("tier_shift", ["xai"])),
    ])
    assert ids[0] == ids[1]


def test_a_layoff_listing_gives_its_count_with_no_word_for_people() -> None:
    """A WARN listing counts who it affects in a field or after the place, with no word for
    people: that is its headcount, as "41 employees" would be."""
    assert find_figures("Type: Layoff\nNumber affected: 41\nEffective date: 3/1").heads == (41,)
    assert find_figures("WARN notice: Brandt Data LLC, Dayton - 85 affected").heads == (85,)
    assert find_figures("Layoff notice filed, 120 affected by the closure").heads == (120,)
    # a count of affected things is none
    assert find_figures("the 30 affected projects are paused till Monday").heads == ()


async def test_a_layoff_listing_weeks_later_joins_by_its_count(db_sessions: Sessions) -> None:
    """Three weeks after the Dunmere release ("about 2,000 raters and roughly 40 support
    jobs in Dayton"), the state's listing "WARN notice: Appen Butler Hill Inc., Dayton" with
    "Number affected: 41" gives the count of the support jobs: a late report of it."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("b0", "Dunmere mass release (Appen) - headcount thread",
                "Dunmere is done for all of us, the email came an hour ago.", sub="Appen"),
         verdict("layoff", ["appen"])),
        (press("b1", "Appen trims its rater workforce after customer cuts volume",
               "Appen will let go about 2,000 US raters on the Dunmere programme and roughly "
               "40 support jobs in Dayton, Ohio, the company said.", when=at(hours=20)),
         verdict("layoff", ["appen"])),
        (press("b2", "WARN notice: Appen Butler Hill Inc., Dayton",
               "Company: Appen Butler Hill Inc.\nLocation: Dayton, OH\nType: Layoff\n"
               "Number affected: 41\nEffective date: 12/14",
               feed="https://esd.example.gov/warn/feed", url="https://esd.example.gov/w/1",
               when=at(days=21)),
         verdict("layoff", ["appen"])),
    ])
    assert ids[2] == ids[0]


def test_a_share_of_the_staff_is_no_headcount() -> None:
    """"Cuts about 14 percent of staff" gives a percent; read as 14 people it would stand
    against a later report's "around 60 roles" as another total."""
    assert find_figures("Vendor cuts about 14 percent of staff").heads == ()
    assert find_figures("Vendor cuts 9 per cent of employees").heads == ()
    assert find_figures("Vendor cuts about 14 percent of staff").percents == (14.0,)
    assert find_figures("Vendor cuts 140 of its staff").heads == (140,)
