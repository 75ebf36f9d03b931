"""Stored posts out, as JSONL in the scoring input format (signals.md) or as CSV.

Each line is a valid input for ``labelwatch score`` and ``labelwatch replay``
(``id``, ``source``, ``subreddit``, ``feed``, ``title``, ``body``,
``created_utc``), followed by the stored verdict, which those commands
ignore. The CSV has the same columns; lists are ``;``-separated and
evidence and magnitude are JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterable
from typing import Any, TextIO

from bot.exchange.cells import json_cell, list_cell, number_cell, text_cell, time_cell
from storage.queries.exchange import PostRow

POST_COLUMNS = (
    "id", "source", "subreddit", "feed", "title", "body", "created_utc", "url", "author",
    "guild_id", "is_signal", "score", "event_type", "direction", "tier", "platforms",
    "evidence", "magnitude", "report",
)


def post_json(post: PostRow) -> dict[str, Any]:
    return {
        "id": post.external_id, "source": post.source_kind, "subreddit": post.subreddit,
        "feed": post.feed, "title": post.title, "body": post.body,
        "created_utc": time_cell(post.created_utc), "url": post.url, "author": post.author,
        "guild_id": post.guild_id, "is_signal": post.is_signal, "score": post.score,
        "event_type": post.event_type, "direction": post.direction, "tier": post.tier,
        "platforms": list(post.platforms), "evidence": list(post.evidence),
        "magnitude": post.magnitude, "report": post.report_kind,
    }


def post_row(post: PostRow) -> dict[str, str]:
    return {
        "id": post.external_id, "source": post.source_kind, "subreddit": post.subreddit or "",
        "feed": text_cell(post.feed), "title": text_cell(post.title),
        "body": text_cell(post.body), "created_utc": time_cell(post.created_utc),
        "url": post.url or "", "author": text_cell(post.author),
        "guild_id": number_cell(post.guild_id),
        "is_signal": "" if post.is_signal is None else str(post.is_signal).lower(),
        "score": number_cell(post.score), "event_type": post.event_type or "",
        "direction": post.direction or "", "tier": post.tier or "",
        "platforms": list_cell(post.platforms), "evidence": json_cell(list(post.evidence)),
        "magnitude": json_cell(post.magnitude), "report": post.report_kind or "",
    }


async def write_posts(posts: AsyncIterable[PostRow], out: TextIO, fmt: str) -> int:
    """Write ``posts`` as ``csv`` or ``jsonl``; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        async for post in posts:
            out.write(json.dumps(post_json(post), ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=POST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    async for post in posts:
        writer.writerow(post_row(post))
        n += 1
    return n
