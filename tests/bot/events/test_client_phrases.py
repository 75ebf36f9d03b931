"""A client said to have ended the work, and a client relationship said to go on, are read
as phrases: a client and a cut named apart, or a client named in passing, say neither."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.vocab import CLIENT_ENDED, DENIED_KINDS, DENIED_PHRASES
from bot.platforms import PlatformRegistry
from storage.queries.events import get_event
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_a_client_ending_the_work_is_said_in_order() -> None:
    for said in ("the customer terminated the statement of work",
                 "our buyer is reducing the scope from june",
                 "the workstream was scaled back by the client",
                 "clients pulled their budgets this quarter",
                 "our lead says the client behind heron pulled out for good",
                 "the customer for the audio queue has ended the engagement"):
        assert CLIENT_ENDED.search(said), said
    for said in ("the queue is paused while the client reviews data; rates were cut too",
                 "we cut the intro course; client onboarding moves to may",
                 "customer support reduced its hours",
                 "the client of my friend at the bakery cut her hours"):
        assert not CLIENT_ENDED.search(said), said


def test_a_relationship_going_on_denies_a_lost_client_a_client_in_passing_does_not() -> None:
    lost = DENIED_PHRASES["lost client"]
    for said in ("our customer relationships continue as before",
                 "the relationship with that client remains strong",
                 "we have not lost the client",
                 "the buyer remains with us through 2027"):
        assert lost.search(said), said
    for said in ("rates haven't changed; client demand varies week to week",
                 "no layoffs. customers come and go in this business",
                 "we lost a few reviewers to another client"):
        assert not lost.search(said), said


def test_a_payout_withdrawal_denies_no_exit() -> None:
    exit_ = DENIED_PHRASES["exit"]
    assert exit_.search("we are not withdrawing from the philippines")
    assert not exit_.search("withdrawal to paypal takes three days")
    assert not exit_.search("can't withdraw my balance since friday")
    assert not {"withdraw", "withdrawal", "withdrawing"} & DENIED_KINDS["exit"]


async def test_a_pause_with_a_cut_said_apart_from_the_client_stays_apart_from_the_loss(
    db_sessions: Sessions
) -> None:
    """A client named where the work waits for it, and rates cut in another clause: no
    client ended the work, so the pause does not carry out the loss."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("l1", "Surge AI said to lose a large model-lab account - Semafor"),
         verdict("client_loss", ["surge_ai"])),
        (reddit("p1", "Ranking queue on hold again",
                "Support: on hold while the client looks over the last batch. Rates were "
                "cut too, by a dollar.", sub="DataAnnotationTech", when=at(days=3)),
         verdict("project_pause", ["dataannotation"], tier="generalist")),
    ])
    assert ids[1] != ids[0]


async def test_a_denial_naming_clients_in_passing_does_not_dispute_a_lost_client(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("c1", "Invisible Technologies said to lose its largest agent-hours buyer"),
         verdict("client_loss", ["invisible"])),
        (reddit("c2", "so that account is gone? the queue has been quiet", sub="WFHJobs",
                when=at(hours=7)), verdict("client_loss", ["invisible"])),
        (press("d1", "A note on pay",
               "Posts this week said our rates fell. They did not; what varies is how much "
               "work each client sends.", feed="Invisible blog",
               url="https://example.org/invisible-pay-note", when=at(days=1, hours=4)),
         verdict("none", ["invisible"], denial=True)),
    ])
    assert ids[0] is not None and ids[0] == ids[1]
    async with db_sessions() as session:
        row = await get_event(session, ids[0])
    assert row is not None and row.status != "disputed"
