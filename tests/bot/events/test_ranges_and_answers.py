"""Figures and headlines that tie a report to its event where kind and wording fall short:
a range of rates inside a drive's range, a headline answering the event's denial, and a
report of ended work that belongs to the client's loss, not to the week's pause held for
review."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


async def test_a_range_inside_the_drives_range_is_no_other_change(db_sessions: Sessions
                                                                  ) -> None:
    """A hiring drive pays "$70 to $160 an hour"; hours later a worker's inbox fills with
    listings "all $95-$125/hr": a range inside the drive's, not two pay changes."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (press("r1", "Mercor recruits 4,000 professionals for a new AI project",
               "Mercor is hiring 4,000 doctors, lawyers and engineers at rates of $70 to "
               "$160 an hour."), verdict("hiring_expansion", ["mercor"], tier="expert")),
        (reddit("r2", "Inbox full of recruiting emails today, they want accountants now",
                "Dormant profile since spring and suddenly a dozen listings for audit "
                "reviewers, all $95-$125/hr. Did anyone onboard yet?", sub="mercor_ai",
                when=at(hours=5)), verdict("hiring_expansion", ["mercor"], tier="expert")),
    ])
    assert ids[0] == ids[1]


async def test_two_pay_changes_with_nested_ends_stay_apart(db_sessions: Sessions) -> None:
    """Of pay changes, nested before-and-afters are still two changes: "$30 to $20" for
    one role and "$28 to $22" for another are not one range inside another."""
    ids = await one_by_one(db_sessions, Grouper(PlatformRegistry()), [
        (reddit("p1", "Physics reviewers: rate going from $30 to $20 next week",
                "Email pasted: physics review rate changes from $30 to $20.", sub="mercor_ai"),
         verdict("pay_cut", ["mercor"], tier="expert")),
        (reddit("p2", "Legal evals rate cut, $28 down to $22",
                "Our legal evals project rate changes from $28 to $22 per hour.",
                sub="mercor_ai", when=at(hours=30)),
         verdict("pay_cut", ["mercor"], tier="expert")),
    ])
    assert ids[0] != ids[1]


async def test_a_headline_answering_the_denial_joins_the_disputed_event(
    db_sessions: Sessions
) -> None:
    """The company says the reports of its evaluators' end are wrong; a worker's headline
    answers with "whatever the statement says" and the exit rosters: a report of the
    disputed event, though the scorer read the event as a pause and this as a layoff."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "Welocalize evaluator project in Ireland stopping, ~90 of us told",
                "Email says the Irish evaluation engagement stops at month end.",
                sub="WorkOnline"), verdict("project_pause", ["welocalize"])),
        (press("d2", "Irish search evaluators told their work is stopping",
               "About 90 home-based evaluators were told the engagement stops.",
               when=at(hours=20)), verdict("project_pause", ["welocalize"])),
        (press("d3", "Statement on reports about our Irish evaluation programme",
               "Reports that we are laying off evaluators in Ireland are inaccurate.",
               when=at(days=2)), verdict("none", ["welocalize"], denial=True)),
        (reddit("d4", "Whatever the statement says, Welocalize evaluators got exit rosters "
                "in writing", "The reapply form is closed. Written confirmation.",
                sub="WorkOnline", when=at(days=3, hours=8)),
         verdict("layoff", ["welocalize"])),
    ])
    assert ids[3] == ids[0] == ids[1]


async def test_ended_work_goes_to_the_loss_not_the_pause_for_review(db_sessions: Sessions
                                                                    ) -> None:
    """A customer trims the search rating work; three days later a transcription project
    is halted pending the customer's data review (its own event). "Two weeks on: raters from the
    ended search project", though its two weeks fit the pause's first report better, is a
    late report of the loss, not of the pause."""
    grouper = Grouper(PlatformRegistry())
    ids = await one_by_one(db_sessions, grouper, [
        (press("l1", "Big US customer trims search rating volumes; Appen lowers its "
               "profit outlook",
               "A major customer reduced volumes in the search rating programme."),
         verdict("client_loss", ["appen"], tier="generalist")),
        (reddit("l2", "Our search rating project ends next month, email to everyone",
                "The search rating project ends for the whole US market.", sub="Appen",
                when=at(hours=20), author="rater_one"),
         verdict("client_loss", ["appen"], tier="generalist")),
        (reddit("l3", "Transcription tasks gone, paused while the client reviews the data",
                "All dialect transcription paused while the client reviews the data.",
                sub="Appen", when=at(days=3)),
         verdict("project_pause", ["appen"], tier="generalist")),
        (press("l4", "Appen's speech transcription project halted for now, pending a "
               "customer data review",
               "The speech transcription queue is on hold while the client reviews data.",
               when=at(days=4)), verdict("project_pause", ["appen"], tier="generalist")),
        (press("l5", "No new work yet for the search raters Appen's client cut, two weeks "
               "on", "Search raters who lost work when the client cut volumes are still "
               "looking.", when=at(days=15)),
         verdict("client_loss", ["appen"], tier="generalist")),
        (reddit("l6", "Two weeks on, a poll of where 40 raters of the ended search project landed",
                "Most of the search raters have not found other work yet.", sub="Appen",
                when=at(days=16), author="rater_one"),
         verdict("project_pause", ["appen"], tier="generalist")),
    ])
    assert ids[2] == ids[3] != ids[0]
    assert ids[5] == ids[4] == ids[0]
