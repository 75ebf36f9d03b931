"""What both Reddit paths share: batching, batch keys, and the cursor.

The cursor is stored in ``SourceState.cursor`` as ``<fullname>@<created_utc>``
(e.g. ``t3_1abcde@1718000000``): the newest post seen in the batch, and when
it was posted. The time is kept because a cursor post can be deleted; a
listing then never shows it again, so the poll stops once a page reaches
posts clearly older than it (``CURSOR_SLACK_SECONDS``) instead of paging
back to the listing's end, and drops posts older than it. A cursor without
``@`` (written by hand, say) still works, minus that safety net.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.records import PostRecord

PlatformFor = Callable[[str], str | None]

CURSOR_SLACK_SECONDS = 60
"""How far past a vanished cursor post's time a listing must reach before a poll stops."""


def batch_subreddits(names: Sequence[str], size: int) -> list[tuple[str, ...]]:
    """Subreddits in batches of ``size`` for ``a+b+c`` listings.

    Duplicates are dropped case-insensitively (the first spelling wins) and
    order is kept, so the same configuration always yields the same batches
    and therefore the same persisted cursors.
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    seen: set[str] = set()
    unique: list[str] = []
    for raw in names:
        name = raw.strip().removeprefix("/").removeprefix("r/")
        if name and name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return [tuple(unique[i:i + size]) for i in range(0, len(unique), size)]


def batch_key(batch: Sequence[str]) -> str:
    """The ``SourceState.key`` of a batch: ``reddit:`` and the sorted, lower-cased names."""
    return "reddit:" + "+".join(sorted({name.lower() for name in batch}))


def batch_path(batch: Sequence[str]) -> str:
    return "+".join(batch)


@dataclass(frozen=True)
class Cursor:
    fullname: str
    created_utc: float | None = None

    def encode(self) -> str:
        if self.created_utc is None:
            return self.fullname
        return f"{self.fullname}@{self.created_utc:.0f}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        if not raw:
            return None
        fullname, sep, when = raw.partition("@")
        if not sep:
            return cls(fullname)
        try:
            return cls(fullname, float(when))
        except ValueError:
            return cls(fullname)

    @classmethod
    def of(cls, post: PostRecord) -> Cursor:
        created = post.created_utc.timestamp() if post.created_utc else None
        return cls(post.external_id, created)


@dataclass(frozen=True)
class PageScan:
    new: list[PostRecord]
    """Posts above the cursor, newest first (the whole page if it is not there)."""
    found: bool
    """The cursor post itself is on the page."""
    done: bool
    """No older page is needed: the cursor was found, or the page ends clearly
    (``CURSOR_SLACK_SECONDS``) before the cursor post's time."""


def scan_page(page: Sequence[PostRecord], cursor: Cursor | None) -> PageScan:
    """Split one newest-first page at ``cursor``.

    Posts above the cursor in the listing count as new whatever their
    timestamps: Reddit's order is its word on what came after, and it is not
    strictly by time (the slack absorbs that when the cursor is gone).
    """
    if cursor is None:
        return PageScan(list(page), False, False)
    for index, post in enumerate(page):
        if post.external_id == cursor.fullname:
            return PageScan(list(page[:index]), True, True)
    done = False
    if cursor.created_utc is not None and page:
        oldest = _ts(page[-1])
        done = oldest is not None and oldest < cursor.created_utc - CURSOR_SLACK_SECONDS
    return PageScan(list(page), False, done)


def drop_older(posts: list[PostRecord], cursor: Cursor | None) -> list[PostRecord]:
    """Without the cursor post in sight, keep only posts not older than it.

    Used when the cursor post was deleted: posts older than it were seen by
    the poll that set the cursor.
    """
    if cursor is None or cursor.created_utc is None:
        return posts
    limit = cursor.created_utc
    return [p for p in posts if (t := _ts(p)) is None or t >= limit]


def _ts(post: PostRecord) -> float | None:
    return post.created_utc.timestamp() if post.created_utc else None


def utc_from_epoch(value: object) -> datetime | None:
    """Reddit's ``created_utc`` (seconds, a float) as an aware UTC datetime."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (OverflowError, OSError, ValueError):
        return None
