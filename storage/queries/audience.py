"""Whose events a read may see.

Events and posts from the config file's sources (``guild_id`` None) are
public; those from one server's own sources are that server's alone. A slash
command reads as its server (public + its own), the global index reads
public events only, and the operator's command line may read everything.

A server's event reads (``where``) also leave out the public events that
server marked not a signal (``event_rejections``): they are gone from its
lists, counts, digests and index, and from no one else's. Reading one event
by id (``find_event``) does not use this rule, so ``/events show`` can still
show it and say it was rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event, EventRejection, Post


@dataclass(frozen=True)
class Audience:
    """``guild_id``: also that server's own events; ``everything``: every server's."""

    guild_id: int | None = None
    everything: bool = False

    def where(self) -> ColumnElement[bool]:
        """Events this audience reads: for a guild, not those it rejected."""
        seen = self.on(Event.guild_id)
        if self.everything or self.guild_id is None:
            return seen
        rejected = exists(select(EventRejection.event_id).where(
            EventRejection.event_id == Event.id, EventRejection.guild_id == self.guild_id))
        return and_(seen, ~rejected)

    def posts(self) -> ColumnElement[bool]:
        """The same rule for posts: a guild's own source's posts are that guild's alone."""
        return self.on(Post.guild_id)

    def on(self, column: InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
        """The rule on any ``guild_id`` column (None: public)."""
        if self.everything:
            return true()
        if self.guild_id is None:
            return column.is_(None)
        return or_(column.is_(None), column == self.guild_id)


PUBLIC = Audience()
EVERYTHING = Audience(everything=True)


def guild_audience(guild_id: int) -> Audience:
    """What one server sees: public events and those of its own sources."""
    return Audience(guild_id=guild_id)
