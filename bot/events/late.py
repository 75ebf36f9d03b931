"""Late reports that say which event they tell of: how long after it they come, or the
month it happened in.

A report past the join window joins only with a tie (``matching``). Besides a shared
name or figure, its headline may say so: "two weeks after Turing's cuts" fourteen days
after the first report, "I was a team lead until the February cuts" late in February,
"contract writers sue over April pay reduction" in May. Either ties it when it tells of
the event's own kind, or of the move to specialists a layoff was made for ("two weeks on,
the tutor programme belongs to specialists"), or names what the event's headlines are about
("two weeks after the Kestrel email"); other news told late is the next story.
"""

from __future__ import annotations

from datetime import timedelta

from bot.events.features import Report
from bot.events.record import EventState

_SPAN_SLACK_DAYS, _SPAN_SLACK = 3.0, 0.35
"""How far the days a headline gives may be from the event's age: "two weeks" is 9 to 19
days, "a week" 4 to 10, "a month" 20 to 40."""


def says_how_late(report: Report, event: EventState) -> bool:
    """The report's headline says how long after something it comes ("two weeks after, a
    quick survey of who got cut"), and the event's first report is about that long before
    it: a late report of the event that says so, as a shared figure would. What it counts
    from may be any day the event's reports span ("ten days after Remotasks left": the exit
    its first reports announced for a few days on)."""
    if report.later_by is None or report.at < event.first_seen:
        return False
    since_first = (report.at - event.first_seen).total_seconds() / 86400
    since_last = (report.at - event.last_seen).total_seconds() / 86400
    slack = max(_SPAN_SLACK_DAYS, _SPAN_SLACK * report.later_by)
    return since_last - slack <= report.later_by <= since_first + slack


def names_its_story(report: Report, event: EventState) -> bool:
    """The report's headline names a project or rare name the event's headlines give: what
    it comes after is that event, whichever kind of news the scorer reads it as."""
    return bool(report.title_words & set(event.f("titled", [])))


def names_its_month(report: Report, event: EventState) -> bool:
    """The report's headline names a change by the month the event's first report came in
    ("until the February cuts"), and comes after it."""
    return report.month is not None and report.at >= event.first_seen \
        and report.month == event.first_seen.month


def told_late(report: Report, event: EventState, kinds: tuple[str, ...]) -> str | None:
    """How the report's headline ties it to the event of these leading ``kinds``, in the
    words of a reason; None when it does not. The event's own kind, or a tier shift after a
    layoff (the move the cut was made for, told once it is done), or whatever kind it is read
    as when the headline names what the event's headlines are about ("two weeks after the
    Kestrel email, anyone moved?": ``names_its_story``)."""
    if report.event_type not in kinds and not (
            report.event_type == "tier_shift" and "layoff" in kinds) \
            and not names_its_story(report, event):
        return None
    if says_how_late(report, event):
        return f"{report.later_by:g} days after it, as its headline says"
    if names_its_month(report, event):
        return "its headline names the month it happened"
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
