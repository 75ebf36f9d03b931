"""The scorer's answer types.

They are frozen so a decision can be cached, compared and shared between
threads, and they serialise to exactly the output format of signals.md so the
command line, storage and Discord formatting all agree on one shape.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

SCORER_VERSION = "cues-2.7"
"""Stored with every score so old scores can be told from new rules."""


def _types() -> tuple[tuple[str, str], ...]:
    """(event type, direction) as ``cues/scoring.toml`` lists them: the one list of types."""
    text = (resources.files("bot.scoring") / "cues" / "scoring.toml").read_text(encoding="utf-8")
    return tuple((t["name"], t["direction"]) for t in tomllib.loads(text)["type"])


EVENT_TYPES: tuple[str, ...] = (*(name for name, _ in _types()), "none")
EXPANSION_TYPES = frozenset(name for name, direction in _types() if direction == "expansion")


def direction_of(event_type: str) -> str:
    """signals.md ties direction to the event type; derive it so they never disagree."""
    if event_type == "none":
        return "neutral"
    return "expansion" if event_type in EXPANSION_TYPES else "contraction"


@dataclass(frozen=True)
class Magnitude:
    """How big a change is, as far as the post says in numbers."""

    pay_before: float | None = None
    pay_after: float | None = None
    pay_unit: str | None = None
    currency: str | None = None
    percent: float | None = None
    headcount: int | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "pay_before": self.pay_before,
            "pay_after": self.pay_after,
            "pay_unit": self.pay_unit,
            "currency": self.currency,
            "percent": self.percent,
            "headcount": self.headcount,
            "text": self.text,
        }


@dataclass(frozen=True)
class Decision:
    """The verdict on one post, with the phrases that drove it."""

    is_signal: bool
    score: float
    event_type: str
    direction: str
    tier: str
    platforms: tuple[str, ...]
    evidence: tuple[str, ...]
    magnitude: Magnitude | None = None
    report: str | None = None
    """The kind of individual report (``removed``, ``no_tasks``, ``pay_lowered``) when the
    post is one worker's own account of one; spikes count these. None otherwise."""
    denial: bool = False
    """The post denies or debunks an event at its ``platforms``; it may dispute one."""
    borderline: Decision | None = None
    """For a post scored just short of the threshold with nothing the rules veto
    (``[follow_up] band`` of ``cues/scoring.toml``): the decision it would be as a signal.
    Grouping joins it to an open event it matches strongly, as a follow-up report of it;
    else it stays a non-signal. Not part of the output format."""

    def to_json(self, post_id: str) -> dict[str, Any]:
        """One output line of signals.md (plus ``magnitude`` when there is one)."""
        out: dict[str, Any] = {
            "id": post_id,
            "is_signal": self.is_signal,
            "score": round(self.score, 1),
            "event_type": self.event_type,
            "direction": self.direction,
            "tier": self.tier,
            "platforms": list(self.platforms),
            "evidence": list(self.evidence),
            "report": self.report,
        }
        if self.magnitude is not None:
            out["magnitude"] = self.magnitude.to_json()
        return out
