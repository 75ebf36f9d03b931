"""Stored feedback as labelled posts in the signals.md format, for ``labelwatch train``.

A post's label comes from its feedback, every guild's, in order: the latest
"not a signal" makes it a non-signal; a correction after it makes it a signal
with the corrected fields (the latest correction of each field), the scorer's
own values standing for the fields nobody corrected.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC
from typing import Any, TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.scoring.model import direction_of
from storage.queries.feedback import NOT_SIGNAL, FeedbackView, labelled_posts
from storage.queries.postviews import PostView

NOT_A_SIGNAL = {"is_signal": False, "event_type": "none", "direction": "neutral",
                "tier": "unknown", "platforms": []}


def labels_for(post: PostView, rows: Sequence[FeedbackView]) -> dict[str, Any]:
    """The signals.md labels ``rows`` (oldest first) give ``post``."""
    if not rows:
        raise ValueError("a post without feedback has no label from it")
    if rows[-1].verdict == NOT_SIGNAL:
        return dict(NOT_A_SIGNAL)
    start = max((i + 1 for i, r in enumerate(rows) if r.verdict == NOT_SIGNAL), default=0)
    since = rows[start:]
    event_type = next((r.event_type for r in reversed(since) if r.event_type is not None),
                      None) or post.event_type or "none"
    platforms = next((r.platforms for r in reversed(since) if r.platforms is not None),
                     None)
    tier = next((r.tier for r in reversed(since) if r.tier is not None), None)
    return {"is_signal": True, "event_type": event_type, "direction": direction_of(event_type),
            "tier": tier or post.tier or "unknown",
            "platforms": list(platforms if platforms is not None else post.platforms)}


def export_line(post: PostView, rows: Sequence[FeedbackView]) -> dict[str, Any]:
    """One labelled line: the scoring input fields, ``labels``, and where the label came from."""
    created = post.created_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    latest = rows[-1]
    return {
        "id": post.external_id, "source": "feed" if post.source_kind == "feed" else "reddit",
        "subreddit": post.subreddit, "feed": post.feed, "title": post.title, "body": post.body,
        "created_utc": created, "url": post.url, "labels": labels_for(post, rows),
        "feedback": {"verdict": latest.verdict, "rows": len(rows),
                     "guilds": len({r.guild_id for r in rows}),
                     "given_at": latest.created_at.astimezone(UTC).strftime(
                         "%Y-%m-%dT%H:%M:%SZ")},
    }


async def export_feedback(sessions: async_sessionmaker[AsyncSession], out: TextIO) -> int:
    """Write every post with feedback as a labelled line; returns how many were written."""
    async with sessions() as session:
        pairs = await labelled_posts(session)
    for post, rows in pairs:
        out.write(json.dumps(export_line(post, rows), ensure_ascii=False) + "\n")
    out.flush()
    return len(pairs)
