"""One platform's news told apart and together: a reorganisation the week of a rate cut, a
programme's closure weeks after its people's contracts ended, a pay cut told later as a
rounded share."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_reorganisation_the_week_of_a_rate_cut_is_news_of_its_own(
    db_sessions: Sessions
) -> None:
    """The rate cut's reports give its before and after; the company's reorganisation of
    its teams, told with no amount, is another story however alike the headlines read."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("r1", "Outlier expert rates cut from $60 to $45 for the science teams",
                "All science experts got the compensation update: $60/hr is now $45/hr."),
         verdict("pay_cut", ["outlier"], tier="expert")),
        (press("r2", "Outlier cuts teams and merges science offices in reorganisation",
               "Outlier is reorganising its operations teams and merging two offices, "
               "a memo says; about a sixth of staff are affected.", when=at(days=1)),
         verdict("restructuring", ["outlier"])),
    ])
    assert ids[0] != ids[1]


async def test_a_layoff_reported_with_the_rate_cut_figures_still_joins(
    db_sessions: Sessions
) -> None:
    """The same cut told with its amounts by a report read as another kind joins."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("s1", "Outlier expert rates cut from $60 to $45 for the science teams",
                "All science experts got the compensation update: $60/hr is now $45/hr."),
         verdict("pay_cut", ["outlier"], tier="expert")),
        (press("s2", "Outlier cuts science expert rates from $60 to $45, some let go",
               "Science experts were cut from $60 to $45 an hour.", when=at(days=1)),
         verdict("layoff", ["outlier"], tier="expert")),
    ])
    assert ids[0] == ids[1]


async def test_a_programmes_sunset_weeks_after_its_raters_were_let_go_joins_them(
    db_sessions: Sessions
) -> None:
    """"Kestrel over, all raters let go", then twelve days on "Outlier sunsets Kestrel":
    the same end told from the programme's side, not the next decision."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("k1", "Kestrel rating over, all of us let go effective April 30",
                "Every rater on Kestrel got the email: contracts end April 30."),
         verdict("layoff", ["outlier"], tier="generalist")),
        (reddit("k2", "Kestrel raters let go - forwarded messages from our group chat",
                "Kestrel is ending for all raters, contracts end April 30.",
                when=at(hours=20)), verdict("layoff", ["outlier"], tier="generalist")),
        (press("k3", "Outlier sunsets Kestrel rating programme - Loc Desk",
               when=at(days=13)), verdict("shutdown", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1] == ids[2]


async def test_a_pay_cut_told_weeks_later_as_nearly_a_fifth_joins_its_amounts(
    db_sessions: Sessions
) -> None:
    """$14 to $11.50 is 17.9% less: "nearly a fifth" is how the press rounds it."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("f1", "Search rating hourly rate dropped from $14 to $11.50",
                "The project page shows $11.50/hr, down from $14.", sub="outlier_ai"),
         verdict("pay_cut", ["outlier"], tier="generalist")),
        (press("f2", "Outlier raters say hourly rates cut by nearly a fifth - Daily",
               when=at(days=12)), verdict("pay_cut", ["outlier"], tier="generalist")),
    ])
    assert ids[0] == ids[1]


async def test_a_pay_cut_told_weeks_later_as_a_third_stays_apart(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("g1", "Search rating hourly rate dropped from $14 to $11.50",
                "The project page shows $11.50/hr, down from $14.", sub="outlier_ai"),
         verdict("pay_cut", ["outlier"], tier="generalist")),
        (press("g2", "Outlier raters say hourly rates cut by a third - Daily",
               when=at(days=12)), verdict("pay_cut", ["outlier"], tier="generalist")),
    ])
    assert ids[0] != ids[1]


async def test_sign_ups_still_closed_eleven_days_on_joins_the_freeze(
    db_sessions: Sessions
) -> None:
    """A headline saying the freeze still holds, in any of the communities' languages, is
    the same freeze told again past the join window."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("w1", "Prolific sign-ups closed, waitlist is back",
                "The sign-up page says onboarding of new participants is paused.",
                sub="ProlificAc"), verdict("hiring_freeze", ["prolific"])),
        (reddit("w2", "Waitlist toujours en place pour les nouveaux ?",
                "Les inscriptions Prolific sont fermees pour tous.", sub="ProlificAc",
                when=at(days=11)), verdict("hiring_freeze", ["prolific"])),
    ])
    assert ids[0] == ids[1]


async def test_a_new_freeze_a_month_on_stays_apart_however_still_it_reads(
    db_sessions: Sessions
) -> None:
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("v1", "Prolific sign-ups closed, waitlist is back",
                "The sign-up page says onboarding of new participants is paused.",
                sub="ProlificAc"), verdict("hiring_freeze", ["prolific"])),
        (reddit("v2", "Waitlist still in place for new people?",
                "Prolific sign-ups are closed for everyone.", sub="ProlificAc",
                when=at(days=30)), verdict("hiring_freeze", ["prolific"])),
    ])
    assert ids[0] != ids[1]


async def test_translated_local_news_sharing_the_vendors_names_joins_at_no_platform(
    db_sessions: Sessions
) -> None:
    """A vendor no platform list knows closes its site; two days on, translated local news
    tells it in other words, naming the company and the site only in passing: the names
    they share are particular to it, as a tie is."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("t1", "Brindlemark Labeling closed the Quezalon site, everyone on hold",
                "Brindlemark shut the Quezalon office today, about 300 annotators on hold, "
                "no work from home allowed by the client.", sub="Philippines"),
         verdict("shutdown", ["other"], tier="generalist")),
        (press("t2", "Firm of image tagging shuts its office, hundreds of workers idle",
               "[Translated] The firm that tags pictures for clients abroad shut its office "
               "in Quezalon. The company Brindlemark Labeling did not reply.",
               when=at(days=2)), verdict("shutdown", ["other"], tier="generalist")),
    ])
    assert ids[0] == ids[1]
