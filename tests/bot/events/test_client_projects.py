"""A client's loss and the layoff that carries it out: the loss's reports name the client,
the layoff's the project the client's work was; the two names do not set them apart."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_the_layoff_naming_the_project_a_lost_client_fed_carries_out_the_loss(
    db_sessions: Sessions
) -> None:
    """The loss's reports name the client ("Quorva takes its labelling in-house"); the
    removal email twelve days on names the project the client's work was: one event, not
    two projects."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("q1", "Scale AI loses labelling contract as Quorva takes work in-house"),
         verdict("client_loss", ["scale_ai"])),
        (press("q2", "Quorva moves annotation in-house, ending Scale AI deal - Reuters",
               when=at(hours=10)), verdict("client_loss", ["scale_ai"])),
        (reddit("q3", "Fwd: the removal email everyone on the Tessarine project got",
                "Following the end of our engagement with a major customer, the Tessarine "
                "project has ended and your access is removed.", sub="remotasks",
                when=at(days=13)), verdict("layoff", ["remotasks"])),
    ])
    assert ids[0] == ids[1] == ids[2]
