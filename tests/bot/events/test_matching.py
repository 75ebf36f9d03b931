"""Matching evidence that depends on the report and the event: tiers inside a tier shift,
follow-ups that say they come after the event."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import Verdict
from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from bot.records import PostRecord
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



async def test_a_pasted_memo_of_a_generalist_layoff_joins_the_workers_posts(
    db_sessions: Sessions
) -> None:
    """The memo reads unlike "rip" and tells the cut as a move to specialists; the
    generalist tier both name is what it shares with the workers' post."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("g1", "rip", "got the email at 5pm: my role is eliminated as part of a shift "
                "toward specialist tutors. slack gone. i was a generalist since august.",
                sub="xai"), verdict("layoff", ["xai"], tier="generalist")),
        (reddit("g2", "Pasted: the email AI tutors got tonight",
                "Subject: Update on your role. After a review of our human data efforts we "
                "are prioritizing specialist roles and scaling back generalist roles. Your "
                "position ends today and is paid through February 28. Please do not reply "
                "to this message. The discord is organizing a thread for references.",
                sub="xai", when=at(hours=14)),
         verdict("tier_shift", ["xai"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


def _late(title: str) -> tuple[PostRecord, Verdict]:
    """A follow-up candidate nine days after the layoffs' latest report, giving their 14%."""
    return (press("late", title, "The company told staff the 14% reduction was about costs.",
                  feed="Fortune", when=at(days=9)),
            replace(verdict("layoff", ["scale_ai"], score=5.0, signal=False), follow_up=True))


LAYOFFS = [
    (press("l1", "Scale AI cuts 14% of staff - Bloomberg"), verdict("layoff", ["scale_ai"])),
    (press("l2", "Scale AI lays off 200 employees - CNBC", when=at(hours=3)),
     verdict("layoff", ["scale_ai"])),
]


async def test_a_follow_up_set_after_the_event_ties_back_past_the_join_window(
    db_sessions: Sessions
) -> None:
    """It says it comes after the layoffs and gives their figure: a late report of them."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *LAYOFFS, _late("A week after its layoffs, Scale AI says the Meta deal is not to blame")])
    assert ids[0] == ids[1] == ids[2]


async def test_a_late_follow_up_that_does_not_look_back_stays_out(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *LAYOFFS, _late("Scale AI says the Meta deal is not to blame")])
    assert ids[0] == ids[1] and ids[2] is None


async def test_a_pay_cut_sharing_only_the_platform_with_a_project_end_is_its_own_event(
    db_sessions: Sessions
) -> None:
    """A busy week: a project ends on Monday, a rate cut is posted on Tuesday in the same
    subreddit. Pay cuts may come with layoffs, but this one shares nothing with the
    project's end but the platform: two events."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("b1", "Wrenfield is finished??", "Dashboard empty, the Wrenfield project "
                "ended for the whole US team this morning.", sub="Appen"),
         verdict("project_pause", ["appen"])),
        (reddit("b2", "Wrenfield ended for everyone, we were all let go",
                "The whole US team was released from Wrenfield.", sub="Appen",
                when=at(hours=3)), verdict("layoff", ["appen"])),
        (reddit("b3", "PH raters: hourly down to $3.90 from $5.10",
                "new SOW in the inbox, every general evaluation pool goes down next cycle.",
                sub="Appen", when=at(hours=6)), verdict("pay_cut", ["appen"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


async def test_a_report_goes_with_the_platform_its_headline_names_not_one_in_passing(
    db_sessions: Sessions
) -> None:
    """"micro1 is waitlisting too" names Handshake's waitlist in its body: it reports
    micro1's, a second event, and micro1's own press joins it."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("h1", "Handshake AI pauses new fellow sign-ups - Inside Higher Ed"),
         verdict("hiring_freeze", ["handshake_ai"])),
        (reddit("m1", "micro1 is waitlisting new applicants too",
                "Not only Handshake this week. micro1 says it is not onboarding new "
                "contractors in your domain at this time.", sub="WorkOnline",
                when=at(hours=20)), verdict("hiring_freeze", ["handshake_ai", "micro1"])),
        (press("m2", "micro1 halts onboarding for generalist roles - Analytics India",
               when=at(days=1, hours=12)), verdict("hiring_freeze", ["micro1"])),
    ])
    assert ids[1] != ids[0]
    assert ids[2] == ids[1]


async def test_a_brands_project_ended_by_the_client_carries_out_the_parents_lost_contract(
    db_sessions: Sessions
) -> None:
    """The parent loses its biggest customer; five days later its brand's workers find a
    project gone "because the client ended it": one event. A pause "while the client
    reviews the data" is not said to be the loss: its own event."""
    lost = (press("c1", "Surge AI's biggest customer is winding down its contract - "
                  "The Information"), verdict("client_loss", ["surge_ai"]))
    ended = (reddit("c2", "Every comparison project gone, support says the client ended it",
                    "Support's reply: the client ended its contract, the biggest customer we had.",
                    sub="DataAnnotationTech", when=at(days=5, hours=20)),
             verdict("project_pause", ["dataannotation"], tier="generalist"))
    paused = (reddit("c3", "Comparison projects paused for now",
                     "Support says they are paused while the client reviews the data.",
                     sub="DataAnnotationTech", when=at(days=5, hours=20)),
              verdict("project_pause", ["dataannotation"], tier="generalist"))
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [lost, ended])
    assert ids[1] == ids[0]
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("d1", "Surge AI loses a major lab customer - Reuters", when=at(days=40)),
         verdict("client_loss", ["surge_ai"])),
        (replace(paused[0], created_utc=at(days=45, hours=20)), paused[1])])
    assert ids[1] != ids[0]


