"""One event told differently: a region named in passing, a pay cut in another market's
rates, a denial that speaks only of "reductions"."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import NameFinder
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_continents_and_world_regions_are_not_names() -> None:
    names = NameFinder(["telus"]).find("Raters in Asia and Africa cut", "across LATAM and EMEA")
    assert names.all == frozenset()


async def test_a_press_report_naming_a_region_joins_the_layoff_named_by_its_old_brand(
    db_sessions: Sessions
) -> None:
    """"Quillmark (ex-Corvane) ends rater contracts" and then "cuts thousands of raters in
    Asia": the region is where it happened, not another project."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("a1", "Outlier (ex-Corvane) mass ending rater contracts",
                "Whole Corvane market got the ending email.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("a2", "Outlier ending Corvane rater contracts for everyone",
                "Corvane raters all got the email today.", sub="outlier_ai",
                when=at(hours=6)), verdict("layoff", ["outlier"], tier="generalist")),
        (press("a3", "Outlier cuts thousands of gig raters in Asia - Rappler",
               when=at(days=1)), verdict("layoff", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_the_same_pay_cut_in_another_markets_rates_is_not_another_change(
    db_sessions: Sessions
) -> None:
    """$12 to $9.50 (21% less) for one market, $3.80 to $3.10 (18% less) for another: nearly
    the same share is one cut told twice, not two pay changes."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("m1", "Outlier hourly on the search project went from $12 to $9.50",
                "Search project hourly was $12, today it shows $9.50.", sub="outlier_ai"),
         verdict("pay_cut", ["outlier"], tier="generalist")),
        (reddit("m2", "Outlier rate cut for India too",
                "For India it used to be $3.80 an hour, now it is $3.10.",
                sub="outlier_ai", when=at(hours=14)),
         verdict("pay_cut", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


async def test_a_pay_cut_of_a_far_other_share_stays_apart(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("n1", "Outlier hourly on the search project went from $12 to $9.50",
                "Search project hourly was $12, today it shows $9.50.", sub="outlier_ai"),
         verdict("pay_cut", ["outlier"], tier="generalist")),
        (reddit("n2", "Outlier rate cut for India too",
                "For India it used to be $3.80 an hour, now it is $2.10.",
                sub="outlier_ai", when=at(hours=14)),
         verdict("pay_cut", ["outlier"], tier="generalist")),
    ])
    assert ids[0] != ids[1]


async def test_a_statement_calling_reports_of_reductions_inaccurate_disputes_the_layoff(
    db_sessions: Sessions
) -> None:
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "Outlier mass ending evaluator contracts",
                "My whole market got the engagement ending email.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (press("d2", "Outlier ends work for about 2,000 contract evaluators",
               when=at(hours=20)), verdict("layoff", ["outlier"], tier="generalist")),
        (press("d3", "Statement regarding the evaluator program",
               "Recent reports about reductions in our community are inaccurate; the "
               "program is rebalanced across markets.", feed="https://outlier.ai/blog/rss",
               when=at(days=2)), verdict("none", ["outlier"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_no_reduction_to_rates_does_not_dispute_a_layoff(db_sessions: Sessions) -> None:
    """"No reduction to hourly rates" denies a pay cut: beside a layoff and a pay cut at
    the platform, it goes to the pay cut."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("r1", "Outlier mass ending evaluator contracts",
                "My whole market got the engagement ending email.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("r2", "Outlier hourly went from $12 to $9.50 on the search project",
                "Search hourly cut today.", sub="outlier_ai", when=at(hours=3)),
         verdict("pay_cut", ["outlier"], tier="generalist")),
        (press("r3", "Statement on contributor rates",
               "There has been no reduction to hourly rates on the search project.",
               feed="https://outlier.ai/blog/rss", when=at(hours=20)),
         verdict("none", ["outlier"], denial=True)),
    ])
    assert ids[2] == ids[1]
