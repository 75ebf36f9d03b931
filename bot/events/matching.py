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

JOIN_AT = 1.5
W: dict[str, float] = {
    "platform": 1.5, "side_platform": 0.8, "parent": 0.8, "copy": 10.0,
    "same_type": 1.0, "related_type": 0.3, "unrelated_type": -1.5, "follow_on": 1.0,
    "tier_conflict": -0.4,
    "name_strong": 3.0, "name_weak": 2.0, "name_in_body": 0.7, "name_conflict_strong": -2.5,
    "name_conflict": -1.5, "headcount": 1.5, "percent": 1.0, "amount": 1.0,
    "similarity": 3.0, "similarity_neutral": 0.3, "per_day": -0.2, "late": -0.5,
    "per_late_day": -0.03,
}
"""Points per piece of evidence; a report joins at ``JOIN_AT`` or more."""
_MOST_SIMILAR = W["similarity"] * (1 - W["similarity_neutral"])
_PENALTIES = {"headcount": -0.5, "percent": -0.5, "amount": -1.5}
_WORKFORCE = frozenset({"layoff", "restructuring", "tier_shift", "client_loss", "project_pause",
                        "shutdown"})
_RELATED = frozenset({
    frozenset({"pay_cut", "layoff"}), frozenset({"pay_cut", "tier_shift"}),
    frozenset({"pay_cut", "restructuring"}), frozenset({"hiring_freeze", "layoff"}),
    frozenset({"hiring_freeze", "restructuring"}), frozenset({"hiring_freeze", "project_pause"}),
    frozenset({"hiring_freeze", "shutdown"}), frozenset({"pay_raise", "hiring_expansion"}),
})
FOLLOW_ONS = frozenset({("client_loss", "layoff")})
"""(event, later report) kinds where the report carries the event out: a tie.

A lab's contract ends, then the platform lays off the people who did its
work. A pause or a cost-cutting programme after a client leaves is a new
decision, tied to the loss only when a report says so (a name, a figure).
"""
LEADING_SHARE = 0.25
"""A kind leads an event when its reports carry at least this share of the score."""


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


def _leading(event: EventState) -> list[str]:
    """The kinds an event is mostly about (a stray report's kind does not count)."""
    types: dict[str, float] = event.f("types", {})
    total = sum(types.values())
    if not total:
        return [event.event_type]
    return [t for t, w in types.items() if w >= LEADING_SHARE * total] or [event.event_type]


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
    weights = report.term_weights
    total = sum(weights.values())
    shared = sum(w for t, w in weights.items() if t in terms)
    overlap = shared / total if total else 0.0
    texts = event.f("texts", [])
    headline = max((fuzz.token_sort_ratio(report.headline, t[1]) for t in texts),
                   default=0.0) / 100
    return round((overlap + headline) / 2, 2)


