"""A post comparing two platforms' news goes with the one its headline leads with."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from tests.bot.events.support import at, one_by_one, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_comparison_joins_the_platform_its_headline_leads_with(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """Appen cut general rates on Monday, Welocalize its Tamberlin experts' on Tuesday; on
    Wednesday "Appen cut general rates to $10 and Welocalize cut Tamberlin to $30" leads with
    Appen. It names Welocalize's project and gives both its figures, and scores more with
    that event, but it is a report of Appen's cut, compared."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("a1", "base rate $12 -> $10 on all general projects??",
                "Appen dashboard shows the new rate on every general project.", sub="Appen"),
         verdict("pay_cut", ["appen"], tier="generalist")),
        (reddit("w1", "Welocalize has reduced Tamberlin rates from $40 to $30",
                "Everyone on the Tamberlin expert cohort got the same email.",
                sub="WorkOnline", when=at(days=1)),
         verdict("pay_cut", ["welocalize"], tier="expert")),
        (reddit("c1", "Appen cut general rates to $10 and Welocalize cut Tamberlin to $30 in "
                "the same week", "Appen's general pool went from $12 to $10 and Welocalize's "
                "Tamberlin cohort from $40 to $30. Who is next?", sub="WorkOnline",
                when=at(days=2)),
         verdict("pay_cut", ["appen", "welocalize"], tier="generalist")),
    ])
    assert ids[0] != ids[1]
    assert ids[2] == ids[0]
