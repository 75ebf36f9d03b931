"""The platform registry: the one place that knows which platforms exist.

The scorer, the sources and the Discord commands all read platforms from
here, so a platform added in the config file is scored, watched and offered
in autocomplete without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import quote_plus

OTHER = "other"
"""The id signals.md gives a post about a platform missing from the list."""

_ID_RE = re.compile(r"^[a-z0-9_]+$")


def google_news_feed(query: str) -> str:
    """Google News' RSS search for one quoted query, the usual press feed."""
    return f"https://news.google.com/rss/search?q={quote_plus(chr(34) + query + chr(34))}&hl=en-US"


@dataclass(frozen=True)
class Platform:
    """A data-annotation platform or brand as signals.md names it.

    ``aliases`` are unambiguous written forms; ``loose_aliases`` are forms that
    also mean something else ("Scale", "DA", "Turing") and count only in
    context (the scorer decides how). ``tiered`` is false for platforms with no
    generalist/expert split (signals.md scores those ``all``). ``communities`` are
    subreddits that speak for the platform when a post there names none, but that are
    not watched: their other posts are about something else (r/grok is the chatbot's).
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    loose_aliases: tuple[str, ...] = ()
    parent: str | None = None
    subreddits: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    tiered: bool = True
    communities: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every written form, display name first."""
        return (self.name, *self.aliases)


def _p(
    id: str,
    name: str,
    aliases: Iterable[str] = (),
    loose: Iterable[str] = (),
    parent: str | None = None,
    subreddits: Iterable[str] = (),
    news: Iterable[str] | None = None,
    tiered: bool = True,
    communities: Iterable[str] = (),
) -> Platform:
    queries = [name] if news is None else list(news)
    return Platform(
        id=id,
        name=name,
        aliases=tuple(aliases),
        loose_aliases=tuple(loose),
        parent=parent,
        subreddits=tuple(subreddits),
        feeds=tuple(google_news_feed(q) for q in queries),
        tiered=tiered,
        communities=tuple(communities),
    )


def builtin_platforms() -> tuple[Platform, ...]:
    """The canonical platforms of signals.md, built fresh on each call."""
    return (
        _p("mercor", "Mercor", ["Mercor AI", "mercor.com"], subreddits=["mercor_ai"]),
        _p("scale_ai", "Scale AI", ["ScaleAI", "Scale AI's", "scale.com"], ["Scale"],
           subreddits=["scaleai"]),
        _p("outlier", "Outlier", ["Outlier AI", "OutlierAI", "outlier.ai"], parent="scale_ai",
           subreddits=["outlier_ai"], news=["Outlier AI"]),
        _p("remotasks", "Remotasks", ["RemoTasks", "remotasks.com", "Remo Tasks", "Remotask"],
           parent="scale_ai",
           subreddits=["remotasks"]),
        _p("surge_ai", "Surge AI", ["Surge HQ", "SurgeHQ", "surgehq.ai"], ["Surge"]),
        _p("dataannotation", "DataAnnotation",
           ["DataAnnotation.tech", "Data Annotation Tech", "DataAnnotation Tech", "DAT"], ["DA"],
           parent="surge_ai", subreddits=["DataAnnotationTech"], news=["DataAnnotation"]),
        _p("xai", "xAI tutors",
           ["xAI tutor", "xAI tutors", "xAI's tutor", "AI tutor programme", "AI tutor program",
            "Grok tutor", "Grok tutors"], ["xAI"], news=["xAI tutors"], communities=["grok"]),
        # "APX": its ASX ticker, as broker notes and investors write it ("ASX:APX")
        _p("appen", "Appen", ["Appen Connect", "CrowdGen", "Appen CrowdGen", "APX"],
           subreddits=["Appen", "RaterLabs"]),  # RaterLabs: Appen's search-rating arm
        _p("telus_digital", "TELUS Digital",
           ["TELUS International", "TELUS Intl", "TELUS AI", "Telus Digital AI",
            "TELUS AI Community", "TELUS International AI", "Telus Intl."],
           ["TELUS", "TI"], subreddits=["TelusInternational"],
           # Its raters' community still goes by the name the AI arm had until 2021.
           communities=["Lionbridge"]),
        # "Yandex.Toloka": its name until 2020, in its old blog and the press of the time.
        _p("toloka", "Toloka", ["Toloka AI", "Toloka.ai", "Yandex.Toloka", "Yandex Toloka"],
           subreddits=["Toloka"]),
        _p("turing", "Turing", ["Turing.com"], ["Turing"], news=["Turing.com"]),
        _p("invisible", "Invisible Technologies", ["Invisible Tech"], ["Invisible"]),
        _p("handshake_ai", "Handshake AI", ["Handshake MOVE", "Handshake MOVE fellowship"],
           ["Handshake"]),
        _p("micro1", "micro1", ["micro 1", "micro-1", "micro1.ai"]),
        _p("alignerr", "Alignerr", [], parent="labelbox", subreddits=["alignerr"]),
        _p("labelbox", "Labelbox", ["Label Box"]),
        _p("prolific", "Prolific", ["Prolific.co", "Prolific.com"], subreddits=["ProlificAc"],
           news=["Prolific Academic"], tiered=False),
        _p("sama", "Sama", ["Samasource"], news=["Sama AI"]),
        _p("globallogic", "GlobalLogic",
           ["Hitachi GlobalLogic", "Google AI raters", "Global Logic"],
           ["GL"], communities=["GoogleRaters"]),
        # "Welo Data": its AI-data arm since 2024; its raters shorten both to "Welo".
        _p("welocalize", "Welocalize", ["Welo Data", "Welo"]),
        _p("rws_trainai", "RWS TrainAI", ["TrainAI", "RWS Train AI", "TrainAI by RWS"], ["RWS"]),
        _p("oneforma", "OneForma", ["Centific", "One Forma"]),
        _p("clickworker", "Clickworker", ["UHRS"], subreddits=["clickworker", "UHRS"],
           tiered=False),
        _p("mturk", "Amazon Mechanical Turk", ["Mechanical Turk", "MTurk", "Amazon MTurk"],
           subreddits=["mturk"], tiered=False,
           communities=["TurkerNation", "HITsWorthTurkingFor"]),
        _p("cloudfactory", "CloudFactory", ["Cloud Factory"]),
        _p("imerit", "iMerit"),
        _p("snorkel", "Snorkel AI", ["Snorkel expert network"], ["Snorkel"]),
    )


