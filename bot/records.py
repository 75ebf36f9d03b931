"""Plain records that cross module boundaries.

Sources hand these to the pipeline, storage hands them to cogs: no praw
object, feedparser dict or ORM row ever leaves the module that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SourceKind = Literal["reddit", "feed"]


@dataclass(frozen=True)
class PostRecord:
    """One submission or feed item as a source saw it.

    ``(source_kind, external_id)`` is the dedupe key: a Reddit fullname
    (``t3_abc``) whether it came through the API or the public Atom feed, or a
    feed item's GUID (its link when it has none).
    """

    source_kind: SourceKind
    external_id: str
    title: str
    body: str = ""
    url: str | None = None
    author: str | None = None
    created_utc: datetime | None = None
    subreddit: str | None = None
    feed: str | None = None
    platform_hint: str | None = None
    """The platform the source is configured for, if any (``[[sources]] platform``)."""
    guild_id: int | None = None
    """The guild whose own source fetched it; None for the config file's sources."""


@dataclass
class SourceState:
    """What a source must remember between polls and across restarts."""

    key: str
    cursor: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    next_attempt: datetime | None = None
    failing: bool = False


@dataclass
class FetchResult:
    """A poll's outcome: new posts oldest first, and the state to persist."""

    posts: list[PostRecord] = field(default_factory=list)
    state: SourceState | None = None
    requests: int = 0
    not_modified: bool = False
    skipped: list[str] = field(default_factory=list)
    """One human-readable reason per item that was dropped."""
