"""A headline saying how late it comes counts from the event's first burst, and places
itself after another kind of news only by the event's main names."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Verdict
from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from bot.records import PostRecord
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def _long_layoff(days: tuple[int, ...]) -> list[tuple[PostRecord, Verdict]]:
    return [(press(f"l{d}", f"Scale AI contractor cuts, day {d}: more teams told",
                   when=at(days=d)), verdict("layoff", ["scale_ai"], tier="generalist"))
            for d in days]


async def test_a_week_later_counts_from_the_first_burst_not_the_latest_report(
    db_sessions: Sessions
) -> None:
    """Cuts told from day 0 to day 20: "a week later" on day 29 is a week after nothing
    the event began with (on day 12 after a burst of days 0-4 it is: below)."""
    late = (press("w1", "A week later, laid-off taggers still wait for answers",
                  "Nothing new from the company.", when=at(days=29)),
            verdict("layoff", ["scale_ai"], tier="generalist"))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()),
                           [*_long_layoff((0, 5, 10, 15, 20)), late])
    assert len(set(ids[:5])) == 1
    assert ids[5] != ids[0]


async def test_a_week_later_past_the_window_still_ties_to_a_short_burst(
    db_sessions: Sessions
) -> None:
    soon = (press("w2", "A week later, laid-off taggers still wait for answers",
                  "Nothing new from the company.", when=at(days=12)),
            verdict("layoff", ["scale_ai"], tier="generalist"))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()),
                           [*_long_layoff((0, 4)), soon])
    assert ids[0] == ids[1] == ids[2]


async def test_a_loose_capitalised_word_does_not_place_another_kind_after_the_event(
    db_sessions: Sessions
) -> None:
    """A pay cut at the Pellwick project for raters in the Southeast; two weeks on, a
    sign-up freeze whose headline names the region in passing is its own event."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("p1", "Pellwick rate cut for the Southeast pool", "From $18 to $15.",
                sub="outlier_ai"), verdict("pay_cut", ["outlier"])),
        (reddit("p2", "Pellwick rate cut confirmed", "Southeast pool only, $15 now.",
                sub="outlier_ai", when=at(hours=20)), verdict("pay_cut", ["outlier"])),
        (press("f1", "Two weeks after, sign-ups closed for raters in the Southeast",
               "Outlier paused new applications.", when=at(days=14, hours=12)),
         verdict("hiring_freeze", ["outlier"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
