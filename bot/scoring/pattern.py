"""One event pattern: what it finds, how sure a match makes us, and what gates it."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class EventPattern:
    event_type: str
    weight: float
    regex: re.Pattern[str]
    needs: str = ""
    """A sentence-level requirement: "client", "platformish", "workers" or ""."""
    gate: tuple[tuple[str, ...], ...] = ()
    """Groups of word beginnings (see bot.scoring.gate): every match contains one word of
    each group, so the pattern only runs on posts that have them. Empty: always run."""


def pat(event_type: str, weight: float, gate: tuple[str, ...] | tuple[tuple[str, ...], ...],
        pattern: str, needs: str = "") -> EventPattern:
    groups = (gate,) if gate and isinstance(gate[0], str) else gate
    return EventPattern(event_type, weight, re.compile(pattern), needs,
                        groups)  # type: ignore[arg-type]
