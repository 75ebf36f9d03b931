"""The decision: the rules' verdict and the learned model's, combined.

The rules (``rules.py``, from the cue table) say what happened in the post's
own words; the model (``learned.py``) has read every labelled post, the cues
that fired among its features, and catches phrasings no rule covers. Combined,
the model's probability is the main score: the rules veto denials, jokes, other
senses of the words and referral posts outright; a rule signal stands unless
the model is fairly sure it is wrong (surer still when the rules scored it high);
any other post is a signal when the model is fairly sure it is one, except a press
item naming no annotation platform that the model is not very sure of.
The type is the blend of the rules' lead event and the model's type
probabilities when the rules made the signal, the model's when the model did.
The evidence lists the rule phrases, then the strongest n-grams. A post short of the
threshold by no more than ``[follow_up] band`` that nothing vetoes carries the decision
it would be as a signal (``Decision.borderline``): grouping may join it to an open
event as a follow-up. Scoring is a pure function of the post, the registry and the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.platforms import OTHER, PlatformRegistry
from bot.records import PostRecord
from bot.scoring.asking import tells
from bot.scoring.cuetable import CueTable, load_table
from bot.scoring.events import names_setting
from bot.scoring.learned import PLACEHOLDERS, LinearModel, Opinion, post_features
from bot.scoring.model import EVENT_TYPES, Decision, direction_of
from bot.scoring.rules import RuleResult, Rules
from bot.scoring.text import normalise, split
from bot.scoring.tiers import detect_tier

MODES = ("rules", "model", "combined")
_NONE = Decision(False, 0.0, "none", "neutral", "unknown", (), (), None)


@dataclass
class Analysis:
    """The decision in every mode, with the reasons behind it (``eval --errors``)."""

    decision: Decision
    reasons: list[str] = field(default_factory=list)
    by_mode: Mapping[str, Decision] = field(default_factory=dict)


class Scorer:
    """Scores posts; build one and reuse it (the cue table and model are loaded here)."""

    def __init__(self, registry: PlatformRegistry | None = None,
                 threshold: float | None = None, *, mode: str = "combined",
                 model: LinearModel | None = None, model_path: Path | None = None,
                 use_model: bool = True) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.registry = registry if registry is not None else PlatformRegistry()
        self.table: CueTable = load_table()
        self.threshold = float(self.table.setting("points", "threshold") if threshold is None
                               else threshold)
        self.mode = mode
        self.rules = Rules(self.table, self.registry)
        self.table.derive.save()  # the next process to build a scorer reads, not derives
        if model is None and use_model:
            model = LinearModel.load(model_path)
        self.model = model
        self.m = self.table.settings["model"]
        self.band = float(self.table.setting("follow_up", "band"))
        """How far below the threshold a post may score and still join an open event."""

    def score(self, post: PostRecord) -> Decision:
        return self.analyse(post, all_modes=False).decision

    def analyse(self, post: PostRecord, all_modes: bool = True,
                rules: RuleResult | None = None) -> Analysis:
        """``rules``: the rules' result for this post when already worked out (they are
        pure, so cross-validation runs them once per post, not once per fold)."""
        r = rules if rules is not None else self.rules.run(post)
        opinion = None
        if self.model is not None and (self.mode != "rules" or all_modes):
            opinion = self.model.opinion(post_features(post, r),
                                         top=int(self.m["ngrams_in_evidence"]))
        modes = MODES if all_modes else (self.mode,)
        s = self._screened(post, r, opinion) if "combined" in modes else r
        by_mode = {mode: self._decide(mode, post, s if mode == "combined" else r, opinion)
                   for mode in modes}
        reasons = list(s.reasons)
        if opinion is not None:
            reasons.append(f"model: signal {opinion.probability:.2f}"
                           + (f", type {opinion.event_type} {opinion.types[opinion.event_type]:.2f}"
                              if any(d.is_signal for d in by_mode.values()) else ""))
        return Analysis(by_mode.get(self.mode, by_mode[modes[0]]), reasons, by_mode)

    def _decide(self, mode: str, post: PostRecord, r: RuleResult,
                opinion: Opinion | None) -> Decision:
        rules_signal = r.lead is not None and r.score >= self.threshold
        if mode == "rules" or opinion is None:
            signal, score = rules_signal, r.score
        elif mode == "model":
            signal, score = opinion.probability >= 0.5, 100.0 * opinion.probability
        else:
            signal, score = self._combine(post, r, opinion, rules_signal)
        if not signal:
            decision = self._not_signal(post, r, min(score, self.threshold - 0.1)
                                        if mode == "combined" else score)
            back = self._looks_back(r) if mode != "model" and self._followable(r) else None
            if mode != "model" and self._borderline(r, score, back):
                blend = r.lead is not None and r.score >= self.threshold - self.band
                as_signal = self._signal(mode, post, r, opinion, blend, score)
                if back is not None:
                    as_signal = replace(as_signal, event_type=back,
                                        direction=direction_of(back))
                if as_signal.platforms != (OTHER,):
                    decision = replace(decision, borderline=replace(
                        as_signal, score=decision.score))
            return decision
        return self._signal(mode, post, r, opinion, rules_signal, score)

    def _screened(self, post: PostRecord, r: RuleResult, opinion: Opinion | None) -> RuleResult:
        """``r``, or when the model alone would make the post a signal, its copy with what
        the rules skip on no event (``Rules.screened``). An opening question or a denial
        vetoes it unless the post also tells its news with specifics (``asking.tells``) and
        the model is at least ``[model] asked_tells_from`` (``denied_tells_from``) sure."""
        if opinion is None or (r.lead is not None and r.score >= self.threshold) \
                or self._points(opinion.probability) < self.threshold:
            return r
        s = self.rules.screened(post, r)
        if "no_platform_feed" in s.cues and not s.vetoes and self._unnamed_kept(s, opinion):
            s.reasons.append(f"no platform named, but model {opinion.probability:.2f} sure")
        weighed = [(v, label) for v, label in (("asked", "opens with a question"),
                                               ("denied", "denies")) if v in s.vetoes]
        told = tells(s.context, s.text if s.text is not None else split(
            normalise(post.title, post.body)), s.hits) if weighed else None  # once, for both
        for veto, label in weighed:
            bar = float(self.m[f"{veto}_tells_from"])
            if told is not None and opinion.probability >= bar:
                s.vetoes.remove(veto)
                s.reasons.append(f"{label} but tells: {told}, "
                                 f"model {opinion.probability:.2f} >= {bar:.2f}")
            else:
                s.reasons.append(label + (f" (tells: {told}, but model under {bar:.2f})"
                                          if told else ", tells no more")
                                 + ": the model alone does not make it a signal")
        return s

    @staticmethod
    def _followable(r: RuleResult) -> bool:
        """Nothing the rules veto: a denial, a joke, another sense of the words, a referral,
        a press item naming no annotation platform."""
        return not (r.vetoes or r.denied or "no_platform_feed" in r.cues)

    def _borderline(self, r: RuleResult, score: float, back: str | None) -> bool:
        """Short of the threshold by no more than the band (or any way short, for a headline
        set after an event: ``back``, from ``_looks_back``), and nothing the rules veto. Only
        such a post may join an open event as a follow-up."""
        if not self._followable(r) or score >= self.threshold:
            return False
        return score >= self.threshold - self.band or back is not None

    def _looks_back(self, r: RuleResult) -> str | None:
        """The kind of event a headline with no event of its own names as its setting ("A
        week after its layoffs, Scale AI says the deal is not to blame"): such a post is a
        later report of that event, so it may join it as a follow-up however low it scored
        (grouping then asks for a tie back to the event: a shared name or figure)."""
        if r.lead is not None or r.text is None:
            return None
        title = " ".join(s.text for s in r.text.sentences if s.in_title)
        if not names_setting(self.rules.ctx, title):
            return None
        kinds = (c.split(".")[0] for c in r.cues if "." in c)
        return next((k for k in kinds if k in EVENT_TYPES and k != "none"), None)

    def _signal(self, mode: str, post: PostRecord, r: RuleResult, opinion: Opinion | None,
                rules_signal: bool, score: float) -> Decision:
        """The decision on ``post`` as a signal: its type, platforms, tier and evidence."""
        event_type = self._type(mode, r, opinion, rules_signal)
        platforms = r.platforms if r.lead is not None else self._platforms(post, r)
        platforms = platforms or (OTHER,)
        text = r.text if r.text is not None else split(normalise(post.title, post.body))
        tiered = any((p := self.registry.get(pid)) is None or p.tiered for pid in platforms)
        if platforms == (OTHER,) and r.context["tier_untiered_kind"].search(text.lower):
            tiered = False  # a transcription marketplace outside the registry: no tiers
        shift = None
        lead = r.lead
        if lead is not None and event_type == "tier_shift" and lead.event_type == "tier_shift":
            start = lead.start - lead.sentence.start
            shift = (lead.sentence, start, start + lead.end - lead.start)
        tier = detect_tier(r.context, text, event_type, tiered, shift,
                           lead.sentence if lead is not None else None)
        evidence = _dedupe(r.evidence)[:4]
        if opinion is not None and mode != "rules":
            evidence += _in_post(text.original, opinion.ngrams, evidence)
        return Decision(True, max(0.0, min(100.0, score)), event_type, direction_of(event_type),
                        tier.tier, tuple(platforms), tuple(evidence), r.magnitude)

    def _combine(self, post: PostRecord, r: RuleResult, opinion: Opinion,
                 rules_signal: bool) -> tuple[bool, float]:
        """Signal and score of the combination: the model's probability on the points scale,
        the rules' score when they made the signal and scored higher."""
        score = self._points(opinion.probability)
        if not rules_signal and score >= self.threshold and self._report(post, r) is not None:
            return False, r.score  # signals.md: one worker's own story is not a signal
        if r.vetoes:  # a denial, another sense, a referral; for the model alone, a question
            return False, r.score
        if rules_signal:
            if opinion.probability < self._veto_bar(r.score):
                return False, r.score
            return True, max(r.score, score)
        # the model reads words, not whose news it is (a press item naming no platform)
        if "no_platform_feed" in r.cues and not self._unnamed_kept(r, opinion):
            return False, r.score
        return score >= self.threshold, max(r.score, score)

    def _unnamed_kept(self, r: RuleResult, opinion: Opinion) -> bool:
        """Naming no company at all (a vendor's code-named project); ``[model] unnamed_from``."""
        return opinion.probability >= float(self.m["unnamed_from"]) and not r.named_other

    def _veto_bar(self, rule_score: float) -> float:
        """The model's probability under which a rule signal is dropped: lower when the
        rules' own evidence is strong (a press item that names the platform, the event and
        its figures), where out of fold the model's doubt dropped true signals, not false."""
        strong = self.m["veto_below_strong"]
        if rule_score >= float(strong["points"]):
            return float(strong["below"])
        return float(self.m["veto_below"])

    def _points(self, probability: float) -> float:
        """The model's probability on the 0-100 scale of the rules' points, ``signal_at``
        falling on the default threshold, so ``--threshold`` tightens both alike."""
        at = float(self.m["signal_at"])
        mid = float(self.table.setting("points", "threshold"))
        if probability <= at:
            return mid * probability / at
        return mid + (100.0 - mid) * (probability - at) / (1.0 - at)

    def _type(self, mode: str, r: RuleResult, opinion: Opinion | None,
              rules_signal: bool) -> str:
        if opinion is None or mode == "rules":
            return r.lead.event_type if r.lead is not None else "none"
        if mode == "model" or r.lead is None or not rules_signal:
            return opinion.event_type
        weight = float(self.m["type_weight"])
        scores = {t: weight * p for t, p in opinion.types.items()}
        scores[r.lead.event_type] = scores.get(r.lead.event_type, 0.0) + r.lead.weight
        return max(scores, key=lambda t: scores[t])

    def _not_signal(self, post: PostRecord, r: RuleResult, score: float) -> Decision:
        report = self._report(post, r)
        denial = r.denied and any("." in c for c in r.cues)
        platforms: tuple[str, ...] = ()
        if report is not None or denial:
            platforms = r.platforms or self._platforms(post, r)
        if not score and report is None and not denial and not r.evidence:
            return _NONE
        return Decision(False, max(0.0, score), _NONE.event_type, _NONE.direction, _NONE.tier,
                        platforms, tuple(r.evidence[:4]), None, report, denial)

    def _report(self, post: PostRecord, r: RuleResult) -> str | None:
        """One worker's own account of a kind spikes count (removed, no tasks, pay
        lowered); none when the post says many are hit or denies it."""
        if r.group or r.denied or r.vetoes:
            return None
        for cue in r.reports:
            if cue.regex.search(r.lower):
                return cue.name
        return None

    def _platforms(self, post: PostRecord, r: RuleResult) -> tuple[str, ...]:
        """Platforms when the rules found no event: those named in the title, else any
        named, else the source's."""
        from bot.scoring.platform_match import resolve_platforms

        text = r.text if r.text is not None else split(normalise(post.title, post.body))
        mentions = self.rules.matcher.find(text.original)
        home = post.platform_hint or self.rules.home(post.subreddit, post.feed)
        focus = [(s.start, s.end) for s in text.sentences if s.in_title]
        platforms, _ = resolve_platforms(self.registry, text.original, mentions, focus, home)
        return platforms


def _in_post(original: str, ngrams: tuple[str, ...], evidence: list[str]) -> list[str]:
    """The model's strongest n-grams as the post writes them (evidence quotes the post, a
    placeholder standing for the name or figure written there), leaving out those the rule
    phrases already show."""
    said = " ".join(evidence).lower()
    found = []
    for gram in ngrams:
        pattern = re.escape(gram).replace("\\ ", r"\W+")
        for word in PLACEHOLDERS:
            pattern = pattern.replace(word, r"[^\s,;:!?]+?(?=\W|$)")
        match = re.search(pattern, original, re.IGNORECASE)
        if match is not None and match[0].lower() not in said:
            found.append(match[0])
    return found


def _dedupe(items: list[str]) -> list[str]:
    return [item for item in dict.fromkeys(items) if item]
