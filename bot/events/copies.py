"""Syndicated copies the scorer passed over: they join the event of the report they copy.

Google News lists one article under several outlets, each copy's body only its
headline and the outlet's name ("Google's contracted AI raters face fresh cuts at
GlobalLogic - Bloomberg"). The headline alone carries no cue, so the scorer puts
such a copy far below a signal, though the original (the outlet's own item, with
its full text) is one. A post that is an exact copy of a report of an open event
(the same fingerprint or canonical link, ``text.py``) joins that event as a
syndicated copy, whatever it scored: the event lists the extra outlet and counts
the post as a report, never as independent corroboration (``EventState.add_report``).
A copy of nothing stays a non-signal, and a copy of a report of a closed event
(or of one quiet for longer than it takes to close) does not reopen it.

Only exact copies count, and only of a story: a title of a few words with no body
("Layoffs?") fingerprints alike for unrelated posts, so such a post never joins by
its fingerprint (its canonical link still ties it). Only feed items are looked at:
a Reddit post's link is its own page, never another report's, and its text is its
own, so a copy of a signal's text scores as that signal did (one pasted into a
subreddit about no platform may not: it is left to the follow-up rule). The check
is a few dictionary lookups per feed item: ``CopyIndex`` holds the fingerprints and
links of the events a page loaded. To look one up, an item the scorer passed over is
read as a source (its fingerprint, link and platforms, with a platform match over its
title and the start of its body when it gives no hint), and read in full only once it
is found to be a copy. A follow-up report (scored just short of a signal) is a story
whatever its length, so it may join by its fingerprint too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.events.features import FeatureReader, Incoming, Verdict
from bot.events.record import EventState
from bot.events.sources import Source
from storage.queries.events import CLOSED

_STORY_WORDS = 6
"""Words of title (and body start) a fingerprint must cover to tell one story: as many
as ``text.fingerprint`` reads from the title before it adds the body."""


@dataclass(frozen=True)
class Candidate:
    """A post the scorer passed over, as far as telling a copy needs: who reported it,
    the platforms it is about (for loading the events it may copy), and whether its
    text is long enough for its fingerprint to tell one story."""

    item: Incoming
    source: Source
    platforms: tuple[str, ...]
    story: bool

    @property
    def at(self) -> datetime:
        return self.item.at

    @property
    def post_id(self) -> int:
        return self.item.post_id


def candidates(reader: FeatureReader, items: Sequence[Incoming]) -> list[Candidate]:
    """The page's feed items that are neither signals, denials nor follow-ups: any may be
    a copy."""
    out = []
    for item in items:
        v = item.verdict
        if v.is_signal or v.denial or v.follow_up or item.record.source_kind != "feed":
            continue
        source, platforms = reader.source(item)
        length = len(source.title.split())
        if length < _STORY_WORDS:
            length += len((item.record.body or "")[:200].split())
        out.append(Candidate(item, source, platforms, length >= _STORY_WORDS))
    return out


def as_copy(candidate: Candidate, state: EventState) -> Incoming:
    """The post with the verdict it joins with: its own score, and the kind, tier and
    platforms of the event whose report it copies (it tells that report's story, and its
    own headline gave the scorer nothing to go on)."""
    v = candidate.item.verdict
    return replace(candidate.item, verdict=Verdict(
        False, v.score, state.event_type, state.tier, tuple(state.platforms)))


class CopyIndex:
    """The events a page holds, by the fingerprints and canonical links of their reports."""

    def __init__(self) -> None:
        self._prints: dict[str, EventState] = {}
        self._links: dict[str, EventState] = {}

    def add(self, state: EventState) -> None:
        """(Re)index an event, as it was loaded or after a report joined it."""
        for key in state.f("prints", {}):
            self._prints[key] = state
        for key in state.f("links", {}):
            self._links[key] = state

    def find(self, source: Source, at: datetime, guild_id: int | None, story: bool,
             quiet: timedelta) -> tuple[EventState, int] | None:
        """The open event one of whose reports this post copies, and that report's post."""
        found = []
        if story:
            found.append((self._prints.get(source.print), "prints", source.print))
        if source.link is not None:
            found.append((self._links.get(source.link), "links", source.link))
        for state, kind, key in found:
            if state is None or state.status == CLOSED or state.guild_id != guild_id:
                continue
            if state.gap(at) > quiet:
                continue  # the event went quiet before the copy appeared: it is closed
            of: int | None = state.f(kind, {}).get(key)
            if of is not None:
                return state, of
        return None
