"""A platform's next story is not a late report of its last one: a project named weeks on in
news of another kind, another round of layoffs with its own headcount, a pay cut with its
own before and after in the week of a layoff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_paused_project_named_weeks_later_in_news_of_a_lost_client(
    db_sessions: Sessions
) -> None:
    """"So that's why Kestrel never came back", three weeks after the Kestrel pause and a day
    after the news of the lost client: the client's story, not a late report of the pause."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("k1", "Kestrel paused for everyone, not an account thing",
                "Every Kestrel task is gone from the queue, the mods say the client paused it.",
                sub="Toloka"), verdict("project_pause", ["toloka"])),
        (reddit("k2", "Kestrel still paused?", "no Kestrel tasks again today", sub="Toloka",
                when=at(days=2)), verdict("project_pause", ["toloka"])),
        (press("k3", "Toloka loses its biggest mapping customer, sources say - Sifted",
               "The mapping customer moved its labelling work to another vendor.",
               when=at(days=22)), verdict("client_loss", ["toloka"])),
        (reddit("k4", "so that's why Kestrel never came back",
                "The mapping customer left, the whole Kestrel team got the offboarding email.",
                sub="Toloka", when=at(days=23)), verdict("layoff", ["toloka"])),
    ])
    assert ids[0] == ids[1]
    assert ids[3] != ids[0]
    assert ids[3] == ids[2]


async def test_another_round_of_layoffs_with_its_own_headcount_is_a_new_event(
    db_sessions: Sessions
) -> None:
    """"Let go about 90" a month after "lays off 250": the company named again, but another
    round; a later report of the first round, with no count of its own, still ties."""
    grouper = Grouper(PlatformRegistry())
    first = [
        (press("b1", "Brightwave lays off 250 annotators as autonomous driving work slows",
               "Brightwave cut 250 in-house annotators in Pune this week."),
         verdict("layoff", ["other"])),
        (reddit("b2", "Brightwave layoffs - anyone affected?", "heard 250 people were cut",
                sub="pune", when=at(days=1)), verdict("layoff", ["other"])),
    ]
    ids = await one_by_one(db_sessions, grouper, [
        *first,
        (reddit("b3", "Brightwave let go about 90 annotators today",
                "Another round at Brightwave, about 90 annotators from the mapping floor.",
                sub="pune", when=at(days=31)), verdict("layoff", ["other"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


async def test_a_later_report_of_the_same_round_still_ties_by_its_name(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("c1", "Brightwave lays off 250 annotators as autonomous driving work slows",
               "Brightwave cut 250 in-house annotators in Pune this week."),
         verdict("layoff", ["other"])),
        (reddit("c2", "Brightwave layoffs - anyone affected?", "heard 250 people were cut",
                sub="pune", when=at(days=1)), verdict("layoff", ["other"])),
        (reddit("c3", "Brightwave layoffs, severance finally paid",
                "Three weeks after the Brightwave layoffs the severance came through.",
                sub="pune", when=at(days=20)), verdict("layoff", ["other"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_pay_cut_with_its_own_before_and_after_in_a_layoff_week(
    db_sessions: Sessions
) -> None:
    """The people kept after a layoff told their rate was cut, $14 to $11: news of its own,
    not another report of the layoff, though a pay cut often comes with one."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("p1", "Toloka cuts hundreds of contract agents as it automates its work",
               "Toloka let go hundreds of its contract agents in Brazil and Portugal."),
         verdict("layoff", ["toloka"])),
        (reddit("p2", "Toloka layoffs", "whole Lisbon pod got the transition email",
                sub="WorkOnline", when=at(days=1)), verdict("layoff", ["toloka"])),
        (reddit("p3", "update from the Toloka agents who stayed: rate cut",
                "Those of us kept on go from $14 to $11 an hour from next month.",
                sub="WorkOnline", when=at(days=3)), verdict("pay_cut", ["toloka"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]

