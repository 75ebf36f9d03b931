"""Busy weeks at one platform: two stories a few days apart stay two events when all they
share is the platform's vendor name, a forum tool, or a project one of them sets apart."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.features import FeatureReader
from bot.events.grouping import Grouper
from bot.events.names import find_figures, named_before
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_a_vendor_the_platform_is_written_as_is_no_project_name() -> None:
    reader = FeatureReader(PlatformRegistry())
    found = reader._names.find("Leapforce cut the Pellwick rate",
                               "Our Lionbridge team heard the same on the Discourse forum.")
    assert "pellwick" in found.all
    assert not {"leapforce", "lionbridge", "discourse"} & found.all


def test_what_a_post_sets_apart_from_its_news_is_named_in_passing() -> None:
    assert named_before("Not the same week. Different project from the Harlowe pause.") \
        == {"harlowe"}
    assert named_before("This is separate from the Brinkley layoffs last month") == {"brinkley"}
    assert named_before("the pause is not related to your account") == frozenset()
    # the aside ends at its comma: the post's own project after it stays its own
    assert named_before("Unrelated to the Harlowe pause, Tamberly is now expert-only") \
        == {"harlowe"}


def test_what_a_post_adds_its_news_to_is_named_in_passing() -> None:
    """"On top of the Lisbon cuts", "between this and the Warsaw news": another story the
    post's own news comes on top of."""
    assert named_before("On top of the Lisbon cuts, sign-ups are closed now") == {"lisbon"}
    assert named_before("Waitlisted. Between this and the Warsaw news, rough week") \
        == {"warsaw"}
    assert named_before("on top of the work drying up, rates dropped") == frozenset()


def test_seats_count_people() -> None:
    assert find_figures("the buyer walked away with roughly 2,400 reviewer seats").heads \
        == (2400,)


async def test_a_rate_cut_sharing_only_the_vendor_name_with_a_pause_is_its_own_event(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """TELUS Digital's raters call it Lionbridge: the pause of one project and the rate cut
    of another two days later both name Lionbridge, which is the platform, not a name
    they share."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("p1", "Lionbridge paused Quenwick for everyone", "Queue empty, the Lionbridge "
                "email says Quenwick is paused pending client review.", sub="TelusInternational"),
         verdict("project_pause", ["telus_digital"])),
        (reddit("p2", "Quenwick still paused on day 2 at Lionbridge", "Nothing in the queue.",
                sub="TelusInternational", when=at(hours=26)),
         verdict("project_pause", ["telus_digital"])),
        (reddit("c1", "Lionbridge cut the Dorrity reviewer rate from $15 to $12", "Email to "
                "all Dorrity reviewers at Lionbridge today, effective Monday.",
                sub="TelusInternational", when=at(days=2, hours=8)),
         verdict("pay_cut", ["telus_digital"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


async def test_a_headline_of_another_project_set_apart_from_the_pause_is_its_own_event(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """Two days after the Harlowe pause, "Tamberly is now expert-only" says in its body it
    is a different project from the Harlowe pause: a tier shift of its own, not the pause's
    report, though both remove generalists at one platform that week."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("h1", "Harlowe paused for all generalists", "Harlowe shows paused by client, "
                "the Harlowe Discourse says everyone."), verdict("project_pause", ["outlier"],
                                                                  tier="generalist")),
        (reddit("h2", "Harlowe pause megathread", "Harlowe still paused for generalists, per "
                "the Discourse.", when=at(hours=20)),
         verdict("project_pause", ["outlier"], tier="generalist")),
        (reddit("t1", "Tamberly is now expert-only, generalists removed",
                "Different project from the Harlowe pause. The Tamberly Discourse says all "
                "generalists lost access today.", when=at(days=2)),
         verdict("tier_shift", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]


async def test_a_company_saying_termination_claims_are_inaccurate_disputes_the_layoff(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """Appen's note says claims that contributors were terminated are inaccurate: it
    denies the layoff (its jobs), reading unlike the workers' posts."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("l1", "Whole Brackwater team let go today", "Email: our engagement on "
                "Brackwater has concluded, effective immediately.", sub="Appen"),
         verdict("layoff", ["appen"])),
        (press("l2", "Appen ends Brackwater project, 900 raters affected", "Appen ended the "
               "Brackwater rating project, workers said.", when=at(hours=20)),
         verdict("layoff", ["appen"])),
        (press("d1", "Statement", "Claims that contributors have been terminated are "
               "inaccurate; they remain in our crowd and eligible for other work.",
               feed="https://www.appen.com/feed", url="https://www.appen.com/statement",
               when=at(days=1, hours=4)), verdict("none", ["appen"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_team_account_in_the_vendors_subreddit_disputes_a_confirmed_event(
    grouper: Grouper, db_sessions: Sessions
) -> None:
    """TELUS Digital's raters gather in r/Lionbridge, named after the vendor the platform is
    written as: its community team's note there relays the company's word and disputes the
    rate cut two outlets confirmed, as a moderator in the platform's own subreddit would."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("r1", "TELUS Digital cuts Ardwell assessor rate to $12 - Gig Ledger",
               "Ardwell assessors will be paid $12 instead of $14."),
         verdict("pay_cut", ["telus_digital"])),
        (press("r2", "Ardwell raters face $14 to $12 rate cut at TELUS Digital - Rater Wire",
               "The Ardwell hourly rate drops from $14 to $12.", when=at(hours=5)),
         verdict("pay_cut", ["telus_digital"])),
        (reddit("r3", "Clarification regarding Ardwell rate posts", "Posts claiming all "
                "Ardwell assessors are having their pay cut to $12 are inaccurate. Rates for "
                "existing assessors remain unchanged.", sub="Lionbridge",
                author="LB_Community_Team", when=at(days=1)),
         verdict("none", ["telus_digital"], denial=True)),
    ])
    assert ids[0] == ids[1] == ids[2]
