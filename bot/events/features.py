"""What grouping knows about one report: its verdict, details and source.

Built once per post from the post and the scorer's verdict, so matching and
revising an event only ever compare these plain values. Brands roll up to
their parents through the platform registry (Outlier and Remotasks to Scale
AI, DataAnnotation to Surge AI, Alignerr to Labelbox), so a report about
Outlier can meet an event about Scale AI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import Any

from bot.events.names import (
    Figures,
    NameFinder,
    Names,
    find_figures,
    pay_ratio,
    told_after,
    told_month,
)
from bot.events.sources import PRESS, Source, SourceReader, vendor_forms
from bot.events.text import (
    complains,
    fold,
    key_terms,
    normalise,
    persists,
    tells_of_a_repeat,
    weight,
    words,
)
from bot.events.vocab import (
    ADDS,
    CLIENT_ENDED,
    DENIED_PHRASES,
    HELD_FOR_REVIEW,
    REBUTS,
    RESPONSE,
    ROLES,
    WORK_ENDED,
)
from bot.platforms import OTHER, PlatformRegistry
from bot.records import PostRecord
from bot.scoring.model import direction_of
from bot.scoring.platform_match import PlatformMatcher
from bot.scoring.text import unmarked


@dataclass(frozen=True)
class Verdict:
    """The parts of a scorer decision grouping reads (from a ``Decision`` or a stored post)."""

    is_signal: bool
    score: float
    event_type: str
    tier: str
    platforms: tuple[str, ...]
    magnitude: Mapping[str, Any] | None = None
    denial: bool = False
    follow_up: bool = False
    """Not a signal, but scored just short of one with nothing vetoed: it joins an open
    event it matches strongly as a follow-up report, else nothing (the other fields are
    the verdict it would have as a signal)."""

    @classmethod
    def of(cls, decision: Any) -> Verdict:
        """From a ``bot.scoring.Decision``."""
        near = getattr(decision, "borderline", None)
        if not decision.is_signal and near is not None:
            return replace(cls.of(near), is_signal=False, follow_up=True)
        mag = decision.magnitude.to_json() if decision.magnitude is not None else None
        return cls(bool(decision.is_signal), float(decision.score), decision.event_type,
                   decision.tier, tuple(decision.platforms), mag,
                   bool(getattr(decision, "denial", False)))


@dataclass(frozen=True)
class Incoming:
    """A stored post waiting for its place: its row id, record, scope and verdict."""

    post_id: int
    record: PostRecord
    at: datetime
    """The post's own time (``created_utc``), which windows are measured from."""
    verdict: Verdict
    guild_id: int | None = None
    """The guild whose own source fetched it; None for the config file's sources."""


