"""The rules' verdict: is this post news of a restructuring event, and which kind.

An event word alone is never enough. A score adds up what the post says happened
(event cues, stronger in the title), how widely (everyone, the whole team, a company
statement, the press) and how concretely (numbers), and takes away for denials,
questions, hedges, one person's own story, other senses of the words and news about
companies that are not annotation platforms. Every step records the phrase that moved
the score. Points are in ``cues/scoring.toml``; phrasings are rows of the cue files."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from bot.platforms import OTHER, PlatformRegistry
from bot.records import PostRecord
from bot.scoring.asking import COMMENTARY, commentary
from bot.scoring.cuetable import Cue, CueTable
from bot.scoring.events import EventFinder, Hit
from bot.scoring.magnitude import PAY_HINTS, extract_magnitude, has_pay_pair
from bot.scoring.model import Magnitude
from bot.scoring.narrowing import Finder, Narrowing
from bot.scoring.passing import beneficiary, event_in_passing, lab_clients, passing_mentions
from bot.scoring.platform_match import PlatformMatcher, PlatformMention, resolve_platforms
from bot.scoring.rebuttal import rebutted
from bot.scoring.text import PostText, feed_owner, normalise, split, title_echo

_MONEYISH = re.compile(r"[$£€₹₱]|/h|an hour|per (?:hour|task|hit)|/(?:task|hit)|" + PAY_HINTS)
_NEVER = re.compile(r"\A(?!)")  # a context cue whose strings the post lacks: fails at once
_CLIENT_TYPES = ("client_loss", "project_pause")  # how a lab's leaving is told: it is the client
AS_WRITTEN = ("platform_", "descriptor_", "named_")  # cues matched as written: never filtered


@dataclass
class RuleResult:
    """What the rules found in one post, before the learned model is consulted."""

    score: float = 0.0
    lead: Hit | None = None
    text: PostText | None = None
    magnitude: Magnitude | None = None
    platforms: tuple[str, ...] = ()
    evidence: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    """Ids of the cue rows that fired (event and context): the model reads them too."""
    vetoes: list[str] = field(default_factory=list)
    """Why the post cannot be a signal whatever the model says (denied, other_sense, asked)."""
    group: bool = False  # the post says many people are hit
    denied: bool = False
    named_other: bool = False  # naming no platform, a feed's post names another company
    reports: list[Cue] = field(default_factory=list)  # those the post's strings let through
    hits: list[Hit] = field(default_factory=list)  # events found, questions' too (asking.py)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where platforms are named
    lower: str = ""
    context: Mapping[str, Finder] = field(default_factory=dict)
    """The post's view of the context cues (``Rules.context_for``), for the tier cues too."""

    def add(self, points: float, reason: str, evidence: str = "") -> None:
        self.score += points
        self.reasons.append(reason)
        if evidence:
            self.evidence.append(evidence)


