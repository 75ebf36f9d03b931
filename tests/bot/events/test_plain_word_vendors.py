"""Vendors called by an English word, and per-task rates below a cent.

A microtask site at no known platform may be called by an ordinary word ("Beacon",
"Harbor"): capitalised inside a sentence it is a name, and reports that share it tie,
however differently each writes the rest. Its rates are often fractions of a cent, which
compared to the cent are all nothing; kept to a hundredth of a cent, their change is the
same share as the one a worker gives in a day's earnings.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import NameFinder, find_figures
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
FINDER = NameFinder(["outlier", "scale", "ai", "remotasks"])


def test_an_uncommon_english_word_capitalised_inside_a_sentence_is_a_loose_name() -> None:
    names = FINDER.find("Beacon Tasks pay dropped", "the Beacon Tasks faq says so")
    assert "beacon" in names.weak and names.loose == {"beacon"}
    # the same word opening a sentence, or written small, is just a word
    assert "beacon" not in FINDER.find("Beacon pay dropped", "Beacon said so.").all
    assert "beacon" not in FINDER.find("beacon pay dropped", "").all


def test_a_frequent_english_word_capitalised_inside_a_sentence_is_no_name() -> None:
    names = FINDER.find("Pay cut on every task", "they posted a New Rate Card on the Help page")
    assert names.all == frozenset()


def test_rates_below_a_cent_keep_their_fractions() -> None:
    said = find_figures("a task paid $0.0025 and now pays $0.0015")
    assert said.money == (0.0015, 0.0025)
    assert said.ratio == 0.6
    assert find_figures("from $12 to $9.50 an hour").money == (9.5, 12.0)


async def test_reports_naming_a_plain_word_vendor_differently_join_one_event(
    db_sessions: Sessions
) -> None:
    """"Beacon Tasks cut every rate", then a day's earnings post naming "Beacon Jobs" in
    its body and a poll a week on: one pay cut at a site the registry does not know."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("p1", "Beacon Tasks just lowered every task type",
                "Per task it used to be $0.0025 and it shows $0.0015 now. The faq on the "
                "Beacon Tasks site says rates get adjusted.", sub="beermoney"),
         verdict("pay_cut", ["other"], tier="generalist")),
        (reddit("p2", "Beacon Jobs turun rate, sama?",
                "Yang kerja di Beacon Jobs, biasanya $3 per hari, sekarang $1.8 saja.",
                sub="indonesia", when=at(days=1, hours=6)),
         verdict("pay_cut", ["other"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


async def test_a_place_named_in_passing_does_not_part_a_report_from_its_event(
    db_sessions: Sessions
) -> None:
    """A loose name ("in the Southeast region") that the event lacks sets nothing apart."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("q1", "Remotasks Tessarine project gone for everyone",
                "The Tessarine queue is empty, mail says the Tessarine project has ended.",
                sub="remotasks"), verdict("project_pause", ["remotasks"])),
        (reddit("q2", "Tessarine queue empty here too", "Nothing in the Tessarine queue.",
                sub="remotasks", when=at(hours=5)), verdict("project_pause", ["remotasks"])),
        (reddit("q3", "Remotasks project gone for taskers in the Southeast region",
                "",
                sub="remotasks", when=at(hours=20)), verdict("project_pause", ["remotasks"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_name_the_events_headline_gave_opening_a_sentence_ties(
    db_sessions: Sessions
) -> None:
    """"Beacon don cut price again o" names the site only where it reads as a word; a
    thread a day on names it inside a sentence ("1/4 Beacon Jobs, the microtask site"):
    the same name."""
    posts = [
        (reddit("h1", "Beacon don cut price again o",
                "Make una check una task list. Everybody for our group see am.",
                sub="beermoney"), verdict("pay_cut", ["other"], tier="generalist")),
        (reddit("h2", "1/4 Beacon Jobs, the microtask site, lowered what tasks pay",
                "2/4 workers say most common tasks dropped", sub="WorkOnline",
                when=at(days=1)), verdict("pay_cut", ["other"], tier="generalist")),
    ]
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), posts)
    assert ids[0] == ids[1]
