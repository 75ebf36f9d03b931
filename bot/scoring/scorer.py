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
from bot.scoring.context import context_cues, cue_gates
from bot.scoring.events import EventFinder, Hit, lead_event, magnitude_hits
from bot.scoring.lexicon import event_patterns
from bot.scoring.magnitude import extract_magnitude, has_pay_pair
from bot.scoring.model import Decision, direction_of
from bot.scoring.pattern import as_gate
from bot.scoring.platform_match import PlatformMatcher, PlatformMention, resolve_platforms
from bot.scoring.text import PostText, normalise, split
from bot.scoring.tiers import detect_tier, tier_gates

# Points. A strong event in the title (42 + 8) with any sign that many people are
# hit, or a press source, clears the default threshold of 50; alone it sits on it.
EVENT = 42.0
IN_TITLE = 8.0
SUPPORT_EACH, SUPPORT_MAX = 4.0, 8.0
PRESS, GROUP, OFFICIAL, MANY, SCOPE_MAX = 22.0, 22.0, 12.0, 8.0, 30.0
NUMBERS, NAMED, NO_PLATFORM = 6.0, 4.0, -12.0
ONLY_ME, PERSONAL, PERSONAL_SOME_OTHERS = -40.0, -30.0, -15.0
DENIED, UNVERIFIED, NOT_A_PLATFORM, REFERRAL, COMMENTARY = -55.0, -25.0, -40.0, -45.0, -30.0

_NONE = Decision(False, 0.0, "none", "neutral", "unknown", (), (), None)


@dataclass
class Analysis:
    """A decision plus the reasons behind each point, for ``eval --errors``."""

    decision: Decision
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Tally:
    points: float = 0.0
    evidence: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str, evidence: str = "") -> None:
        self.points += points
        self.reasons.append(reason)
        if evidence:
            self.evidence.append(evidence)


