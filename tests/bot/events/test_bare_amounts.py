"""Pay changes written without their currency ("went from 14 to 11.50", "base 20 -> 17"):
their two ends are amounts like "$14 to $11.50", which tie a report to its event; one
worker's own figures that differ do not part it from the event."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import find_figures
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_a_pay_change_without_its_currency_gives_two_amounts() -> None:
    said = find_figures("hourly for us went from 9.80 to 7.60 on monday")
    assert said.money == (7.6, 9.8) and said.ratio == round(7.6 / 9.8, 3) and said.bare
    assert find_figures("review rate 12 -> 10.50/hr since today").money == (10.5, 12.0)
    assert not find_figures("Rate goes from $12 to $10.50").bare
    for said_text in ("cut my review time from 25 to 12 min per task",
                      "shifts went from 2 to 3 per week, same pay",
                      "pay news: team grew from 40 to 60 raters",
                      "rate dropped from 40 to 28 cents per hit",
                      "from 2 to 9 weeks of waiting for pay"):
        assert find_figures(said_text).money == (), said_text


CUT = [
    (reddit("k1", "Kenya search raters: rate now $3.40 (was $4.20)",
            "New rate card on the portal this morning, all Kenya search raters.",
            sub="Appen"), verdict("pay_cut", ["appen"])),
    (press("k2", "Kenyan AI raters see their pay cut by a fifth - Nation Africa",
           when=at(hours=20)), verdict("pay_cut", ["appen"])),
]


async def test_a_late_grumble_giving_the_cut_without_its_currency_joins_it(
    db_sessions: Sessions
) -> None:
    """Eight days on, past the join window, a worker's rant names no project and shares
    little wording, but gives the same before and after as the first report, without the
    dollar signs."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *CUT,
        (reddit("k3", "they can call it a 'market adjustment' if they like",
                "my rate on the portal goes from 4.20 to 3.40 from next cycle. that is a "
                "cut, same for every rater in my group.", sub="WorkOnline", when=at(days=8)),
         verdict("pay_cut", ["appen"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_one_workers_own_figures_without_currency_do_not_part_a_report(
    db_sessions: Sessions
) -> None:
    """"Mine went from 19 to 14" differs from the event's $20 to $15: not a second pay change,
    one worker's own rate."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("g1", "Generalist pay dropped on all my writing projects",
                "Pay page says $20/hr -> $15/hr on every generalist project.",
                sub="outlier_ai"), verdict("pay_cut", ["outlier"])),
        (reddit("g2", "megathread please, the pay cut is everywhere",
                "Dozens of posts about the generalist pay reduction. Mine went from 19 to 14 "
                "so it differs by person, but it went down for all.", sub="outlier_ai",
                when=at(hours=4)), verdict("pay_cut", ["outlier"])),
    ])
    assert ids[0] == ids[1]