GENERAL_SUBREDDITS: tuple[str, ...] = ("WorkOnline", "beermoney", "DataAnnotationJobs")
"""Communities about several platforms at once: watched, but naming none."""
NAMED_AFTER_MIN = 6
"""The fewest letters of a platform's name that a community's name may start with and stand
for it ("mercor" in "MercorAI"); a shorter one must be the whole name ("Appen" is not
"Appendicitis")."""


@dataclass(frozen=True)
class PlatformRegistry:
    """Lookup over the platforms; immutable so it can be shared across threads."""

    platforms: tuple[Platform, ...] = field(default_factory=builtin_platforms)
    general_subreddits: tuple[str, ...] = GENERAL_SUBREDDITS

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for p in self.platforms:
            if not _ID_RE.match(p.id):
                raise ValueError(f"platform id {p.id!r} must be lower-case letters, digits, _")
            if p.id in seen:
                raise ValueError(f"platform id {p.id!r} is defined twice")
            seen.add(p.id)
        for p in self.platforms:
            if p.parent is not None and p.parent not in seen:
                raise ValueError(f"platform {p.id!r} names unknown parent {p.parent!r}")

    def __iter__(self) -> Iterator[Platform]:
        return iter(self.platforms)

    def __len__(self) -> int:
        return len(self.platforms)

    def __contains__(self, platform_id: object) -> bool:
        return any(p.id == platform_id for p in self.platforms)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.platforms)

    def get(self, platform_id: str) -> Platform | None:
        for p in self.platforms:
            if p.id == platform_id:
                return p
        return None

    def resolve(self, text: str) -> Platform | None:
        """Find a platform by id, display name or alias, ignoring case and spacing."""
        key = _fold(text)
        for form, p in self._folded:
            if key == form:
                return p
        for p in self.platforms:
            if any(key == _fold(n) for n in p.loose_aliases):
                return p
        return None

    def for_subreddit(self, subreddit: str | None) -> Platform | None:
        """The platform a subreddit belongs to, if it belongs to exactly one: one that lists
        it (watched or not), else one the community is named after ("MercorAI", "xAI_tutors",
        "TuringDevs")."""
        if not subreddit:
            return None
        key = subreddit.lower().removeprefix("r/")
        for p in self.platforms:
            if any(s.lower() == key for s in (*p.subreddits, *p.communities)):
                return p
        if any(g.lower() == key for g in self.general_subreddits):
            return None
        return self._named_after(_fold(key))

    def _named_after(self, key: str) -> Platform | None:
        """The platform whose id, name or unambiguous alias the folded community name is, or
        starts with when that form is long enough not to be the start of another word
        (``NAMED_AFTER_MIN``). Loose aliases never count: "Scale", "Surge" and "DA" begin
        communities about anything."""
        best: tuple[int, Platform] | None = None
        for f, p in self._folded:
            named = key == f or (len(f) >= NAMED_AFTER_MIN and key.startswith(f))
            if named and (best is None or len(f) > best[0]):
                best = (len(f), p)
        return best[1] if best is not None else None

    @cached_property
    def _folded(self) -> tuple[tuple[str, Platform], ...]:
        """Each platform's id and names, folded once, in registry order: the scorer asks
        for a post's community on every post."""
        return tuple((_fold(form), p) for p in self.platforms for form in (p.id, *p.names()))

    def children(self, platform_id: str) -> tuple[Platform, ...]:
        return tuple(p for p in self.platforms if p.parent == platform_id)

    def with_overrides(self, overrides: Iterable[Mapping[str, object]]) -> PlatformRegistry:
        """A registry with config-file platforms added or replacing built-ins by id."""
        by_id = {p.id: p for p in self.platforms}
        for o in overrides:
            pid = str(o["id"])
            base = by_id.get(pid) or Platform(id=pid, name=str(o.get("name") or pid))
            changes: dict[str, object] = {}
            for key in ("name", "parent"):
                if key in o:
                    changes[key] = o[key]
            for key in ("aliases", "loose_aliases", "subreddits", "feeds", "communities"):
                if key in o:
                    changes[key] = tuple(o[key])  # type: ignore[arg-type]
            if "tiered" in o:
                changes["tiered"] = bool(o["tiered"])
            by_id[pid] = replace(base, **changes)  # type: ignore[arg-type]
        return PlatformRegistry(tuple(by_id.values()), self.general_subreddits)


def _fold(text: str) -> str:
    return re.sub(r"[\s._\-']+", "", text.lower())
