"""Press headlines that wrap a platform's news in an explainer's frame still report it.

"Here's why Outlier is closing its audio queue" or "What Mercor's tutor layoffs mean for
contract work" read as commentary, but they take the event as given, as a presupposing
question does. A general explainer ("How rating pay works"), or one that reads the event as
a sign of a trend ("What Appen's cuts tell us about data work"), stays commentary, and a
guess ("Why Outlier may cut pay") is no report."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, run_rules

EXPLAINING = [
    "Here's why Outlier is shutting down its Spanish audio queue",
    "Why Scale AI just laid off 300 contractors in Manila",
    "Appen's 25% rater pay cut, explained",
    "Here's what Outlier's pay cut means for its generalist writers",
]


@pytest.mark.parametrize("title", EXPLAINING)
def test_an_explainer_frame_around_a_platform_event_is_not_commentary(title: str) -> None:
    r = run_rules(title, source="feed", feed="reuters")
    assert "commentary" not in r.cues, r.reasons
    assert any(x.startswith("an explainer's frame, but it explains") for x in r.reasons), r.reasons
    assert rules(title).is_signal, r.reasons


@pytest.mark.parametrize("title", [
    "What Appen's rater layoffs tell us about the future of data work",  # a trend piece
    "What Mercor's coding tutor layoffs tell us about contract work",  # read as a sign
    "What Scale AI's layoffs tell us about synthetic data",
    "Explainer: why Mercor cut its generalist tutors",  # labelled as an explainer
    "Here's why rating gigs are being cut everywhere",  # no platform's event
    "Why Outlier could cut rater pay next",  # a guess
    "Why Appen never laid anyone off",  # nothing happened
])
def test_a_general_explainer_or_a_guess_stays_commentary(title: str) -> None:
    r = run_rules(title, source="feed", feed="reuters")
    assert not any(x.startswith("an explainer's frame") for x in r.reasons), r.reasons


@pytest.mark.parametrize("title", [
    "What Outlier's tutors mean for the field",
    "What Appen's raters earn in a week",
    "How Mercor's pay for coders works",
])
def test_guides_that_describe_pay_stay_non_signals(title: str) -> None:
    assert not rules(title).is_signal


@pytest.mark.parametrize("title", [
    "Why Toloka handed all 400 transcribers a rate increase",
    "Outlier is giving the coders on its Python queue a pay bump",
])
def test_a_platform_giving_its_workers_a_raise_is_a_pay_raise(title: str) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == "pay_raise", d
