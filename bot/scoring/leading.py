"""Which of a post's strong events it leads with: title first, then the strongest, then
the earliest, with the precedence of types that are told together.

Kept apart from finding the events (``events.py``) because ``EventFinder.lead`` asks it
twice: of every strong event, and of those the post does not place in the past.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.scoring.magnitude import pay_direction
from bot.scoring.model import Magnitude
from bot.scoring.narrowing import Finder

if TYPE_CHECKING:
    from bot.scoring.events import Hit


def pick(f: Mapping[str, float], bias: Mapping[str, float], ctx: Mapping[str, Finder],
         strong: list[Hit], magnitude: Magnitude | None) -> Hit:
    """The lead among ``strong`` (not empty): ``f`` is ``[sentence]`` of scoring.toml,
    ``bias`` each type's precedence, ``ctx`` the context cues."""
    direction = pay_direction(magnitude)

    def key(h: Hit) -> float:
        k = h.weight + (f["title_lead"] if h.sentence.in_title else 0.0)
        k += bias.get(h.event_type, 0.0) - 0.0001 * h.start
        if direction and h.event_type in ("pay_cut", "pay_raise"):
            agrees = (h.event_type == "pay_raise") == (direction > 0)
            k += f["pay_agrees"] if agrees else f["pay_disagrees"]
        return k

    best = max(strong, key=key)
    same = [h for h in strong if h.sentence is best.sentence]
    earlier = [h for h in same if h.end <= best.start and h.event_type != best.event_type
               and h.weight >= best.weight - f["earlier_margin"]
               and bias.get(h.event_type, 0.0) >= 0]  # a vague type never leads so
    if earlier:
        # Two events in one sentence ("team got cut AND the rates are lower"): the first.
        best = min(earlier, key=lambda h: h.start)
    types = {h.event_type for h in same}
    s = best.sentence  # "we are reorganising X. As part of this, 140 roles go": the reorg leads
    consequence = ctx["reorg_headline" if s.in_title else "reorg_consequence"]
    for h in strong if best.event_type == "layoff" else ():
        gap = max(0, h.end - s.start)
        if h.event_type == "restructuring" and (h.sentence is s or 0 <= s.start - h.end < 150) \
                and consequence.match(s.text[gap:best.end - s.start]):
            return h
    if best.event_type in ("layoff", "project_pause", "hiring_freeze") \
            and "tier_shift" in types:
        # "all generalists are off it, the work goes to specialists": the move leads, unless
        # it is the reason after the event ("lays off 500 tutors as it shifts to specialists")
        move = max((h for h in same if h.event_type == "tier_shift"), key=lambda h: h.weight)
        if not (best.end <= move.start and ctx["reason_clause"].search(
                s.text, best.end - s.start, move.start - s.start)):
            return move
    if (best.event_type == "project_pause" or (best.event_type == "shutdown" and ctx[
            "programme_work"].search(best.sentence.text))) and "layoff" in types:
        # "the project (programme) ends, everybody out Friday": the workers' layoff leads.
        return max((h for h in same if h.event_type == "layoff"), key=lambda h: h.weight)
    if best.event_type in ("project_pause", "layoff", "shutdown") and "client_loss" in types:
        # "the lab ended its contract, so projects close": the client's move leads unless
        # the post names the consequence first ("raters lose contract with the vendor").
        for h in same:
            if h.event_type == "client_loss" and h.start < best.end and not (
                    best.event_type == "layoff" and best.start < h.start):
                return h
    return best
