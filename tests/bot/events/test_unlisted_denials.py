"""A denial at a platform the bot does not list: the name it gives ties it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_company_note_denying_news_of_an_unlisted_platform_disputes_it(
    db_sessions: Sessions
) -> None:
    """A platform the bot does not list, its layoffs told under its name; its own note the
    next day reads unlike them ("reports ... are inaccurate") and names it only in the body:
    the name is what ties the denial to the event it disputes."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("n1", "Quarrow lays off 120 in-house annotators as mapping work slows",
               "Quarrow cut 120 annotators at its Pune office."), verdict("layoff", ["other"])),
        (reddit("n2", "Quarrow layoffs - anyone affected?", "our whole Quarrow pod is gone",
                sub="pune", when=at(hours=20)), verdict("layoff", ["other"])),
        (press("n3", "A note on our team",
               "Reports that Quarrow is shutting down its services are inaccurate. We changed "
               "our in-house structure; customer projects continue as normal.",
               feed="https://quarrow.example/blog/rss", when=at(days=1, hours=6)),
         verdict("none", ["other"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
