"""A post naming its platform only in lower case ("surge raised the rate") meets its events."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Verdict
from bot.events.grouping import Grouper
from bot.records import PostRecord
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]
Post = tuple[PostRecord, Verdict]


def raise_news() -> Post:
    return (press("s1", "Higher base pay for our specialist reviewers", "From this week, "
                  "chemistry reviewers go from $40 to $52 an hour and clinicians from $55 to "
                  "$70.", feed="Surge AI blog"), verdict("pay_raise", ["surge_ai"]))


def general(ext: str, title: str, body: str, kind: str, days: float) -> Post:
    """A post in a general subreddit whose words the scorer finds no known platform in."""
    return (reddit(ext, title, body, sub="WorkOnline", when=at(days=days)),
            verdict(kind, ["other"]))


async def test_a_lower_case_platform_with_the_events_figures_joins_it(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"surge bumped the chem reviewer rate": the platform written small, which the scorer
    does not take, and the raise's own two ends: a report of the raise."""
    ids = await one_by_one(db_sessions, grouper, [
        raise_news(),
        general("s2", "surge bumped the chem reviewer rate", "email today, mine went 40 -> "
                "52 an hour. not bad", "pay_raise", 1),
    ])
    assert ids[0] is not None and ids[1] == ids[0]


async def test_the_word_in_lower_case_sharing_nothing_else_stays_apart(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """"a surge of new tasks" names the platform only as an English word would: with
    nothing particular in common it is news of its own."""
    ids = await one_by_one(db_sessions, grouper, [
        raise_news(),
        general("s3", "a surge of new tasks and the pay went up", "no idea which client, "
                "pay per task doubled overnight", "pay_raise", 1),
    ])
    assert None not in ids and ids[1] != ids[0]
