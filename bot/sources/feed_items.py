"""Turning a parsed RSS/Atom document into PostRecords.

Runs in a worker thread next to feedparser, so only plain records come back
to the event loop. Every item that is dropped leaves a reason behind.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.records import PostRecord
from bot.sources.text import collapse_whitespace, html_to_text, tidy

log = logging.getLogger(__name__)

_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
"""Complaints about labels (charset, content type), not about the document."""


@dataclass
class ParsedItems:
    """What one document yielded: records oldest first, and why others were dropped."""

    posts: list[PostRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: str | None = None
    """Set when the document is not a feed at all; no posts then."""


def parse_document(body: bytes, content_type: str, charset: str | None) -> Any:
    """feedparser over bytes (never a URL: feedparser would fetch it itself).

    The HTTP charset is passed on so an undeclared windows-1252 body served
    as ``text/xml; charset=windows-1252`` decodes right; without any
    declaration feedparser tries UTF-8 and then windows-1252.
    """
    header = content_type or "application/xml"
    if charset:
        header = f"{header}; charset={charset}"
    return feedparser.parse(body, response_headers={"content-type": header})


def not_a_feed_reason(parsed: Any, content_type: str) -> str | None:
    """Why ``parsed`` is not a feed, or None when it is one.

    A well-formed RSS/Atom document with no items is a feed; a malformed
    document counts only if some items could still be read from it.
    """
    if parsed.entries:
        return None
    exc = parsed.get("bozo_exception")
    if parsed.get("version") and isinstance(exc, _HARMLESS):
        return None
    if parsed.get("bozo"):
        detail = collapse_whitespace(str(parsed.get("bozo_exception", "malformed")))
        return f"not a feed: {detail[:200]}"
    if parsed.get("version"):
        return None
    kind = content_type or "unknown content type"
    return f"not a feed: no RSS or Atom document ({kind})"


def struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def entry_date(entry: Mapping[str, Any]) -> datetime | None:
    """Publication time, else last update; None when the item carries neither."""
    return struct_to_datetime(entry.get("published_parsed")) or struct_to_datetime(
        entry.get("updated_parsed")
    )


def entry_title(entry: Mapping[str, Any]) -> str:
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if "html" in (detail.get("type") or ""):
        return collapse_whitespace(html_to_text(title))
    return collapse_whitespace(title)


def entry_html(entry: Mapping[str, Any]) -> str:
    """The richest markup the item has: full content, else its summary."""
    for content in entry.get("content") or ():
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or "")


def entry_body(entry: Mapping[str, Any]) -> str:
    """Plain text of the richest body the item has: full content, else its summary."""
    for content in entry.get("content") or ():
        value = content.get("value")
        if value:
            return _as_text(str(value), content.get("type"))
    detail = entry.get("summary_detail") or {}
    return _as_text(str(entry.get("summary") or ""), detail.get("type"))


def _as_text(value: str, kind: str | None) -> str:
    if kind and "html" not in kind:
        return tidy(value)
    return html_to_text(value)


def _synthetic_id(feed: str, title: str, created: datetime | None) -> str:
    digest = hashlib.sha256(f"{feed}\n{title}\n{created}".encode()).hexdigest()[:32]
    return f"sha256:{digest}"


def convert_feed(parsed: Any, content_type: str, *, feed: str, platform: str | None
                 ) -> ParsedItems:
    """``feed_items`` in the shape of a converter (``functools.partial`` it; it pickles)."""
    return feed_items(parsed, feed=feed, platform=platform, content_type=content_type)


def feed_items(
    parsed: Any, *, feed: str, platform: str | None, content_type: str = ""
) -> ParsedItems:
    """Records for a feed's items, oldest first.

    The dedupe key is the GUID, else the link; an item with neither gets a
    hash of feed, title and date so the same item keeps the same key. An item
    with no GUID, no link and no title carries nothing worth keeping.
    Order: by date when every item has one, else the document reversed
    (feeds list newest first).
    """
    out = ParsedItems()
    reason = not_a_feed_reason(parsed, content_type)
    if reason is not None:
        out.error = reason
        return out
    if parsed.get("bozo"):
        log.info(
            "feed %s is malformed (%s); keeping the %d items read",
            feed, collapse_whitespace(str(parsed.get("bozo_exception")))[:200],
            len(parsed.entries),
        )
    seen: set[str] = set()
    records: list[PostRecord] = []
    repeats: list[str] = []
    for index, entry in enumerate(parsed.entries):
        title = entry_title(entry)
        link = (entry.get("link") or "").strip() or None
        guid = (entry.get("id") or "").strip() or None
        created = entry_date(entry)
        if guid is None and link is None and not title:
            out.skipped.append(f"item {index + 1}: no id, link or title")
            continue
        author = entry.get("author")
        record = PostRecord(
            source_kind="feed",
            external_id=guid or link or _synthetic_id(feed, title, created),
            title=title,
            body=entry_body(entry),
            url=link,
            author=collapse_whitespace(author) if author else None,
            created_utc=created,
            feed=feed,
            platform_hint=platform,
        )
        if record.external_id in seen:
            repeats.append(record.external_id[:200])
            continue
        seen.add(record.external_id)
        records.append(record)
    if repeats:
        # One reason for all of them: a feed repeating one id a thousand times
        # must not make a thousand log lines.
        out.skipped.append(f"{len(repeats)} item(s) repeat an earlier item's id "
                           f"(first: {repeats[0]})")
    records.reverse()
    if records and all(r.created_utc is not None for r in records):
        records.sort(key=lambda r: r.created_utc or datetime.min.replace(tzinfo=UTC))
    out.posts = records
    return out