class Scorer:
    """Scores posts; build one and reuse it (patterns are compiled here)."""

    def __init__(self, registry: PlatformRegistry | None = None, threshold: float = 50.0) -> None:
        self.registry = registry if registry is not None else PlatformRegistry()
        self.threshold = threshold
        self._matcher = PlatformMatcher(self.registry)
        self._cues = context_cues()
        patterns = event_patterns()
        gates = {**cue_gates(), **{f"tier:{k}": g for k, g in tier_gates().items()}}
        self._cue_gate = {name: len(patterns) + i for i, name in enumerate(gates)}
        self._events = EventFinder(patterns, self._cues, [as_gate(g) for g in gates.values()])
        self._by_name = _names(self.registry)
        self._by_subreddit: dict[str, str] = {}
        for platform in self.registry:
            for sub in platform.subreddits:
                self._by_subreddit.setdefault(sub.lower(), platform.id)

    def score(self, post: PostRecord) -> Decision:
        return self.analyse(post).decision

    def analyse(self, post: PostRecord) -> Analysis:
        """The decision with its reasons; ``score`` is this without the reasons."""
        norm = normalise(post.title, post.body)
        text, raw, mask = self._events.find(norm)
        moneyish = _moneyish(norm.lower)
        if not raw and not (moneyish and has_pay_pair(norm.original)):
            # No event words, and no before/after pay that would itself be one.
            return Analysis(_NONE, ["no event described"])
        if text is None:
            text = split(norm)
        magnitude = extract_magnitude(text.original) if raw or moneyish else None
        money = magnitude_hits(text, magnitude)
        if not raw and not money:
            return Analysis(_NONE, ["no event described"])
        tally = _Tally()
        mentions = self._matcher.find(text.original)
        gatekeeper = self._events.gatekeeper
        absent = frozenset(name for name in ("outsider", "soft_hedge", "background")
                           if not gatekeeper.open(mask, self._cue_gate[name]))
        hits, denied = self._events.hits(text, raw, [(m.start, m.end) for m in mentions],
                                         tally.reasons, absent)
        hits += money
        lead = lead_event(hits, magnitude)
        if lead is None:
            # Nothing happened in this post: no scope or platform can make it a signal.
            return Analysis(_NONE, [*tally.reasons, "no event described"])

        self._event_points(tally, text, lead, hits)
        self._scope_points(tally, text, post, mask)
        self._penalties(tally, text, post, denied, mask)
        if magnitude is not None:
            tally.add(NUMBERS, f"numbers: {magnitude.text!r}")
            if magnitude.text and magnitude.text not in " ".join(tally.evidence):
                tally.evidence.append(magnitude.text)
        platforms = self._platforms(tally, text, post, mentions, hits, lead)

        score = max(0.0, min(100.0, tally.points))
        if score < self.threshold:
            decision = Decision(False, score, "none", "neutral", "unknown", (),
                                tuple(tally.evidence[:4]), None)
            return Analysis(decision, tally.reasons)
        platforms = platforms or (OTHER,)
        tiered = any((p := self.registry.get(pid)) is None or p.tiered for pid in platforms)
        shift = None
        if lead.event_type == "tier_shift":
            start = lead.start - lead.sentence.start
            shift = (lead.sentence, start, start + lead.end - lead.start)
        no_words = frozenset(name for name in ("expert", "generalist", "all")
                             if not gatekeeper.open(mask, self._cue_gate[f"tier:{name}"]))
        tier = detect_tier(text, lead.event_type, tiered, shift, lead.sentence, no_words)
        decision = Decision(True, score, lead.event_type, direction_of(lead.event_type),
                            tier.tier, platforms, tuple(_dedupe(tally.evidence)[:4]), magnitude)
        return Analysis(decision, tally.reasons)

    def _event_points(self, tally: _Tally, text: PostText, lead: Hit, hits: list[Hit]) -> None:
        snippet = text.snippet(lead.start, lead.end)
        tally.add(EVENT * lead.weight + (IN_TITLE if lead.sentence.in_title else 0.0),
                  f"{lead.event_type} {lead.weight:.2f}: {snippet!r}", snippet)
        echo = _title_echo(text)
        support = {h.sentence.start for h in hits
                   if h.event_type == lead.event_type and h.sentence is not lead.sentence
                   and h.weight > 0.5 and not (text.title_end < h.sentence.start < echo)}
        if support:
            tally.add(min(SUPPORT_MAX, SUPPORT_EACH * len(support)),
                      f"said again in {len(support)} more sentence(s)")

    def _scope_points(self, tally: _Tally, text: PostText, post: PostRecord, mask: int
                      ) -> bool:
        """How widely the post says the change hits; True when it says many people.

        Scope points are capped, so a cue that cannot add any (the cap is reached) is not
        looked for, unless the personal penalty below needs it."""
        cues = self._cues
        feed = post.source_kind == "feed"
        group = _first(cues.group, text, True)
        scope = 0.0
        if feed:
            scope += PRESS
            tally.reasons.append("press/feed source")
        if group is not None:
            scope += GROUP
            phrase = text.snippet(*group, pad=20)
            tally.evidence.append(phrase)
            tally.reasons.append(f"group: {phrase!r}")
        if scope < SCOPE_MAX and (official := self._rare("official", text, mask, True)):
            scope += OFFICIAL
            tally.reasons.append(f"official: {text.original[official[0]:official[1]]!r}")
        weak = None
        if (scope < SCOPE_MAX or (group is None and not feed)) and (
                weak := _first(cues.group_weak, text, True)) is not None:
            scope += MANY
            tally.reasons.append(f"many: {text.original[weak[0]:weak[1]]!r}")
        tally.points += min(scope, SCOPE_MAX)
        contrast = self._rare("personal_contrast", text, mask)
        if contrast is not None:
            tally.add(ONLY_ME, f"only the poster: {text.original[contrast[0]:contrast[1]]!r}")
        elif group is None and post.source_kind != "feed" and (
                personal := _first(cues.personal, text)) is not None:
            tally.add(PERSONAL if weak is None else PERSONAL_SOME_OTHERS,
                      f"personal: {text.original[personal[0]:personal[1]]!r}")
        return group is not None

    def _penalties(self, tally: _Tally, text: PostText, post: PostRecord, denied: str,
                   mask: int) -> None:
        denial = self._rare("denial", text, mask)
        if denial is not None or denied:
            said = repr(text.original[denial[0]:denial[1]]) if denial else denied
            tally.add(DENIED, f"denied: {said}")
        for name, points, label in (("unverified", UNVERIFIED, "unverified"),
                                    ("not_platform", NOT_A_PLATFORM, "says not a platform"),
                                    ("spam", REFERRAL, "referral post")):
            found = self._rare(name, text, mask)
            if found is not None:
                tally.add(points, f"{label}: {text.original[found[0]:found[1]]!r}")
        if post.source_kind == "feed" and (
                self._cues.commentary.search(text.sentences[0].text)
                or self._cues.commentary_label.search(text.lower)):
            tally.add(COMMENTARY, "commentary or analysis, not news of one event")

    def _platforms(self, tally: _Tally, text: PostText, post: PostRecord,
                   mentions: list[PlatformMention], hits: list[Hit], lead: Hit
                   ) -> tuple[str, ...]:
        home = post.platform_hint or self._home(post.subreddit, post.feed)
        with_hits = {h.sentence.start for h in hits if h.weight >= 0.3}
        focus = [(s.start, s.end) for s in text.sentences if s.in_title or s.start in with_hits]
        acting = [m for m in mentions if not _beneficiary(text, m)]
        mentions = acting if any(m.platform_id != OTHER for m in acting) else mentions
        staff_news = lead.event_type == "layoff" and _STAFF.search(lead.sentence.text) is not None
        platforms, named = resolve_platforms(self.registry, text.original, mentions, focus, home,
                                             brand_too=not staff_news)
        if named:
            tally.points += NAMED
        elif not platforms:
            tally.add(NO_PLATFORM, "no platform named")
        return platforms

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

    def _rare(self, name: str, text: PostText, mask: int, declarative: bool = False
              ) -> tuple[int, int] | None:
        """A cue that often finds nothing, skipped when none of its key words is in the post."""
        if not self._events.gatekeeper.open(mask, self._cue_gate[name]):
            return None
        return _first(getattr(self._cues, name), text, declarative)


