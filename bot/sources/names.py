"""The name a source goes by in logs, metrics and ``labelwatch sources``.

Twenty-seven built-in press feeds share one address,
``https://news.google.com/rss/search``, and differ only in their query, so
a name without the query says nothing about which one failed. A feed is
named by its platform and what it searches for, or by its full URL with the
query; query values that look like credentials are masked.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SECRET_PARAMS = ("key", "token", "secret", "sig", "password", "passwd", "auth", "credential")
_GOOGLE_NEWS = "news.google.com"


def _masked_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    masked = [
        (k, "***" if any(word in k.lower() for word in _SECRET_PARAMS) else v) for k, v in pairs
    ]
    return urlencode(masked, safe="*+:/,")


def feed_name(url: str) -> str:
    """``Google News "Outlier AI"``, or the URL with its query (credentials masked)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.hostname == _GOOGLE_NEWS and parts.path.rstrip("/").endswith("/search"):
        params = dict(parse_qsl(parts.query))
        query = params.get("q")
        if query:
            lang = params.get("hl")
            suffix = f" ({lang})" if lang and lang != "en-US" else ""
            return f"Google News {query}{suffix}"
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, _masked_query(parts.query), ""))


def source_name(kind: str, target: str, platform: str | None = None) -> str:
    """``feed outlier: Google News "Outlier AI"``, ``reddit: r/a+b``: one name per source."""
    if kind == "reddit":
        return f"reddit: r/{target}"
    where = f"feed {platform}" if platform else "feed"
    return f"{where}: {feed_name(target)}"


def batch_name(batch: Sequence[str]) -> str:
    """A Reddit batch by its subreddits, as it is polled: ``reddit: r/a+b+c``."""
    return source_name("reddit", "+".join(batch))
