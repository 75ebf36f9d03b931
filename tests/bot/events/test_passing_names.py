"""A busy week at one platform: a report of another kind that names the other event's
project only in passing ("not Kestrel", "first Kestrel, now this") is not its report."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import named_before
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]

KESTREL = [
    (reddit("k1", "kestrel just stopped?", "Queue went to zero at noon, channel locked, 300 of "
            "us in it.", sub="mercor_ai"), verdict("project_pause", ["mercor"], tier="expert")),
    (reddit("k2", "well that's it for Kestrel", "My contract shows ENDED this afternoon.",
            sub="mercor_ai", when=at(hours=20)), verdict("layoff", ["mercor"], tier="expert")),
]


def test_what_came_first_is_named_in_passing() -> None:
    assert named_before("first kestrel now this") == {"kestrel"}
    assert named_before("First Quarry, then the PH rates, now this.") == {"quarry", "then",
                                                                          "the", "ph", "rates"}
    assert named_before("Kestrel is over, first time I've seen that") == frozenset()


async def test_a_pay_cut_naming_the_ended_project_in_passing_is_its_own_event(
    db_sessions: Sessions
) -> None:
    """The generalist rate cut the next day names Kestrel in its body ("not Kestrel") and
    then in a "first Kestrel, now this" headline: both reports of the rate cut."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *KESTREL,
        (reddit("p1", "rate on the general writing pool dropped $25 -> $18??",
                "Signed the renewed contract and the hourly is now $18. not kestrel, this is "
                "the generalist pool.", sub="mercor_ai", when=at(days=1, hours=6)),
         verdict("pay_cut", ["mercor"], tier="generalist")),
        (reddit("p2", "first kestrel now this",
                "the kestrel people got cut monday and today the rest of us got a 28% haircut "
                "on the generalist rate.", sub="mercor_ai", when=at(days=1, hours=18)),
         verdict("pay_cut", ["mercor"], tier="generalist")),
    ])
    assert ids[0] == ids[1]
    assert ids[2] == ids[3] and ids[2] != ids[0]


async def test_a_project_an_event_names_only_in_passing_does_not_draw_its_headlines(
    db_sessions: Sessions
) -> None:
    """A long thread on the Marrowdale pause says Tessellate is a different thing; the
    next "Tessellate: ..." headline is about the Tessellate rate change, whose reports'
    headlines name it, though it reads more like the thread."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("t1", "Tessellate new rate", "Tessellate transcription: the rate goes from "
                "$18 to $13 per audio hour from Monday.", sub="OneForma"),
         verdict("pay_cut", ["oneforma"])),
        (reddit("m1", "Marrowdale paused: a longer thread for the other locales", "Marrowdale "
                "was paused for all locales on Monday. The status page says the client "
                "reviews the guidelines. Tessellate is a different thing, that one is a rate "
                "change. Is the Italian locale coming back for us?", sub="OneForma",
                when=at(hours=12)), verdict("project_pause", ["oneforma"])),
        (reddit("t2", "Tessellate: is it for all locales? Italian here", "Email says all "
                "locales. Some of us in the Italian group stopped already.", sub="OneForma",
                when=at(hours=30)), verdict("layoff", ["oneforma"])),
    ])
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]