def _first(regex: re.Pattern[str], text: PostText, declarative: bool = False
           ) -> tuple[int, int] | None:
    """The first match in the post (skipping questions when ``declarative``)."""
    for m in regex.finditer(text.lower):
        if declarative and text.sentence_at(m.start()).is_question:
            continue
        return m.start(), m.end()
    return None


_STAFF = re.compile(r"\b(?:staff|employees|full-time|headcount|workforce)\b")
_BENEFICIARY = re.compile(
    r"(?:\bto|\btowards?|\bin favou?r of|\brefocus\w* on|\bfocus\w* on|\bpivot\w* to|"
    r"\brivals?|\bcompetitors?)\s+(?:its\s+|rivals?\s+|competitors?\s+|the\s+)?"
    r"(?:[\w.'-]+(?:\s+[\w.'-]+)?\s*(?:,|and|&)\s*)*$"
)


def _beneficiary(text: PostText, mention: PlatformMention) -> bool:
    """A platform the work goes to ("from Scale AI to Surge and Mercor"), not one hit."""
    sent = text.sentence_at(mention.start)
    return _BENEFICIARY.search(text.lower, sent.start, mention.start) is not None


def _title_echo(text: PostText) -> int:
    """Where a body that opens by repeating its title (feed items often do) stops repeating."""
    title = text.lower[:text.title_end].strip()
    head, dash, source = title.rpartition(" - ")
    if dash and len(source) <= 40 and len(head) >= 12:
        title = head  # "Scale AI lays off 14% - CNBC": the body repeats it without the dash
    body = text.title_end + 1
    if len(title) >= 12 and text.lower.startswith(title, body):
        return body + len(title)
    return 0


def _moneyish(lower: str) -> bool:
    """Could the post state a pay change in numbers alone ("$20 projects now show $17")?"""
    return ("$" in lower or "/h" in lower or "an hour" in lower or "per hour" in lower
            or (not lower.isascii() and any(c in lower for c in "£€₹₱")))


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

