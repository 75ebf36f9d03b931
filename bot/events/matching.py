"""Does a report belong to an open event? Evidence for and against, added up.

Each piece of evidence adds or takes points, and the report joins the
best-scoring event at or above ``JOIN_AT``; every decision carries its
reason ("same platform (outlier), shared project 'genesis', similarity 0.62,
2 days after the latest report"), stored with the report so a user can see
why it joined.

- Platforms: the same platform, or only the same parent (a brand and its
  company). Without either a report is never compared with an event. A report
  about several platforms whose headline names another one than the event's
  names the event's in passing: that counts nothing.
- Time: within ``join_window`` of the event's reports, a small cost per day (half as
  much for a report of hiring at a hiring drive, which runs for weeks, or of sign-ups
  closed at their closing, which holds for weeks, for the days within ``join_window`` of
  the event's first report);
  beyond it (while the event with the report spans at most ``tie_window``) a report
  joins only with a *tie*: a project name in its headline that the event has, an
  agreeing figure, a copy of one of its reports, a contract's end followed by its
  layoffs, a headline saying how long after it comes or naming the month of the change
  (``late``), or (up to a week past the window) a Reddit update by the author of one of
  its reports. Similar wording alone never ties: the same kind of news a month later reads alike.
  Nor does a name, weeks on, in another round with its own headcount or in another change
  to the workforce than any of the event's reports told: the next decision (not the
  closure of a programme whose people's contracts ended: the same end).
  A tied report inside the window costs no more for its days than a late one.
- Kind: the same event type counts for; related types (layoff, restructuring,
  tier_shift, client_loss, project_pause, shutdown all describe workforce
  changes; a pay cut often comes with a layoff) are neutral (but a tier shift at a layoff
  counts as its kind: the move the layoff was made for); unrelated types
  count against ("Genesis paused" is not "writing rates cut"); contraction and
  expansion are never one event. A related kind from outside the workforce
  changes (a pay cut against a project's end) that shares nothing particular and
  reads unlike the event also counts against: a busy week at one platform. So does a pay
  change told with its own before and after at an event that gave none (the rate cut of
  those kept on after a layoff), and the other way round another kind told with no amount
  at a pay change that gave its before and after (a reorganisation the week of a rate cut).
  A cost programme, a site closed or a new delivery model after a client's loss is a
  decision taken in response, a new event: it counts against the loss's event.
  A denial has no kind of its own; the words it denies with ("no change to
  hourly rates") count for the event of that kind.
- Details: a shared project or rare name, agreeing headcounts, percents or
  amounts count for; different named projects and conflicting figures count
  against, and so does a drive recruiting other roles than the event's (linguists at a
  drive for chemists: ``vocab.ROLES``); a generalist report against an expert event counts
  a little against (not when either is a tier shift, which moves work from one tier to the
  other), and one of a generalist layoff (expert of expert) a little for.
- Text: similarity of the report to the event's kept terms and headlines; a headline saying
  more people got the news ("India raters too") counts for, within the join window.

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
from functools import cache

from bot.events.amounts import (
    figures,
    other_share,
    own_pay_change,
    recounted,
    same_change,
    unpriced_at_pay_change,
)
from bot.events.drives import closed_door, drive, drive_days, other_roles
from bot.events.evidence import (
    CLOSING,
    MOST_SIMILAR,
    PAY,
    W,
    answers_denial,
    by_its_author,
    carries_out,
    denied,
    ended_at_hold,
    held_at_loss,
    names,
    platforms,
    profile,
    relation,
    responds_to,
    similarity,
    workforce,
)
from bot.events.features import Report
from bot.events.late import complains_of, still_holds, told_late
from bot.events.record import EventState
from bot.events.vocab import LANGUAGES
from bot.scoring.cuetable import load_table
from bot.scoring.events import names_setting

JOIN_AT = 1.5
"""A report joins the best event it scores at least this many points with."""


@dataclass(frozen=True)
class Match:
    """The evidence for one report joining one event."""

    points: float
    tie: bool
    similarity: float
    gap_days: float
    reason: str
    specific: bool = False
    """A piece of evidence particular to the event: a shared name or figure, or a copy."""
    stranger: bool = False
    """The report's headline names a project or rare name that the event has none of."""
    passing: bool = False
    """The report's headline leads with another platform: the event's is named in passing."""
    placed: bool = False
    """The report's headline places itself after the event by a name its headlines give
    (``late.told_late``), whatever kind the report is read as."""
    adds: bool = False
    """The report's headline says more people got the event's news ("HU market too?") and
    nothing else in the match rules that out (``adds_to``)."""


