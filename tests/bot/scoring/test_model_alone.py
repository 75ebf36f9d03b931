"""What the model alone may not make a signal, however sure it is.

When no event cue fires, the rules stop early and the model's probability decides. A model
trained on many short group reports learns that short first-person posts read like news; so
the combination still reads, for those posts only, what signals.md leaves out: one worker's
own story, a headline that only asks, and the vetoes (other senses, denials, referrals).
"""

from __future__ import annotations

import pytest

from bot.scoring import Scorer
from bot.scoring.learned import LinearModel
from tests.bot.scoring._posts import flat_model, post


def _scorer(bias: float) -> Scorer:
    """A scorer whose model gives every post the same probability (the logistic of ``bias``)."""
    return Scorer(model=LinearModel(flat_model(bias)))


@pytest.fixture(scope="module")
def sure() -> Scorer:
    """A scorer whose model calls every post a signal (probability 0.99)."""
    return _scorer(4.6)


@pytest.fixture(scope="module")
def leaning() -> Scorer:
    """A scorer whose model is 0.45 sure of every post: enough to make a signal alone, under
    the bar at which an opening question that tells its news is let through."""
    return _scorer(-0.2)


@pytest.mark.parametrize(("title", "body"), [
    ("I'm no longer on the Outlier project as of today", ""),
    ("they kicked me off the Outlier project", "no email, nothing"),
    ("Are rates being raised?", "Every project on my dashboard, and a few people in the discord."),
    ("Apply now: AI trainer, $40/hr", "Join our team of experts on Outlier."),
    ("Cut your review time in half with this checklist", "Works on any Outlier project."),
])
def test_the_model_alone_does_not_make_these_signals(sure: Scorer, title: str,
                                                     body: str) -> None:
    decision = sure.score(post(title, body, subreddit="outlier_ai"))
    assert not decision.is_signal, decision


@pytest.mark.parametrize(("title", "body"), [
    ("whole pod got the boot from the Outlier project today", "all 40 of us, same email"),
    ("Kestrel queue bone dry for everyone since the update", ""),
])
def test_the_model_alone_still_catches_group_reports(sure: Scorer, title: str,
                                                     body: str) -> None:
    assert sure.score(post(title, body, subreddit="outlier_ai")).is_signal


@pytest.mark.parametrize(("title", "body"), [
    ("so they moved all of us to the $12 tier?", "the notice went to every writer today"),
    ("So the whole audio pod is gone now?", "forty of us got the same goodbye email"),
    ("was 30 now 22 on review?? and writers went 20 -> 15", "same email for the entire pool"),
    ("were 0.12 a task, now 0.09", "it's the same batch, everyone in the thread says so"),
])
def test_a_headline_that_tells_and_checks_is_not_only_asking(sure: Scorer, title: str,
                                                             body: str) -> None:
    """A question in statement order after "so", or an old figure "was" set against the new
    one, says what happened: the model may make it a signal."""
    assert sure.score(post(title, body, subreddit="outlier_ai")).is_signal


@pytest.mark.parametrize("title", ["so is the Outlier review queue gone for good?",
                                   "was it just me or did Outlier rates drop?"])
def test_a_headline_that_only_asks_still_does_not(sure: Scorer, title: str) -> None:
    assert not sure.score(post(title, "", subreddit="outlier_ai")).is_signal


TELLING_QUESTIONS = [
    ("anyone else on the Heron project get the wind-down email?",
     "got mine at 9am. all 60 of us in the pod are off it as of friday."),
    ("did the audio review rate just change for you too?",
     "it went from $22 to $16 an hour overnight, I checked every task I have."),
    ("is it only my team that got the Kestrel memo?",
     "our lead read it out this morning: the whole pod is done at the end of the month."),
]


@pytest.mark.parametrize(("title", "body"), TELLING_QUESTIONS)
def test_a_question_whose_post_tells_the_news_with_specifics_is_let_through(
        sure: Scorer, title: str, body: str) -> None:
    """Asked of the others hit, yet the body says what happened: figures, or many hit."""
    analysis = sure.analyse(post(title, body, subreddit="outlier_ai"))
    assert analysis.decision.is_signal, analysis.reasons
    assert any(r.startswith("opens with a question but tells:") for r in analysis.reasons)


@pytest.mark.parametrize(("title", "body"), TELLING_QUESTIONS)
def test_a_telling_question_needs_the_model_fairly_sure(leaning: Scorer, title: str,
                                                        body: str) -> None:
    analysis = leaning.analyse(post(title, body, subreddit="outlier_ai"))
    assert not analysis.decision.is_signal, analysis.reasons
    assert any("but model under 0.50" in r for r in analysis.reasons), analysis.reasons


@pytest.mark.parametrize(("title", "body"), [
    ("Is Outlier cutting pay from $20 to $15 an hour?", ""),
    ("will the Heron project get paused next month?", "asking before I start onboarding"),
    ("Are all the Kestrel raters being let go?", "Does anyone know? Has the whole pod heard?"),
])
def test_a_question_with_specifics_only_in_its_questions_still_only_asks(
        sure: Scorer, title: str, body: str) -> None:
    analysis = sure.analyse(post(title, body, subreddit="outlier_ai"))
    assert not analysis.decision.is_signal, analysis.reasons
    assert any(r.startswith("opens with a question, tells no more") for r in analysis.reasons)


def test_one_worker_removed_stays_a_report_spikes_count(sure: Scorer) -> None:
    decision = sure.score(post("I got removed from the Outlier project today", "",
                               subreddit="outlier_ai"))
    assert not decision.is_signal and decision.report == "removed"


def test_a_result_scored_twice_decides_the_same_and_is_left_as_it_was(sure: Scorer) -> None:
    """Cross-validation scores one rules result per post in every fold: reading what the
    rules skipped must not add their penalties to that result again."""
    p = post("Apply now: AI trainer, $40/hr", "Join our team of experts on Outlier.",
             subreddit="outlier_ai")
    r = sure.rules.run(p)
    before = (r.score, list(r.vetoes), list(r.reasons), r.group)
    first = sure.analyse(p, rules=r).by_mode
    second = sure.analyse(p, rules=r).by_mode
    assert first == second
    assert (r.score, r.vetoes, r.reasons, r.group) == before
