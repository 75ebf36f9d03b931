"""How long each stored text may be: one table shared by the schema and the sources.

``storage/models.py`` sizes its columns from these numbers and
``bot/records.py`` bounds every record to them when it is made, so a value
that fits the record fits the column on every database (PostgreSQL refuses
what SQLite would keep). Columns the schema leaves unbounded (``Text``) still
get a limit here, so one post can't make a poll slow or an alert unreadable.
``clean_text`` removes what a database refuses outright (NUL, lone
surrogates) and cuts text to a limit.
"""

from __future__ import annotations

import re

SOURCE_KIND = 16
EXTERNAL_ID = 512
"""A Reddit fullname or a feed item's GUID or link."""
SUBREDDIT = 64
FEED = 2048
"""A feed's URL (or name) as stored with its items."""
PLATFORM = 64
URL = 2048
AUTHOR = 256
FEED_KEY = 16
"""Hex digits of the hash that keys a feed's items to their feed."""

TITLE = 2_000
"""Characters of a title kept; Reddit allows 300, feeds have no limit."""
BODY = 40_000
"""Characters of a body kept: Reddit's own limit for a self post."""

SOURCE_KEY = 2048
CURSOR = 64
ETAG = 512
LAST_MODIFIED = 128
CONTENT_HASH = 64
ERROR = 1_000
"""Characters of a source's last error kept (a reason, not a document)."""


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""NUL (PostgreSQL refuses it in text) and the other C0 controls, which no text carries."""
_SURROGATES = re.compile("[\ud800-\udfff]")
_ELLIPSIS = "…"


def clean_text(value: str, limit: int | None = None, *, mark: bool = True) -> str:
    """``value`` without NUL and control characters, lone surrogates replaced (U+FFFD).

    Longer than ``limit`` characters, it is cut (ending in ``…`` when ``mark``).
    Tabs and line breaks stay.
    """
    if limit is not None and len(value) > 4 * limit + 16:
        value = value[:4 * limit + 16]  # no need to clean what will be cut
    if _SURROGATES.search(value):
        # Pairs become the character they encode; a lone half becomes U+FFFD.
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    value = _CONTROLS.sub("", value)
    if limit is not None and len(value) > limit:
        value = value[:limit - 1] + _ELLIPSIS if mark else value[:limit]
    return value