class Rules:
    """Compiled once per scorer (from the cue table); pure afterwards."""

    def __init__(self, table: CueTable, registry: PlatformRegistry) -> None:
        self.table = table
        self.registry = registry
        self.ctx = table.context
        self.p = table.settings["points"]
        self.finder = EventFinder(table)
        self._ctx_names = names = [n for n in table.context if not n.startswith(AS_WRITTEN)]
        self._ctx_narrowing = Narrowing([self.ctx[n] for n in names], derive=table.derive)
        self.matcher = PlatformMatcher(registry, table)
        self._by_name = _names(registry, table.settings["platforms"]["subsidiaries"])
        self._labs, self._labs_own = (frozenset(table.settings["platforms"]["labs_too"]),
                                      re.compile(table.settings["platforms"]["labs_own_workers"]))

    def run(self, post: PostRecord) -> RuleResult:
        norm = normalise(post.title, post.body)
        result = RuleResult()
        text, raw, result.reports = self.finder.find(norm)
        result.lower = norm.lower
        ctx = result.context = self.context_for(norm.lower) if raw else self.ctx
        moneyish = _MONEYISH.search(norm.lower) is not None
        if not raw and not (moneyish and has_pay_pair(norm.original)):
            result.reasons.append("no event described")
            return result
        result.text = text = text if text is not None else split(norm)
        result.magnitude = magnitude = extract_magnitude(text.original) if raw or moneyish else None
        mentions = self.matcher.find(text.original)
        result.spans = spans = [(m.start, m.end) for m in mentions]
        hits, denied = self.finder.hits(text, raw, spans, result.reasons, ctx, post.source_kind)
        result.cues.extend(dict.fromkeys(c.id for c, _ in raw))
        result.hits = hits = hits + self.finder.magnitude_hits(text, magnitude, ctx, spans)
        self._penalties(ctx, result, text, post, denied,
                        lambda: rebutted(ctx, text, post, raw, hits))
        lead = self.finder.lead(hits, magnitude, ctx["roundup"].search(text.lower) is not None)
        if lead is None:
            result.reasons.append("no event described")
            if result.denied:
                result.platforms = self._platforms(result, text, post, mentions, [], None)
            return result
        result.lead = lead
        if "other_sense" in result.vetoes and (first := self._first(ctx, "other_sense", text)) \
                and first[1] > lead.sentence.end:  # where its words end: a job ad's match
            result.vetoes.remove("other_sense")  # runs from the start; an aside costs points
        self._event_points(result, text, lead, hits)
        if post.source_kind == "feed" and (depth := event_in_passing(
                ctx, text, lead, spans, self.table.settings["sentence"]["passing_depth"])):
            result.add(self.p["in_passing"], f"event first named in body sentence {depth}")
        self._scope_points(ctx, result, text, post)
        if magnitude is not None:
            result.add(self.p["numbers"], f"numbers: {magnitude.text!r}")
            if magnitude.text and magnitude.text not in " ".join(result.evidence):
                result.evidence.append(magnitude.text)
        result.platforms = self._platforms(result, text, post, mentions, hits, lead)
        result.score = max(0.0, min(100.0, result.score))
        return result

    def screened(self, post: PostRecord, r: RuleResult) -> RuleResult:
        """A copy of ``r`` plus what ``run`` skips on no event: vetoes, asking headlines, group."""
        s = replace(r, vetoes=[*r.vetoes], cues=[*r.cues], reasons=[*r.reasons])
        text = s.text or split(normalise(post.title, post.body))
        if s.text is None:
            self._penalties(s.context, s, text, post, "", lambda: None)
        s.group = self._first(s.context, "group", text, True) is not None
        told = s.group and s.lead is not None and not s.lead.sentence.is_question  # not asked
        if not s.vetoes and not told and (first := text.sentences[0]).is_question and \
                s.context["asks_first"].search(first.text):
            s.vetoes.append("asked")
        return s

    def _event_points(self, r: RuleResult, text: PostText, lead: Hit, hits: list[Hit]) -> None:
        snippet = text.snippet(lead.start, lead.end)
        r.add(self.p["event"] * lead.weight + (self.p["in_title"] * lead.sentence.in_title),
              f"{lead.event_type} {lead.weight:.2f} [{lead.cue}]: {snippet!r}", snippet)
        echo = title_echo(text)
        support = {h.sentence.start for h in hits
                   if h.event_type == lead.event_type and h.sentence is not lead.sentence
                   and h.weight > 0.5 and not (text.title_end < h.sentence.start < echo)}
        if support:
            r.add(min(self.p["support_max"], self.p["support_each"] * len(support)),
                  f"said again in {len(support)} more sentence(s)")

    def context_for(self, lower: str) -> Mapping[str, Finder]:
        """The context cues for one post, each cut to the rows whose strings it has."""
        names, narrowed = self._ctx_names, self._ctx_narrowing.open(lower)
        return {**self.ctx, **dict.fromkeys(names, _NEVER),
                **{names[i]: regex for i, regex in narrowed.items()}}

    def _first(self, ctx: Mapping[str, Finder], name: str, text: PostText,
               declarative: bool = False) -> tuple[int, int] | None:
        """The first match of a context cue (skipping questions when ``declarative``)."""
        for m in ctx[name].finditer(text.lower):
            if declarative and text.sentence_at(m.start()).is_question:
                continue
            return m.start(), m.end()
        return None

    def _scope_points(self, ctx: Mapping[str, Finder], r: RuleResult, text: PostText,
                      post: PostRecord) -> None:
        """How widely the post says the change hits (capped), or that it is one person's."""
        p = self.p
        feed = post.source_kind == "feed"
        group = self._first(ctx, "group", text, True)
        scope = 0.0
        if feed:
            scope += p["press"]
            r.reasons.append("press/feed source")
        if group is not None:
            scope += p["group"]
            phrase = text.snippet(*group, pad=20)
            r.evidence.append(phrase)
            r.reasons.append(f"group: {phrase!r}")
            r.cues.append("group")
            r.group = True
        if (official := self._first(ctx, "official", text, True)) is not None:
            scope += p["official"]
            r.reasons.append(f"official: {text.original[official[0]:official[1]]!r}")
            r.cues.append("official")
        if (weak := self._first(ctx, "group_weak", text, True)) is not None:
            scope += p["many"]
            r.reasons.append(f"many: {text.original[weak[0]:weak[1]]!r}")
            r.cues.append("group_weak")
        r.score += min(scope, p["scope_max"])
        contrast = self._first(ctx, "personal_contrast", text)
        if contrast is not None:
            r.add(p["only_me"], f"only the poster: {text.original[contrast[0]:contrast[1]]!r}")
            r.cues.append("personal_contrast")
        elif group is None and not feed and (personal := self._first(ctx, "personal", text)):
            r.add(p["personal"] if weak is None else p["personal_some_others"],
                  f"personal: {text.original[personal[0]:personal[1]]!r}")
            r.cues.append("personal")

    def _penalties(self, ctx: Mapping[str, Finder], r: RuleResult, text: PostText,
                   post: PostRecord, denied: str, rebut: Callable[[], str | None]) -> None:
        denial = self._first(ctx, "denial", text)  # rebut is asked only of a post that denies
        if (denial is not None or denied) and (why := rebut()):  # a claim, contradicted
            r.reasons.append(f"denial reported and {why}")
        elif denial is not None or denied:
            said = repr(text.original[denial[0]:denial[1]]) if denial else denied
            r.add(self.p["denied"], f"denied: {said}")
            r.vetoes.append("denied")
            r.cues.append("denial")
            r.denied = True
        for name, points, label in (("unverified", "unverified", "unverified"),
                                    ("not_platform", "not_a_platform", "says not a platform"),
                                    ("spam", "referral", "referral post"),
                                    ("other_sense", "other_sense", "another sense")):
            found = self._first(ctx, name, text)
            if found is not None:
                r.add(self.p[points], f"{label}: {text.original[found[0]:found[1]]!r}")
                r.cues.append(name)
                if name != "unverified":
                    r.vetoes.append(name)
        if post.source_kind == "feed" and (why := commentary(ctx, text, r.hits, r.spans)):
            if why == COMMENTARY:
                r.add(self.p["commentary"], why)
                r.cues.append("commentary")
            else:
                r.reasons.append(why)

    def _platforms(self, r: RuleResult, text: PostText, post: PostRecord,
                   mentions: list[PlatformMention], hits: list[Hit], lead: Hit | None
                   ) -> tuple[str, ...]:
        home = post.platform_hint or self.home(post.subreddit, post.feed)
        # a sentence whose event counts no more than a setting ("maybe they over-hired after
        # the Surge push?") does not name the event's platforms
        setting = float(self.table.settings["sentence"]["setting"])
        with_hits = {h.sentence.start for h in hits if h.weight > setting}
        focus = [(s.start, s.end) for s in text.sentences if s.in_title or s.start in with_hits]
        aside = passing_mentions(self.ctx, self.registry, text, mentions,  # rivals, backers
                                 lead.sentence.start if lead is not None else None, with_hits)
        clients = lab_clients(self.registry, hits, [m for m in mentions if m not in aside],
                              self._labs if lead is not None and lead.event_type in _CLIENT_TYPES
                              and not self._labs_own.search(text.original) else ())
        acting = [m for m in mentions if not beneficiary(self.ctx, text, m) and m not in clients]
        subject = [m for m in acting if m not in aside]
        mentions = subject or ([] if home and aside else acting  # passing only: the source's
                               if any(m.platform_id != OTHER for m in acting) else mentions)
        feed_kind = post.source_kind == "feed"
        staff_news = lead is not None and lead.event_type == "layoff" and \
            self.ctx["scorer_staff"].search(lead.sentence.text) is not None
        platforms, named = resolve_platforms(self.registry, text.original, mentions, focus, home,
                                             brand_too=not staff_news, source=post.feed)
        if not platforms and feed_kind and self.ctx["vendor_own_voice"].search(text.original):
            platforms, named = (OTHER,), True  # a vendor's own notice of its annotation work
        if named:
            r.score += self.p["named"]
        elif not platforms:
            feed = feed_kind and not (  # a vendor's workforce hit: `other`,
                lead is not None and self.ctx["contracted_workers"].search(lead.sentence.text)
                and not self.ctx["platform_vendor_named"].search(text.original))  # not a BPO's
            r.named_other = other = feed and bool(self.ctx["named_company"].search(text.original))
            key = "no_platform_press" if other else "no_platform_feed" if feed else "no_platform"
            r.add(self.p[key], "no platform named" + (", another company is" if other else ""))
            r.cues.append("no_platform_feed" if feed else "no_platform")  # the model learns it
        return platforms

    def home(self, subreddit: str | None, feed: str | None) -> str | None:
        """The platform a post's source stands for: its subreddit or a feed named for one."""
        if subreddit and (found := self.registry.for_subreddit(subreddit)) is not None:
            return found.id  # listed, or named after it ("MercorAI")
        if feed and "://" not in feed:
            named = feed_owner(feed)
            name = _fold_name(named)  # its own account, maybe a desk's ("@AppenJobs")
            owner = self._by_name.get(name) or self._by_name.get(_ACCOUNT_ROLE.sub("", name))
            if owner is None and (crowd := _CROWD_CHANNEL.match(named)):
                owner = self._by_name.get(_fold_name(crowd.group(1)))  # "Remotasks Taskers PH"
            return owner
        return None


