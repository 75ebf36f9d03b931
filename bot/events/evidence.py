"""The pieces of evidence matching weighs, each with its points and its words.

``matching.match`` adds them up; every function here returns what it
found in the words a reason shows ("shared project 'genesis'", "same
headcount 500"), so each grouping decision explains itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.events.features import Report
from bot.events.record import EventState
from bot.events.sources import COMMUNITY
from bot.events.vocab import DENIED_ANY, DENIED_KINDS, LANGUAGES
from bot.platforms import OTHER

W: dict[str, float] = {
    "platform": 1.5, "side_platform": 0.8, "parent": 1.0, "parent_itself": 1.5, "copy": 10.0,
    "same_type": 1.0, "related_type": 0.3, "unrelated_type": -1.5, "follow_on": 1.0,
    "other_kind_alone": -0.5, "told_late": 1.0, "denied_kind": 1.0, "in_response": -3.5,
    "passing_platform": 0.0, "held_at_loss": -2.0, "answers_denial": 1.0,
    "tier_conflict": -0.4, "same_tier": 0.2,
    "name_strong": 3.0, "name_weak": 2.0, "name_in_body": 0.7, "name_conflict_strong": -2.5,
    "name_conflict": -1.5, "headcount": 1.5, "percent": 1.0, "amount": 1.0,
    "similarity": 3.0, "similarity_neutral": 0.3, "per_day": -0.2, "late": -0.5,
    "per_late_day": -0.03, "per_day_drive": -0.1, "role_conflict": -1.0, "adds_to": 1.0,
}
"""Points per piece of evidence; a report joins at ``matching.JOIN_AT`` or more.

``in_response``: a decision taken in response to a lost client shares the platform, often a
place ("Manila") or a figure (the 210 of a layoff filing) with the loss and its layoffs, and
is often read as a layoff itself: enough against to outweigh a shared name (2.0) with the
same kind.

``held_at_loss``: a pause while the client reviews the data, at a platform that lost a
client days before, shares the platform, the client and the workers' words with the loss
(about 3 points for a headline of a queue halted pending the customer's data check, days
after one of that customer trimming its volumes); enough against to keep it out on
wording alone, not against a shared project name (3.0) that ties it.

``parent``: the press often names only the parent of the brand the workers name, in its own
words (low similarity); at 0.8 such a report of the same kind a day after the brand's
reports fell short (1.43 points), at 1.0 it joins, and a report of another kind still
does not. ``parent_itself``: a report naming the parent company itself at an event only
its brand's workers have told (a "Scale AI" headline after the Remotasks workers' project
ended, a comment on "Surge" after the DataAnnotation sign-ups closed) speaks of the same
work, as much as a shared platform does. The other way round keeps ``parent``: after the
parent's news of its own staff (its layoffs, its reorganisation) a brand's workers' news is
as often their own project's story; so do two sibling brands (Outlier and Remotasks), two
pools of workers.

``same_tier``: a report and an event of workforce changes that both name the same tier
(generalists, or experts) and no other, half as much for as the other tier counts
against (not for pay changes, told apart by their amounts and roles: the physicians'
and the lawyers' rate cuts of one week are both experts'): a pasted
memo of a generalist layoff, told as a move to specialists, reads unlike the workers'
own posts (1.48 points); the tier they share is the kind of detail that tells it apart
from the platform's other news that week.

``per_day_drive``: a hiring drive runs for weeks and is told all along (a worker's "they
are taking on so many people" days after the launch shares few words with the press
release), where a cut or a pause is news the day it comes: a report of a drive at a drive
costs half as much per day, for the days within the join window of the drive's first report
only, so that a chain of vague posts cannot carry one drive into the platform's next.
``role_conflict``: a drive recruiting other roles than the event's (linguists after
chemists, ``vocab.ROLES``) is another drive at the same platform, which the halved cost for
time would otherwise let join; less against than another project's name (1.5), as roles
are told more loosely than names.

