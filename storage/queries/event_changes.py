"""What grouping hands on: where each post went and how each event changed.

Grouping (``bot/events``) writes events in the transaction that stores the
posts, and returns these records so that the same transaction can queue the
alerts they call for, and so that ``labelwatch replay`` can say per post
whether it made or changed a route's message.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Copied:
    """A post that joined an event as a copy of one of its reports, whatever it scored:
    the post it copies, and the verdict it is stored with as a report (the event's kind,
    tier and platforms)."""

    of: int
    event_type: str
    tier: str
    platforms: tuple[str, ...]


@dataclass(frozen=True)
class Placement:
    """One post's place: the event it joined (None when it joined none)."""

    post_id: int
    event_id: int | None
    opened: bool = False
    """The post opened its event."""
    changed: bool = False
    """The post changed what an alert of its event shows (counts, status, figures, ...)."""
    follow_up: bool = False
    """The post, short of a signal on its own, joined an open event as a follow-up report."""
    copy: Copied | None = None
    """The post, short of a signal on its own, joined an open event as a syndicated copy
    of one of its reports (same fingerprint or canonical link)."""


@dataclass(frozen=True)
class EventChange:
    """An event opened or changed by one batch of posts."""

    event_id: int
    opened: bool
    revision: int
    """The event's revision after the batch; each change an alert shows bumps it."""
    status_before: str | None
    """None when the event was opened by this batch."""
    status_after: str
    post_ids: tuple[int, ...] = ()
    """The batch's posts that joined or changed it, oldest first."""
