"""Reddit sources: the praw path (credentials) and the public Atom path (none).

Both return the same PostRecords for the same posts and key their state by
``batch_key``, so switching between them keeps dedupe intact.
"""

from __future__ import annotations

from bot.sources.reddit_atom import RedditAtomSource
from bot.sources.reddit_common import (
    CURSOR_SLACK_SECONDS,
    Cursor,
    PlatformFor,
    batch_key,
    batch_subreddits,
)
from bot.sources.reddit_praw import RedditSource

__all__ = [
    "CURSOR_SLACK_SECONDS",
    "Cursor",
    "PlatformFor",
    "RedditAtomSource",
    "RedditSource",
    "batch_key",
    "batch_subreddits",
]
