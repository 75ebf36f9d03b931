"""The output line format of signals.md, and the public API shape."""

from __future__ import annotations

import json

import bot.scoring as scoring
from bot.scoring import SCORER_VERSION, Decision, Magnitude, Scorer
from bot.scoring.model import EVENT_TYPES, direction_of
from tests.bot.scoring._posts import post, score

SPEC_KEYS = {"id", "is_signal", "score", "event_type", "direction", "tier", "platforms",
             "evidence", "report"}


def test_public_names() -> None:
    assert set(scoring.__all__) >= {"SCORER_VERSION", "Decision", "Magnitude", "Scorer",
                                    "extract_magnitude"}
    assert isinstance(SCORER_VERSION, str) and SCORER_VERSION


def test_signal_line_matches_the_spec() -> None:
    d = score("Generalist rates dropped from $25/hr to $16/hr today",
              "Everyone on the English projects got the same email.", subreddit="outlier_ai")
    out = d.to_json("p1")
    assert set(out) == SPEC_KEYS | {"magnitude"}
    assert out["id"] == "p1" and out["is_signal"] is True
    assert out["event_type"] == "pay_cut" and out["direction"] == "contraction"
    assert out["tier"] == "generalist" and out["platforms"] == ["outlier"]
    assert 0 <= out["score"] <= 100 and out["score"] >= 50
    assert all(isinstance(e, str) and e for e in out["evidence"])
    assert any("$25/hr to $16/hr" in e or "dropped" in e for e in out["evidence"])
    assert out["magnitude"]["pay_before"] == 25.0 and out["magnitude"]["pay_after"] == 16.0
    json.dumps(out)


def test_evidence_comes_from_the_post() -> None:
    title = "Whole Bulba team got offboarded overnight"
    body = "Basically every attempter and reviewer got the removed from project email."
    d = score(title, body, subreddit="outlier_ai")
    text = f"{title} {body}"
    assert d.evidence and all(e in text for e in d.evidence)


def test_non_signal_line() -> None:
    d = score("How do I fill in the 1099?", "First year doing contract work.",
              subreddit="outlier_ai")
    out = d.to_json("p2")
    assert set(out) == SPEC_KEYS
    assert out == {**out, "is_signal": False, "event_type": "none", "direction": "neutral",
                   "tier": "unknown", "platforms": []}


def test_direction_follows_event_type() -> None:
    assert direction_of("none") == "neutral"
    assert direction_of("pay_raise") == direction_of("hiring_expansion") == "expansion"
    assert {direction_of(t) for t in EVENT_TYPES if t not in
            ("none", "pay_raise", "hiring_expansion")} == {"contraction"}


def test_decisions_are_frozen_values() -> None:
    d = Decision(False, 0.0, "none", "neutral", "unknown", (), (), None)
    assert d == Decision(False, 0.0, "none", "neutral", "unknown", (), (), None)
    assert hash(Magnitude(percent=35.0)) == hash(Magnitude(percent=35.0))


def test_threshold_moves_the_decision() -> None:
    p = post("Rates cut for all raters", "Everyone got the notice: $14 to $12/hr.",
             subreddit="TelusInternational")
    default = Scorer().score(p)
    assert default.is_signal
    assert not Scorer(threshold=min(100.0, default.score + 0.1)).score(p).is_signal
    assert Scorer(threshold=default.score).score(p).is_signal


def test_score_is_deterministic() -> None:
    p = post("Remotasks is shutting down, accounts close March 31", "Email to all taskers.",
             subreddit="remotasks")
    s = Scorer()
    assert s.score(p) == s.score(p) == Scorer().score(p)
