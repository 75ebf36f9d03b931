"""Whose events a read may see.

Events built from the config file's sources (``guild_id`` None) are public;
events built from one server's own sources are that server's alone. A slash
command reads as its server (public + its own), the global index reads
public events only, and the operator's command line may read everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, true
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Event


@dataclass(frozen=True)
class Audience:
    """``guild_id``: also that server's own events; ``everything``: every server's."""

    guild_id: int | None = None
    everything: bool = False

    def where(self) -> ColumnElement[bool]:
        if self.everything:
            return true()
        if self.guild_id is None:
            return Event.guild_id.is_(None)
        return or_(Event.guild_id.is_(None), Event.guild_id == self.guild_id)


PUBLIC = Audience()
EVERYTHING = Audience(everything=True)


def guild_audience(guild_id: int) -> Audience:
    """What one server sees: public events and those of its own sources."""
    return Audience(guild_id=guild_id)
