"""A denial says what it denies in its own words: a lost client by the relationship
that goes on, a market left by the exit the reports described."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.records import PostRecord
from tests.bot.events.support import at, event_status, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_note_that_the_customer_relationship_goes_on_disputes_the_lost_client(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("c1", "Invisible Technologies said to lose its biggest buyer of agent hours"),
         verdict("client_loss", ["invisible"])),
        (reddit("c2", "so the big account is gone? explains the quiet queue", sub="WFHJobs",
                when=at(hours=9)), verdict("client_loss", ["invisible"])),
        (press("d1", "Setting things straight",
               "A story this week claimed Invisible lost a major customer. It did not: our "
               "customer relationships continue as before.", feed="Invisible blog",
               url="https://example.org/invisible-note", when=at(days=1, hours=8)),
         verdict("none", ["invisible"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"


async def test_a_note_that_the_company_is_not_exiting_disputes_its_exit(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    ids = await one_by_one(db_sessions, grouper, [
        (press("x1", "Remotasks stops taking work from Ghana and Uganda - Reuters"),
         verdict("shutdown", ["remotasks"])),
        (reddit("x2", "email this morning: not available in your region", sub="remotasks",
                when=at(hours=5)), verdict("shutdown", ["remotasks"])),
        (press("d1", "About our contributors in Africa",
               "Some coverage described Remotasks as exiting the continent. That is wrong; "
               "we adjusted the markets we serve.", feed="Remotasks blog",
               url="https://example.org/remotasks-note", when=at(days=1, hours=10)),
         verdict("none", ["remotasks"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"


async def test_a_note_that_the_company_is_not_exiting_disputes_the_lost_client_it_follows(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A big client's loss is retold as the company leaving the business; the company's
    "we are not exiting" answers those reports: it disputes the loss's event."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("l1", "Toloka loses its largest search relevance customer - Bloomberg"),
         verdict("client_loss", ["toloka"])),
        (reddit("l2", "relevance pools empty, is the big customer really gone?", sub="Toloka",
                when=at(hours=6)), verdict("client_loss", ["toloka"])),
        (press("d1", "A note for our community",
               "Posts online say we are exiting crowd work altogether. That is not so; "
               "everyone else keeps working as before.", feed="Toloka blog",
               url="https://example.org/toloka-note", when=at(days=2, hours=12)),
         verdict("none", ["toloka"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"


async def test_reductions_denied_with_a_client_named_in_passing_still_dispute_the_layoff(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"Reports of reductions are inaccurate; the programme follows client volumes" names a
    client in passing: it denies the job cuts, as "reductions" alone does."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("j1", "Outlier ends work for about 1,500 contract evaluators - Reuters"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("j2", "whole evaluator market got the ending email", sub="outlier_ai",
                when=at(hours=10)), verdict("layoff", ["outlier"], tier="generalist")),
        (press("d1", "Statement on the evaluator programme",
               "Recent reports about reductions in our community are inaccurate. The "
               "programme follows client volumes, as it always has.",
               feed="https://outlier.ai/blog/rss", when=at(days=1, hours=12)),
         verdict("none", ["outlier"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"



@pytest.mark.parametrize(("kind", "platform", "first", "denial"), [
    ("hiring_freeze", "dataannotation",
     reddit("f0", "Sign-up page now says we're full, join the waitlist", sub="DataAnnotationTech"),
     "DataAnnotation denies a hiring freeze, says its door stays open - Wired"),
    ("shutdown", "remotasks",
     press("f1", "Remotasks leaves Ghana and Uganda, taskers locked out - Quartz"),
     "A note from the Remotasks team: we are not shutting down"),
    ("project_pause", "toloka",
     reddit("f2", "Toloka dashboard empty for everyone since Friday", sub="Toloka"),
     "Toloka denies a slowdown, says the pools refill every day - Sifted"),
], ids=["hiring freeze", "shutting down", "slowdown"])
async def test_denials_of_a_hiring_freeze_a_shutdown_or_a_slowdown_dispute_them(
    db_sessions: Sessions, grouper: Grouper, kind: str, platform: str, first: PostRecord,
    denial: str
) -> None:
    """"Denies a hiring freeze", "we are not shutting down" and "denies a slowdown" say
    which news they deny: the freeze, the exit, the drought."""
    ids = await one_by_one(db_sessions, grouper, [
        (first, verdict(kind, [platform])),
        (press("d1", denial, when=at(days=1, hours=8)), verdict("none", [platform], denial=True)),
    ])
    assert ids[0] == ids[1]
    assert await event_status(db_sessions, ids[0]) == "disputed"
