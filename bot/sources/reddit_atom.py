"""RedditAtomSource: subreddits without API credentials, via the public Atom feed.

``{www_url}/r/a+b+c/new/.rss`` carries the same posts as the API listing, so
the records are built to match RedditSource's: the same ``t3_`` fullname
(the entry id), subreddit (the entry's category), title, link and time. The
body is the text of the post's rendered HTML, which equals the selftext for
plain prose (Markdown syntax itself is not in the feed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.config import RedditSettings
from bot.records import FetchResult, PostRecord, SourceState
from bot.sources.feed_items import (
    ParsedItems,
    entry_date,
    entry_html,
    entry_title,
    not_a_feed_reason,
)
from bot.sources.feeds import FeedFetcher
from bot.sources.reddit_common import (
    Cursor,
    PlatformFor,
    batch_path,
    drop_older,
    scan_page,
)
from bot.sources.reddit_praw import with_platforms
from bot.sources.text import html_to_text

FEED_LIMIT = 100
"""Entries asked for per poll (Reddit's feed defaults to 25, allows 100)."""

_COMMENTS_RE = re.compile(r"/comments/([a-z0-9]+)(?:/|$)", re.IGNORECASE)
_SUBREDDIT_IN_LINK_RE = re.compile(r"/r/([A-Za-z0-9_]+)/")


def _fullname(entry: Mapping[str, Any]) -> str | None:
    entry_id = str(entry.get("id") or "").strip()
    if re.fullmatch(r"t3_[a-z0-9]+", entry_id, re.IGNORECASE):
        return entry_id
    match = _COMMENTS_RE.search(str(entry.get("link") or ""))
    return f"t3_{match.group(1)}" if match else None


def _subreddit(entry: Mapping[str, Any]) -> str | None:
    for tag in entry.get("tags") or ():
        term = (tag.get("term") or "").strip()
        if term:
            return str(term)
    match = _SUBREDDIT_IN_LINK_RE.search(str(entry.get("link") or ""))
    return match.group(1) if match else None


def _author(entry: Mapping[str, Any]) -> str | None:
    name = str(entry.get("author") or "").strip()
    name = name.removeprefix("/u/").removeprefix("u/")
    return name or None


def atom_records(parsed: Any, content_type: str) -> ParsedItems:
    """Records for Reddit Atom entries, newest first (the feed's order)."""
    out = ParsedItems()
    reason = not_a_feed_reason(parsed, content_type)
    if reason is not None:
        out.error = reason
        return out
    seen: set[str] = set()
    for index, entry in enumerate(parsed.entries):
        fullname = _fullname(entry)
        if fullname is None:
            out.skipped.append(f"entry {index + 1}: no Reddit post id")
            continue
        if fullname in seen:
            out.skipped.append(f"entry {index + 1}: duplicate id {fullname}")
            continue
        seen.add(fullname)
        link = str(entry.get("link") or "").strip() or None
        out.posts.append(PostRecord(
            source_kind="reddit",
            external_id=fullname,
            title=entry_title(entry),
            body=html_to_text(entry_html(entry), only_class="md"),
            url=link,
            author=_author(entry),
            created_utc=entry_date(entry),
            subreddit=_subreddit(entry),
        ))
    return out


class RedditAtomSource:
    """Polls batches of subreddits through Reddit's public Atom feed.

    Conditional GET, timeouts, size caps and backoff are the feed fetcher's.
    A feed shows only the newest ``FEED_LIMIT`` posts, so a burst larger than
    that between two polls cannot be recovered here; ``skipped`` says so
    when the cursor is not in the feed any more.
    """

    def __init__(self, fetcher: FeedFetcher, settings: RedditSettings) -> None:
        self.fetcher = fetcher
        self.settings = settings

    def url_for(self, batch: Sequence[str]) -> str:
        return f"{self.settings.www_url}/r/{batch_path(batch)}/new/.rss?limit={FEED_LIMIT}"

    async def fetch_batch(
        self,
        batch: Sequence[str],
        state: SourceState,
        *,
        platform_for: PlatformFor | None = None,
        now: datetime | None = None,
    ) -> FetchResult:
        """Posts newer than ``state.cursor``, oldest first; same records as RedditSource."""
        result = await self.fetcher.fetch_converted(
            self.url_for(batch), state, atom_records, now=now
        )
        if result.state is None or result.state.failures or result.not_modified:
            return result
        newest_first = result.posts
        cursor = Cursor.decode(state.cursor)
        scan = scan_page(newest_first, cursor)
        new = scan.new if scan.found else drop_older(scan.new, cursor)
        skipped = list(result.skipped)
        if cursor is not None and not scan.done and len(newest_first) >= FEED_LIMIT:
            skipped.append(
                f"more than {FEED_LIMIT} new posts since the last poll; older ones are "
                "beyond the feed"
            )
        new.reverse()
        fresh = result.state
        if newest_first:
            fresh = replace(fresh, cursor=Cursor.of(newest_first[0]).encode())
        return FetchResult(
            posts=with_platforms(new, platform_for),
            state=fresh,
            requests=result.requests,
            skipped=skipped,
        )

    async def validate_subreddit(self, name: str) -> str | None:
        """None if ``r/name``'s feed can be read, else the reason it cannot."""
        name = name.strip().removeprefix("/").removeprefix("r/")
        result = await self.fetcher.fetch_converted(
            self.url_for([name]), SourceState(key=f"probe:reddit:{name}"), atom_records
        )
        if result.state is not None and result.state.failures:
            return f"r/{name}: {result.state.last_error}"
        return None
