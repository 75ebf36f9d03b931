"""The read-only shape of a stored post and its verdict, shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Row

from storage.models import Post

BODY_EXCERPT = 1500
"""Characters of body a reader gets: enough for any embed, never a 40 kB self-post."""


@dataclass(frozen=True)
class PostView:
    """A post with the scorer's verdict (all None until it is scored)."""

    id: int
    source_kind: str
    external_id: str
    title: str
    body: str
    url: str | None
    subreddit: str | None
    feed: str | None
    author: str | None
    created_utc: datetime
    scored_at: datetime | None = None
    scorer_version: str | None = None
    is_signal: bool | None = None
    score: float | None = None
    event_type: str | None = None
    direction: str | None = None
    tier: str | None = None
    platforms: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    magnitude: dict[str, Any] | None = None

    @property
    def source_label(self) -> str:
        """Where the post came from, as a reader would name it."""
        if self.source_kind == "reddit" and self.subreddit:
            return f"r/{self.subreddit}"
        return self.feed or self.source_kind


def post_columns(body_chars: int = BODY_EXCERPT) -> list[Any]:
    """The columns ``post_view`` reads, with the body cut in the database."""
    return [
        Post.id, Post.source_kind, Post.external_id, Post.title,
        func.substr(Post.body, 1, body_chars).label("body"),
        Post.url, Post.subreddit, Post.feed, Post.author, Post.created_utc,
        Post.scored_at, Post.scorer_version, Post.is_signal, Post.score, Post.event_type,
        Post.direction, Post.tier, Post.platforms, Post.evidence, Post.magnitude,
    ]


def post_view(row: Row[Any]) -> PostView:
    m = row._mapping
    return PostView(
        id=m["id"], source_kind=m["source_kind"], external_id=m["external_id"],
        title=m["title"], body=m["body"] or "", url=m["url"], subreddit=m["subreddit"],
        feed=m["feed"], author=m["author"], created_utc=m["created_utc"],
        scored_at=m["scored_at"], scorer_version=m["scorer_version"],
        is_signal=m["is_signal"], score=m["score"], event_type=m["event_type"],
        direction=m["direction"], tier=m["tier"],
        platforms=tuple(m["platforms"] or ()), evidence=tuple(m["evidence"] or ()),
        magnitude=dict(m["magnitude"]) if m["magnitude"] else None,
    )
