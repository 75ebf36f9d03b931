"""A complaint, lawsuit or petition over a change comes a week or two after it and tells of
it: past the join window, its headline ties it to the event of its own kind."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.text import complains
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_headlines_telling_of_a_complaint() -> None:
    assert complains("Wrote up a complaint to the labour office about the terminations")
    assert complains("Taggers sue over unpaid final invoices")
    assert complains("Petition for the offboarded reviewers - please sign")
    assert not complains("Support says there is no freeze")
    assert not complains("My account was suspended, how do I appeal?")


def _layoff() -> list:
    return [
        (reddit("l1", "Outlier just offboarded a huge chunk of reviewers",
                "Hundreds of reviewers removed overnight.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (press("l2", "Outlier cuts hundreds of contract reviewers", when=at(days=2)),
         verdict("layoff", ["outlier"], tier="generalist")),
    ]


async def test_a_complaint_over_the_layoff_ten_days_on_joins_it(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*_layoff(), (
        reddit("c1", "Wrote up a complaint to the labour office about Outlier's termination",
               "Feedback welcome before we send it.", sub="phcareers", when=at(days=12)),
        verdict("layoff", ["outlier"], tier="generalist"))])
    assert ids[0] == ids[1] == ids[2]


async def test_other_news_of_the_kind_ten_days_on_stays_apart(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*_layoff(), (
        reddit("c2", "Wrote up notes on Outlier's termination of the audio team",
               "Feedback welcome.", sub="phcareers", when=at(days=12)),
        verdict("layoff", ["outlier"], tier="generalist"))])
    assert ids[2] != ids[0]


async def test_a_complaint_a_month_on_stays_apart(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [*_layoff(), (
        reddit("c3", "Wrote up a complaint to the labour office about Outlier's termination",
               "Feedback welcome before we send it.", sub="phcareers", when=at(days=30)),
        verdict("layoff", ["outlier"], tier="generalist"))])
    assert ids[2] != ids[0]