``adds_to``: a headline saying more people got the news ("India raters too", "the same
'thank you' email?") is a further report of it, though in other people's figures or from a
sibling brand: within the join window, not at a far other pay share (``amounts.other_share``)."""
MOST_SIMILAR = W["similarity"] * (1 - W["similarity_neutral"])
_WORKFORCE = frozenset({"layoff", "restructuring", "tier_shift", "client_loss", "project_pause",
                        "shutdown"})
_RELATED = frozenset({
    frozenset({"pay_cut", "layoff"}), frozenset({"pay_cut", "tier_shift"}),
    frozenset({"pay_cut", "restructuring"}), frozenset({"hiring_freeze", "layoff"}),
    frozenset({"hiring_freeze", "restructuring"}),
    frozenset({"hiring_freeze", "shutdown"}), frozenset({"pay_raise", "hiring_expansion"}),
})
"""Kinds of news that one decision is told as. Not a freeze on new workers and a pause or
drought of the work: sign-ups closed days after the work dried up ("stops taking new
workers, days after its core work dried up") is the next decision, like a waitlist the
week a project paused (events.md: busy weeks are kept apart)."""
PAY = frozenset({"pay_cut", "pay_raise"})
FOLLOW_ONS = frozenset({("client_loss", "layoff")})
"""(event, later report) kinds where the report carries the event out: a tie.

A lab's contract ends, then the platform (or its brand) lays off the people who
did its work. A pause or a cost-cutting programme after a client leaves is a new
decision, tied to the loss only when a report says so (a name, a figure, or a
project ended with the client named as the one who ended it: ``CLIENT_ENDED``).
"""
ENDED = frozenset({"project_pause", "shutdown"})
"""Kinds a project's end is read as besides a layoff ("that's it for the Lumen queue", "the
project is over"): they carry out a lost client when the client is said to have ended it."""
CLOSING = ("shutdown", "layoff")
"""A programme's closure, then the contract ends of the people in it ("and now the
contract-end emails" weeks after "Invisible to close its LATAM cohort programme"): it is
carried out, when the layoff reads like the closure (its people, its programme's words);
a layoff of other staff later is a new decision."""

LEADING_SHARE = 0.25
"""A kind leads an event when its reports carry at least this share of the score."""


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


_DENIABLE = {"pay": PAY, "jobs": _WORKFORCE,
             "sites": frozenset({"restructuring", "shutdown"}),
             "sign-ups": frozenset({"hiring_freeze"}), "projects": frozenset({"project_pause"}),
             "lost client": frozenset({"client_loss"}),
             "exit": frozenset({"shutdown", "client_loss", "layoff"}),
             "hours": frozenset({"project_pause", *PAY})}
"""The kinds of news each denied kind answers. A big client's loss is retold as the company
leaving the business: "reports that we are exiting are inaccurate" answers the loss too, and
so are markets closed to their workers (a layoff): "reports that we are exiting Europe are
inaccurate" after raters' markets closed. Hours cut are told as work paused or as pay cut."""


def denied(report: Report, event: EventState) -> tuple[float, list[str]]:
    """Points for a denial whose words deny the kind of news the event is mostly about
    ("no change to hourly rates" and the pay cut, not the project ended the same week)."""
    kinds = [k for k, said in DENIED_KINDS.items() if said & report.words]
    kinds += [k for k in report.denies if k not in kinds]
    if DENIED_ANY & report.words and not set(kinds) - {"lost client"}:
        # a client is named in passing ("rebalanced in line with client volumes") as often
        # as its loss is denied: the reductions are still the jobs
        kinds.append("jobs")
    leading = set(profile(event).leading)
    hit = [k for k in kinds if _DENIABLE[k] & leading]
    if not hit:
        return 0.0, []
    return W["denied_kind"], [f"denies its {hit[0]}"]


def carries_out(report: Report, event: EventState, sim: Callable[[], float]) -> bool:
    """The report carries out the event's lost contract (or closed programme) at its
    platform or its brand. ``sim``: the report's similarity to the event, worked out only
    when needed and then kept for the rest of the match."""
    if report.at < event.first_seen or not profile(event).parents.intersection(
            report.parents):
        return False
    if (event.event_type, report.event_type) in FOLLOW_ONS:
        return True
    if (event.event_type, report.event_type) == CLOSING:
        return sim() >= W["similarity_neutral"]
    # a project ended for its workers is read as a pause or a shutdown as often as a layoff
    return event.event_type == "client_loss" and report.event_type in ENDED \
        and report.client_ended


def responds_to(report: Report, event: EventState) -> bool:
    """The report tells of a cost programme, a site closed or a new delivery model
    (``Report.in_response``) at a platform that lost a client: a new decision taken in
    response ("closing its Manila hub to cut costs" a week after the lab contract's end
    and its offboarding), not the layoffs that carry the loss out, whatever place or
    figure it shares with them. An event with such a report is itself the response (its
    notice read as the client's loss: "cost reduction following contract termination")."""
    return report.in_response and not report.denial \
        and "client_loss" in event.f("types", {}) and not event.f("responses", 0)


def held_at_loss(report: Report, event: EventState) -> bool:
    """The report tells of work held while it is reviewed (``Report.held``) at a platform
    that lost a client: another project's pause, not the loss carried out (events.md: a
    pause is not tied to a client loss unless a report says so), unless it says the client
    ended the work. An event that already holds such a pause is itself the pause."""
    return report.held and not report.denial and not report.client_ended \
        and "client_loss" in event.f("types", {}) and not event.f("held", 0)


def ended_at_hold(report: Report, event: EventState) -> bool:
    """The report's headline says the work ended (``Report.ended``), at an event held while
    it is reviewed and told of no client's loss: the other way round of ``held_at_loss``, a
    report of a lost client's ended work ("a month on, where did the raters of the
    cancelled maps programme go?") belongs to the loss, not to the week's pause that
    expects its work back."""
    return not report.held and not report.denial and report.ended \
        and bool(event.f("held", 0)) and "client_loss" not in event.f("types", {})


def answers_denial(report: Report, event: EventState) -> bool:
    """The report's headline answers a denial (``Report.rebuts``) and the event carries one:
    the workers' word against the company's, a report of the event the denial disputed."""
    return report.rebuts and not report.denial and bool(event.f("denials", []))


def by_its_author(report: Report, event: EventState) -> bool:
    """A Reddit post by someone who wrote one of the event's reports ("UPDATE on my post from
    last week"): the same person telling more of the same story, not a stranger's news.
    The event's authors are read into a set once per revision, and only when asked."""
    src = report.source
    if src.kind != COMMUNITY or src.author is None:
        return False
    authors: frozenset[str] | None = event.cache.get("authors")
    if authors is None:
        authors = event.cache["authors"] = frozenset(event.f("authors", []))
    return src.key in authors  # "u/<author>", as the event's authors are kept


def workforce(a: str, b: str) -> bool:
    """Both kinds tell of a change to the workforce (a layoff told as a tier shift)."""
    return a in _WORKFORCE and b in _WORKFORCE


@dataclass(frozen=True)
class _Profile:
    """What matching reads of an event, derived once per revision of it."""

    leading: tuple[str, ...]
    names: dict[str, int]
    main_names: frozenset[str]
    strong: frozenset[str]
    platforms: frozenset[str]
    main_platforms: frozenset[str]
    parents: frozenset[str]
    tiers: frozenset[str]


def profile(event: EventState) -> _Profile:
    cached: _Profile | None = event.cache.get("profile")
    if cached is not None:
        return cached
    strong: dict[str, int] = event.f("strong", {})
    weak: dict[str, int] = event.f("weak", {})
    names = {n: strong.get(n, 0) + weak.get(n, 0) for n in strong.keys() | weak.keys()}
    top = max(names.values(), default=0)
    counts: dict[str, int] = event.f("platform_reports", {})
    # reports that named no platform (joined by a name) do not make its platforms minor
    unnamed = counts.get(OTHER, 0) if OTHER not in event.platforms else 0
    total = max(event.post_count - unnamed, 1)
    profile = _Profile(
        leading=tuple(_leading(event)), names=names,
        main_names=frozenset(n for n, c in names.items() if c == top),
        strong=frozenset(strong), platforms=frozenset(event.platforms),
        main_platforms=frozenset(p for p in event.platforms
                                 if counts.get(p, total) * 4 >= total),
        parents=frozenset(event.parents), tiers=frozenset(event.f("tiers", {})),
    )
    event.cache["profile"] = profile
    return profile


def _leading(event: EventState) -> list[str]:
    """The kinds an event is mostly about (a stray report's kind does not count)."""
    types: dict[str, float] = event.f("types", {})
    total = sum(types.values())
    if not total:
        return [event.event_type]
    return [t for t, w in types.items() if w >= LEADING_SHARE * total] or [event.event_type]


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


def names(report: Report, event: EventState, late: bool) -> tuple[float, bool, list[str]]:
    """Names the report shares with the event, or names that set it apart.

    A name in the report's headline is what the report is about; one only in
    its body may be a mention in passing ("first Marigold, now this"), so it
    counts a little and ties nothing. Past the join window only the event's
    main name (its most reported) in the headline ties: a side project named
    in passing by the event's reports may have its own story a month later.
    """
    known = profile(event)
    counts, main, strong = known.names, known.main_names, known.strong
    loose = (report.names.loose - counts.keys()) & report.title_words
    said = sorted(loose & {w for t in event.f("texts", []) for w in str(t[1]).split()}) \
        if loose else []  # the event's headlines are split only for a candidate
    if said and not late:  # its headlines gave it where it reads as a word ("Hive don cut")
        return W["name_weak"], True, [f"its headlines say '{said[0]}'"]
    if not counts:
        return 0.0, False, []
    top = max(counts.values())
    in_title = sorted(report.title_words & counts.keys())
    titled = event.f("titled", [])
    if in_title and titled and not set(in_title) & set(titled):
        # the event's reports name it only in their bodies, in passing ("Tessellate is a
        # different thing" in a thread about the Marrowdale pause), while their headlines
        # name what they are about: a mention, as one in the report's body would be
        return W["name_in_body"], False, [f"its reports mention '{in_title[0]}'"]
    if in_title:
        is_strong = any(n in strong or n in report.names.strong for n in in_title)
        # past the join window, a headline telling of a repeat ("pay dropped again")
        # is the project's next story, not a late report of this one
        tie = not late or (any(n in main for n in in_title)
                           and not report.repeat)
        return W["name_strong" if is_strong else "name_weak"], tie, [
            f"shared project '{in_title[0]}'"]
    in_body = sorted((report.names.all | report.words) & counts.keys())
    if in_body:
        return W["name_in_body"], False, [f"mentions project '{in_body[0]}'"]
    own = sorted((report.names.all - LANGUAGES - report.names.loose) & report.title_words)
    if own and top >= 2:
        if report.names.strong & set(own) and main & strong:
            return W["name_conflict_strong"], False, [
                f"different project ('{own[0]}' vs '{sorted(main)[0]}')"]
        return W["name_conflict"], False, [
            f"different project ('{own[0]}' vs '{sorted(main)[0]}')"]
    return 0.0, False, []


def platforms(report: Report, event: EventState, passing: bool
              ) -> tuple[float, list[str]] | None:
    """Points for sharing the event's main platform, a side platform, or only a parent
    (``passing``: the report's headline leads with a platform of another family).

    A report that names no known platform (``other``) but gives a name the event's
    reports gave meets the event with no points either way: where it was posted
    says nothing for or against, and the name and the rest of the evidence decide.
    """
    known = profile(event)
    shared = sorted(known.platforms.intersection(report.platforms))
    if passing:  # the headline is about another platform: this one is named in passing
        return (W["passing_platform"], [f"same platform ({', '.join(shared)}), named in "
                                        f"passing"]) if shared else None
    if known.main_platforms.intersection(shared):
        return W["platform"], [f"same platform ({', '.join(shared)})"]
    if shared:
        return W["side_platform"], [f"same platform ({', '.join(shared)}, mentioned by few "
                                    f"of its reports)"]
    parents = sorted(known.parents.intersection(report.parents))
    if parents:
        if set(report.platforms).intersection(parents) \
                and not known.platforms.intersection(parents):
            # the brand's workers told it, the report names only the parent: one company
            return W["parent_itself"], [f"same company ({', '.join(parents)}), its brand"]
        return W["parent"], [f"same company ({', '.join(parents)})"]
    if report.platforms == (OTHER,) and report.asked & known.names.keys():
        return 0.0, ["no platform named"]
    written = sorted(known.platforms.intersection(report.written))
    if report.platforms == (OTHER,) and written:
        return 0.0, [f"its headline names {written[0]} in lower case"]
    if known.platforms == {OTHER} and report.names.all & known.names.keys():
        return 0.0, ["the event named no platform"]
    return None
