"""The tables of events and what they are built from: events, their platforms and
reports, spikes, crossings of the cross-platform index, and members' feedback.

``storage.models`` re-exports every one, so the schema is read from there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models_base import Base
from storage.types import UTCDateTime, utcnow

NAME_LENGTH = 64


class Event(Base):
    """What happened, built from the posts that report it (``../spec/events.md``).

    ``guild_id`` is None for events built from the config file's sources,
    which every guild sees, and a guild's id for events built from that
    guild's own sources, which only it sees. ``revision`` grows with every
    change an alert would show, so a delivered edit can say which state it
    showed. ``features`` keeps what grouping compares (figures, named
    projects, key terms), so placing a post never re-reads old reports.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_status_last_seen", "status", "last_seen"),
        Index("ix_events_first_seen", "first_seen"),
        Index("uq_events_external_key", "external_key", unique=True),
        # Reads of recent events and period summaries start from the latest report.
        Index("ix_events_last_seen", "last_seen"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    origin: Mapped[str] = mapped_column(String(16), default="reports")
    title: Mapped[str] = mapped_column(Text, default="")
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    parents: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_type: Mapped[str] = mapped_column(String(32))
    direction: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(16))
    magnitude: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="reported")
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[float] = mapped_column(Float, default=0.0)
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    author_count: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    external_key: Mapped[str | None] = mapped_column(String(200))
    """The identity an imported event had where it was exported (``e17@2025-09-13T...``);
    None for events built here. Makes ``labelwatch import`` idempotent."""
    first_report_url: Mapped[str | None] = mapped_column(String(2048))
    latest_report_url: Mapped[str | None] = mapped_column(String(2048))
    """Report links an imported event came with; its posts are not stored here."""


class EventPlatform(Base):
    """One row per (event, platform), so candidate lookups and the index use an index."""

    __tablename__ = "event_platforms"
    __table_args__ = (
        Index("ix_event_platforms_platform_last_seen", "platform", "last_seen"),
        Index("ix_event_platforms_parent_first_seen", "parent", "first_seen"),
    )

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    platform: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())


class EventName(Base):
    """One row per (event, project or rare name its reports gave), so a report that names
    no known platform finds the open events carrying its name through an index.

    ``last_seen`` is the time of the latest report that gave the name. Names longer
    than ``NAME_LENGTH`` are not kept (no project is called that).
    """

    __tablename__ = "event_names"
    __table_args__ = (Index("ix_event_names_name_last_seen", "name", "last_seen"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), primary_key=True)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())


class EventReport(Base):
    """A post's place in an event, and why it was put there.

    ``role`` is ``report`` for a signal post, ``denial`` for a denial that
    disputes the event, ``spike`` for an individual report counted in a spike.
    ``source_key`` names who reported it (an author, an outlet) and
    ``independent`` says whether it counted as a new independent source;
    ``syndicated_of`` points at the post it copies, when it is a copy.
    """

    __tablename__ = "event_reports"
    __table_args__ = (Index("ix_event_reports_event_time", "event_id", "created_utc"),)

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"),
                                         primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16), default="report")
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source_key: Mapped[str] = mapped_column(String(300), default="")
    independent: Mapped[bool] = mapped_column(Boolean, default=True)
    syndicated_of: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"))
    similarity: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")


class Spike(Base):
    """A day on which one community's individual reports of a kind jumped past its baseline."""

    __tablename__ = "spikes"
    __table_args__ = (UniqueConstraint("community", "kind", "day", name="uq_spike_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    community: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(32))
    day: Mapped[str] = mapped_column(String(10))
    count: Mapped[int] = mapped_column(Integer)
    baseline: Mapped[float] = mapped_column(Float)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IndexCrossing(Base):
    """A day the cross-platform index reached its convergence level; alerted once."""

    __tablename__ = "index_crossings"
    __table_args__ = (UniqueConstraint("tier", "at", name="uq_index_crossing"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    tier: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    parents: Mapped[list[str]] = mapped_column(JSON, default=list)
    events: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Feedback(Base):
    """One member's verdict on one post, given with an alert's buttons in one guild.

    ``verdict`` is ``not_signal`` or ``wrong_details``; a correction names the
    fields it changes (``event_type``, ``platforms``, ``tier``) and leaves the
    rest None. Rows are only ever added, so who said what and when stays on
    record; the latest row of a post decides its label. ``event_id`` is the
    event whose alert carried the buttons (None for a per-post alert).
    """

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_guild_post", "guild_id", "post_id"),
        Index("ix_feedback_post", "post_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    verdict: Mapped[str] = mapped_column(String(16))
    event_type: Mapped[str | None] = mapped_column(String(32))
    platforms: Mapped[list[str] | None] = mapped_column(JSON)
    tier: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EventRejection(Base):
    """A guild that marked every report of a public event not a signal.

    The event stays open for everyone else; this guild's routes get no new
    message, edit or reply of it, and the guild's event reads leave it out,
    until ``/events restore`` deletes the row. (An event of the guild's own
    sources is closed instead: no one else sees it.)
    """

    __tablename__ = "event_rejections"

    event_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