def _agree(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(a, b)


def _figures(report: Report, event: EventState) -> tuple[float, bool, list[str]]:
    """Headcounts and percents that agree tie; amounts of money tie only two at a time.

    Pay rates repeat across unrelated news ($15, $20 an hour), so one shared
    amount counts a little and ties nothing; two reports that each give a
    before and after with no amount in common tell of two pay changes, unless
    the change is the same share ("$14 to $12.50" and "$18 CAD to $16").
    """
    points, tie, why = 0.0, False, []
    for key, mine, close, far, (bonus, penalty), label in (
        ("heads", report.figures.heads, 0.1, 0.4, (W["headcount"], _PENALTIES["headcount"]),
         "headcount"),
        ("pcts", report.figures.percents, 0.08, 0.5, (W["percent"], _PENALTIES["percent"]),
         "percent"),
        ("money", report.figures.money, 0.01, 1.0, (W["amount"], 0.0), "amount"),
    ):
        theirs = event.f(key, [])
        if not mine or not theirs:
            continue
        agreeing = [v for v in mine if any(_agree(v, t, close) for t in theirs)]
        if agreeing:
            many = key != "money" or len(agreeing) >= 2
            points += bonus if many else bonus / 2
            tie = tie or many
            why.append(f"same {label} {'/'.join(f'{v:g}' for v in agreeing[:2])}")
        elif key == "money" and report.figures.ratio is not None and any(
                abs(report.figures.ratio - r) <= 0.01 for r in event.f("ratios", [])):
            points += W["amount"]  # the same change in another currency or for another tier
            tie = True
            why.append(f"same change ({(report.figures.ratio - 1) * 100:+.0f}%)")
        elif key == "money" and len(mine) >= 2 and len(theirs) >= 2:
            points += _PENALTIES["amount"]  # two pay changes, each with its own before/after
            why.append(f"different amounts ({mine[0]:g}/{mine[1]:g} vs "
                       f"{theirs[0]:g}/{theirs[1]:g})")
        elif penalty and not any(_agree(v, t, far) for v in mine for t in theirs):
            points += penalty
            why.append(f"different {label} ({mine[0]:g} vs {theirs[0]:g})")
    return points, tie, why


def _names(report: Report, event: EventState, late: bool) -> tuple[float, bool, list[str]]:
    """Names the report shares with the event, or names that set it apart.

    A name in the report's headline is what the report is about; one only in
    its body may be a mention in passing ("first Marigold, now this"), so it
    counts a little and ties nothing. Past the join window only the event's
    main name (its most reported) in the headline ties: a side project named
    in passing by the event's reports may have its own story a month later.
    """
    strong: dict[str, int] = event.f("strong", {})
    weak: dict[str, int] = event.f("weak", {})
    counts = {n: strong.get(n, 0) + weak.get(n, 0) for n in strong.keys() | weak.keys()}
    if not counts:
        return 0.0, False, []
    top = max(counts.values())
    main = {n for n, c in counts.items() if c == top}
    in_title = sorted(report.title_words & counts.keys())
    if in_title:
        is_strong = any(n in strong or n in report.names.strong for n in in_title)
        tie = not late or any(n in main for n in in_title)
        return W["name_strong" if is_strong else "name_weak"], tie, [
            f"shared project '{in_title[0]}'"]
    in_body = sorted((report.names.all | report.words) & counts.keys())
    if in_body:
        return W["name_in_body"], False, [f"mentions project '{in_body[0]}'"]
    own = sorted(report.names.all & report.title_words)
    if own and top >= 2:
        if report.names.strong & set(own) and main & strong.keys():
            return W["name_conflict_strong"], False, [
                f"different project ('{own[0]}' vs '{sorted(main)[0]}')"]
        return W["name_conflict"], False, [
            f"different project ('{own[0]}' vs '{sorted(main)[0]}')"]
    return 0.0, False, []


def _platforms(report: Report, event: EventState) -> tuple[float, list[str]] | None:
    """Points for sharing the event's main platform, a side platform, or only a parent."""
    shared = sorted(set(report.platforms) & set(event.platforms))
    counts: dict[str, int] = event.f("platform_reports", {})
    total = max(event.post_count, 1)
    main = [p for p in shared if counts.get(p, total) * 4 >= total]
    if main:
        return W["platform"], [f"same platform ({', '.join(shared)})"]
    if shared:
        return W["side_platform"], [f"same platform ({', '.join(shared)}, mentioned by few "
                                    f"of its reports)"]
    parents = sorted(set(report.parents) & set(event.parents))
    if parents:
        return W["parent"], [f"same company ({', '.join(parents)})"]
    return None


def match(report: Report, event: EventState, join_window: timedelta,
          tie_window: timedelta, copy_of: int | None) -> Match | None:
    """The evidence for ``report`` joining ``event``; None when it cannot join at all."""
    if report.guild_id != event.guild_id:
        return None
    gap = _gap(report, event)
    if gap > tie_window:
        return None
    found = _platforms(report, event)
    if found is None:
        return None
    points, why = found
    tie = copy_of is not None
    if copy_of is not None:
        points += W["copy"]
        why.append(f"copy of post {copy_of}")
    types = _leading(event)
    relations = {relation(report.event_type, t) for t in types}
    if report.denial:
        pass
    elif "opposite" in relations and "same" not in relations and "related" not in relations:
        return None
    elif "same" in relations:
        points += W["same_type"]
    elif "related" in relations:
        points += W["related_type"]
    else:
        points += W["unrelated_type"]
        why.append(f"{report.event_type} unlike {event.event_type}")
    if (event.event_type, report.event_type) in FOLLOW_ONS and report.at >= event.first_seen \
            and set(report.platforms) & set(event.platforms):
        tie = True
        points += W["follow_on"]
        why.append(f"{report.event_type} after {event.event_type}")
    tiers = set(event.f("tiers", {}))
    opposite = {"generalist": "expert", "expert": "generalist"}.get(report.tier)
    if opposite in tiers and report.tier not in tiers:
        points += W["tier_conflict"]
        why.append(f"{report.tier} report, {opposite} event")
    late = gap > join_window
    for part in (_names(report, event, late), _figures(report, event)):
        points += part[0]
        tie = tie or part[1]
        why.extend(part[2])
    days = gap.total_seconds() / 86400
    if late:
        points += W["late"] + W["per_late_day"] * (days - join_window.total_seconds() / 86400)
    else:
        points += W["per_day"] * days
    if not report.denial and points + _MOST_SIMILAR < JOIN_AT:
        return None  # the most similar wording could not make it join: skip comparing texts
    sim = similarity(report, event)
    # Short posts share few words with anything: low similarity counts half.
    below = W["similarity_neutral"] - sim
    points += W["similarity"] * (sim - W["similarity_neutral"]) if below <= 0 else \
        -W["similarity"] * below / 2
    why.append(f"similarity {sim:.2f}")
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
