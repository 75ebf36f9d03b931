"""News asked about and news denied (dev_28): a short headline asking whether the news
reached more people ("HU market too?", "no tasks for all?") joins the open event as a
follow-up though it shares few words with it; a company's note denies a cut in hours, or
a market exit told as the workers' lost work, in its own words; a pasted pay band holding
the event's new rate is no other change."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Verdict
from bot.events.grouping import Grouper
from bot.events.names import find_figures
from bot.events.vocab import ADDS
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, event_status, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def _follow_up(event_type: str, platforms: list[str], tier: str = "unknown") -> Verdict:
    """A post scored just short of a signal, handed on as a follow-up."""
    return replace(verdict(event_type, platforms, score=45.0, tier=tier), is_signal=False,
                   follow_up=True)


def test_a_headline_asking_whether_everyone_got_it() -> None:
    for title in ("no tasks for all?", "queue empty for everyone ?",
                  "is the dashboard down for everybody?"):
        assert ADDS.search(title), title
    for title in ("paused for all contributors", "one login for all of your projects",
                  "for everyone asking why the queue is empty"):
        assert not ADDS.search(title), title


async def test_another_market_too_joins_as_a_follow_up(db_sessions: Sessions) -> None:
    """Three words share little with the event's reports; "too" says it is the same news
    for one more market, as a signal's headline would."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("m1", "Belgian market closing on our rating programme, email came today",
                "Our market closes on 15 March and our contracts end that day.",
                sub="TelusInternational"),
         verdict("layoff", ["telus_digital"], tier="generalist")),
        (reddit("m2", "Austria closing as well - programme over for us on 15.3",
                "Same email, our locale ends on the 15th.", sub="TelusInternational",
                when=at(hours=3)),
         verdict("layoff", ["telus_digital"], tier="generalist")),
        (reddit("m3", "Slovak raters too?", "", sub="TelusInternational", when=at(days=1)),
         _follow_up("layoff", ["telus_digital"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2] is not None


async def test_a_drought_asked_about_for_everyone_joins_as_a_follow_up(
    db_sessions: Sessions
) -> None:
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "Clickworker UHRS queue totally empty since Monday?",
                "Not a single HitApp for three days now, on two accounts.", sub="clickworker"),
         verdict("project_pause", ["clickworker"])),
        (reddit("d2", "UHRS vazio - sem tarefas for all?", "", sub="clickworker",
                when=at(days=1)),
         _follow_up("project_pause", ["clickworker"])),
    ])
    assert ids[1] == ids[0] is not None