@dataclass(frozen=True)
class Report:
    """A report's features, as matching and event records use them."""

    post_id: int
    at: datetime
    guild_id: int | None
    platforms: tuple[str, ...]
    parents: tuple[str, ...]
    event_type: str
    direction: str
    tier: str
    score: float
    denial: bool
    names: Names
    figures: Figures
    terms: tuple[str, ...]
    source: Source
    magnitude: Mapping[str, Any] | None
    url: str | None
    words: frozenset[str] = frozenset()
    """Every word of the report, lower case (names written in lower case still meet)."""
    title_words: frozenset[str] = frozenset()
    term_weights: Mapping[str, float] = field(default_factory=dict)
    """Each key term with how much sharing it says (``text.weight``)."""
    headline: str = ""
    """The title normalised (``text.normalise``), as headlines are compared."""
    follow_up: bool = False
    """Scored just short of a signal: joins only an open event it matches strongly."""
    lead: tuple[str, ...] = ()
    """Of a report about several platforms, the parent of the one its headline names first:
    the event it leads with ("micro1 is waitlisting too", after Handshake's waitlist)."""
    passing: tuple[str, ...] = ()
    """Of such a report, the platforms outside the family it leads with: named in passing,
    they are not platforms of the event it joins ("Toloka and UHRS both cut pay" does not
    make Toloka's cut an event at UHRS, for matching or for the index)."""
    in_response: bool = False
    """Its headline or opening tells of a cost programme, a site closed or a new delivery
    model (``vocab.RESPONSE``): what a platform decides in response to losing a client, a
    new event, unlike the layoffs that carry the loss out."""
    client_ended: bool = False
    """Its headline or opening says a client ended the work (``vocab.CLIENT_ENDED``)."""
    held: bool = False
    """Its headline or opening tells of work held while it is reviewed
    (``vocab.HELD_FOR_REVIEW``): a pause, not the end a client's loss brings."""
    ended: bool = False
    """Its headline says the work ended (``vocab.WORK_ENDED``)."""
    rebuts: bool = False
    """Its headline answers a denial (``vocab.REBUTS``)."""
    denies: tuple[str, ...] = ()
    """The kinds its headline or opening denies in phrases (``vocab.DENIED_PHRASES``)."""
    repeat: bool = False
    """Its headline tells of a repeat ("pay dropped again", "cuts 200 more"): past the join
    window, the next story rather than a late report (``text.tells_of_a_repeat``)."""
    later_by: float | None = None
    """The days its headline says it comes after something ("2 weeks later: final pay
    came"): a late report that says how late (``names.told_after``)."""
    complaint: bool = False
    """Its headline tells of a complaint, lawsuit or petition (``text.complains``): the
    workers' response to a change, told a week or two after it."""
    persists: bool = False
    """Its headline says a change still holds ("registration still closed", ``text.persists``):
    of a pause, a freeze or a pay cut, a late report of it rather than news of its own."""
    adds: bool = False
    """Its headline tells that news out already reached more people (``vocab.ADDS``: "India
    raters too", "getting the same 'thank you' email?"): within the join window, a further
    report of an event of its kind at its platform."""
    month: int | None = None
    """The month its headline names a change by ("until the February cuts"): a late report
    that says which change it tells of (``names.told_month``)."""

    written: tuple[str, ...] = ()
    """Of a report at no known platform, the platforms its headline names in lower case
    ("surge raised the phd rate", "telus rater pay bumped"): forms the scorer takes only
    capitalised, as many are ordinary words. The open events there are offered to it, to
    join only as a report naming no platform does (a tie or close wording)."""

    small_names: frozenset[str] = frozenset()
    """Of a report at no known platform, the rare words its headline writes in lower case
    ("bramble cut rates"): a project's name written small, which ``names`` takes only
    capitalised. Looked up as its names are; they count only where an open event's reports
    gave them as a name ("Bramble PH rate going down")."""

    roles: frozenset[str] = frozenset()
    """The families of roles its words name (``vocab.ROLES``: language work, expertise in a
    subject): whom a hiring drive it tells of recruits."""

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def asked(self) -> frozenset[str]:
        """The names it is looked up by: its own and those written small."""
        return self.names.all | self.small_names


def _vendor_words(registry: PlatformRegistry) -> frozenset[str]:
    """The words of the vendors and subsidiaries a known platform is written as (the
    scorer's ``[platforms.subsidiaries]``: "Lionbridge" for TELUS Digital, "Leapforce" for
    Appen): the platform itself, never a project's name, so two of the platform's stories
    of one week ("Lionbridge paused Marrowby", "Lionbridge cut Tessaly rates") do not share
    it as one."""
    return frozenset(w for forms in vendor_forms(registry).values() for form in forms
                     for w in form.lower().replace(".", " ").replace("'s", "").split())


