"""A spike as an event: opening one with ``origin: spike``, or folding one into an open event.

Pure functions over ``EventState`` (the record grouping revises), so a spike
is stored, alerted and edited exactly like any event. A spike's posts are
its reports; each worker who posted is an independent community source
(``u/name``, the key grouping gives community posts), so thirty workers
saying they were removed corroborate an event the way thirty witnesses
would. The spike's own numbers are kept in ``features["spikes"]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.events.record import EventState
from storage.queries.spikes import ReportPost

SPIKE = "spike"
KIND_EVENT = {"removed": "layoff", "no_tasks": "project_pause", "pay_lowered": "pay_cut"}
"""The event type a spike of each report kind stands for (signals.md)."""
KIND_PHRASE = {"removed": "being removed from their projects",
               "no_tasks": "empty task queues", "pay_lowered": "lowered pay"}
TOP_SCORE = 60.0
"""A spike alone scores at most this much before corroboration: it is indirect evidence."""
_CAP = 1000


@dataclass(frozen=True)
class SpikeFacts:
    """One detected spike: where, what kind, which day, how many against what rate."""

    community: str
    kind: str
    day: str
    count: int
    rate: float
    platforms: tuple[str, ...]
    parents: tuple[str, ...]


def spike_score(count: int, rate: float) -> float:
    """30 for a count twice the rate, ten more per doubling, at most ``TOP_SCORE``."""
    ratio = max(count / max(rate, 0.01), 2.0)
    return min(TOP_SCORE, 20.0 + 10.0 * math.log2(ratio))


def spike_title(facts: SpikeFacts, names: str) -> str:
    phrase = KIND_PHRASE.get(facts.kind, f"'{facts.kind}'")
    where = f" at {names}" if names else ""
    return (f"{facts.count} workers in {facts.community} report {phrase}{where} on "
            f"{facts.day} (usually about {facts.rate:g} a day)")


def open_spike_event(temp_id: int, facts: SpikeFacts, title: str,
                     posts: Sequence[ReportPost], now: datetime) -> EventState:
    """A new event with ``origin: spike`` whose reports are ``posts``."""
    first = min(p.created_utc for p in posts)
    event_type = KIND_EVENT.get(facts.kind, "layoff")
    state = EventState(
        id=temp_id, guild_id=None, title=title[:500], platforms=sorted(facts.platforms),
        parents=sorted(facts.parents), event_type=event_type, direction="contraction",
        tier="unknown", magnitude=None, first_seen=first, last_seen=first, status="reported",
        status_changed_at=now, confirmed_at=None, score=0.0, revision=0, origin=SPIKE,
        new=True, dirty=True,
    )
    state.features["top_score"] = spike_score(facts.count, facts.rate)
    state.features["types"] = {event_type: state.features["top_score"]}
    fold_spike(state, facts, posts, now)
    return state


def fold_spike(state: EventState, facts: SpikeFacts, posts: Sequence[ReportPost],
               now: datetime) -> bool:
    """Add a spike's posts (only those not in the event yet) to ``state``; returns whether
    anything an alert shows changed (the revision is bumped then)."""
    before = state.view()
    f = state.features
    spikes: list[dict[str, object]] = f.setdefault("spikes", [])
    entry = {"community": facts.community, "kind": facts.kind, "day": facts.day,
             "count": facts.count, "rate": facts.rate}
    for i, old in enumerate(spikes):
        if (old["community"], old["kind"], old["day"]) == (facts.community, facts.kind,
                                                           facts.day):
            spikes[i] = entry
            break
    else:
        spikes.append(entry)
    sources: list[str] = f.setdefault("sources", [])
    authors: list[str] = f.setdefault("authors", [])
    counted: list[int] = f.setdefault("spike_posts", [])
    for post in sorted(posts, key=lambda p: (p.created_utc, p.id)):
        if post.id in counted:
            continue
        if len(counted) < _CAP:
            counted.append(post.id)
        who = f"u/{post.author}" if post.author else f"post:{post.id}"
        if who not in sources and len(sources) < _CAP:
            sources.append(who)
        if who not in authors and len(authors) < _CAP:
            authors.append(who)
        state.post_count += 1
        state.first_seen = min(state.first_seen, post.created_utc)
        if post.created_utc >= state.last_seen:
            state.last_seen = post.created_utc
            f["latest"] = {"post": post.id, "at": post.created_utc.isoformat(),
                           "title": post.title[:300]}
    state.source_count = len(sources)
    state.author_count = len(authors)
    top = float(f.get("top_score", state.score))
    state.score = min(100.0, top + min(30, 6 * max(0, state.source_count - 1)))
    state.settle_status(now)
    changed = state.view() != before
    if changed:
        state.revision += 1
        state.dirty = True
    return changed
