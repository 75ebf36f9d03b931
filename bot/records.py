"""Plain records that cross module boundaries.

Sources hand these to the pipeline, storage hands them to cogs: no praw
object, feedparser dict or ORM row ever leaves the module that made it.

Records are cleaned and bounded when they are made, whoever makes them:
characters a database refuses (NUL, lone surrogates) are gone and every
field fits its column (``storage/limits.py``), so one odd item can't fail the
transaction that stores its whole batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from storage import limits
from storage.limits import clean_text

__all__ = ["FetchResult", "PostRecord", "SourceKind", "SourceState", "bounded_id",
           "clean_text", "feed_key_of"]

SourceKind = Literal["reddit", "feed"]

def _optional(value: str | None, limit: int, *, mark: bool = True) -> str | None:
    return None if value is None else clean_text(value, limit, mark=mark)


def bounded_id(value: str, limit: int = limits.EXTERNAL_ID) -> str:
    """An id that fits ``limit``: unchanged when it does, else a prefix and a hash of it all.

    The same long id always gives the same key, and two long ids that share a
    prefix still give different keys.
    """
    value = clean_text(value)
    if len(value) <= limit:
        return value
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
    return f"{value[:limit - len(digest) - 8]}#sha256:{digest}"


def feed_key_of(feed: str | None, guild_id: int | None = None) -> str:
    """The per-feed part of a feed item's key: a short hash of its feed.

    An item fetched for one guild's own source hashes the guild in too, so
    it is a row of that guild's, apart from the public copy and from another
    guild's: two guilds watching one feed each get their own.
    """
    text = (feed or "") if guild_id is None else f"guild:{guild_id}\n{feed or ''}"
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=limits.FEED_KEY // 2)
    return digest.hexdigest()


@dataclass(frozen=True)
class PostRecord:
    """One submission or feed item as a source saw it.

    ``key`` is the dedupe key: a Reddit fullname (``t3_abc``) whether it came
    through the API or the public Atom feed, or a feed item's GUID (its link
    when it has none) within its feed; a post a guild's own source fetched is
    keyed within that guild too, so each watching guild has its own.
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

    def __post_init__(self) -> None:
        url = _optional(self.url, limits.URL + 1, mark=False)
        fields = {
            "external_id": bounded_id(self.external_id),
            "title": clean_text(self.title, limits.TITLE),
            "body": clean_text(self.body, limits.BODY),
            # A link cut short leads nowhere: one too long is dropped.
            "url": url if url is None or len(url) <= limits.URL else None,
            "author": _optional(self.author, limits.AUTHOR),
            "subreddit": _optional(self.subreddit, limits.SUBREDDIT, mark=False),
            "feed": _optional(self.feed, limits.FEED, mark=False),
            "platform_hint": _optional(self.platform_hint, limits.PLATFORM, mark=False),
        }
        for name, value in fields.items():
            if value != getattr(self, name):
                object.__setattr__(self, name, value)

    @property
    def feed_key(self) -> str:
        """Which feed a feed item belongs to ("" for public Reddit posts, keyed globally).

        A post fetched for a guild's own source is keyed within that guild.
        """
        if self.source_kind == "feed":
            return feed_key_of(self.feed, self.guild_id)
        return "" if self.guild_id is None else feed_key_of(None, self.guild_id)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a post unique: (source kind, feed key, external id)."""
        return (self.source_kind, self.feed_key, self.external_id)

    @property
    def public_key(self) -> tuple[str, str, str]:
        """The key the same item has when a config source fetches it."""
        if self.guild_id is None:
            return self.key
        kind_key = feed_key_of(self.feed) if self.source_kind == "feed" else ""
        return (self.source_kind, kind_key, self.external_id)


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
    content_hash: str | None = None
    """Hash of the last document parsed (feeds), to skip parsing it again unchanged."""

    def __post_init__(self) -> None:
        self.fit()

    def fit(self) -> SourceState:
        """Make every field fit its column; a validator that does not fit is dropped.

        A cut ETag or cursor would be wrong, so they go (the next poll then
        fetches in full); the error text is shortened.
        """
        for name, limit in (("cursor", limits.CURSOR), ("etag", limits.ETAG),
                            ("last_modified", limits.LAST_MODIFIED),
                            ("content_hash", limits.CONTENT_HASH)):
            value = getattr(self, name)
            if value is not None and (len(value) > limit or clean_text(value) != value):
                setattr(self, name, None)
        if self.last_error is not None:
            self.last_error = clean_text(self.last_error, limits.ERROR)
        return self


@dataclass
class FetchResult:
    """A poll's outcome: new posts oldest first, and the state to persist."""

    posts: list[PostRecord] = field(default_factory=list)
    state: SourceState | None = None
    requests: int = 0
    not_modified: bool = False
    skipped: list[str] = field(default_factory=list)
    """One human-readable reason per item that was dropped."""
