"""Does a report belong to an open event? Evidence for and against, added up.

Each piece of evidence adds or takes points, and the report joins the
best-scoring event at or above ``JOIN_AT``; every decision carries its
reason ("same platform (outlier), shared project 'genesis', similarity 0.62,
2 days after the latest report"), stored with the report so a user can see
why it joined.

- Platforms: the same platform, or only the same parent (a brand and its
  company). Without either a report is never compared with an event.
- Time: within ``join_window`` of the event's reports, a small cost per day;
  beyond it (up to ``tie_window``) a report joins only with a *tie*: a
  project name in its headline that the event has, an agreeing figure, a copy
  of one of its reports, or a contract's end followed by its layoffs. Similar
  wording alone never ties: the same kind of news a month later reads alike.
- Kind: the same event type counts for; related types (layoff, restructuring,
  tier_shift, client_loss, project_pause, shutdown all describe workforce
  changes; a pay cut often comes with a layoff) are neutral; unrelated types
  count against ("Genesis paused" is not "writing rates cut"); contraction and
  expansion are never one event.
- Details: a shared project or rare name, agreeing headcounts, percents or
  amounts count for; different named projects and conflicting figures count
  against; a generalist report against an expert event counts a little against.
- Text: similarity of the report to the event's kept terms and headlines.

Similarity uses RapidFuzz: small, MIT-licensed, maintained, with no numeric
stack behind it, and its token-based ratios run in microseconds in C++.
Grouping compares each report with a handful of open events, so exact
comparisons are cheap and an approximate index (datasketch's MinHash LSH) buys
nothing; scikit-learn's TF-IDF would need a fitted vocabulary and sparse
matrices per comparison, a hundred times the cost per report for no gain on
headline-length texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz

from bot.events.features import Report
from bot.events.record import EventState
from bot.events.text import normalise, weight

JOIN_AT = 1.5
_WORKFORCE = frozenset({"layoff", "restructuring", "tier_shift", "client_loss", "project_pause",
                        "shutdown"})
_RELATED = frozenset({
    frozenset({"pay_cut", "layoff"}), frozenset({"pay_cut", "tier_shift"}),
    frozenset({"pay_cut", "restructuring"}), frozenset({"hiring_freeze", "layoff"}),
    frozenset({"hiring_freeze", "restructuring"}), frozenset({"hiring_freeze", "project_pause"}),
    frozenset({"hiring_freeze", "shutdown"}), frozenset({"pay_raise", "hiring_expansion"}),
})
FOLLOW_ONS = frozenset({("client_loss", "layoff"), ("client_loss", "project_pause"),
                        ("client_loss", "restructuring")})
"""(earlier, later) kinds where the later one carries the earlier one out: a tie."""


@dataclass(frozen=True)
class Match:
    """The evidence for one report joining one event."""

    points: float
    tie: bool
    similarity: float
    gap_days: float
    reason: str


def relation(a: str, b: str) -> str:
    """``same``, ``related``, ``unrelated`` or ``opposite`` for two event types."""
    if a == b:
        return "same"
    if "none" in (a, b):
        return "related"
    expand_a, expand_b = a in ("pay_raise", "hiring_expansion"), b in ("pay_raise",
                                                                         "hiring_expansion")
    if expand_a != expand_b:
        return "opposite"
    if (a in _WORKFORCE and b in _WORKFORCE) or frozenset({a, b}) in _RELATED:
        return "related"
    return "unrelated"


def _gap(report: Report, event: EventState) -> timedelta:
    if report.at < event.first_seen:
        return event.first_seen - report.at
    if report.at > event.last_seen:
        return report.at - event.last_seen
    return timedelta(0)


def similarity(report: Report, event: EventState) -> float:
    """0..1: how much of the report's wording the event already has.

    The mean of two measures: the weighted share of the report's key terms
    found among the event's (domain words every report uses weigh a quarter),
    and RapidFuzz's token-sort ratio of the headline against the event's kept
    headlines, the best one.
    """
    terms: dict[str, int] = event.f("terms", {})
    total = sum(weight(t) for t in report.terms)
    shared = sum(weight(t) for t in report.terms if t in terms)
    overlap = shared / total if total else 0.0
    title = normalise(report.title)
    texts = event.f("texts", [])
    headline = max((fuzz.token_sort_ratio(title, t[1]) for t in texts), default=0.0) / 100
    return round((overlap + headline) / 2, 2)


def _agree(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(a, b)


def _figures(report: Report, event: EventState) -> tuple[float, bool, list[str]]:
    points, tie, why = 0.0, False, []
    checks = (("heads", report.figures.heads, 0.1, 0.4, 1.5, -1.0, "headcount"),
              ("pcts", report.figures.percents, 0.08, 0.5, 1.0, -0.7, "percent"),
              ("money", report.figures.money, 0.01, 1.0, 0.8, 0.0, "amount"))
    for key, mine, close, far, bonus, penalty, label in checks:
        theirs = event.f(key, [])
        if not mine or not theirs:
            continue
        agreeing = [v for v in mine if any(_agree(v, t, close) for t in theirs)]
        if agreeing:
            points += bonus
            tie = True
            why.append(f"same {label} {agreeing[0]:g}")
        elif penalty and not any(_agree(v, t, far) for v in mine for t in theirs):
            points += penalty
            why.append(f"different {label} ({mine[0]:g} vs {theirs[0]:g})")
    return points, tie, why


def _names(report: Report, event: EventState, late: bool) -> tuple[float, bool, list[str]]:
    """Shared names tie; late reports (past the join window) only by a name in their title."""
    strong: dict[str, int] = event.f("strong", {})
    weak: dict[str, int] = event.f("weak", {})
    known = strong.keys() | weak.keys()
    shared = sorted((report.names.all | report.words) & known)
    if shared:
        is_strong = any(n in strong or n in report.names.strong for n in shared)
        tie = not late or any(n in report.title_words for n in shared)
        return (3.0 if is_strong else 2.0), tie, [f"shared project '{shared[0]}'"]
    if report.names.strong and strong:
        other = sorted(strong)[0]
        return -2.5, False, [f"different project ('{sorted(report.names.strong)[0]}' vs "
                             f"'{other}')"]
    return 0.0, False, []


def match(report: Report, event: EventState, join_window: timedelta,
          tie_window: timedelta, copy_of: int | None) -> Match | None:
    """The evidence for ``report`` joining ``event``; None when it cannot join at all."""
    if report.guild_id != event.guild_id:
        return None
    gap = _gap(report, event)
    if gap > tie_window:
        return None
    why: list[str] = []
    shared = sorted(set(report.platforms) & set(event.platforms))
    if shared:
        points = 2.0
        why.append(f"same platform ({', '.join(shared)})")
    elif set(report.parents) & set(event.parents):
        points = 1.0
        why.append(f"same company ({', '.join(sorted(set(report.parents) & set(event.parents)))})")
    else:
        return None
    if copy_of is not None:
        points += 10.0
        why.append(f"copy of post {copy_of}")
    types: dict[str, float] = event.f("types", {}) or {event.event_type: 1.0}
    relations = {relation(report.event_type, t) for t in types}
    if report.denial:
        pass
    elif relations == {"opposite"} or ("opposite" in relations and "same" not in relations):
        return None
    elif "same" in relations:
        points += 1.0
    elif "related" not in relations:
        points -= 1.2
        why.append(f"{report.event_type} unlike {event.event_type}")
    tie = copy_of is not None
    follows = any((t, report.event_type) in FOLLOW_ONS for t in types)
    if follows and shared and report.at >= event.first_seen:
        tie = True
        points += 1.0
        earlier = "/".join(t for t in types if (t, report.event_type) in FOLLOW_ONS)
        why.append(f"{report.event_type} after {earlier}")
    tiers = set(event.f("tiers", {}))
    opposite = {"generalist": "expert", "expert": "generalist"}.get(report.tier)
    if opposite in tiers and report.tier not in tiers:
        points -= 0.8
        why.append(f"{report.tier} report, {opposite} event")
    late = gap > join_window
    for part in (_names(report, event, late), _figures(report, event)):
        points += part[0]
        tie = tie or part[1]
        why.extend(part[2])
    sim = similarity(report, event)
    points += 3.0 * (sim - 0.25)
    why.append(f"similarity {sim:.2f}")
    days = gap.total_seconds() / 86400
    if late:
        points -= 1.0 + 0.05 * (days - join_window.total_seconds() / 86400)
    else:
        points -= 0.15 * days
    why.append(_when(report, event, days))
    if report.platforms == ("other",) and sim < 0.6 and not tie:
        return None
    return Match(round(points, 2), tie, sim, days, ", ".join(why))


def _when(report: Report, event: EventState, days: float) -> str:
    if days == 0:
        return "within the event's reports"
    hours = days * 24
    if days >= 1.5:
        amount = f"{days:.0f} days"
    elif hours >= 1:
        amount = f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}"
    else:
        amount = f"{max(1, round(hours * 60))} minutes"
    side = "before the first" if report.at < event.first_seen else "after the latest"
    return f"{amount} {side} report"


def joins(m: Match | None, join_window: timedelta) -> bool:
    """Whether a match is good enough: enough points, and a tie when it is late."""
    if m is None or m.points < JOIN_AT:
        return False
    return m.gap_days <= join_window.total_seconds() / 86400 or m.tie
