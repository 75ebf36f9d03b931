"""What a denial veto must not catch: words near an event that deny nothing about it (a
resumption promised only under a condition, a withheld date for the end of a pause), while
a real denial of the same event still vetoes it."""

from __future__ import annotations

from tests.bot.scoring._posts import run_rules

_run = run_rules


def test_a_resumption_under_a_condition_is_no_denial_of_the_pause() -> None:
    notice = _run("Lanternfly paused for everyone",
                  "Got the email: the Lanternfly project is on hold while the client rewrites "
                  "its rubric. We will message you if the client's project resumes.",
                  "remotasks")
    assert not notice.denied
    over = _run("Lanternfly paused for everyone",
                "Update: never mind, the Lanternfly project resumes tomorrow for all of us.",
                "remotasks")
    assert over.denied


def test_a_withheld_end_date_of_a_freeze_is_no_denial() -> None:
    press = _run("Survey panel Prolific halts new sign-ups",
                 "Prolific has stopped taking new participant accounts in several markets "
                 "and is sending applicants to a waiting list. The firm did not say when the "
                 "waitlist would end.", source="feed", feed="somenews")
    assert not press.denied
    denied = _run("Survey panel Prolific halts new sign-ups?",
                  "A spokesperson said there is no waitlist and sign-ups are open as usual.",
                  source="feed", feed="somenews")
    assert denied.denied
