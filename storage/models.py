"""The schema. Migrations in ``storage/migrations`` must match it.

The event tables live in ``storage.models_events``; they are re-exported here,
so every table is imported from this module and ``Base.metadata`` holds them all.
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

from storage import limits
from storage.models_base import Base
from storage.models_events import (
    Event,
    EventName,
    EventPlatform,
    EventRejection,
    EventReport,
    Feedback,
    IndexCrossing,
    Spike,
)
from storage.types import UTCDateTime, utcnow

__all__ = [
    "AlertRoute",
    "Base",
    "Digest",
    "Event",
    "EventName",
    "EventPlatform",
    "EventRejection",
    "EventReport",
    "Feedback",
    "GuildSource",
    "IndexCrossing",
    "Lease",
    "OutboxItem",
    "Post",
    "PostPlatform",
    "QuarantinedItem",
    "SourceStateRow",
    "Spike",
]


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
