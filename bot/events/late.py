"""Late reports that say which event they tell of: how long after it they come, or the
month it happened in.

A report past the join window joins only with a tie (``matching``). Besides a shared
name or figure, its headline may say so: "two weeks after Turing's cuts" fourteen days
after the first report, "I was a team lead until the February cuts" late in February,
"contract writers sue over April pay reduction" in May. Either ties it when it tells of
the event's own kind, or of the move to specialists a layoff was made for ("two weeks on,
the tutor programme belongs to specialists"); a headline of another kind ties only when it
says how late it comes and names one of the event's main names ("two weeks after the Kestrel
email"); other news told late is the next story.
"""

from __future__ import annotations

from datetime import timedelta

from bot.events.evidence import profile
from bot.events.features import Report
from bot.events.record import EventState
from bot.events.vocab import LANGUAGES

_SPAN_SLACK_DAYS, _SPAN_SLACK = 3.0, 0.35
"""How far the days a headline gives may be from the event's age: "two weeks" is 9 to 19
days, "a week" 4 to 10, "a month" 20 to 40."""


def says_how_late(report: Report, event: EventState, join_window: timedelta) -> bool:
    """The report's headline says how long after something it comes ("two weeks after, a
    quick survey of who got cut"), and the event's first report is about that long before
    it: a late report of the event that says so, as a shared figure would. What it counts
    from may be any day of the event's first burst, its first join window ("ten days after
    Remotasks left": the exit its first reports announced for a few days on); a report
    weeks into a long event counts from its start, not from its latest report."""
    if report.later_by is None or report.at < event.first_seen:
        return False
    burst_end = min(event.last_seen, event.first_seen + join_window)
    since_first = (report.at - event.first_seen).total_seconds() / 86400
    since_burst = (report.at - burst_end).total_seconds() / 86400
    slack = max(_SPAN_SLACK_DAYS, _SPAN_SLACK * report.later_by)
    return since_burst - slack <= report.later_by <= since_first + slack


def names_its_story(report: Report, event: EventState) -> bool:
    """The report's headline names a project or rare name the event is mainly about (its
    main names, not a language and not a loose capitalised word of the report's): what it
    comes after is that event, whichever kind of news the scorer reads it as."""
    main = profile(event).main_names - LANGUAGES
    return bool(report.title_words & main - report.names.loose)


def names_its_month(report: Report, event: EventState) -> bool:
    """The report's headline names a change by the month the event's first report came in
    ("until the February cuts"), and comes after it."""
    return report.month is not None and report.at >= event.first_seen \
        and report.month == event.first_seen.month


def told_late(report: Report, event: EventState, kinds: tuple[str, ...],
              join_window: timedelta) -> tuple[str, bool] | None:
    """How the report's headline ties it to the event of these leading ``kinds``, in the
    words of a reason, and whether its headline placed it by name; None when it does not.
    The event's own kind, or a tier shift after a layoff (the move the cut was made for,
    told once it is done), or whatever kind it is read as when the headline says how late it
    comes after what the event's headlines are about ("two weeks after the Kestrel email,
    anyone moved?": ``names_its_story``)."""
    own = report.event_type in kinds or (
        report.event_type == "tier_shift" and "layoff" in kinds)
    if says_how_late(report, event, join_window):
        placed = names_its_story(report, event)
        if own or placed:
            return f"{report.later_by:g} days after it, as its headline says", placed
    if own and names_its_month(report, event):
        return "its headline names the month it happened", names_its_story(report, event)
    return None


_LATE_WINDOWS = 2.0
"""How many join windows after an event's latest report a complaint, or a headline saying
the change still holds, may come and still tell of it: a week or two on; later, as likely
over the next change."""


def _soon_after(report: Report, event: EventState, kinds: tuple[str, ...],
                join_window: timedelta) -> bool:
    """A report of the event's own kind of change within ``_LATE_WINDOWS`` join windows of
    its latest report (never before it began): late, but still about it."""
    return report.event_type in kinds and report.at >= event.first_seen \
        and event.gap(report.at) <= _LATE_WINDOWS * join_window


def complains_of(report: Report, event: EventState, kinds: tuple[str, ...],
                 join_window: timedelta) -> bool:
    """A complaint over the event's own kind of change, soon after it: the workers' response
    to it, which comes late but tells of it."""
    return report.complaint and _soon_after(report, event, kinds, join_window)


STATES = frozenset({"project_pause", "hiring_freeze", "pay_cut"})
"""Changes that hold until undone: a paused project, closed sign-ups, a lowered rate. A
headline saying one still holds tells of the one already reported."""


def still_holds(report: Report, event: EventState, kinds: tuple[str, ...],
                join_window: timedelta) -> bool:
    """The report's headline says the event's own kind of change still holds ("sign-ups
    still closed", eleven days after the waitlist came back), soon after it: the same
    pause, freeze or cut told again, not a new one."""
    return report.persists and report.event_type in STATES \
        and _soon_after(report, event, kinds, join_window)
