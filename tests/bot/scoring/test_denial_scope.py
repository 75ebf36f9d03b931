"""What a denial veto must not catch: words near an event that deny nothing about it (a
resumption promised only under a condition, a withheld date for the end of a pause), while
a real denial of the same event still vetoes it."""

from __future__ import annotations

from functools import lru_cache

from bot.platforms import PlatformRegistry
from bot.scoring.cuetable import load_table
from bot.scoring.rules import RuleResult, Rules
from tests.bot.scoring._posts import post


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return Rules(load_table(), PlatformRegistry())


def _run(title: str, body: str = "", subreddit: str | None = None, source: str = "reddit",
         feed: str | None = None) -> RuleResult:
    return _rules().run(post(title, body, subreddit, source, feed))


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
