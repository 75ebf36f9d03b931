"""One event pattern: what it finds, how sure a match makes us, and what gates it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from bot.scoring.factor import factor_group
from bot.scoring.gate import Alternative, Gate, Group

GateSpec = Group | Alternative | list[Group | Alternative]


@dataclass(frozen=True)
class EventPattern:
    event_type: str
    weight: float
    regex: re.Pattern[str]
    needs: str = ""
    """A sentence-level requirement: "client", "platformish", "workers" or ""."""
    gate: Gate = ()
    """Keys every match contains (see bot.scoring.gate), so the pattern only runs on
    posts that have them. Empty: always run."""
    source: str = ""
    """The pattern as written; ``regex`` is it with its alternatives grouped (factor.py)."""


def _alternative(spec: Group | Alternative) -> Alternative:
    if spec and isinstance(spec[0], str):
        return (cast(Group, spec),)
    return cast(Alternative, spec)


def as_gate(gate: GateSpec) -> Gate:
    """A gate written as a group, a tuple of groups, or a list of alternatives."""
    if isinstance(gate, list):
        return tuple(_alternative(g) for g in gate)
    return (_alternative(gate),) if gate else ()


def pat(event_type: str, weight: float, gate: GateSpec, pattern: str,
        needs: str = "") -> EventPattern:
    """``gate`` is a group of keys, a tuple of groups that must all appear, or a list of
    such alternatives for a pattern whose phrasings need different words."""
    alternatives = as_gate(gate)
    return EventPattern(event_type, weight, re.compile(factor_group(pattern)), needs,
                        alternatives, pattern)
