"""A parent company named on one side, its brand on the other: one company's news."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_the_parents_lost_client_meets_its_brands_ended_project(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """The brand's workers see their project end; the next day the press names only the
    parent and the client that left it, in its own words: one story of one company."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("b1", "Tamarind (mapping) ended for everyone this morning",
                "Tamarind is gone from the task list, the email thanks us for our "
                "contributions. The whole mapping channel lost it at once.", sub="remotasks"),
         verdict("project_pause", ["remotasks"])),
        (press("b2", "Corvalis Freight ends mapping data-labeling deal with Scale AI - Cargo Desk",
               when=at(hours=28)), verdict("client_loss", ["scale_ai"])),
    ])
    assert ids[0] == ids[1]


async def test_the_parent_naming_the_brands_freeze_joins_it(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A comment on the parent's worker site, two days after the brand's own sign-ups
    closed, told in other words: the same freeze."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("f1", "DA sign-ups closed? everyone gets the waitlist page",
                "Two coworkers tried to register today and only got the waitlist message.",
                sub="DataAnnotationTech"), verdict("hiring_freeze", ["dataannotation"])),
        (press("f2", "Re: Who trains the chatbots?",
               "Surge's worker portal has put each new applicant on hold since the start of "
               "the week, several acquaintances saw it.",
               feed="https://news.ycombinator.com/rss", when=at(days=2, hours=10)),
         verdict("hiring_freeze", ["surge_ai"])),
    ])
    assert ids[0] == ids[1]


async def test_two_brands_of_one_parent_stay_apart_on_the_parent_alone(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """Two sibling brands are two pools of workers: another brand's freeze in other words
    two days later is not the first one's."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("s1", "Remotasks sign-ups closed? everyone gets the waitlist page",
                "Two coworkers tried to register today and only got the waitlist message.",
                sub="remotasks"), verdict("hiring_freeze", ["remotasks"])),
        (reddit("s2", "Outlier onboarding on hold",
                "The portal has put each new applicant on hold since the start of the week, "
                "several acquaintances saw it.", sub="outlier_ai", when=at(days=2, hours=10)),
         verdict("hiring_freeze", ["outlier"])),
    ])
    assert ids[0] != ids[1]
