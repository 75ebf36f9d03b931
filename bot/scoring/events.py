"""Finding the events a post describes, and the one it leads with.

Patterns are matched sentence by sentence (gated by their key words), then
each match is kept or dropped by its context: the requirement of its pattern,
a denial just before it, or another company as its actor. What is kept is
weighted by how its sentence is worded (a question, a hedge, the past).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from bot.scoring.context import ContextCues, negated
from bot.scoring.gate import Gate, Gatekeeper
from bot.scoring.lexicon import EventPattern
from bot.scoring.magnitude import pay_direction
from bot.scoring.model import Magnitude
from bot.scoring.text import Normalised, PostText, Sentence, split
from bot.scoring.vocab import W

RawMatch = tuple[EventPattern, re.Match[str]]


def _start(found: RawMatch) -> int:
    return found[1].start()


_WORKERS = re.compile(rf"\b{W}\b")
_OUTSIDER_AFTER = re.compile(
    r"[^.!?\n]{0,6}?\b(?:at|from|by|of)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:\w+\s+)?"
    r"(?:meta|facebook|google|microsoft|amazon|apple|openai|anthropic|tesla|nvidia|ibm|"
    r"salesforce|intel|twitter|job|company|startup|employer|firm|day job|university|school)\b"
)
_CLIENT_WORK = re.compile(
    r"(?:'s)? (?:\w+ )?(?:projects?|work|contracts?|accounts?|tasks|data|models?|clients?)\b")
"""After a company name: it is named as the client behind the work, not as the actor."""
_TYPE_BIAS = {"restructuring": -0.15, "tier_shift": 0.05}
_ASKING = frozenset({
    "is", "are", "was", "were", "will", "would", "does", "do", "did", "should", "can", "could",
    "has", "have", "had", "anyone", "anybody", "any", "what", "what's", "whats", "why", "how",
    "how's", "when", "who", "which", "where", "am", "isn't", "aren't", "didn't", "doesn't",
    "won't", "wait", "so", "or"})
_ASKS = re.compile(r"\b(?:anyone|anybody|any1|just me|is it|or is|am i|do you|did you|does it|"
                   r"should i|what|why|how|when|who|which|whether|if|true|real|confirm\w*|"
                   r"rumou?rs?|legit|possible|normal|or not|else|maybe|might|could)\b")
_SETTING = ("before ", "after ", "since ", "following ", "in the wake of ", "days after",
            "weeks after", "months after")
_SETTING_REACH = 12
"""How far past "weeks after" the event it names may start ("weeks after cutting 14%")."""
_WHOLE_POST_WORK = 600
"""Patterns opened times characters below which a post is matched whole, not by sentence."""
MIN_LEAD_WEIGHT = 0.35
"""A hit weaker than this (a hedged or asked-about event) cannot lead a post."""


@dataclass(frozen=True)
class Hit:
    event_type: str
    weight: float
    start: int
    end: int
    sentence: Sentence


class EventFinder:
    """Compiled once per scorer; holds no per-post state beyond its word caches."""

    def __init__(self, patterns: tuple[EventPattern, ...], cues: ContextCues,
                 extra_gates: Sequence[Gate] = ()) -> None:
        """``extra_gates`` are asked about with ``gatekeeper.open(mask, len(patterns) + i)``
        (the scorer's cues), from the same word lookups as the patterns' gates."""
        self.patterns = patterns
        self.cues = cues
        self.gatekeeper = Gatekeeper([*(p.gate for p in patterns), *extra_gates],
                                     listed=len(patterns))
        self.gating = True
        """Skip patterns whose key words are absent; off only to check it changes nothing."""
        self.whole_post_work = _WHOLE_POST_WORK
        """Below this (patterns opened times characters) a post is matched whole, above it
        sentence by sentence; either way finds the same (tests set it to check)."""

    def raw_matches(self, text: PostText) -> list[RawMatch]:
        if not self.gating:
            lower = text.lower
            found: list[RawMatch] = []
            for pattern in self.patterns:
                found.extend((pattern, m) for m in pattern.regex.finditer(lower))
            return found
        return self.settle(text, self.candidates(text.lower))

    def find(self, norm: Normalised) -> tuple[PostText | None, list[RawMatch], int]:
        """The post's matches, the post cut into sentences when there are any, and the
        post's key-word mask (for ``gatekeeper.open``).

        A post whose key words open few patterns is matched whole (most find
        nothing and are never cut into sentences); one that opens many is cut first
        and each pattern runs only on the sentences that hold its key words.
        """
        lower = norm.lower
        gatekeeper = self.gatekeeper
        mask = gatekeeper.mask(lower)
        opened = gatekeeper.opened(mask)
        if not opened:
            return None, [], mask
        if len(opened) * len(lower) < self.whole_post_work:
            found = self._whole(lower, opened)
            if not found:
                return None, [], mask
            text = split(norm)
            return text, self.settle(text, found), mask
        text = split(norm)
        return text, self._by_sentence(text), mask

    def _whole(self, lower: str, opened: tuple[int, ...]) -> list[RawMatch]:
        patterns = self.patterns
        found: list[RawMatch] = []
        for index in opened:
            pattern = patterns[index]
            found.extend((pattern, m) for m in pattern.regex.finditer(lower))
        return found

    def _by_sentence(self, text: PostText) -> list[RawMatch]:
        gatekeeper = self.gatekeeper
        patterns = self.patterns
        lower = text.lower
        spaced = gatekeeper.spaced(lower)
        found: list[RawMatch] = []
        for sent in text.sentences:
            for index in gatekeeper.opened(gatekeeper.mask_words(spaced[sent.start:sent.end])):
                pattern = patterns[index]
                found.extend((pattern, m)
                             for m in pattern.regex.finditer(lower, sent.start, sent.end))
        found.sort(key=_start)
        return found

    def candidates(self, lower: str) -> list[RawMatch]:
        """Matches over the whole post of the patterns whose key words it has.

        Cheaper than sentence by sentence, and needs no sentences: most posts have
        no match at all and are never cut into sentences. ``settle`` then keeps
        each match inside its sentence.
        """
        return self._whole(lower, self.gatekeeper.opened(self.gatekeeper.mask(lower)))

    def settle(self, text: PostText, found: list[RawMatch]) -> list[RawMatch]:
        """Whole-post matches as sentence-by-sentence matching finds them, in post order.

        A match never leaves its sentence. The rare pattern with a match that runs
        past a sentence end (a gap can cross a colon) is matched again sentence by
        sentence, so what is found is exactly what per-sentence matching finds.
        """
        if not found:
            return found
        starts = text.starts
        sentences = text.sentences
        redo: set[int] = set()
        for pattern, m in found:
            sent = sentences[max(0, bisect_right(starts, m.start()) - 1)]
            if m.start() < sent.start or m.end() > sent.end:
                redo.add(id(pattern))
        if redo:
            lower = text.lower
            kept: list[RawMatch] = []
            done: set[int] = set()
            for pattern, m in found:
                key = id(pattern)
                if key not in redo:
                    kept.append((pattern, m))
                elif key not in done:
                    done.add(key)
                    for sent in sentences:
                        kept.extend((pattern, sm) for sm in
                                    pattern.regex.finditer(lower, sent.start, sent.end))
            found = kept
        found.sort(key=_start)
        return found

    def hits(self, text: PostText, raw: list[RawMatch], mention_spans: list[tuple[int, int]],
             reasons: list[str], absent: frozenset[str] = frozenset()
             ) -> tuple[list[Hit], str]:
        """The matches that stand, weighted; and the first denied one, if any.

        ``absent`` names the cues ("outsider", "soft_hedge", "background") whose key words
        the post lacks, so no sentence needs reading for them."""
        outsiders = "outsider" not in absent
        with_platform = {text.sentence_at(a).start for a, _ in mention_spans}
        hits: list[Hit] = []
        denied = ""
        # Per-sentence answers, so a long sentence full of matches is read once, not per match.
        factors: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        needs_met: dict[tuple[str, int], bool] = {}
        actors: dict[int, list[int]] = {}
        for pattern, m in raw:
            sent = text.sentence_at(m.start())
            met = needs_met.get((pattern.needs, sent.start))
            if met is None:
                met = needs_met[(pattern.needs, sent.start)] = self._needs_met(
                    pattern.needs, sent, with_platform)
            if not met:
                continue
            if negated(text.lower, m.start(), sent.start):
                denied = denied or repr(text.original[m.start():m.end()])
                continue
            if sent.start not in actors:
                actors[sent.start] = [
                    sent.start + a.end() for a in self.cues.outsider.finditer(sent.text)
                    if not any(x <= sent.start + a.start() < y for x, y in mention_spans)
                    and not _CLIENT_WORK.match(sent.text, a.end())] if outsiders else []
            if self._outsider(text, sent, m.start(), m.end(), pattern.event_type,
                              mention_spans, actors[sent.start]):
                reasons.append(f"another company: {sent.text.strip()[:60]!r}")
                continue
            found = factors.get(sent.start)
            if found is None:
                found = factors[sent.start] = self.sentence_factor(sent, absent)
            factor, settings = found
            if any(a <= m.start() - sent.start < b for a, b in settings):
                factor *= 0.3  # the event named as the setting: "after layoffs", "before the cuts"
            hits.append(Hit(pattern.event_type, pattern.weight * factor, m.start(), m.end(), sent))
        return hits, denied

    def sentence_factor(self, sent: Sentence, absent: frozenset[str] = frozenset()
                        ) -> tuple[float, list[tuple[int, int]]]:
        """How far a sentence's wording lets an event in it count (questions, hedges, past),
        and the spans (within the sentence) that name an event only as a time or setting."""
        cues = self.cues
        factor = 1.0
        if sent.is_question:
            factor = asked_factor(sent.text)
        elif cues.hedge.search(sent.text):
            factor = 0.45
        elif "soft_hedge" not in absent and cues.soft_hedge.search(sent.text):
            factor = 0.75
        settings: list[tuple[int, int]] = []
        looks_back = False
        for background in cues.background.finditer(sent.text) if "background" not in absent \
                else ():
            if background.group(0).startswith(_SETTING):
                # "After layoffs, Scale bets on...": only that event is a setting; the news
                # in the rest of the sentence still counts.
                settings.append((background.start(), background.end() + _SETTING_REACH))
            else:
                looks_back = True
        if "despite" in sent.text:
            factor *= 0.3
        elif looks_back:
            factor *= 0.5
        return factor, settings

    def _outsider(self, text: PostText, sent: Sentence, start: int, end: int, kind: str,
                  mention_spans: list[tuple[int, int]], actor_ends: list[int]) -> bool:
        """True when the event belongs to a company that is not an annotation platform.

        The actor is the last company named before the event word in its
        sentence; a platform named between them takes the event back. A lab
        ending its contract with a platform is the platform's news, so client
        losses only need a platform somewhere in the sentence.
        """
        if _OUTSIDER_AFTER.match(text.lower, end):
            return True
        # Company words that end before the event word does begin (or right at it).
        before = bisect_right(actor_ends, start + 1)
        if before == 0:
            return False
        if kind == "client_loss":
            return not any(sent.start <= a < sent.end for a, _ in mention_spans)
        actor_pos = actor_ends[before - 1]
        # A platform named between the company and the end of the event takes it back
        # ("Amazon ended the MTurk Masters programme").
        return not any(actor_pos <= a < end for a, _ in mention_spans)

    def _needs_met(self, needs: str, sent: Sentence, with_platform: set[int]) -> bool:
        if not needs:
            return True
        if needs == "client":
            return self.cues.client.search(sent.text) is not None
        if needs == "platformish":
            return sent.start in with_platform or bool(self.cues.platformish.search(sent.text))
        if needs == "platform":
            return sent.start in with_platform
        if needs == "workers":
            return _WORKERS.search(sent.text) is not None
        if needs == "tierwork":
            return self.cues.tierwork.search(sent.text) is not None
        return True


def asked_factor(question: str) -> float:
    """How far a sentence ending in "?" still reports: "Entire Mint pool gone??" exclaims
    what happened; "Is Mercor laying people off?" only asks."""
    words = question.split(None, 1)
    first = words[0].strip("*#>-[('\"") if words else ""
    return 0.3 if first in _ASKING or _ASKS.search(question) else 0.6


def magnitude_hits(text: PostText, magnitude: Magnitude | None) -> list[Hit]:
    """A before/after pay pair is itself a report of a cut or a raise."""
    direction = pay_direction(magnitude)
    if magnitude is None or direction == 0 or not magnitude.text:
        return []
    phrase = magnitude.text.split("; ")[0].lower()
    pos = text.lower.find(phrase)
    if pos < 0:
        return []
    sent = text.sentence_at(pos)
    weight = 0.75 * (asked_factor(sent.text) if sent.is_question else 1.0)
    kind = "pay_raise" if direction > 0 else "pay_cut"
    return [Hit(kind, weight, pos, pos + len(phrase), sent)]


def lead_event(hits: list[Hit], magnitude: Magnitude | None) -> Hit | None:
    """The event the post leads with: title first, then the earliest strong one."""
    strong = [h for h in hits if h.weight >= MIN_LEAD_WEIGHT]
    if not strong:
        return None
    direction = pay_direction(magnitude)

    def key(h: Hit) -> float:
        k = h.weight + (0.4 if h.sentence.in_title else 0.0) + _TYPE_BIAS.get(h.event_type, 0)
        k -= 0.0001 * h.start
        if direction and h.event_type in ("pay_cut", "pay_raise"):
            k += 0.1 if (h.event_type == "pay_raise") == (direction > 0) else -0.3
        return k

    best = max(strong, key=key)
    same_sentence = [h for h in strong if h.sentence is best.sentence]
    earlier = [h for h in same_sentence if h.end <= best.start
               and h.event_type != best.event_type and h.weight >= best.weight - 0.15]
    if earlier:
        # Two events in one sentence ("team got cut AND the rates are lower"): the first leads.
        best = min(earlier, key=lambda h: h.start)
    types = {h.event_type for h in same_sentence}
    if best.event_type in ("layoff", "project_pause", "hiring_freeze") and "tier_shift" in types:
        # "all generalists are off it, the work goes to specialists": the move leads.
        return max((h for h in same_sentence if h.event_type == "tier_shift"),
                   key=lambda h: h.weight)
    if best.event_type in ("project_pause", "layoff", "shutdown") and "client_loss" in types:
        # "the lab ended its contract, so projects close": the client's move leads
        # unless the post names the consequence first ("lays off ... after losing a client").
        for h in same_sentence:
            if h.event_type == "client_loss" and h.start < best.end:
                return h
    return best