class FeatureReader:
    """Turns an incoming post into a ``Report``; holds the registry-derived lookups."""

    def __init__(self, registry: PlatformRegistry, company_feeds: tuple[str, ...] = ()) -> None:
        self._registry = registry
        self._parent = {p.id: p.parent or p.id for p in registry}
        words: set[str] = set()
        for p in registry:
            for name in (p.id, p.name, *p.aliases, *p.loose_aliases):
                words.update(name.lower().replace(".", " ").replace("'s", "").split())
        self._platform_words = frozenset(words)
        forms: dict[str, set[str]] = {}
        for p in registry:
            for name in (p.id.replace("_", " "), p.name, *p.aliases, *p.loose_aliases):
                if len(name) >= _WRITTEN_MIN:
                    forms.setdefault(name.lower(), set()).add(p.id)
        self._written = forms
        self._written_re = re.compile(r"(?<![\w.@])(?:" + "|".join(
            re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])")
        self._names = NameFinder(words | _vendor_words(registry))
        self._sources = SourceReader(registry, company_feeds)

    def parent(self, platform: str) -> str:
        return self._parent.get(platform, platform)

    def family(self, platforms: tuple[str, ...]) -> tuple[str, ...]:
        """Every platform id sharing a parent with one of these (for candidate lookups)."""
        parents = {self.parent(p) for p in platforms}
        out = {p for p, parent in self._parent.items() if parent in parents}
        return tuple(sorted(out | set(platforms)))

    def _home(self, post: PostRecord) -> tuple[str, ...]:
        """The platform a post is about, for verdicts that name none (denials, posts about
        no platform the scorer knows): its source's (a subreddit's, a feed named after one:
        "Glassdoor: xAI reviews"), else those its title names, else those its body names
        first ("Statement regarding our AI Community" from a newsroom feed)."""
        if post.platform_hint and post.platform_hint in self._parent:
            return (post.platform_hint,)
        home = self._registry.for_subreddit(post.subreddit)
        if home is not None:
            return (home.id,)
        feed = post.feed or "" if post.source_kind == "feed" else ""
        for text in (feed if "://" not in feed else "", post.title, (post.body or "")[:500]):
            named = self._named_in(text)
            if named:
                return tuple(sorted(named))
        return ()

    @cached_property
    def _matcher(self) -> PlatformMatcher:
        """The scorer's platform matcher, built only when a post needs it (a denial naming
        no platform, a report about several)."""
        return PlatformMatcher(self._registry)

    def _named_in(self, text: str) -> set[str]:
        return {m.platform_id for m in self._matcher.find(text)} - {OTHER}

    def _lead(self, title: str, body: str, platforms: tuple[str, ...]) -> tuple[str, ...]:
        """The parent of the platform a headline about several names first: a roundup leads
        with its first ("Toloka and UHRS both cut pay this week" is Toloka's news, "UHRS" the
        second story it adds), as a reader takes the event a post leads with. A headline
        naming none of them ("two sites closed sign-ups this week") leaves it to the body's
        opening ("prolific put new people on a waitlist and clickworker closed ...")."""
        if len({self.parent(p) for p in platforms}) < 2:
            return ()
        for text in (title, body[:_LEAD_BODY]):
            named = [m for m in self._matcher.find(text) if m.platform_id in platforms]
            if named:
                return (self.parent(min(named, key=lambda m: m.start).platform_id),)
        return ()

    def written(self, title: str) -> tuple[str, ...]:
        """The platforms a headline names in any case (``Report.written``)."""
        found = {p for m in self._written_re.finditer(title.lower())
                 for p in self._written[m.group(0)]}
        return tuple(sorted(found))

    def source(self, item: Incoming) -> tuple[Source, tuple[str, ...]]:
        """Who reported a post the scorer passed over, and the platforms it is about (its
        verdict's, else its source's or those its text names): enough to tell whether it
        copies a report of an open event, without reading the rest of it."""
        platforms = tuple(sorted(set(item.verdict.platforms))) or self._home(item.record)
        return self._sources.read(item.record, platforms), platforms

    def read(self, item: Incoming) -> Report:
        post, verdict = item.record, item.verdict
        platforms = tuple(sorted(set(verdict.platforms)))
        if platforms in ((), (OTHER,)):
            # the scorer found no known platform in its words: where it was posted may say
            # ("Let go with 400+ others" in the feed "Glassdoor: xAI reviews")
            platforms = self._home(post) or (OTHER,)
        parents = tuple(sorted({self.parent(p) for p in platforms}))
        source = self._sources.read(post, platforms)
        headline = normalise(source.title)
        body = post.body or ""
        figures = find_figures(unmarked(f"{source.title}\n{body[:2000]}"))
        mag = verdict.magnitude or {}
        if mag:
            figures = _with_magnitude(figures, mag)
        terms = key_terms(source.title, body, self._platform_words)
        # what it says came before its news ("first Kestrel, now this") is not its own
        # the outlet a listing ends with ("... access  TechLedger") names who reported it, not
        # what it tells of; named inside an article ("told the Inquirer") it stays a name
        listed = body.rstrip()
        if source.kind == PRESS and source.place and listed.endswith(source.place):
            listed = listed[:-len(source.place)]
        names = self._names.find(source.title, listed)
        past = names.past
        title_words = frozenset(words(source.title)) - past
        lead = self._lead(source.title, body, platforms)
        said = fold(f"{source.title}\n{body[:1500]}").lower()
        opening = fold(f"{source.title}\n{body[:_LEAD_BODY]}").lower()
        heading = source.title.lower()
        said_words = title_words | (frozenset(words(body[:1500])) - past)
        return Report(
            post_id=item.post_id, at=item.at, guild_id=item.guild_id, platforms=platforms,
            parents=parents, event_type=verdict.event_type,
            direction=direction_of(verdict.event_type), tier=verdict.tier,
            score=float(verdict.score), denial=verdict.denial,
            names=names, figures=figures,
            terms=terms, source=source, magnitude=verdict.magnitude, url=post.url,
            words=said_words,
            title_words=title_words,
            term_weights={t: weight(t) for t in terms}, headline=headline,
            follow_up=verdict.follow_up, lead=lead,
            passing=tuple(p for p in platforms if lead and self.parent(p) not in lead),
            in_response=bool(RESPONSE.search(opening)),
            client_ended=bool(CLIENT_ENDED.search(said)),
            held=bool(HELD_FOR_REVIEW.search(opening)),
            ended=bool(WORK_ENDED.search(heading)), rebuts=bool(REBUTS.search(heading)),
            denies=tuple(k for k, p in DENIED_PHRASES.items() if p.search(said)),
            repeat=tells_of_a_repeat(headline), later_by=told_after(source.title),
            adds=bool(ADDS.search(fold(source.title).lower())),
            month=told_month(source.title), complaint=complains(source.title),
            persists=persists(source.title),
            written=self.written(source.title) if platforms == (OTHER,) else (),
            small_names=self._names.small(title_words - names.all)
            if platforms == (OTHER,) else frozenset(),
            roles=frozenset(r for r, named_by in ROLES.items() if named_by & said_words),
        )


