"""The kinds of post the earlier rules failed on, in examples written for these tests."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import score


@pytest.mark.parametrize(("title", "body", "kind", "platforms"), [
    ("Google pauses its data work with Scale AI after rival's investment", "",
     "client_loss", ("scale_ai",)),
    ("OpenAI halts contracts with Scale AI", "Sources say the lab is moving the work elsewhere.",
     "client_loss", ("scale_ai",)),
    ("xAI suspends all projects with Surge AI following data breach", "",
     "client_loss", ("surge_ai",)),
    ("Outlier contributors lose work after a major client walked away", "",
     "client_loss", ("outlier",)),
    ("Google and xAI halt their projects with Mercor", "", "client_loss", ("mercor",)),
    ("A robotics start-up drops Surge AI as its labelling vendor", "", "client_loss",
     ("surge_ai",)),
])
def test_third_parties_acting_on_a_platform(title: str, body: str, kind: str,
                                            platforms: tuple[str, ...]) -> None:
    d = score(title, body, source="feed", feed="news")
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize(("title", "kind", "platforms"), [
    ("Invisible Technologies closes Austin office to save money", "restructuring",
     ("invisible",)),
    ("Appen shuts down operations in China", "shutdown", ("appen",)),
    ("Scale AI stops generalist annotation work", "project_pause", ("scale_ai",)),
    ("Outlier ends all generalist writing work", "project_pause", ("outlier",)),
    ("Toloka pulls out of the Russian market", "restructuring", ("toloka",)),
    ("Up to 300 Appen raters at risk of losing their jobs", "layoff", ("appen",)),
    ("Sama to let go about 5% of its annotation staff", "layoff", ("sama",)),
])
def test_headline_only_press(title: str, kind: str, platforms: tuple[str, ...]) -> None:
    d = score(title, "", source="feed", feed="news")
    assert d.is_signal and d.event_type == kind and d.platforms == platforms


@pytest.mark.parametrize(("title", "kind", "platform"), [
    ("RaterLabs raters win a pay increase after union campaign", "pay_raise", "appen"),
    ("Leapforce cuts rater pay for US evaluators", "pay_cut", "appen"),
    ("Lionbridge files WARN notice to lay off 200 raters", "layoff", "telus_digital"),
    ("Hitachi's GlobalLogic to lay off 200 Google AI raters", "layoff", "globallogic"),
])
def test_raters_paid_through_vendors_resolve_to_the_platform(title: str, kind: str,
                                                             platform: str) -> None:
    d = score(title, "", source="feed", feed="news")
    assert d.is_signal and d.event_type == kind and d.platforms == (platform,)


@pytest.mark.parametrize(("title", "body"), [
    ("How to restructure your resume for AI training jobs", "Five tips from a recruiter."),
    ("Cut your review time in half with this checklist", "Works on any Outlier project."),
    ("Mercor pay explained: a guide to rates and layoffs", "Everything you need to know."),
    ("Apply now: AI trainer, $40/hr", "Join our team of experts on Outlier."),
    ("Beware of fake recruiters posing as Mercor", "They promise a pay raise and ask for ID."),
])
def test_other_senses_of_the_event_words(title: str, body: str) -> None:
    assert not score(title, body, subreddit="outlier_ai").is_signal


def test_work_moved_to_lower_paid_reviewers_is_a_tier_shift() -> None:
    d = score("Outlier moved the coding work to lower-paid reviewers", "",
              subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "tier_shift" and d.platforms == ("outlier",)


def test_a_lab_that_is_a_platform_too_keeps_its_id_when_its_own_workers_are_hit() -> None:
    d = score("xAI halts projects with Surge AI, and its Grok tutors lose their queues", "",
              source="feed", feed="news")
    assert d.is_signal and "xai" in d.platforms
