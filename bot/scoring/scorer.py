"""The decision: is this post news of a restructuring event, and which kind.

An event word alone is never enough. A score adds up what the post says
happened (event patterns, stronger in the title), how widely (everyone, the
whole team, a company statement, the press) and how concretely (numbers), and
takes away for denials, questions, hedges, one person's own story and news
about companies that are not annotation platforms. Every step records the
phrase that moved the score, which becomes the decision's evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.platforms import OTHER, PlatformRegistry
from bot.records import PostRecord
from bot.scoring.context import context_cues, cue_hints, negated
from bot.scoring.gate import Gatekeeper
from bot.scoring.lexicon import EventPattern, event_patterns
from bot.scoring.magnitude import extract_magnitude, pay_direction
from bot.scoring.model import Decision, direction_of
from bot.scoring.platform_match import PlatformMatcher, resolve_platforms
from bot.scoring.text import PostText, Sentence, prepare
from bot.scoring.tiers import detect_tier
from bot.scoring.vocab import W

_WORKERS = re.compile(rf"\b{W}\b")
_OUTSIDER_AFTER = re.compile(
    r"[^.!?\n]{0,6}?\b(?:at|from|by|of)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:\w+\s+)?"
    r"(?:meta|facebook|google|microsoft|amazon|apple|openai|anthropic|tesla|nvidia|ibm|"
    r"salesforce|intel|twitter|job|company|startup|employer|firm|day job|university|school)\b"
)
_TYPE_BIAS = {"restructuring": -0.15, "tier_shift": 0.05}


@dataclass(frozen=True)
class Hit:
    event_type: str
    weight: float
    start: int
    end: int
    sentence: Sentence
    note: str = ""


@dataclass
class Analysis:
    """A decision plus the reasons behind each point, for ``eval --errors``."""

    decision: Decision
    reasons: list[str] = field(default_factory=list)


class Scorer:
    """Scores posts; build one and reuse it (patterns are compiled here)."""

    def __init__(self, registry: PlatformRegistry | None = None, threshold: float = 50.0) -> None:
        self.registry = registry if registry is not None else PlatformRegistry()
        self.threshold = threshold
        self._matcher = PlatformMatcher(self.registry)
        self._patterns = event_patterns()
        self._cues = context_cues()
        self._hints = cue_hints()
        self._gatekeeper = Gatekeeper([p.gate for p in self._patterns])
        self._by_name = _names(self.registry)
        self._by_subreddit: dict[str, str] = {}
        for platform in self.registry:
            for sub in platform.subreddits:
                self._by_subreddit.setdefault(sub.lower(), platform.id)
        self._gating = True
        """Skip patterns whose key words are absent; off only to check it changes nothing."""

    def score(self, post: PostRecord) -> Decision:
        return self.analyse(post).decision

    def analyse(self, post: PostRecord) -> Analysis:
        text = prepare(post.title, post.body)
        cues = self._cues
        reasons: list[str] = []
        raw = self._raw_matches(text)
        magnitude = extract_magnitude(text.original) if raw or _moneyish(text.lower) else None
        money_hits = self._magnitude_hits(text, magnitude)
        if not raw and not money_hits:
            return Analysis(Decision(False, 0.0, "none", "neutral", "unknown", (), (), None),
                            ["no event described"])
        mentions = self._matcher.find(text.original)
        with_platform = {text.sentence_at(m.start).start for m in mentions}
        hits, denied = self._hits(text, raw, with_platform,
                                  [(m.start, m.end) for m in mentions], reasons)
        hits += money_hits

        lead = self._lead(hits, magnitude)
        if lead is None:
            # Nothing happened in this post: no scope or platform can make it a signal.
            return Analysis(Decision(False, 0.0, "none", "neutral", "unknown", (), (), None),
                            [*reasons, "no event described"])
        points = 0.0
        evidence: list[str] = []
        points += 42 * lead.weight + (8 if lead.sentence.in_title else 0)
        evidence.append(text.snippet(lead.start, lead.end))
        support = {h.sentence.start for h in hits
                   if h.event_type == lead.event_type and h.sentence is not lead.sentence
                   and h.weight >= 0.5}
        points += min(8, 4 * len(support))
        reasons.append(f"{lead.event_type} {lead.weight:.2f}: {evidence[-1]!r}")

        scope = 0.0
        group = _first(cues.group, text, True)
        official = _first(cues.official, text, True)
        weak = _first(cues.group_weak, text, True)
        if post.source_kind == "feed":
            scope += 22
            reasons.append("press/feed source")
        if group is not None:
            scope += 22
            evidence.append(text.snippet(*group, pad=20))
            reasons.append(f"group: {evidence[-1]!r}")
        if official is not None:
            scope += 12
            reasons.append(f"official: {text.original[official[0]:official[1]]!r}")
        if weak is not None:
            scope += 8
            reasons.append(f"many: {text.original[weak[0]:weak[1]]!r}")
        points += min(scope, 30)

        personal = _first(cues.personal, text)
        contrast = self._rare("personal_contrast", text)
        if contrast is not None:
            points -= 40
            reasons.append(f"only the poster: {text.original[contrast[0]:contrast[1]]!r}")
        elif personal is not None and group is None and post.source_kind != "feed":
            points -= 30 if weak is None else 15
            reasons.append(f"personal: {text.original[personal[0]:personal[1]]!r}")
        denial = _first(cues.denial, text)
        if denial is not None or denied:
            points -= 55
            reasons.append("denied: " + (repr(text.original[denial[0]:denial[1]])
                                         if denial else denied))
        unverified = self._rare("unverified", text)
        if unverified is not None:
            points -= 25
            reasons.append(f"unverified: {text.original[unverified[0]:unverified[1]]!r}")
        outside = self._rare("not_platform", text)
        if outside is not None:
            points -= 40
            reasons.append(f"says not a platform: {text.original[outside[0]:outside[1]]!r}")
        spam = self._rare("spam", text)
        if spam is not None:
            points -= 45
            reasons.append("referral post")
        if post.source_kind == "feed" and cues.commentary.search(text.sentences[0].text):
            points -= 15
            reasons.append("commentary headline")
        if magnitude is not None:
            points += 6
            if magnitude.text and magnitude.text not in " ".join(evidence):
                evidence.append(magnitude.text)

        home = post.platform_hint or self._home(post.subreddit, post.feed)
        focus = [(s.start, s.end) for s in text.sentences
                 if s.in_title or any(h.sentence is s for h in hits if h.weight >= 0.3)]
        platforms, named = resolve_platforms(self.registry, text.original, mentions, focus, home)
        if named:
            points += 4
        elif not platforms:
            points -= 12
            reasons.append("no platform named")
        score = max(0.0, min(100.0, points))
        is_signal = score >= self.threshold
        if not is_signal:
            return Analysis(Decision(False, score, "none", "neutral", "unknown", (),
                                     tuple(evidence[:4]), None), reasons)
        platforms = platforms or (OTHER,)
        tiered = any((p := self.registry.get(pid)) is None or p.tiered for pid in platforms)
        shift = None
        if lead.event_type == "tier_shift":
            start = lead.start - lead.sentence.start
            shift = (lead.sentence, start, start + lead.end - lead.start)
        tier = detect_tier(text, lead.event_type, tiered, shift, lead.sentence)
        decision = Decision(True, score, lead.event_type, direction_of(lead.event_type),
                            tier.tier, platforms, tuple(_dedupe(evidence)[:4]), magnitude)
        return Analysis(decision, reasons)

    def _sentence_factor(self, sent: Sentence) -> float:
        """How far a sentence's wording lets an event in it count (questions, hedges, past)."""
        cues = self._cues
        factor = 1.0
        if sent.is_question:
            factor = 0.3
        elif cues.hedge.search(sent.text):
            factor = 0.45
        elif cues.soft_hedge.search(sent.text):
            factor = 0.75
        if cues.background.search(sent.text):
            factor *= 0.3 if "despite" in sent.text else 0.5
        return factor

    def _home(self, subreddit: str | None, feed: str | None) -> str | None:
        """The platform a post's source stands for: its subreddit, or a feed named after one
        ("google-news:outlier", "hnrss:scale ai"); general communities stand for none."""
        if subreddit:
            found = self._by_subreddit.get(subreddit.lower().removeprefix("r/"))
            if found is not None:
                return found
        if feed and "://" not in feed:
            return self._by_name.get(_fold_name(feed.rsplit(":", 1)[-1]))
        return None

    def _rare(self, name: str, text: PostText) -> tuple[int, int] | None:
        """A rarely-firing cue, skipped when none of its hint strings is in the post."""
        if not any(h in text.lower for h in self._hints[name]):
            return None
        return _first(getattr(self._cues, name), text)

    def _raw_matches(self, text: PostText) -> list[tuple[EventPattern, re.Match[str]]]:
        lower = text.lower
        found: list[tuple[EventPattern, re.Match[str]]] = []
        if not self._gating:
            for pattern in self._patterns:
                found.extend((pattern, m) for m in pattern.regex.finditer(lower))
            return found
        # A match never leaves its sentence, so a pattern only scans the sentences that
        # hold its key words (both groups, when it has two).
        gatekeeper = self._gatekeeper
        patterns = self._patterns
        spaced = gatekeeper.spaced(lower)
        for sent in text.sentences:
            for index in gatekeeper.opened(gatekeeper.mask_words(spaced[sent.start:sent.end])):
                pattern = patterns[index]
                found.extend((pattern, m)
                             for m in pattern.regex.finditer(lower, sent.start, sent.end))
        found.sort(key=lambda pm: pm[1].start())
        return found

    def _hits(self, text: PostText, raw: list[tuple[EventPattern, re.Match[str]]],
              with_platform: set[int], mention_spans: list[tuple[int, int]],
              reasons: list[str]) -> tuple[list[Hit], str]:
        hits: list[Hit] = []
        denied = ""
        factors: dict[int, float] = {}
        for pattern, m in raw:
            sent = text.sentence_at(m.start())
            if not self._needs_met(pattern.needs, sent, with_platform):
                continue
            if negated(text.lower, m.start(), sent.start):
                denied = denied or repr(text.original[m.start():m.end()])
                continue
            if self._outsider(text, sent, m.start(), m.end(), pattern.event_type,
                              mention_spans):
                reasons.append(f"another company: {sent.text.strip()[:60]!r}")
                continue
            factor = factors.get(sent.start)
            if factor is None:
                factors[sent.start] = factor = self._sentence_factor(sent)
            hits.append(Hit(pattern.event_type, pattern.weight * factor, m.start(), m.end(), sent))
        return hits, denied

    def _outsider(self, text: PostText, sent: Sentence, start: int, end: int, kind: str,
                  mention_spans: list[tuple[int, int]]) -> bool:
        """True when the event belongs to a company that is not an annotation platform.

        The actor is the last company named before the event word in its
        sentence; a platform named between them takes the event back. A lab
        ending its contract with a platform is the platform's news, so client
        losses only need a platform somewhere in the sentence.
        """
        if _OUTSIDER_AFTER.match(text.lower, end):
            return True
        rel = start - sent.start
        last = None
        for m in self._cues.outsider.finditer(sent.text, 0, rel + 1):
            if not any(a <= sent.start + m.start() < b for a, b in mention_spans):
                last = m
        if last is None:
            return False
        if kind == "client_loss":
            return not any(sent.start <= a < sent.end for a, _ in mention_spans)
        actor_pos = sent.start + last.end()
        return not any(actor_pos <= a < start for a, _ in mention_spans)

    def _needs_met(self, needs: str, sent: Sentence, with_platform: set[int]) -> bool:
        if not needs:
            return True
        if needs == "client":
            return self._cues.client.search(sent.text) is not None
        if needs == "platformish":
            return sent.start in with_platform or bool(self._cues.platformish.search(sent.text))
        if needs == "platform":
            return sent.start in with_platform
        if needs == "workers":
            return _WORKERS.search(sent.text) is not None
        if needs == "tierwork":
            return self._cues.tierwork.search(sent.text) is not None
        return True

    @staticmethod
    def _magnitude_hits(text: PostText, magnitude: object) -> list[Hit]:
        from bot.scoring.model import Magnitude

        if not isinstance(magnitude, Magnitude):
            return []
        direction = pay_direction(magnitude)
        if direction == 0 or not magnitude.text:
            return []
        phrase = magnitude.text.split("; ")[0].lower()
        pos = text.lower.find(phrase)
        if pos < 0:
            return []
        sent = text.sentence_at(pos)
        weight = 0.75 * (0.3 if sent.is_question else 1.0)
        kind = "pay_raise" if direction > 0 else "pay_cut"
        return [Hit(kind, weight, pos, pos + len(phrase), sent, "numbers")]

    @staticmethod
    def _lead(hits: list[Hit], magnitude: object) -> Hit | None:
        """The event the post leads with: title first, then the earliest strong one."""
        from bot.scoring.model import Magnitude

        strong = [h for h in hits if h.weight >= 0.35]
        if not strong:
            return None
        direction = pay_direction(magnitude) if isinstance(magnitude, Magnitude) else 0

        def key(h: Hit) -> float:
            k = h.weight + (0.4 if h.sentence.in_title else 0.0) + _TYPE_BIAS.get(h.event_type, 0)
            k -= 0.001 * h.start / 10
            if direction and h.event_type in ("pay_cut", "pay_raise"):
                k += 0.1 if (h.event_type == "pay_raise") == (direction > 0) else -0.3
            return k

        best = max(strong, key=key)
        same_sentence = [h for h in strong if h.sentence is best.sentence]
        types = {h.event_type for h in same_sentence}
        if best.event_type in ("layoff", "project_pause", "hiring_freeze") \
                and "tier_shift" in types:
            return max((h for h in same_sentence if h.event_type == "tier_shift"),
                       key=lambda h: h.weight)
        if best.event_type in ("project_pause", "layoff", "shutdown") and "client_loss" in types:
            # "the lab ended its contract, so projects close": the client's move leads
            # unless the post names the consequence first ("lays off ... after losing a client").
            for h in same_sentence:
                if h.event_type == "client_loss" and h.start < best.end:
                    return h
        return best


def _first(regex: re.Pattern[str], text: PostText, declarative: bool = False
           ) -> tuple[int, int] | None:
    """The first match in the post (skipping questions when ``declarative``)."""
    for m in regex.finditer(text.lower):
        if declarative and text.sentence_at(m.start()).is_question:
            continue
        return m.start(), m.end()
    return None


def _moneyish(lower: str) -> bool:
    """Could the post state a pay change in numbers alone ("$20 projects now show $17")?"""
    return (any(c in lower for c in "$£€₹₱") or "/h" in lower or "an hour" in lower
            or "per hour" in lower)


def _fold_name(text: str) -> str:
    return re.sub(r"[\s._\-']+", "", text.lower())


def _names(registry: PlatformRegistry) -> dict[str, str]:
    """Folded id, names and aliases to platform id, as ``PlatformRegistry.resolve`` reads
    them (strict forms before loose ones), built once instead of per post."""
    table: dict[str, str] = {}
    for p in registry:
        for form in (p.id, *p.names()):
            table.setdefault(_fold_name(form), p.id)
    for p in registry:
        for form in p.loose_aliases:
            table.setdefault(_fold_name(form), p.id)
    return table


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
