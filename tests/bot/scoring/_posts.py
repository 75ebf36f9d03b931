"""Building posts and scoring them in one line, so each test reads as the post it checks."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.records import PostRecord
from bot.scoring import Decision, Scorer
from bot.scoring.learned import FORMAT
from bot.scoring.rules import RuleResult


def post(title: str, body: str = "", subreddit: str | None = None, source: str = "reddit",
         feed: str | None = None, hint: str | None = None) -> PostRecord:
    return PostRecord(source_kind=source, external_id="t1", title=title, body=body,  # type: ignore[arg-type]
                      subreddit=subreddit, feed=feed, platform_hint=hint)


@lru_cache(maxsize=1)
def _scorer() -> Scorer:
    return Scorer()


def score(title: str, body: str = "", subreddit: str | None = None, source: str = "reddit",
          feed: str | None = None, hint: str | None = None) -> Decision:
    return _scorer().score(post(title, body, subreddit, source, feed, hint))


@lru_cache(maxsize=1)
def rules_scorer() -> Scorer:
    """The rules alone, no model: what the cue table itself decides a post leads with."""
    return Scorer(mode="rules", use_model=False)


def rules(title: str, body: str = "", source: str = "feed") -> Decision:
    """A press item from a wire feed (or, with ``source="reddit"``, a post in no subreddit)
    as the rules alone decide it."""
    return rules_scorer().score(post(title, body, source=source,
                                     feed="reuters" if source == "feed" else None))


def run_rules(title: str, body: str = "", subreddit: str | None = None, source: str = "reddit",
              feed: str | None = None) -> RuleResult:
    """The rules' own result for a post (cues, vetoes, reasons), before any decision."""
    return rules_scorer().rules.run(post(title, body, subreddit, source, feed))


def flat_model(bias: float) -> dict[str, Any]:
    """A model document that puts every post at one probability (the logistic of ``bias``),
    whatever its words: for tests of how sure a model must be, not of what it learnt."""
    return {"format": FORMAT, "signal": {"bias": bias, "weights": {}},
            "types": {"classes": ["layoff", "pay_cut"], "bias": [0.0, 0.0], "weights": {}}}