_LEAD_BODY = 300
"""Characters of the body read for the platform a roundup leads with: its opening."""
_WRITTEN_MIN = 4
"""The shortest platform form looked for in lower case: "da" or "gl" written small is as
often another word ("da" in Spanish) as the platform."""


def _with_magnitude(figures: Figures, mag: Mapping[str, Any]) -> Figures:
    """The scorer's own figures, added to what the text gave."""
    heads = set(figures.heads)
    percents = set(figures.percents)
    money = set(figures.money)
    if isinstance(mag.get("headcount"), int | float) and mag["headcount"] > 1:
        heads.add(int(mag["headcount"]))
    if isinstance(mag.get("percent"), int | float) and 0 < mag["percent"] <= 100:
        percents.add(float(mag["percent"]))
    for key in ("pay_before", "pay_after"):
        if isinstance(mag.get(key), int | float) and mag[key] > 0:
            money.add(round(float(mag[key]), 2))
    ratio = figures.ratio
    before, after = mag.get("pay_before"), mag.get("pay_after")
    if isinstance(before, int | float) and isinstance(after, int | float):
        ratio = pay_ratio(float(before), float(after)) or ratio
    return Figures(tuple(sorted(heads)), tuple(sorted(percents)), tuple(sorted(money)), ratio,
                   figures.deltas, figures.bare, figures.parts, figures.bands)
