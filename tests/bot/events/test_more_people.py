"""One event reaching more people: another market "too", an office "also" hit, a sibling
brand's workers getting "the same email", the move to specialists a layoff was made for; a
company's note calling the reporting about a client relationship wrong; names that are no
project's (a Reddit megathread, a city before "office")."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import NameFinder
from bot.events.vocab import DENIED_PHRASES
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_a_megathread_and_a_city_before_office_are_not_projects() -> None:
    finder = NameFinder(["turing"])
    assert "megathread" not in finder.find("Megathread: empty queues (May)", "").all
    names = finder.find("Turing cuts reach the Pune office", "Around 30 people got notice.")
    assert "pune" in names.loose  # a place: shared it ties, its own never sets it apart


async def test_an_office_also_hit_joins_the_layoff_its_chief_announced(
    db_sessions: Sessions
) -> None:
    """The founder's post and the press name him twice, his name the event's main one; the
    office a worker's headline names is where it happened, not another story."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("o1", "Ravindra Okafor on LinkedIn: a difficult day at Turing",
               "Today about 90 colleagues leave us, roughly 10% of staff. Ravindra Okafor"),
         verdict("layoff", ["turing"])),
        (press("o2", "Turing cuts about 90 staff in reorganisation",
               "Chief executive Ravindra Okafor announced the cuts.", when=at(hours=3)),
         verdict("layoff", ["turing"])),
        (reddit("o3", "Turing layoffs - Pune office also affected?",
                "A friend there says roughly 25 people from support got notice today.",
                sub="developersIndia", when=at(hours=16)),
         verdict("layoff", ["turing"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_the_move_to_specialists_days_after_the_generalist_layoff_joins_it(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("f1", "Mass offboarding of generalists tonight",
                "Everyone on general writing got the goodbye email.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("f2", "Specialist pool busier than ever?",
                "Our channel is flooded with the work the generalists did; none of us lost "
                "access.", sub="outlier_ai", when=at(days=4)),
         verdict("tier_shift", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


def test_reporting_about_a_client_relationship_called_wrong_denies_its_loss() -> None:
    said = DENIED_PHRASES["lost client"]
    assert said.search("recent reporting about one of our customer relationships is false")
    assert said.search("our work with all of our major partners continues as before")
    assert not said.search("client demand varies from week to week")


async def test_a_newsroom_note_on_the_reporting_disputes_the_lost_client(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("c1", "Invisible Technologies loses its largest lab customer",
               "A lab that made up a third of revenue is taking the work in-house."),
         verdict("client_loss", ["invisible"])),
        (press("c2", "A word on this week's coverage",
               "Reporting about one of our client relationships is wrong. Our work with "
               "our partners continues and trainers' projects are unchanged.",
               feed="https://www.invisible.co/blog/rss", url="https://www.invisible.co/blog/"
               "a-word", when=at(hours=20)),
         verdict("none", ["invisible"], denial=True)),
    ])
    assert ids[0] == ids[1]


async def test_a_megathread_weeks_later_is_not_tied_by_the_word(db_sessions: Sessions) -> None:
    """Moderators head every big story's thread "Megathread": the word names no project, so
    the next one, weeks on, is not a late report of the last."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("m1", "Megathread: Kestrel paused for everyone",
                "Keep all Kestrel pause posts here.", sub="DataAnnotationTech"),
         verdict("project_pause", ["dataannotation"])),
        (reddit("m2", "Megathread: empty dashboards (June)",
                "Post here if your dashboard is empty.", sub="DataAnnotationTech",
                when=at(days=20)),
         verdict("project_pause", ["dataannotation"])),
    ])
    assert ids[0] != ids[1]
