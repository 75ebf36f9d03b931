"""Events told for weeks: hiring drives and sign-ups closed.

A drive recruits for weeks and a shut door holds while answers trickle in, so their later
reports pay less for their days (``matching.match``), within the join window of the event's
first report. A drive for other roles is another drive (``other_roles``).
"""

from __future__ import annotations

from datetime import timedelta

from bot.events.evidence import profile
from bot.events.features import Report
from bot.events.record import EventState

DRIVE = "hiring_expansion"
FREEZE = "hiring_freeze"


def drive(report: Report, event: EventState) -> bool:
    """A report of hiring at an event mostly about hiring: a drive, told for weeks."""
    return report.event_type == DRIVE and DRIVE in profile(event).leading


def closed_door(report: Report, event: EventState) -> bool:
    """A report of sign-ups closed at an event mostly about them: a door that stays shut for
    weeks while the answers trickle in ("support replied: new registrations limited to the
    US", a week after the first rejections), its days cost as a drive's do. At the platform
    itself: a sibling brand's sign-ups are another door, another pool of workers."""
    return report.event_type == FREEZE and FREEZE in profile(event).leading \
        and bool(set(report.platforms) & set(event.platforms))


def drive_days(report: Report, event: EventState, join_window: timedelta) -> float:
    """Of the days between a report of a drive and the drive (``EventState.gap``), those that
    cost less: the days within ``join_window`` of the drive's first report, so that a chain
    of vague "so many new people" posts cannot carry one drive on to the platform's next.
    A report dated before the drive's first report pays less for all its days."""
    if report.at < event.first_seen:
        return (event.first_seen - report.at).total_seconds() / 86400
    cheap_until = min(report.at, event.first_seen + join_window)
    return max((cheap_until - event.last_seen).total_seconds() / 86400, 0.0)


def other_roles(report: Report, event: EventState) -> tuple[str, str] | None:
    """Of a report of a drive at a drive (``drive``, asked first), the roles it recruits and
    the event's, when they share none ("multilingual raters" at a drive for PhDs): another
    drive."""
    if not report.roles:
        return None
    known: list[str] = event.f("roles", [])
    if not known or report.roles.intersection(known):
        return None
    return ", ".join(sorted(report.roles)), ", ".join(known)