def match(report: Report, event: EventState, join_window: timedelta,
          tie_window: timedelta, copy_of: int | None) -> Match | None:
    """The evidence for ``report`` joining ``event``; None when it cannot join at all."""
    if report.guild_id != event.guild_id:
        return None
    gap = event.gap(report.at)
    if max(report.at, event.last_seen) - min(report.at, event.first_seen) > tie_window:
        # one action at one time: no event spans more than the tie window, however late
        # reports chain on ("removed this morning" 56 days after a client left and 31 days
        # after its layoffs' last report is another decision)
        return None
    passing = bool(report.lead) and not profile(event).parents.intersection(report.lead)
    found = platforms(report, event, passing)
    if found is None:
        return None
    points, why = found
    tie = copy_of is not None
    if copy_of is not None:
        points += W["copy"]
        why.append(f"copy of post {copy_of}")
    sim_once = cache(lambda: similarity(report, event))  # compared once, if at all
    types = profile(event).leading
    kind_only = False  # a related kind, not the event's own: it needs more than the platform
    relations = {relation(report.event_type, t) for t in types}
    if report.denial:
        said = denied(report, event)
        points += said[0]
        why.extend(said[1])
    elif "opposite" in relations and "same" not in relations and "related" not in relations:
        return None
    elif "same" in relations:
        points += W["same_type"]
    elif report.event_type == "tier_shift" and "layoff" in types:
        # the move to the other tier a layoff was made for ("work moving to the Fellows
        # pool" days after the generalists' offboarding), as ``late.told_late`` reads it
        points += W["same_type"]
        why.append("tier_shift its layoff was made for")
    elif "related" in relations:
        points += W["related_type"]
        kind_only = not any(workforce(report.event_type, t) for t in types)
    elif same_change(report, event):
        # another kind, told with the event's own pay change (its before and after): the
        # pay side of it ("the same job for 30% less" after a project's end and cheaper sequel)
        points += W["related_type"]
        why.append(f"{report.event_type} giving its pay change")
    else:
        points += W["unrelated_type"]
        why.append(f"{report.event_type} unlike {event.event_type}")
    carried = placed = False
    responds = responds_to(report, event)
    if responds:
        points += W["in_response"]
        why.append(f"{report.event_type} in response to its client_loss")
    elif carries_out(report, event, sim_once):
        tie = carried = True
        points += W["follow_on"]
        why.append(f"{report.event_type} after {event.event_type}")
    elif (told := told_late(report, event, types, join_window)) is not None \
            and not report.repeat:
        # "2 weeks later: final pay came", two weeks after the layoffs' first report;
        # "until the February cuts", late in February
        tie = True
        late_by, placed = told
        points += W["told_late"]
        why.append(late_by)
    elif complains_of(report, event, types, join_window) and not report.repeat:
        # "Drafted a complaint about the mass termination", ten days after the offboarding
        tie = True
        why.append("a complaint over it, as its headline says")
    elif still_holds(report, event, types, join_window) and not report.repeat:
        # "Registration still closed, week 2", eleven days after the sign-ups closed
        tie = True
        why.append("its headline says the change still holds")
    elif ("same" in relations or any(workforce(report.event_type, t) for t in types)) \
            and gap <= 2 * join_window and by_its_author(report, event) \
            and not report.repeat:
        # "Update: Vietnam is included", a week on, from the first poster (inside the join
        # window, its days cost no more than a late report's); a month on, the same
        # person's news of the same kind is as likely the next story
        tie = True
        why.append("a follow-up by the author of one of its reports")
    if held_at_loss(report, event):
        # "paused while the client reviews the data", days after the client cut the work
        points += W["held_at_loss"]
        why.append("a pause for review, not its client_loss")
    elif ended_at_hold(report, event):
        points += W["held_at_loss"]
        why.append("work ended, not its pause for review")
    if answers_denial(report, event):
        # "calls it 'inaccurate' but our lead confirmed the last day", after the denial
        tie = True
        points += W["answers_denial"]
        why.append("answers its denial")
    tiers = profile(event).tiers
    opposite = {"generalist": "expert", "expert": "generalist"}.get(report.tier)
    # A move of work from one tier to the other names both: no conflict within it.
    shift = "tier_shift" in types or report.event_type == "tier_shift"
    if opposite in tiers and report.tier not in tiers and not shift:
        points += W["tier_conflict"]
        why.append(f"{report.tier} report, {opposite} event")
    elif opposite is not None and set(tiers) == {report.tier} \
            and any(workforce(report.event_type, t) for t in types):
        # a generalist report of a generalist event (and expert of expert), of who lost
        # work: a little for (pay changes are told apart by their amounts and roles)
        points += W["same_tier"]
        why.append(f"{report.tier} report and event")
    at_drive = drive(report, event)
    if at_drive and (roles := other_roles(report, event)) is not None:
        # a platform recruiting linguists the week it recruits chemists: two drives, told
        # apart by whom they want as projects are by their names
        points += W["role_conflict"]
        why.append(f"recruits {roles[0]}, its reports {roles[1]}")
    late = gap > join_window
    named = names(report, event, late)
    if carried and named[0] < 0 and "client_loss" in types:
        # the loss's reports name the client ("Nuvera brings work in-house"), the layoff
        # carrying it out names the project the client's work was ("Pegasus has ended")
        named = (0.0, False, [])
    closes = report.event_type == CLOSING[0] and CLOSING[1] in types
    if late and named[1] and not report.denial and (recounted(report, event) or (
            report.event_type not in event.f("types", {}) and not closes
            and any(workforce(report.event_type, t) for t in types))):
        # weeks on, the next decision, though it names the project or company again: another
        # change to the workforce than any of its reports told (the paused project's people
        # offboarded: "so that's why Kestrel never came back"), or another round with its own
        # headcount ("let go about 100" after the 150 of last month). Not the closure of
        # the programme whose people's contracts ended ("Kestrel sunset" weeks after
        # "Kestrel over, all of us let go"): the same end, told from the programme's side
        named = (named[0], False, [*named[2], "a later decision"])
    counted = figures(report, event, report.event_type in PAY and bool(PAY.intersection(types)))
    # particular to this event: a shared name, figures that tie (one shared pay rate does
    # not: rates repeat across unrelated news), a copy of one of its reports
    specific = copy_of is not None or named[0] > 0 or counted[1]
    stranger = named[0] <= 0 and bool((report.names.all - LANGUAGES - report.names.loose)
                                      & report.title_words)
    for part in (named, counted):
        points += part[0]
        tie = tie or part[1]
        why.extend(part[2])
    adds = report.adds and not late and not passing and not stranger and not report.denial \
        and not report.repeat and not other_share(report, event) \
        and ("same" in relations or any(workforce(report.event_type, t) for t in types))
    if adds:
        # "India raters too", "the same 'thank you' email?": more people got the news
        points += W["adds_to"]
        why.append("more people got it, as its headline says")
    days = gap.total_seconds() / 86400
    if late:
        points += W["late"] + W["per_late_day"] * (days - join_window.total_seconds() / 86400)
    else:  # a tie costs no more for its days than a late report would; a drive runs for weeks
        cost = W["per_day"] * days
        if at_drive or closed_door(report, event):
            cheap = min(drive_days(report, event, join_window), days)
            cost += (W["per_day_drive"] - W["per_day"]) * cheap
        points += max(cost, W["late"]) if tie else cost
    if not report.denial and points + MOST_SIMILAR < JOIN_AT:
        return None  # the most similar wording could not make it join: skip comparing texts
    sim = sim_once()
    # Short posts share few words with anything: low similarity counts half.
    below = W["similarity_neutral"] - sim
    points += W["similarity"] * (sim - W["similarity_neutral"]) if below <= 0 else \
        -W["similarity"] * below / 2
    why.append(f"similarity {sim:.2f}")
    if kind_only and not (specific and named[0] != W["name_in_body"]) \
            and (sim < W["similarity_neutral"] or own_pay_change(report, event)
                 or unpriced_at_pay_change(report, event)):
        # another kind of news at the platform, nothing shared but the platform (the event's
        # project named only in the body is named in passing: "not Kestrel, this is the
        # generalist pool"): a busy week
        points += W["other_kind_alone"]
        why.append(f"{report.event_type} with nothing particular in common")
    why.append(_when(report, event, days))
    if report.platforms == ("other",) and sim < 0.6 and not tie and not specific \
            and not (report.denial and report.names.all & profile(event).main_names):
        # at no known platform only close wording, a tie or something particular (a rare
        # name or a figure the event's reports gave: translated local news naming the
        # vendor in passing) joins; a denial reads unlike
        # what it denies ("reports that Quarry is closing are inaccurate"), and the name
        # the event's reports mostly give is what ties it
        return None
    return Match(round(points, 2), tie, sim, days, ", ".join(why), specific, stranger, passing,
                 placed, adds)


