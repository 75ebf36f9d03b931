"""Which of a post's events it places in the past, as background to its news.

A post that reports a new event often tells an older one first ("the spring layoffs came
first; this week the careers page lists 400 coder roles", "after weeks of pay drop posts
here, the newsletter today announces a hiring drive"). Both events' words are there, and
the older is often said more plainly, so by strength alone it would lead. An event is
placed in the past when:

- a past time is said in its own clause and goes with it rather than another event there
  ("my QA pod was let go in March", "two months ago", "last month's");
- a turn to the present follows it in its sentence ("pay went down in spring, but now ...");
- the post names it only as a topic of talk ("the pay drop posts") or as what the news
  comes amid ("odd timing given the layoffs").

``EventFinder.lead`` lets such an event lead only when the events the post tells as new
are of its own type; among events of equal standing the type precedence is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.scoring.narrowing import Finder
from bot.scoring.text import Sentence

_CLAUSE_BREAK = re.compile(r"[,;:()]|\s-\s|\b(?:but|while|whereas|though|although)\b")
"""Where one clause of a sentence ends and the next begins."""
_BETWEEN = re.compile(r"\b(?:that|which|who|it|they|we|he|she)\b")
"""A clause of its own between an event and a past time: the time is that clause's ("ends
the project it moved us to last month")."""
_GIVEN_REACH = 40
"""How far before an event's words ``past_given`` looks ("given all the recent ...")."""


class Placed(Protocol):
    """What of an event (``events.Hit``) placing it needs."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def sentence(self) -> Sentence: ...


def placed_past(ctx: Mapping[str, Finder], hits: Sequence[Placed]) -> list[bool]:
    """For each of ``hits``: is it placed in the past?"""
    past = [_turned(ctx, h) or _topic(ctx, h) for h in hits]
    by_sentence: dict[int, list[int]] = {}
    for i, h in enumerate(hits):
        by_sentence.setdefault(h.sentence.start, []).append(i)
    for members in by_sentence.values():
        sent = hits[members[0]].sentence
        breaks: list[int] | None = None
        for when in ctx["past_when"].finditer(sent.text):
            if breaks is None:  # the sentence's clause breaks, once for all its past times
                breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sent.text)]
                breaks += [m.start() for m in ctx["now_turn"].finditer(sent.text)]
            near = _owner(ctx, sent, when, [hits[i] for i in members], breaks)
            if near is not None:
                past[members[near]] = True
    return past


def _turned(ctx: Mapping[str, Finder], h: Placed) -> bool:
    """A turn to the present ("and now", "e agora") after the event, in its sentence."""
    return ctx["now_turn"].search(h.sentence.text, h.end - h.sentence.start) is not None


def _topic(ctx: Mapping[str, Finder], h: Placed) -> bool:
    """Named as a topic of talk right after its words, or as what the news comes amid."""
    text, a, b = h.sentence.text, h.start - h.sentence.start, h.end - h.sentence.start
    if ctx["past_topic"].match(text, b):
        return True
    return ctx["past_given"].search(text, max(0, a - _GIVEN_REACH), a) is not None


def _owner(ctx: Mapping[str, Finder], sent: Sentence, when: re.Match[str],
           hits: list[Placed], breaks: list[int]) -> int | None:
    """The index of the event a past time in ``sent`` goes with: the nearest in its clause
    (a clause of its own at the sentence start, "Back in March, ...", goes with the next);
    none across a turn to the present, or in a clause that speaks of the future.
    ``breaks``: where the sentence's clauses (``_CLAUSE_BREAK``) and turns to now begin."""
    text = sent.text
    lo = max([b for b in breaks if b < when.start()], default=0)
    hi = min([b for b in breaks if b >= when.end()], default=len(text))
    if lo == 0 and not any(lo <= h.start - sent.start < hi for h in hits):
        hi = min([b for b in breaks if b > hi], default=len(text))  # "Back in March, they ..."
    clause = text[lo:hi]
    if when.group(0).startswith("in ") and ctx["future_when"].search(clause):
        return None
    best: tuple[int, int] | None = None
    for i, h in enumerate(hits):
        a, b = h.start - sent.start, h.end - sent.start
        if not lo <= a < hi:
            continue
        gap = max(0, a - when.end(), when.start() - b)
        if _BETWEEN.search(text, min(b, when.end()), max(a, when.start())):
            continue
        if best is None or gap < best[0]:
            best = (gap, i)
    return best[1] if best is not None else None
