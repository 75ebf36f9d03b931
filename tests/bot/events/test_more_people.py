"""One event reaching more people: another market "too", an office "also" hit, a sibling
brand's workers getting "the same email", the move to specialists a layoff was made for; a
company's note calling the reporting about a client relationship wrong; names that are no
project's (a Reddit megathread, a city before "office")."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.names import NameFinder
from bot.events.vocab import ADDS, DENIED_PHRASES
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_headlines_telling_that_more_people_got_the_news() -> None:
    for title in ("kenya raters too, pay cut from the 1st", "remotasks too?",
                  "lagos hub also affected?", "night shift got it as well",
                  "getting the same 'thank you' email?", "same offboarding notice here"):
        assert ADDS.search(title), title
    for title in ("too many layers, says the memo", "two sites closed signups same week",
                  "offered the same work for less", "too late to appeal?"):
        assert not ADDS.search(title), title


def test_a_megathread_and_a_city_before_office_are_not_projects() -> None:
    finder = NameFinder(["turing"])
    assert "megathread" not in finder.find("Megathread: empty queues (May)", "").all
    names = finder.find("Turing cuts reach the Pune office", "Around 30 people got notice.")
    assert "pune" in names.loose  # a place: shared it ties, its own never sets it apart


async def test_another_market_too_joins_the_pay_cut_told_in_other_rates(
    db_sessions: Sessions
) -> None:
    """The same cut in another market's currency, on a scale near the first's: its amounts
    alone read as another change; "too" says it is the same news for more people."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("t1", "rate change email for KE raters",
                "TELUS says search rating goes from ₹400 to ₹320/hr on the 1st.",
                sub="TelusInternational"),
         verdict("pay_cut", ["telus_digital"], magnitude={"pay_before": 400.0,
                                                          "pay_after": 320.0})),
        (reddit("t2", "Nigeria raters too, rate cut from the 1st",
                "Ours goes from ₹520 to ₹410/hr, email came this morning.",
                sub="TelusInternational", when=at(days=2)),
         verdict("pay_cut", ["telus_digital"], magnitude={"pay_before": 520.0,
                                                          "pay_after": 410.0})),
    ])
    assert ids[0] == ids[1]


async def test_an_office_also_hit_joins_the_layoff_its_chief_announced(
    db_sessions: Sessions
) -> None:
    """The founder's post and the press name him twice, his name the event's main one; the
    office a worker's headline names is where it happened, not another story."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("o1", "Ravindra Okafor on LinkedIn: a difficult day at Turing",
               "Today about 90 colleagues leave us, roughly 10% of staff. Ravindra Okafor"),
         verdict("layoff", ["turing"])),
        (press("o2", "Turing cuts about 90 staff in reorganisation",
               "Chief executive Ravindra Okafor announced the cuts.", when=at(hours=3)),
         verdict("layoff", ["turing"])),
        (reddit("o3", "Turing layoffs - Pune office also affected?",
                "A friend there says roughly 25 people from support got notice today.",
                sub="developersIndia", when=at(hours=16)),
         verdict("layoff", ["turing"])),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_sibling_brands_workers_getting_the_same_email_join_the_offboarding(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Mass offboarding emails tonight",
                "Lots of generalists got the 'thanks for contributing' email, accounts "
                "close Friday.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("s2", "Remotasks people getting the same goodbye email?",
                "Me and my cousins in Accra, all of us since 2023. Who else?",
                sub="remotasks", when=at(hours=15)),
         verdict("shutdown", ["remotasks"])),
    ])
    assert ids[0] == ids[1]


async def test_another_platform_doing_it_too_stays_apart(db_sessions: Sessions) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("w1", "Handshake AI closes new fellow applications for now"),
         verdict("hiring_freeze", ["handshake_ai"])),
        (reddit("w2", "micro1 is putting new applicants on a waitlist too",
                "Handshake did it yesterday, now micro1.", sub="micro1", when=at(hours=20)),
         verdict("hiring_freeze", ["handshake_ai", "micro1"])),
    ])
    assert ids[0] != ids[1]


async def test_a_pay_cut_also_told_after_a_staff_layoff_stays_apart(
    db_sessions: Sessions
) -> None:
    """"Also" adds more people to the same news, not another kind of news at the platform."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("p1", "Turing lays off about 90 staff"), verdict("layoff", ["turing"])),
        (reddit("p2", "Turing also lowered contractor rates on the SWE evals",
                "Went from $60 to $48 an hour.", sub="TuringJobs", when=at(days=1)),
         verdict("pay_cut", ["turing"])),
    ])
    assert ids[0] != ids[1]


async def test_the_move_to_specialists_days_after_the_generalist_layoff_joins_it(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("f1", "Mass offboarding of generalists tonight",
                "Everyone on general writing got the goodbye email.", sub="outlier_ai"),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("f2", "Specialist pool busier than ever?",
                "Our channel is flooded with the work the generalists did; none of us lost "
                "access.", sub="outlier_ai", when=at(days=4)),
         verdict("tier_shift", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


def test_reporting_about_a_client_relationship_called_wrong_denies_its_loss() -> None:
    said = DENIED_PHRASES["lost client"]
    assert said.search("recent reporting about one of our customer relationships is false")
    assert said.search("our work with all of our major partners continues as before")
    assert not said.search("client demand varies from week to week")


async def test_a_newsroom_note_on_the_reporting_disputes_the_lost_client(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("c1", "Invisible Technologies loses its largest lab customer",
               "A lab that made up a third of revenue is taking the work in-house."),
         verdict("client_loss", ["invisible"])),
        (press("c2", "A word on this week's coverage",
               "Reporting about one of our client relationships is wrong. Our work with "
               "our partners continues and trainers' projects are unchanged.",
               feed="https://www.invisible.co/blog/rss", url="https://www.invisible.co/blog/"
               "a-word", when=at(hours=20)),
         verdict("none", ["invisible"], denial=True)),
    ])
    assert ids[0] == ids[1]


async def test_a_megathread_weeks_later_is_not_tied_by_the_word(db_sessions: Sessions) -> None:
    """Moderators head every big story's thread "Megathread": the word names no project, so
    the next one, weeks on, is not a late report of the last."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("m1", "Megathread: Kestrel paused for everyone",
                "Keep all Kestrel pause posts here.", sub="DataAnnotationTech"),
         verdict("project_pause", ["dataannotation"])),
        (reddit("m2", "Megathread: empty dashboards (June)",
                "Post here if your dashboard is empty.", sub="DataAnnotationTech",
                when=at(days=20)),
         verdict("project_pause", ["dataannotation"])),
    ])
    assert ids[0] != ids[1]
