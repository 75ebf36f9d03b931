"""Pauses told apart from what they sit beside: a client's loss, a freeze on new workers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.events.grouping import Grouper
from bot.events.vocab import HELD_FOR_REVIEW, WORK_ENDED
from tests.bot.events.support import at, one_by_one, press, reddit, verdict

Sessions = async_sessionmaker[AsyncSession]


def test_what_tells_of_work_held_for_review() -> None:
    for said in ("queue on hold while the customer reviews the last batch",
                 "the audio work was paused on tuesday, for a client quality audit",
                 "the tagging work is halted until the customer finishes its review"):
        assert HELD_FOR_REVIEW.search(said), said
    for said in ("the project ended after the client review", "paused. no word on why",
                 "rates cut after a performance review"):
        assert not HELD_FOR_REVIEW.search(said), said


def test_one_workers_hold_or_a_review_word_is_no_work_held_for_review() -> None:
    """A pause for review needs the work held and a reviewer looking it over: one
    worker's account or payout held, a pause to read the rubric, a review score are not
    (each matched once, and pushed a report away from a client's loss)."""
    for said in ("my account is paused pending review",
                 "payouts on hold while they audit my account",
                 "i paused for a second to review the rubric",
                 "on hold, my review score dropped"):
        assert not HELD_FOR_REVIEW.search(said), said


def test_what_tells_of_ended_work() -> None:
    """The work over and done, as a headline tells it; not a pause or a pay review that
    ends, a payout cancelled or tasks said to be ending (each matched once, and pushed a
    report of the pause away from it)."""
    for said in ("a month on, where did the raters of the cancelled maps programme go?",
                 "the evaluation contract was terminated", "ex-raters of the ended search "
                 "project compare notes"):
        assert WORK_ENDED.search(said), said
    for said in ("the project pause ends monday", "pay review ends friday",
                 "appen cancelled my payout again", "trial tasks ending soon?"):
        assert not WORK_ENDED.search(said), said


async def test_a_pause_for_review_after_a_lost_client_is_its_own_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A platform's big customer scales back rating work; two days later another project is
    put on hold while its client reviews the data. The pause shares the platform, the word
    "client" and the workers' forums with the loss, but no report ties it to the loss: two
    events, and the pause's own reports stay together."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("l1", "A major client scales back rating work, and Appen lowers its "
                     "earnings guidance"), verdict("client_loss", ["appen"])),
        (reddit("l2", "Rating program ends on the 30th, the email went to the whole market",
                "Got the notice this morning, the client reduced the rating volumes.",
                sub="WorkOnline", when=at(hours=20)), verdict("layoff", ["appen"])),
        (reddit("p1", "Audio tagging queue empty - 'on hold while the client reviews the data'",
                "On top of the rating news, the tagging project is on hold for every "
                "annotator while the client reviews what was delivered.", sub="WorkOnline",
                when=at(days=2)), verdict("project_pause", ["appen"])),
        (press("p2", "Appen's audio tagging work halted until its customer audits the "
                     "deliveries - ITWire", when=at(days=2, hours=20)),
         verdict("project_pause", ["appen"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[2] != ids[0]


async def test_a_freeze_on_new_workers_after_a_drought_is_its_own_event(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """The work dries up for everyone; two days later the sign-up page turns into a
    waitlist. A busy week at one platform: two decisions, two events."""
    ids = await one_by_one(db_sessions, grouper, [
        (reddit("d1", "Projects page empty for everyone since Saturday?",
                "Not a single core project on my dashboard, the Discord says the same.",
                sub="DataAnnotationTech"), verdict("project_pause", ["dataannotation"])),
        (press("d2", "DataAnnotation workers say their projects have vanished",
               when=at(days=1)), verdict("project_pause", ["dataannotation"])),
        (reddit("w1", "Sign-up page now shows a waitlist, are they done onboarding people?",
                "Odd thing besides the empty projects page: a friend tried to register "
                "tonight and the sign-up page only offers a waitlist for new workers.",
                sub="DataAnnotationTech", when=at(days=2)),
         verdict("hiring_freeze", ["dataannotation"])),
        (press("w2", "DataAnnotation stops taking on new workers, days after its projects "
                     "vanished", "Workers say their projects have vanished since the weekend; "
                     "now the site has put new applicants on a waitlist.",
               when=at(days=2, hours=18)),
         verdict("hiring_freeze", ["dataannotation"])),
    ])
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]
    assert ids[2] != ids[0]


async def test_the_end_of_a_pause_for_review_is_news_of_the_pause(
    db_sessions: Sessions, grouper: Grouper
) -> None:
    """A client trims the rating work; days later a tagging queue is halted while the
    customer audits it; the next day a worker posts that the pause ends on Monday. The
    pause ending is not work ended: the post belongs to the pause, not pushed towards the
    lost client as a report of ended work would be."""
    ids = await one_by_one(db_sessions, grouper, [
        (press("l1", "A major client scales back rating work, and Appen lowers its "
                     "earnings guidance"), verdict("client_loss", ["appen"])),
        (reddit("h1", "Tagging queue halted while the customer audits last week's batches",
                "Every tagging task is paused until the customer finishes its audit.",
                sub="WorkOnline", when=at(days=2)), verdict("project_pause", ["appen"])),
        (reddit("h3", "The pause ends Monday, says our lead",
                "Lead posted: we are back on Monday.",
                sub="WorkOnline", when=at(days=3)), verdict("project_pause", ["appen"])),
    ])
    assert ids[1] == ids[2] != ids[0]
