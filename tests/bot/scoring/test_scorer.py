"""The scorer's follow-up candidates: posts short of a signal that may join an open event."""

from __future__ import annotations

from functools import lru_cache

from bot.scoring import Scorer
from tests.bot.scoring._posts import post


@lru_cache(maxsize=1)
def _rules_only() -> Scorer:
    return Scorer(use_model=False)


def test_a_headline_set_after_an_event_is_a_follow_up_of_its_kind_however_low_it_scores() -> None:
    """"A week after its layoffs, ..." reports nothing new of its own, but it is a later
    report of the layoffs: a follow-up candidate of that kind, far below the band or not."""
    scorer = _rules_only()
    decision = scorer.score(post("Two weeks after the job cuts, Mercor names a new operations "
                                 "chief", source="feed", feed="Fortune"))
    assert not decision.is_signal and decision.score < scorer.threshold - scorer.band
    assert decision.borderline is not None
    assert decision.borderline.event_type == "layoff"
    assert decision.borderline.platforms == ("mercor",)


def test_the_same_headline_without_the_event_behind_it_is_no_candidate() -> None:
    decision = _rules_only().score(post("Mercor names a new operations chief", source="feed",
                                        feed="Fortune"))
    assert not decision.is_signal and decision.borderline is None