async def test_a_short_question_that_adds_no_one_stays_out(db_sessions: Sessions) -> None:
    """Without a headline saying more people got it, a follow-up this unlike the event
    still needs something particular to it or close wording."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("n1", "Belgian market closing on our rating programme, email came today",
                "Our market closes on 15 March and our contracts end that day.",
                sub="TelusInternational"),
         verdict("layoff", ["telus_digital"], tier="generalist")),
        (reddit("n2", "Slovak raters?", "", sub="TelusInternational", when=at(days=1)),
         _follow_up("layoff", ["telus_digital"], tier="generalist")),
    ])
    assert ids[1] is None


async def test_a_note_that_hour_limits_have_not_changed_disputes_the_hours_cut(
    db_sessions: Sessions
) -> None:
    """Workers tell a cap on weekly hours halved as work paused (or as pay cut); the
    company's note denies it by the hours, in none of the words of a pause."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("h1", "Toloka cut the weekly cap on relevance tasks to 10 hours??",
                "Was 20 until yesterday, three of us checked.", sub="Toloka"),
         verdict("project_pause", ["toloka"])),
        (reddit("h2", "Relevance hours halved for the US market, mod confirmed", sub="Toloka",
                when=at(hours=8)), verdict("project_pause", ["toloka"])),
        (press("d1", "About task hours",
               "We have seen posts online about changes for our community members. They "
               "are not accurate: weekly hours have not changed.",
               feed="Toloka blog", url="https://example.org/toloka-hours",
               when=at(days=2)),
         verdict("none", ["toloka"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"


async def test_a_note_that_the_company_is_not_exiting_disputes_the_markets_closed(
    db_sessions: Sessions
) -> None:
    """Raters' markets closed are told as their lost work (a layoff); the company answers
    the reports of its leaving the region, which is that layoff."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("e1", "Welocalize closing the Danish and Finnish rating markets on 31 May",
                "Email today: our participation ends on 31 May.", sub="Welocalize"),
         verdict("layoff", ["welocalize"], tier="generalist")),
        (press("e2", "Welocalize ends work for hundreds of Nordic raters - Reuters",
               when=at(days=1)), verdict("layoff", ["welocalize"], tier="generalist")),
        (press("d1", "A note on recent coverage",
               "Recent reports suggesting that Welocalize is exiting the Nordics are "
               "inaccurate. We continue to operate there on many programmes.",
               feed="Welocalize blog", url="https://example.org/welo-note",
               when=at(days=3)),
         verdict("none", ["welocalize"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert await event_status(db_sessions, ids[0]) == "disputed"


def test_a_band_of_rates_written_with_a_dash() -> None:
    assert find_figures("moved to a standard band of $60–$70/hr").bands == ((60.0, 70.0),)
    assert find_figures("offers run $35-65 an hour").bands == ((35.0, 65.0),)
    for text in ("from $20 to $15", "$20 - $45/hr", "a $1,000-1,500 bonus"):
        assert not find_figures(text).bands, text


async def test_a_pasted_band_holding_the_new_rate_joins_the_rate_cut(
    db_sessions: Sessions
) -> None:
    """The company's message gives the band the rates moved to, a worker his own old rate:
    three amounts against the first report's before and after, which the band holds."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("r1", "Alignerr tax review rate sheet just changed? $120 → $85",
                "Revised compensation email: $120 to $85 from Monday.", sub="alignerr"),
         verdict("pay_cut", ["alignerr"], tier="expert",
                 magnitude={"pay_before": 120.0, "pay_after": 85.0})),
        (reddit("r2", "Alignerr's note in the expert Slack, pasted",
                "> \"From the 3rd, hourly rates on our expert projects move to a standard "
                "band of $80–$90/hr.\"\n\nI was at $140 on the audit project.",
                sub="alignerr", when=at(hours=6)),
         verdict("pay_cut", ["alignerr"], tier="expert")),
    ])
    assert ids[0] == ids[1] is not None


async def test_two_pay_changes_without_a_band_stay_apart(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Alignerr tax review rate sheet just changed? $120 → $85",
                "Revised compensation email: $120 to $85 from Monday.", sub="alignerr"),
         verdict("pay_cut", ["alignerr"], tier="expert",
                 magnitude={"pay_before": 120.0, "pay_after": 85.0})),
        (reddit("s2", "Alignerr's note in the expert Slack, pasted",
                "> \"From the 3rd, hourly rates on our expert projects move to $80 or $90/hr.\""
                "\n\nI was at $140 on the audit project.", sub="alignerr", when=at(hours=6)),
         verdict("pay_cut", ["alignerr"], tier="expert")),
    ])
    assert ids[0] != ids[1]


async def test_the_answer_a_week_on_joins_the_sign_ups_closed(db_sessions: Sessions) -> None:
    """A closed door stays shut for weeks; support's answer six days after the first
    rejections shares little wording with them but costs for its days as a drive's
    reports do."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("g1", "All new Prolific signups from Nigeria rejected since Monday?",
                "Five of us applied, every one got the rejection within an hour.",
                sub="ProlificAc"),
         verdict("hiring_freeze", ["prolific"])),
        (reddit("g2", "Heads up: Prolific stopped approving participants outside the UK/US",
                sub="ProlificAc", when=at(days=1)), verdict("hiring_freeze", ["prolific"])),
        (reddit("g3", "They replied: only UK and US for now",
                "Wrote to support, pasting it: \"we are limiting new participant accounts "
                "to two countries due to demand.\"", sub="ProlificAc", when=at(days=7)),
         verdict("hiring_freeze", ["prolific"])),
    ])
    assert ids[0] == ids[1] == ids[2] is not None
