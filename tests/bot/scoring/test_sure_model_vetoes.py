"""Vetoes the model alone may pass when it is very sure and the post says what happened.

A press item naming no annotation platform, and a post carrying a denial, are not made
signals by a fairly sure model: the press item is mostly another company's news, the
denial mostly a debunk. Out of fold, though, the ones the model was 0.90 sure of or more
were vendors' notices of their own code-named crowd projects and news beside a partial
denial ("no change to the bonus"): from ``[model] unnamed_from`` and ``denied_tells_from``
(the denial also needing specifics stated outside questions) the model may make them
signals.
"""

from __future__ import annotations

import math

import pytest

from bot.records import PostRecord
from bot.scoring import Scorer
from bot.scoring.learned import LinearModel
from tests.bot.scoring._posts import flat_model, post


def _scorer(probability: float) -> Scorer:
    """A scorer whose model gives every post the same ``probability``."""
    return Scorer(model=LinearModel(flat_model(math.log(probability / (1 - probability)))))


@pytest.fixture(scope="module")
def sure() -> Scorer:
    return _scorer(0.99)


@pytest.fixture(scope="module")
def fairly_sure() -> Scorer:
    """0.80: enough to make a signal alone, under both bars."""
    return _scorer(0.80)


UNNAMED_PRESS = [
    post("Quarrel project paused for every contributor from Monday",
         "The vendor told its 900 raters that tasking on the project stops while the client "
         "reviews the guidelines.", source="feed", feed="Crowdwork Wire"),
    post("Vendor winds down its Larkspur labelling workstream",
         "About 300 home annotators were told by email that their last shift is Friday.",
         source="feed", feed="Gig Desk Weekly"),
]
PARTIAL_DENIALS = [
    post("Hourly rate for the Heron review queue drops from $21 to $17 on Monday",
         "Same email went to all 40 of us in the pod. No change to the bonus, they say.",
         subreddit="outlier_ai"),
    post("Kestrel weekly bonus scrapped for everyone",
         "Banner on the project page since this morning, all 60 of us in the pod see it. "
         "Base rate stays the same, but the bonus was 10% of my pay.",
         subreddit="outlier_ai"),
]


def _vetoed_by_rules(scorer: Scorer, p: PostRecord) -> bool:
    return not scorer.analyse(p).by_mode["rules"].is_signal


@pytest.mark.parametrize("p", UNNAMED_PRESS)
def test_a_press_item_naming_no_platform_passes_a_very_sure_model(
        sure: Scorer, p: PostRecord) -> None:
    analysis = sure.analyse(p)
    assert _vetoed_by_rules(sure, p)
    assert "no platform named" in analysis.reasons, analysis.reasons
    assert analysis.decision.is_signal, analysis.reasons
    assert any(r.startswith("no platform named, but model") for r in analysis.reasons)


@pytest.mark.parametrize("p", UNNAMED_PRESS)
def test_a_press_item_naming_no_platform_still_needs_more_than_fairly_sure(
        fairly_sure: Scorer, p: PostRecord) -> None:
    assert not fairly_sure.score(p).is_signal


@pytest.mark.parametrize("p", PARTIAL_DENIALS)
def test_news_beside_a_partial_denial_passes_a_very_sure_model(
        sure: Scorer, p: PostRecord) -> None:
    analysis = sure.analyse(p)
    assert _vetoed_by_rules(sure, p)
    assert any(r.startswith("denied:") for r in analysis.reasons), analysis.reasons
    assert analysis.decision.is_signal, analysis.reasons
    assert any(r.startswith("denies but tells:") for r in analysis.reasons)


@pytest.mark.parametrize("p", PARTIAL_DENIALS)
def test_a_denial_still_needs_the_model_very_sure(fairly_sure: Scorer, p: PostRecord) -> None:
    analysis = fairly_sure.analyse(p)
    assert not analysis.decision.is_signal, analysis.reasons
    assert any("but model under 0.90" in r for r in analysis.reasons), analysis.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("The Outlier pay cut rumour is false", "Checked with my QM, nothing is changing."),
    ("No, Outlier is not shutting down the Heron project", "That screenshot is fake."),
])
def test_a_denial_that_tells_nothing_stays_vetoed_however_sure(
        sure: Scorer, title: str, body: str) -> None:
    analysis = sure.analyse(post(title, body, subreddit="outlier_ai"))
    assert not analysis.decision.is_signal, analysis.reasons
    assert any(r.startswith("denies, tells no more") for r in analysis.reasons)
