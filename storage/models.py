"""The schema. Migrations in ``storage/migrations`` must match it."""

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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage import limits
from storage.types import UTCDateTime, utcnow


class Base(DeclarativeBase):
    pass


class Post(Base):
    """A stored submission or feed item, with the scorer's verdict once scored."""

    __tablename__ = "posts"
    __table_args__ = (
        # Feed items are keyed per feed (``feed_key``): two feeds may carry one GUID.
        # Lookups by (source_kind, external_id) use this index's first two columns.
        UniqueConstraint("source_kind", "external_id", "feed_key",
                         name="uq_posts_source_external_feed"),
        Index("ix_posts_signal_time", "is_signal", "created_utc"),
        Index("ix_posts_created", "created_utc"),
        # find_post looks feed items up by link; a hash index has no key-size
        # limit on PostgreSQL, where a long URL would overflow a B-tree entry.
        Index("ix_posts_url", "url", postgresql_using="hash"),
        # Spike detection counts individual reports per community and day.
        Index("ix_posts_report_time", "report_kind", "created_utc"),
        # ... and finds a community's posts and its first one (``storage/queries/spikes``).
        Index("ix_posts_subreddit_time", "subreddit", "created_utc"),
        Index("ix_posts_feed_key_time", "feed_key", "created_utc"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    source_kind: Mapped[str] = mapped_column(String(limits.SOURCE_KIND))
    external_id: Mapped[str] = mapped_column(String(limits.EXTERNAL_ID))
    subreddit: Mapped[str | None] = mapped_column(String(limits.SUBREDDIT))
    feed: Mapped[str | None] = mapped_column(String(limits.FEED))
    platform_hint: Mapped[str | None] = mapped_column(String(limits.PLATFORM))
    feed_key: Mapped[str] = mapped_column(String(limits.FEED_KEY), default="",
                                          server_default="")
    """A hash of the feed a feed item came from; empty for Reddit posts and for feed
    items stored before items were keyed per feed (those keep their global key)."""
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(limits.URL))
    author: Mapped[str | None] = mapped_column(String(limits.AUTHOR))
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    scorer_version: Mapped[str | None] = mapped_column(String(32))
    is_signal: Mapped[bool | None] = mapped_column(Boolean)
    score: Mapped[float | None] = mapped_column(Float)
    event_type: Mapped[str | None] = mapped_column(String(32))
    direction: Mapped[str | None] = mapped_column(String(16))
    tier: Mapped[str | None] = mapped_column(String(16))
    platforms: Mapped[list[str] | None] = mapped_column(JSON)
    evidence: Mapped[list[str] | None] = mapped_column(JSON)
    magnitude: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    report_kind: Mapped[str | None] = mapped_column(String(32))
    """The scorer's individual-report kind (``removed``, ...) for spike counting; None when none."""
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    """The guild whose own source fetched the post; None for the config file's sources."""


class PostPlatform(Base):
    """One row per (signal post, platform), so summaries group without parsing JSON."""

    __tablename__ = "post_platforms"
    __table_args__ = (
        Index("ix_post_platforms_platform_time", "platform", "created_utc"),
        # Covers summary(): a time-range scan that never touches the table.
        Index("ix_post_platforms_time_cover", "created_utc", "platform", "event_type", "tier",
              "direction", "post_id"),
    )

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"),
                                         primary_key=True)
    platform: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    event_type: Mapped[str] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))


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


