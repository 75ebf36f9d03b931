"""Individual reports (spikes count them) and denials (they dispute events)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import score


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("removed from Aether??", "I got removed from the Aether project this morning, no email.",
     "removed"),
    ("welp", "They kicked me off the project after two reviews.", "removed"),
    ("account deactivated", "My account was deactivated overnight, no reason given.", "removed"),
    ("dashboard empty", "No tasks on my dashboard since Monday, anyone else?", "no_tasks"),
    ("EQ again", "My queue is empty again, third day in a row.", "no_tasks"),
    ("rate cut on my project", "My project's rate was lowered from $25 to $20 today.",
     "pay_lowered"),
    ("ugh", "They cut my hourly rate on the coding project.", "pay_lowered"),
])
def test_one_workers_own_account_is_a_report_not_a_signal(title: str, body: str,
                                                          kind: str) -> None:
    d = score(title, body, subreddit="outlier_ai")
    assert not d.is_signal
    assert d.report == kind
    assert d.platforms == ("outlier",)
    assert d.to_json("x")["report"] == kind


@pytest.mark.parametrize(("title", "body"), [
    ("Everyone on Aether got removed", "The whole pod got the removal email at 9am."),
    ("Outlier cut generalist rates to $15", "All generalist projects, effective today."),
    ("Tips for passing the Outlier assessment", "Read the guidelines twice."),
])
def test_group_news_and_chatter_carry_no_report(title: str, body: str) -> None:
    assert score(title, body, subreddit="outlier_ai").report is None


@pytest.mark.parametrize(("title", "body", "platforms"), [
    ("Outlier is NOT cutting pay", "The rumour is fake, rates are unchanged.", ("outlier",)),
    ("Mercor denies it cut contractor rates", "", ("mercor",)),
    ("Scale AI denies it is winding down Outlier", "", ("outlier", "scale_ai")),
])
def test_denials_are_flagged_with_their_platforms(title: str, body: str,
                                                  platforms: tuple[str, ...]) -> None:
    d = score(title, body, source="feed", feed="news")
    assert not d.is_signal and d.denial and d.report is None
    assert d.platforms == platforms


def test_news_is_not_a_denial() -> None:
    d = score("Outlier cut generalist rates to $15", "Everyone got the email.",
              subreddit="outlier_ai")
    assert d.is_signal and not d.denial