_ACCOUNT_ROLE = re.compile(r"(?:jobs|careers|hiring|recruiting|support|help|team|hq|news)$")
_CROWD_CHANNEL = re.compile(
    r"^(\S+(?:\s\S+)??)\s+(?:[A-Z][A-Za-z]+\s+)?(?i:workers|taskers|raters|agents|contributors"
    r"|annotators|tutors|community|official|workforce|assessors|notices|announcements)\b")
"""A workers' channel or notice page named after its platform ("Remotasks Naija Taskers",
"Toloka Workers KE", "CloudFactory Workforce Hub"): it speaks for it, as its subreddit does."""


def _fold_name(text: str) -> str:
    return re.sub(r"[\s._\-']+", "", text.lower())


def _names(registry: PlatformRegistry, subsidiaries: Mapping[str, str]) -> dict[str, str]:
    """Folded name to platform id: the registry's (strict before loose), then subsidiaries."""
    table: dict[str, str] = {}
    for p in registry:
        for form in (p.id, *p.names()):
            table.setdefault(_fold_name(form), p.id)
    for form, pid in [*((f, p.id) for p in registry for f in p.loose_aliases),
                      *((f, i) for f, i in subsidiaries.items() if i in registry)]:
        table.setdefault(_fold_name(form), pid)
    return table
