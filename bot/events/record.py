"""An event being revised as its reports arrive.

The record (events.md) is derived from the reports that joined it, but never
by re-reading them: everything a revision needs is kept in ``features``
(weights of the types and tiers reported, figures, names, terms, the sources
already counted, fingerprints and links of the reports, the denials), so a
new report updates the record from the record alone.

- ``event_type``, ``tier``: the kind and tier with the most score behind them,
  so the strongest reports lead; ``direction`` follows the type.
- ``title``: the headline of the most credible strong report: the company's
  own, else the press's, else the community's, higher score first.
- ``magnitude``: each figure (pay before/after, percent, headcount) from the
  most credible report that gives it.
- ``status``: ``disputed`` while a credible denial stands (until the company
  itself reports after it), else ``confirmed`` (the company, or two press
  outlets), else ``corroborated`` (two independent sources), else
  ``reported``; ``closed`` is set by the quiet-period sweep and lifted when a
  report ties back.
- ``score``: the strongest report's score, plus 6 per further independent
  source (at most 30), at most 100.
- ``revision`` goes up by one whenever something an alert shows changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.events.features import Report
from bot.events.sources import COMPANY, PRESS
from bot.events.text import normalise
from bot.platforms import OTHER
from bot.scoring.model import direction_of

_RANK = {COMPANY: 2, PRESS: 1}
_CAPS = {"terms": 80, "strong": 24, "weak": 24, "texts": 6, "prints": 400, "links": 400,
         "sources": 1000, "authors": 1000, "figures": 16, "denials": 20, "titled": 24}
_MAG_GROUPS = {"pay": ("pay_before", "pay_after", "pay_unit", "currency"),
               "percent": ("percent",), "headcount": ("headcount",)}
CONFIRMING_OUTLETS = 2


def _iso(at: datetime) -> str:
    return at.isoformat()


@dataclass
class EventState:
    """One event's record in memory; ``id`` is negative until it is first stored."""

    id: int
    guild_id: int | None
    title: str
    platforms: list[str]
    parents: list[str]
    event_type: str
    direction: str
    tier: str
    magnitude: dict[str, Any] | None
    first_seen: datetime
    last_seen: datetime
    status: str
    status_changed_at: datetime
    confirmed_at: datetime | None
    score: float
    post_count: int = 0
    source_count: int = 0
    author_count: int = 0
    revision: int = 1
    features: dict[str, Any] = field(default_factory=dict)
    origin: str = "reports"
    new: bool = False
    dirty: bool = False
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What matching derives from ``features``, kept until the next report changes them."""

    @classmethod
    def open(cls, temp_id: int, report: Report, now: datetime) -> EventState:
        state = cls(
            id=temp_id, guild_id=report.guild_id, title=report.title,
            platforms=[p for p in report.platforms if p not in report.passing],
            parents=[p for p in report.parents if not report.lead or p in report.lead],
            event_type=report.event_type, direction=report.direction, tier=report.tier,
            magnitude=None, first_seen=report.at, last_seen=report.at, status="reported",
            status_changed_at=now, confirmed_at=None, score=report.score, revision=0,
            new=True, dirty=True,
        )
        return state

    # -- what matching reads -------------------------------------------------------------

    def f(self, key: str, default: Any) -> Any:
        return self.features.get(key, default)

    def view(self) -> tuple[Any, ...]:
        """Everything an alert of this event shows; a change bumps ``revision``."""
        return (self.title, tuple(self.platforms), self.event_type, self.tier, self.status,
                repr(sorted((self.magnitude or {}).items())), round(self.score, 1),
                self.post_count, self.source_count, self.author_count,
                self.f("latest", {}).get("post"), len(self.f("denials", [])))

    def gap(self, at: datetime) -> timedelta:
        """How far ``at`` lies outside the span of the event's reports (zero inside it)."""
        return max(self.first_seen - at, at - self.last_seen, timedelta(0))

    def copy_of(self, report: Report) -> int | None:
        """The post this report copies (same fingerprint or canonical link), if any."""
        prints: dict[str, int] = self.f("prints", {})
        if report.source.print in prints:
            return prints[report.source.print]
        links: dict[str, int] = self.f("links", {})
        if report.source.link is not None and report.source.link in links:
            return links[report.source.link]
        return None

    # -- revising --------------------------------------------------------------------------

    def add_report(self, report: Report, syndicated_of: int | None, now: datetime) -> bool:
        """Fold one report in; returns whether it counted as a new independent source."""
        self.cache.clear()
        f = self.features
        src = report.source
        sources: list[str] = f.setdefault("sources", [])
        independent = syndicated_of is None and src.key not in sources
        if independent:
            _push(sources, src.key, "sources")
            if src.kind == PRESS:
                _push(f.setdefault("press", []), src.key, "sources")
            if src.kind == COMPANY:
                f["company"] = int(f.get("company", 0)) + 1
        who = src.author and (f"u/{src.author}" if src.kind == "community"
                              else f"{src.key}/{src.author}")
        _push(f.setdefault("authors", []), who or src.key, "authors")
        self.post_count += 1
        self.source_count = len(sources)
        self.author_count = len(f["authors"])
        self._fold_details(report)
        f.setdefault("prints", {}).setdefault(src.print, report.post_id)
        if src.link is not None:
            f.setdefault("links", {}).setdefault(src.link, report.post_id)
        _cap_map(f["prints"], "prints")
        _cap_map(f.get("links", {}), "links")
        denied_at = f.get("denied_at")
        if src.kind == COMPANY and denied_at is not None and _iso(report.at) >= denied_at:
            f["company_after_denial"] = True
        self._place_in_time(report)
        self._revise(report)
        return independent

    def add_denial(self, report: Report) -> None:
        self.cache.clear()
        f = self.features
        denials: list[dict[str, Any]] = f.setdefault("denials", [])
        if len(denials) < _CAPS["denials"]:
            denials.append({"post": report.post_id, "at": _iso(report.at),
                            "kind": report.source.kind})
        if f.get("denied_at") is None or _iso(report.at) > f["denied_at"]:
            f["denied_at"] = _iso(report.at)
            f["company_after_denial"] = False

    def _fold_details(self, report: Report) -> None:
        f = self.features
        types: dict[str, float] = f.setdefault("types", {})
        types[report.event_type] = round(types.get(report.event_type, 0.0) + report.score, 2)
        if report.tier != "unknown":
            tiers: dict[str, float] = f.setdefault("tiers", {})
            tiers[report.tier] = round(tiers.get(report.tier, 0.0) + report.score, 2)
        parts: list[int] = f.setdefault("parts", [])
        for count in report.figures.heads:
            # a count every report that gives it gives as a part of a whole (one batch's,
            # one office's): ``amounts.totals`` compares it as no other total
            if count in report.figures.parts and count not in f.get("heads", []) \
                    and count not in parts and len(parts) < _CAPS["figures"]:
                parts.append(count)
            elif count not in report.figures.parts and count in parts:
                parts.remove(count)
        for key, values in (("heads", report.figures.heads), ("pcts", report.figures.percents),
                            ("money", report.figures.money)):
            kept: list[float] = f.setdefault(key, [])
            for v in values:
                if v not in kept and len(kept) < _CAPS["figures"]:
                    kept.append(v)
        for band in report.figures.bands:
            bands: list[list[float]] = f.setdefault("bands", [])
            if list(band) not in bands and len(bands) < _CAPS["figures"]:
                bands.append(list(band))
        if report.figures.ratio is not None:
            ratios: list[float] = f.setdefault("ratios", [])
            if report.figures.ratio not in ratios and len(ratios) < _CAPS["figures"]:
                ratios.append(report.figures.ratio)
        for change in report.figures.changes:
            changes: list[float] = f.setdefault("changes", [])
            if change not in changes and len(changes) < _CAPS["figures"]:
                changes.append(change)
        for key, names in (("strong", report.names.strong), ("weak", report.names.weak)):
            counts: dict[str, int] = f.setdefault(key, {})
            for name in names:
                counts[name] = counts.get(name, 0) + 1
            _cap_counts(counts, key)
        if report.in_response:
            f["responses"] = int(f.get("responses", 0)) + 1
        if report.held:
            f["held"] = int(f.get("held", 0)) + 1
        if report.roles - set(f.get("roles", [])):  # whom its reports say it recruits
            f["roles"] = sorted(report.roles.union(f.get("roles", [])))
        titled: list[str] = f.setdefault("titled", [])
        for name in sorted(report.names.all & report.title_words):
            _push(titled, name, "titled")  # what its reports are about, not named in passing
        terms: dict[str, int] = f.setdefault("terms", {})
        for term in report.terms:
            terms[term] = terms.get(term, 0) + 1
        _cap_counts(terms, "terms")
        texts: list[list[Any]] = f.setdefault("texts", [])
        text = normalise(report.title)
        if text and all(t[1] != text for t in texts):
            texts.append([report.post_id, text])
            if len(texts) > _CAPS["texts"]:
                del texts[1]  # keep the first report's and the latest ones

    def _place_in_time(self, report: Report) -> None:
        """Times, the latest report, and the platforms reports named.

        A report with a platform the event lacks adds it (a report of Outlier's cut
        that names Scale AI too), but not one it names in passing while its headline
        leads with another (``Report.passing``). A report that names no known platform (``other``,
        joined by a project name) leaves the platforms of an event at known platforms
        as they are: "other" is not a place a user would look for the Mercor story,
        nor a company for the index; its count is kept (``platform_reports``) so
        profiles can leave it out of the shares of the named platforms.
        """
        self.first_seen = min(self.first_seen, report.at)
        self.last_seen = max(self.last_seen, report.at)
        latest = self.features.get("latest")
        if latest is None or _iso(report.at) >= latest["at"]:
            self.features["latest"] = {"post": report.post_id, "at": _iso(report.at),
                                       "title": report.title[:300]}
        firsts: dict[str, str] = self.features.setdefault("platform_first", {})
        counts: dict[str, int] = self.features.setdefault("platform_reports", {})
        if report.platforms == (OTHER,) and any(p != OTHER for p in self.platforms):
            counts[OTHER] = counts.get(OTHER, 0) + 1
            return
        for p in report.platforms:
            if p in report.passing:
                continue  # named in passing by a report that leads with another platform
            counts[p] = counts.get(p, 0) + 1
            if p not in firsts or _iso(report.at) < firsts[p]:
                firsts[p] = _iso(report.at)
            if p not in self.platforms:
                self.platforms.append(p)
                self.platforms.sort()
        for p in report.parents:
            if p not in self.parents and (not report.lead or p in report.lead):
                self.parents.append(p)
                self.parents.sort()

    def _revise(self, report: Report) -> None:
        f = self.features
        types: dict[str, float] = f.get("types", {})
        if types:
            self.event_type = max(types, key=lambda t: (types[t], t == self.event_type))
            self.direction = direction_of(self.event_type)
        tiers: dict[str, float] = f.get("tiers", {})
        self.tier = max(tiers, key=lambda t: (tiers[t], t == self.tier)) if tiers else "unknown"
        rank = [_RANK.get(report.source.kind, 0), report.score]
        best = f.get("best")
        if best is None or rank > best["rank"]:
            f["best"] = {"rank": rank, "post": report.post_id, "score": report.score}
            self.title = report.title[:500]
        self._revise_magnitude(report, rank)
        f["top_score"] = max(float(f.get("top_score", 0.0)), report.score)
        self.score = min(100.0, f["top_score"] + min(30, 6 * max(0, self.source_count - 1)))

    def _revise_magnitude(self, report: Report, rank: list[float]) -> None:
        mag = report.magnitude
        if not mag:
            return
        ranks: dict[str, list[float]] = self.features.setdefault("mag_rank", {})
        out = dict(self.magnitude or {})
        for group, keys in _MAG_GROUPS.items():
            if mag.get(keys[0]) is None or (group in ranks and ranks[group] >= rank):
                continue
            ranks[group] = rank
            for key in keys:
                out[key] = mag.get(key)
            if mag.get("text"):
                out["text"] = mag["text"]
        self.magnitude = out or None

    def settle_status(self, now: datetime) -> None:
        """Status from the sources and denials counted so far (a closed event reopens)."""
        f = self.features
        if f.get("denied_at") is not None and not f.get("company_after_denial"):
            status = "disputed"
        elif f.get("company", 0) or len(f.get("press", [])) >= CONFIRMING_OUTLETS:
            status = "confirmed"
        elif self.source_count >= 2:
            status = "corroborated"
        else:
            status = "reported"
        if status != self.status:
            self.status = status
            self.status_changed_at = now
            if status == "confirmed" and self.confirmed_at is None:
                self.confirmed_at = now


def _push(items: list[str], value: str, cap: str) -> None:
    if value not in items and len(items) < _CAPS[cap]:
        items.append(value)


def _cap_counts(counts: dict[str, int], cap: str) -> None:
    if len(counts) > _CAPS[cap]:
        for key in sorted(counts, key=lambda k: counts[k])[: len(counts) - _CAPS[cap]]:
            del counts[key]


def _cap_map(items: dict[str, int], cap: str) -> None:
    while len(items) > _CAPS[cap]:
        del items[next(iter(items))]
