"""A moderator relaying the company's word in its community: a denial the company's own."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.sources import SourceReader
from bot.platforms import PlatformRegistry
from bot.records import PostRecord
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
LAYOFFS = "Turing lays off 12% of its staff in reorganization"


def confirmed(ext: str) -> list[tuple[PostRecord, object]]:
    """Staff layoffs two outlets told: an event the press confirmed."""
    return [
        (press(f"{ext}1", f"{LAYOFFS} - Valley Wire", "Turing cut 12% of its staff.",
               url=f"https://valleywire.example/{ext}1"), verdict("layoff", ["turing"])),
        (press(f"{ext}2", "Remote hiring startup Turing cuts 12% of employees - Startup Ledger",
               "The company let go about one in eight employees, people familiar said.",
               url=f"https://startupledger.example/{ext}2", when=at(hours=3)),
         verdict("layoff", ["turing"])),
    ]


DENIAL = ("Clarification about this week's news",
          "This week's staff reduction did not affect developers. Reports that 12% of "
          "developers were laid off are inaccurate; the layoffs were of staff only.")


@pytest.mark.parametrize("author", ["turing_community_mod", "Turing_Support"])
async def test_a_moderators_relayed_statement_disputes_a_confirmed_event(
    db_sessions: Sessions, author: str
) -> None:
    """Two outlets confirmed the layoffs; the platform's moderator relays the company's
    word that they are not as told: it disputes the event, as the company's own would."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *confirmed("m"),  # type: ignore[list-item]
        (reddit("m3", *DENIAL, sub="turing_devs", author=author, when=at(days=2)),
         verdict("none", ["turing"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_members_denial_does_not_dispute_a_confirmed_event(
    db_sessions: Sessions
) -> None:
    """The same words from a member of the community: the press's confirmation stands."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *confirmed("u"),  # type: ignore[list-item]
        (reddit("u3", *DENIAL, sub="turing_devs", author="dev_in_lisbon", when=at(days=2)),
         verdict("none", ["turing"], denial=True)),
    ])
    assert ids[0] == ids[1] and ids[2] is None


def test_who_speaks_for_a_platform() -> None:
    """A staff word and the platform's name or its own subreddit; either alone is not."""
    reader = SourceReader(PlatformRegistry())

    def speaks(author: str, sub: str, platforms: list[str]) -> bool:
        post = PostRecord("reddit", "x", "t", "", author=author, subreddit=sub)
        return reader.read(post, platforms).speaks_for

    assert speaks("mod_northlight", "TelusInternational", ["telus_digital"])
    assert speaks("turing_community_mod", "cscareerquestions", ["turing"])
    assert not speaks("mod_northlight", "WorkOnline", ["telus_digital"])
    assert not speaks("turing_fan_2020", "turing_devs", ["turing"])
    assert not speaks("modest_rater", "TelusInternational", ["telus_digital"])