def copy_match(report: Report, event: EventState, copy_of: int) -> Match:
    """The evidence for a post the scorer passed over that copies one of the event's
    reports (``bot.events.copies``): the copy alone, whatever else it shares."""
    days = event.gap(report.at).total_seconds() / 86400
    return Match(W["copy"], True, 1.0, days,
                 f"copy of post {copy_of}, {_when(report, event, days)}", True)


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


def rank(report: Report, state: EventState, m: Match) -> tuple[bool, bool, bool, float]:
    """How a report ranks the events it joins: one of its own or a related kind (or one its
    headline places itself after by name) before one of an unrelated kind, whatever the
    points (a roundup of a platform's week, led by a drought, joins the drought, not the pay
    cut it lists second with its figures); then, of a report about several platforms, an
    event at the one its headline leads with before one at a platform it names in passing,
    whatever that one's names and figures ("DA cut general rates to $17 and Alignerr cut
    Vexmoor to $35": the DA cut, compared); then one its headline places itself after by
    name ("two weeks after the Kestrel email") before one whose name or figures only its
    body gives."""
    return (m.placed or any(relation(report.event_type, t) != "unrelated"
                            for t in profile(state).leading),
            not m.passing,
            m.placed, m.points)


@dataclass(frozen=True)
class FollowUpRule:
    """How strongly a post scored just short of a signal must match an open event to join
    it as a follow-up report (``[follow_up]`` of ``bot/scoring/cues/scoring.toml``, where
    each number says why)."""

    min_points: float = 1.5
    min_similarity: float = 0.5

    @classmethod
    def from_table(cls) -> FollowUpRule:
        from bot.scoring.cuetable import load_table

        table = load_table()
        return cls(float(table.setting("follow_up", "min_points")),
                   float(table.setting("follow_up", "min_similarity")))

    def admits(self, m: Match | None, join_window: timedelta, looks_back: bool = False) -> bool:
        """Enough points, within the join window (no late ties, but for a report whose
        headline says it comes after an event: ``looks_back``), no name of its own that the
        event lacks ("the Zephyr project is paused" is not the Kestrel pause, however alike
        the words), and something particular to the event or wording close to it."""
        if m is None or m.points < self.min_points or m.stranger:
            return False
        if m.gap_days > join_window.total_seconds() / 86400 and not (looks_back and m.tie):
            return False
        return m.specific or m.adds or m.similarity >= self.min_similarity

    @staticmethod
    def looks_back(title: str) -> bool:
        """The headline places itself after an event ("A week after its layoffs, ..."), as
        the scorer's ``background`` and ``setting`` cues read it."""
        return names_setting(load_table().context, title.lower())
