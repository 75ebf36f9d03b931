"""Questions that take their news as given are weighed as telling it; pure questions ask.

"Why did the vendor cut reviewer pay by a fifth?" or "Can the platform recover after 250
job cuts?" ask about an event the headline states; "Is the vendor cutting pay?" asks
whether there is one. The first kind must not be set aside as only asking."""

from __future__ import annotations

import pytest

from bot.scoring import Scorer
from bot.scoring.learned import LinearModel
from tests.bot.scoring._posts import flat_model, post, run_rules, score


@pytest.fixture(scope="module")
def sure() -> Scorer:
    """A scorer whose model calls every post a signal (probability 0.99)."""
    return Scorer(model=LinearModel(flat_model(4.6)))


PRESUPPOSING = [
    "Is Surge AI on the ropes after losing its biggest lab customer?",
    "Why did Outlier quietly cut reviewer pay by a fifth?",
    "What do Mercor's coding tutor layoffs mean for contractors?",
    "Now that Appen lost its search contract, who rates the results?",
]


@pytest.mark.parametrize("title", PRESUPPOSING)
def test_a_question_that_presupposes_its_event_is_not_vetoed(sure: Scorer, title: str) -> None:
    analysis = sure.analyse(post(title, source="feed", feed="reuters"))
    assert analysis.decision.is_signal, analysis.reasons
    assert not any(r.startswith("opens with a question, tells no more")
                   for r in analysis.reasons), analysis.reasons


def test_the_reason_says_what_the_question_presupposes(sure: Scorer) -> None:
    reasons = sure.analyse(post(PRESUPPOSING[0], source="feed", feed="reuters")).reasons
    assert any("presupposes 'after losing its biggest lab" in r for r in reasons), reasons


@pytest.mark.parametrize("title", [
    "Why did Outlier quietly cut reviewer pay by a fifth?",
    "After 250 job cuts, can Appen win back its raters?",
])
def test_the_rules_weigh_a_presupposed_event_as_told(title: str) -> None:
    """Not the 0.3 of a question that asks: the event leads, the reason says why."""
    r = run_rules(title, source="feed", feed="reuters")
    assert r.lead is not None and r.lead.weight >= 0.9, r.reasons
    assert any(x.startswith("the question presupposes") for x in r.reasons), r.reasons


@pytest.mark.parametrize(("title", "subreddit"), [
    ("is Turing still hiring contract devs after the layoffs?", "WorkOnline"),
    ("Is anyone still getting tasks after Outlier's pay cut?", "outlier_ai"),
    ("Now that the project ended, what are you all doing?", "outlier_ai"),
])
def test_an_after_clause_without_a_figure_stays_a_time(title: str, subreddit: str) -> None:
    """"Still hiring after the layoffs?" or "after Outlier's pay cut?" names known news as a
    time, as a statement would, and so does a clause that names no platform: whatever
    ``settings`` a sentence shows, the question only asks."""
    r = run_rules(title, subreddit=subreddit)
    assert r.lead is None, r.reasons
    assert not score(title, subreddit=subreddit).is_signal


@pytest.mark.parametrize(("title", "body"), [
    ("Is Outlier cutting pay?", ""),
    ("Is Outlier legit?", ""),
    ("Will Outlier lay people off?", ""),
    ("Did anyone else lose their project?", ""),
    ("Is Outlier really dropping the hourly rate to $15 from $20?", ""),
    ("Is the Outlier rate cut real?", ""),
    ("Will raters still be paid after Outlier cuts the queue?", ""),
    ("Why would Outlier cut pay again?", ""),
    ("Are Outlier tasks paying less since Monday?", ""),
])
def test_a_pure_question_still_only_asks(sure: Scorer, title: str, body: str) -> None:
    analysis = sure.analyse(post(title, body, subreddit="outlier_ai"))
    assert not analysis.decision.is_signal, analysis.reasons
    assert not any("presupposes" in r for r in analysis.reasons), analysis.reasons
