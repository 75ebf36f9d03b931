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

from storage.types import UTCDateTime, utcnow


class Base(DeclarativeBase):
    pass


class Post(Base):
    """A stored submission or feed item, with the scorer's verdict once scored."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("source_kind", "external_id", name="uq_posts_source_external"),
        Index("ix_posts_signal_time", "is_signal", "created_utc"),
        Index("ix_posts_created", "created_utc"),
        # find_post looks feed items up by link; a hash index has no key-size
        # limit on PostgreSQL, where a long URL would overflow a B-tree entry.
        Index("ix_posts_url", "url", postgresql_using="hash"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    source_kind: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(512))
    subreddit: Mapped[str | None] = mapped_column(String(64))
    feed: Mapped[str | None] = mapped_column(String(2048))
    platform_hint: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(2048))
    author: Mapped[str | None] = mapped_column(String(256))
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
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))


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
    """A restructuring event built from the posts that report it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(32))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    post_count: Mapped[int] = mapped_column(Integer, default=1)


class SourceStateRow(Base):
    """Cursor, validators and health of one polled source or source batch."""

    __tablename__ = "source_state"

    key: Mapped[str] = mapped_column(String(2048), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(64))
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
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
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxItem(Base):
    """An alert waiting to be sent, written in the transaction that scored its post."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("post_id", "route_id", name="uq_outbox_post_route"),
        Index("ix_outbox_pending", "status", "next_attempt_at"),
        # claim_due keeps each route in id order by looking for earlier pending items.
        Index("ix_outbox_route_order", "route_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                     primary_key=True, autoincrement=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    route_id: Mapped[int] = mapped_column(ForeignKey("alert_routes.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Digest(Base):
    """A guild's scheduled summary; ``last_period`` makes it fire once per period."""

    __tablename__ = "digests"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    cadence: Mapped[str] = mapped_column(String(16))
    hour_utc: Mapped[int] = mapped_column(Integer, default=9)
    last_period: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
