"""Decisions taken in response to a lost client are new events, unlike the layoffs that
carry the loss out."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.vocab import RESPONSE
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_what_tells_of_a_decision_in_response() -> None:
    for said in ("sama will shut its lagos delivery centre by march",
                 "the firm is closing two offices in cebu",
                 "a plan to reduce operating costs by a fifth",
                 "cost-cutting after the contract ended",
                 "the program aims to save $4m a year",
                 "moving to a managed delivery model",
                 "the firm will shut its westlands annex next month",
                 "closing the mombasa rd building"):
        assert RESPONSE.search(said), said
    for said in ("the accounts of taskers in kenya are closing",
                 "400 jobs at its nairobi centre will go",
                 "layoff/closure: layoff permanent",
                 "the hub team got offboarding emails"):
        assert not RESPONSE.search(said), said


LOSS = [
    (press("r1", "Invisible Technologies loses a major AI lab customer - The Information"),
     verdict("client_loss", ["invisible"])),
    (press("r2", "A lab walked away. Invisible's contractors in Manila paid the price - "
           "Rest of World", "Roughly 400 contractors were told this week their work ends "
           "Friday.", when=at(days=20)), verdict("layoff", ["invisible"])),
]


async def test_a_site_closed_after_a_lost_client_is_a_new_event(db_sessions: Sessions
                                                                 ) -> None:
    """It shares the platform and the city with the layoffs of a week before; closing the
    hub to save money is another decision."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *LOSS,
        (press("r3", "Invisible is closing its Manila operations hub to cut costs - Business "
               "Insider", when=at(days=27)), verdict("restructuring", ["invisible"])),
        (reddit("r4", "Slack from leadership: Manila hub closing", "'we will close the Manila "
                "hub at the end of the month'", sub="InvisibleTech", when=at(days=28)),
         verdict("restructuring", ["invisible"])),
    ])
    assert ids[0] == ids[1] != ids[2] == ids[3]


async def test_the_layoffs_that_carry_out_the_loss_still_join_it(db_sessions: Sessions
                                                                  ) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *LOSS,
        (reddit("r5", "Manila offboarding emails went out", "About 400 of us got the 'end of "
                "engagement' email, it's the lab contract thing.", sub="InvisibleTech",
                when=at(days=21)), verdict("layoff", ["invisible"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_reports_of_the_response_join_it_when_its_notice_reads_as_the_loss(
    db_sessions: Sessions
) -> None:
    """A notice of cost cuts "following customer contract termination" may be read as the
    client's loss; the press report of the cuts it announces is the same decision."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("n1", "Cost reduction initiatives following customer contract termination",
               "Appen has commenced a further cost-out program targeting savings of US$13.5 "
               "million, including a reduction of approximately 110 staff roles.",
               feed="Appen ASX announcements"), verdict("client_loss", ["appen"])),
        (press("n2", "Appen cuts 110 jobs to save $13.5m after losing major client - The "
               "Sydney Morning Herald", when=at(hours=3)), verdict("layoff", ["appen"])),
    ])
    assert ids[0] == ids[1]


async def test_a_response_read_as_a_layoff_is_still_a_new_event(db_sessions: Sessions
                                                                 ) -> None:
    """Moving the remaining staff to freelance work after the layoffs may be read as a layoff
    too, and names the same city: it is still the next decision."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *LOSS,
        (press("r6", "Invisible moves remaining Manila staff to a managed delivery model after "
               "client loss - Business Insider", when=at(days=26)),
         verdict("layoff", ["invisible"])),
    ])
    assert ids[0] == ids[1] != ids[2]