class QuarantinedItem(Base):
    """An item that could not be stored, kept with its reason instead of blocking its batch."""

    __tablename__ = "quarantine"
    __table_args__ = (Index("ix_quarantine_source_time", "source_key", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    source_key: Mapped[str] = mapped_column(String(limits.SOURCE_KEY))
    external_id: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SourceStateRow(Base):
    """Cursor, validators and health of one polled source or source batch."""

    __tablename__ = "source_state"

    key: Mapped[str] = mapped_column(String(limits.SOURCE_KEY), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(limits.CURSOR))
    etag: Mapped[str | None] = mapped_column(String(limits.ETAG))
    last_modified: Mapped[str | None] = mapped_column(String(limits.LAST_MODIFIED))
    content_hash: Mapped[str | None] = mapped_column(String(limits.CONTENT_HASH))
    """The hash of the last document parsed, so an unchanged one is not parsed again."""
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failing: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime())


class GuildSource(Base):
    """A source one guild added with ``/platforms watch``."""

    __tablename__ = "guild_sources"
    __table_args__ = (UniqueConstraint("guild_id", "kind", "target", name="uq_guild_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(2048))
    platform: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AlertRoute(Base):
    """Where alerts go: a guild's channel (``/alerts set``) or a configured webhook."""

    __tablename__ = "alert_routes"
    __table_args__ = (UniqueConstraint("sink_kind", "sink_id", name="uq_alert_route_sink"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    sink_kind: Mapped[str] = mapped_column(String(16))
    sink_id: Mapped[str] = mapped_column(String(2048))
    min_score: Mapped[float | None] = mapped_column(Float)
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    tiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    ping_role_id: Mapped[int | None] = mapped_column(BigInteger)
    index_alerts: Mapped[bool] = mapped_column(Boolean, default=False)
    """The route also wants convergence alerts of the cross-platform index."""
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxItem(Base):
    """One thing to deliver to one route, written in the transaction that decided it.

    ``kind`` says what: ``new`` posts a route's message for an event, ``edit``
    updates that message to the event's current state, ``reply`` answers it
    when the event's status became ``event_status`` (confirmed or disputed).
    ``post`` rows are per-post alerts queued before events existed.
    ``convergence`` announces a recorded crossing of the cross-platform index
    (``crossing_id``), once per route that asked for them.

    An edit row is re-armed rather than repeated, so a route has at most one
    edit per event: ``revision`` is the event revision the row must show
    (for ``new``, the revision when queued) and ``shown_revision`` the one a
    delivery rendered. A ``new`` row whose message was deleted is ``gone``.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("post_id", "route_id", name="uq_outbox_post_route"),
        # One new message, one (re-armed) edit, one reply per status, per event and route.
        UniqueConstraint("event_id", "route_id", "kind", "event_status",
                         name="uq_outbox_event_route_kind"),
        # One convergence alert per recorded crossing and route.
        UniqueConstraint("crossing_id", "route_id", name="uq_outbox_crossing_route"),
        Index("ix_outbox_pending", "status", "next_attempt_at"),
        # Claims read each route's pending rows in id order (storage.queries.outbox_claims).
        Index("ix_outbox_route_order", "route_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), server_default="post")
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    crossing_id: Mapped[int | None] = mapped_column(
        ForeignKey("index_crossings.id", ondelete="CASCADE"))
    """The recorded convergence crossing a ``convergence`` row announces."""
    event_status: Mapped[str] = mapped_column(String(16), default="", server_default="")
    revision: Mapped[int | None] = mapped_column(Integer)
    shown_revision: Mapped[int | None] = mapped_column(Integer)
    route_id: Mapped[int] = mapped_column(ForeignKey("alert_routes.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The instance delivering the row, until when: another takes it over after expiry.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Lease(Base):
    """A named job only one instance may run at a time (polling), held until ``expires_at``.

    The holder renews it while it runs; when it dies, the lease expires and
    another instance takes the job over.
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Digest(Base):
    """A guild's scheduled summary; ``last_period`` makes it fire once per period."""

    __tablename__ = "digests"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    cadence: Mapped[str] = mapped_column(String(16))
    hour_utc: Mapped[int] = mapped_column(Integer, default=9)
    last_period: Mapped[str | None] = mapped_column(String(32))
    # Claimed (last_period) but not yet confirmed sent: sent again after a crash.
    pending_period: Mapped[str | None] = mapped_column(String(32))
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