async def test_a_pay_cut_giving_the_events_own_pay_change_joins_a_project_end(
    db_sessions: Sessions
) -> None:
    """A project ends and its workers are offered the same work at $36 instead of $48;
    that night "same job for 25% less, $48 -> $36" reports the pay side of it: one event.
    A rate cut at the platform with a change of its own ($20 to $18) stays apart."""
    end = [
        (reddit("e1", "Bramblewood ended, the follow-on project pays $36",
                "Everyone was offboarded today. We were on $48.", sub="mercor_ai"),
         verdict("project_pause", ["mercor"], tier="expert")),
        (reddit("e2", "Bramblewood is over for all of us", "Offboarding email went to everyone.",
                sub="mercor_ai", when=at(hours=3)),
         verdict("project_pause", ["mercor"], tier="expert")),
    ]
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        *end,
        (reddit("p1", "so we do the same job for 25% less now",
                "did the new onboarding quiz, identical tasks. $48 -> $36. not signing.",
                sub="mercor_ai", when=at(hours=14)),
         verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("p2", "reviewers on the writing projects cut to $18",
                "was $20 last week, every writing review queue.", sub="mercor_ai",
                when=at(hours=16)), verdict("pay_cut", ["mercor"], tier="expert")),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]


async def test_a_project_ended_by_the_clients_cut_carries_out_the_loss_whatever_kind_it_is_read_as(
    db_sessions: Sessions
) -> None:
    """The company says its biggest customer is cutting a rating programme; hours later a
    worker posts that the programme, by its own name, ends for everyone "because the client
    is cutting it": read as a shutdown or a pause as often as a layoff, it carries the loss
    out all the same."""
    for kind in ("shutdown", "project_pause", "layoff"):
        ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
            (press(f"l1{kind}", "Notice on a customer programme",
                   "Appen says a major customer will sharply reduce a rating programme run "
                   "by its Sydney unit, about 8% of revenue.", feed="Appen announcements",
                   url=f"https://example.org/notice-{kind}"),
             verdict("client_loss", ["appen"], tier="generalist")),
            (press(f"l2{kind}", "Appen shares drop after Sydney unit loses rating work - "
                   "The Age", when=at(hours=2)),
             verdict("client_loss", ["appen"], tier="generalist")),
            (reddit(f"e1{kind}", "Kingfisher over at the end of the month for all of us?",
                    "Email tonight: the client is cutting the Kingfisher program, our "
                    "participation ends on the 30th.", sub="Appen", when=at(hours=6)),
             verdict(kind, ["appen"], tier="generalist")),
        ])
        assert ids[2] == ids[0], kind
