"""Matching evidence that depends on the kind of event: tiers inside a tier shift."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_an_expert_report_of_a_move_to_experts_joins_the_tier_shift(
    db_sessions: Sessions
) -> None:
    """A tier shift moves generalist work to experts: a report of the move that speaks of
    the experts is the same event, not an expert report against a generalist one."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Are the general crowd tasks going away?",
                "Email today: general labelling is phased out by the 20th and moves to the "
                "expert network.", sub="Toloka"),
         verdict("tier_shift", ["toloka"], tier="generalist")),
        (press("s2", "Toloka drops 300 crowd taggers in favour of PhDs - Sifted",
               when=at(hours=20)), verdict("layoff", ["toloka"], tier="generalist")),
        (press("s3", "Toloka rebuilds its crowd business around domain experts - EU-Startups",
               when=at(days=2, hours=4)), verdict("restructuring", ["toloka"], tier="expert")),
    ])
    assert ids[0] == ids[1] == ids[2]

