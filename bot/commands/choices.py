"""Autocomplete suggestions for platform, event type and tier options.

Discord shows at most 25 suggestions of at most 100 characters, and sends
what the user has typed so far. Matches on an id, a display name or an
alias rank first when the typed text starts them, then when it starts one
of their words, then anywhere inside. Options that take a comma-separated
list complete their last item and keep the items already chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.commands.options import fold, split_list
from bot.config import EVENT_TYPES, TIERS
from bot.delivery.labels import event_label, status_label, tier_label
from bot.platforms import OTHER, PlatformRegistry
from storage.queries.event_views import STATUSES

MAX_CHOICES = 25
MAX_CHOICE_CHARS = 100


@dataclass(frozen=True)
class Choice:
    name: str
    value: str


@dataclass(frozen=True)
class _Candidate:
    choice: Choice
    keys: tuple[str, ...]


def _rank(candidate: _Candidate, typed: str) -> int | None:
    if not typed:
        return 0
    for rank, test in enumerate((
        lambda key: fold(key).startswith(typed),
        lambda key: any(fold(word).startswith(typed) for word in key.replace("_", " ").split()),
        lambda key: typed in fold(key),
    )):
        if any(test(key) for key in candidate.keys):
            return rank
    return None


def _best(candidates: Sequence[_Candidate], typed: str, limit: int) -> list[Choice]:
    key = fold(typed)
    ranked = [(r, i, c.choice) for i, c in enumerate(candidates)
              if (r := _rank(c, key)) is not None]
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [choice for _, _, choice in ranked[:limit]]


def platform_choices(
    registry: PlatformRegistry, typed: str, *, other: bool = True, limit: int = MAX_CHOICES
) -> list[Choice]:
    """Platforms matching ``typed`` on id, name or alias; value is the platform id."""
    candidates = [
        _Candidate(Choice(f"{p.name} ({p.id})"[:MAX_CHOICE_CHARS], p.id),
                   (p.id, p.name, *p.aliases, *p.loose_aliases))
        for p in registry
    ]
    if other:
        candidates.append(_Candidate(Choice("Other platform (other)", OTHER), (OTHER,)))
    return _best(candidates, typed, limit)


def event_type_choices(typed: str, *, limit: int = MAX_CHOICES) -> list[Choice]:
    candidates = [_Candidate(Choice(f"{event_label(e)} ({e})", e), (e, event_label(e)))
                  for e in EVENT_TYPES]
    return _best(candidates, typed, limit)


def tier_choices(typed: str, *, limit: int = MAX_CHOICES) -> list[Choice]:
    candidates = [_Candidate(Choice(f"{tier_label(t)} ({t})", t), (t, tier_label(t)))
                  for t in TIERS]
    return _best(candidates, typed, limit)


def status_choices(typed: str, *, limit: int = MAX_CHOICES) -> list[Choice]:
    candidates = [_Candidate(Choice(f"{status_label(s)} ({s})", s), (s,)) for s in STATUSES]
    return _best(candidates, typed, limit)


def list_choices(typed: str, single: Callable[[str], list[Choice]]) -> list[Choice]:
    """Complete the last item of a comma-separated list, keeping the earlier ones.

    ``"mercor, outl"`` suggests ``mercor,outlier``; items already in the list
    are not suggested again, and suggestions too long for Discord are left out.
    """
    head, sep, last = typed.rpartition(",")
    chosen = split_list(head) if sep else []
    prefix = ",".join(chosen)
    out: list[Choice] = []
    for choice in single(last.strip()):
        if choice.value in chosen:
            continue
        value = f"{prefix},{choice.value}" if prefix else choice.value
        name = f"{prefix}, {choice.name}" if prefix else choice.name
        if len(value) > MAX_CHOICE_CHARS:
            continue
        out.append(Choice(name if len(name) <= MAX_CHOICE_CHARS else value, value))
    return out[:MAX_CHOICES]
