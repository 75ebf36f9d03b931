"""Whom a change hits: generalists, experts, everyone, or unknown.

The words for each tier are cues of ``cues/tiers.toml``. Sentences that
describe who was spared ("expert projects still have tasks") are left out,
and for a tier shift the tier that loses the work is the answer, as
signals.md asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.scoring.narrowing import Finder
from bot.scoring.text import PostText, Sentence

Cues = Mapping[str, Finder]


@dataclass(frozen=True)
class TierResult:
    tier: str
    evidence: str = ""


def _counts(ctx: Cues, post: PostText, only: Sentence | None = None, layoff: bool = False
            ) -> tuple[float, float, float, str, bool]:
    """Weighted tier words over the post (or one sentence), title counted double. In a
    layoff, experts the company turns to ("as it bets on experts") count for generalists.
    The last value says whether experts were named as spared ("the coding ones look untouched")."""
    lower = post.lower
    lo, hi = (only.start, only.end) if only is not None else (0, len(lower))
    gainer: dict[int, int] = {}
    for m in ctx["tier_gainer"].finditer(lower, lo, hi) if layoff else ():
        gainer.setdefault(post.sentence_at(m.start()).start, m.start())
    spared = {post.sentence_at(m.start()).start for m in ctx["tier_spared"].finditer(lower, lo, hi)}
    including: dict[int, int] = {}
    for m in ctx["tier_including"].finditer(lower, lo, hi):
        including.setdefault(post.sentence_at(m.start()).start, m.start())

    def weight(pos: int) -> float:
        sent = post.sentence_at(pos)
        if sent.in_title:
            return 2.0
        return 0.0 if sent.start in spared else 1.0

    blurbs = [(b.start(), b.end()) for b in ctx["tier_blurb"].finditer(lower, lo, hi)]
    expert = generalist = everyone = 0.0
    phrase = ""
    spared_expert = False
    for m in ctx["tier_expert"].finditer(lower, lo, hi):
        if any(a <= m.start() < b for a, b in blurbs):
            continue  # "founded by Thiel fellows", "a software company": not the workers hit
        w = weight(m.start())
        spared_expert = spared_expert or post.sentence_at(m.start()).start in spared
        inc = including.get(post.sentence_at(m.start()).start)
        if inc is not None and m.start() > inc:
            everyone += w * 0.5
            continue
        turn = gainer.get(post.sentence_at(m.start()).start)
        if turn is not None and m.start() > turn:
            generalist += w
            continue
        expert += w
        phrase = phrase or (m.group(0) if w else "")
    examples = [(b.start(), b.end()) for b in ctx["tier_examples"].finditer(lower, lo, hi)]
    for m in ctx["tier_generalist"].finditer(lower, lo, hi):
        if any(a <= m.start() < b for a, b in examples):
            continue  # "tasks such as image annotation": what the platform offers, not who is hit
        word = m.group(0)
        scale = 4.0 if ctx["tier_generalist_strong"].match(word) else \
            0.5 if ctx["tier_generic"].match(word) else 1.0
        w = weight(m.start())
        generalist += w * scale
        phrase = phrase or (word if w else "")
    counted: set[int] = set()
    for m in ctx["tier_all"].finditer(lower, lo, hi):
        sent = post.sentence_at(m.start())
        if sent.start not in counted:
            counted.add(sent.start)
            everyone += weight(m.start())
    return expert, generalist, everyone, phrase, spared_expert


def _first_tier(ctx: Cues, text: str) -> str | None:
    gen = ctx["tier_gen_word"].search(text)
    exp = ctx["tier_exp_word"].search(text)
    if gen is None and exp is None:
        return None
    if exp is None or (gen is not None and gen.start() <= exp.start()):
        return "generalist"
    return "expert"


def shift_loser(ctx: Cues, sentence_text: str, match_start: int, match_end: int) -> str:
    """For a tier shift, the tier that loses the work."""
    span = sentence_text[match_start:match_end]
    if ctx["shift_only"].search(span):
        return "generalist"
    passive = ctx["shift_passive"].search(span)
    if passive is not None and (gainer := _first_tier(ctx, span[passive.end():])) is not None:
        # "coders are being replaced by cheaper contractors": the other tier loses.
        return "expert" if gainer == "generalist" else "generalist"
    m = ctx["shift_from"].search(span)
    if m is not None and (tier := _first_tier(ctx, span[m.end():])) is not None:
        return tier
    if ctx["shift_replaced"].search(span) and (tier := _first_tier(ctx, span)) is not None:
        return tier
    pivot = ctx["tier_loser_pivot"].search(span)
    if pivot is not None:
        gainer = _first_tier(ctx, span[pivot.end():])
        if gainer is not None:
            return "expert" if gainer == "generalist" else "generalist"
    return "generalist"


def detect_tier(ctx: Cues, post: PostText, event_type: str, tiered: bool,
                shift: tuple[Sentence, int, int] | None = None,
                lead: Sentence | None = None) -> TierResult:
    """The tier for an event; ``tiered`` is false when every platform has no tiers."""
    if event_type == "tier_shift" and shift is not None:
        sent, start, end = shift
        return TierResult(shift_loser(ctx, sent.text, start, end), sent.text[start:end])
    if not tiered:
        # MTurk, Prolific, Clickworker: no tiers, so whatever the post says, everyone there.
        return TierResult("all", "")
    only = None
    if lead is not None and event_type == "layoff" and ctx["tier_staff"].search(lead.text):
        # Company staff cuts: only what the lead sentence says about who, not the company blurb
        # nor the reason given after it ("cuts 10% of staff as it refocuses on expert data").
        reason = ctx["tier_reason"].search(lead.text, 12)
        only = lead if reason is None else lead._replace(end=lead.start + reason.start())
    expert, generalist, everyone, phrase, spared_expert = _counts(
        ctx, post, only, event_type == "layoff")
    if only is not None and not (expert or generalist or everyone):
        # The lead says only "500 employees"; a post that goes on to call them generalists
        # names the tier that lost the work.
        named = next((m for m in ctx["tier_generalist"].finditer(post.lower)
                      if ctx["tier_generalist_strong"].match(m.group(0))), None)
        if named is not None:
            return TierResult("generalist", named.group(0))
    both = ctx["tier_both"].search(post.lower)
    if both:
        return TierResult("all", both.group(0))
    if expert or generalist:
        if expert >= 2 * generalist and expert > 0:
            return TierResult("expert", phrase)
        if generalist >= expert:
            return TierResult("generalist", phrase)
        if expert > generalist:
            return TierResult("expert", phrase)
    if spared_expert and not expert and not generalist:
        # "every $20 project dropped; the coding ones look untouched": the rest lost out.
        return TierResult("generalist", "")
    if everyone:
        return TierResult("all", "")
    if event_type == "shutdown" and lead is not None and not ctx["tier_part"].search(lead.text):
        # A platform closing, or leaving whole countries, hits everyone on it there.
        return TierResult("all", "")
    return TierResult("unknown", "")
