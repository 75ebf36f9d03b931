"""Who reported a post, and whether a second report is a second source.

Three kinds of source, because they weigh differently in an event's status:

- ``community``: a Reddit post. Its reporter is its author, so one person
  cross-posting to three subreddits is one source; a post whose author is
  unknown is its own source.
- ``press``: a feed item. Its reporter is the outlet: the name after the last
  " - " of a title ("... - Business Insider", as Google News writes them),
  else the host of the item's link (unless it is an aggregator's redirect),
  else the feed's host or name. One outlet's items count once.
- ``company``: a feed item that is the platform's own statement, which
  confirms an event by itself. An item is the company's when its link or its
  feed is on a host that belongs to a platform the post is about (a domain
  among the platform's aliases, such as ``mercor.com``, or a host named after
  the platform, such as ``blog.appen.com``), when a Google News title names
  the platform itself as the outlet ("... - Scale AI"), or when its feed is
  listed in ``[events] company_feeds``.

Copies are told apart from sources in ``bot/events/text.py`` (same
normalised text, same canonical link): a copy never counts as a new source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.events.text import canonical_link, fingerprint, link_host, split_outlet
from bot.platforms import PlatformRegistry
from bot.records import PostRecord

COMMUNITY, PRESS, COMPANY = "community", "press", "company"
_FOLD_NAME = re.compile(r"[^a-z0-9]+")
_WORDS = re.compile(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])")
_STAFF = frozenset({"mod", "mods", "moderator", "support", "team", "admin", "staff",
                    "official"})
_AGGREGATORS = frozenset({"news.google.com", "google.com", "news.yahoo.com", "msn.com",
                          "feedproxy.google.com", "bing.com"})


@dataclass(frozen=True)
class Source:
    """Who reported one post, as grouping counts sources."""

    kind: str
    key: str
    """The reporter: independent sources have different keys."""
    place: str
    """Where it appeared: ``r/outlier_ai`` or an outlet's name."""
    author: str | None
    link: str | None
    """The canonical link (``text.canonical_link``)."""
    print: str
    """The fingerprint of the normalised text (``text.fingerprint``)."""
    title: str
    """The title without an outlet's suffix."""
    speaks_for: bool = False
    """A Reddit post by the platform's side: an account whose name says it moderates or
    supports (``mod``, ``support``, ``team``, ``admin``, ``staff``, ``official``) that names
    the platform (or a vendor it is written as) or posts in the platform's own subreddit
    ("turing_community_mod", "mod_northlight" in r/TelusInternational, "LB_Community_Team"
    in r/Lionbridge). It relays the company's word: its denial may dispute an event the
    press confirmed, as a company's own may."""


def fold_name(name: str) -> str:
    """``"The Verge"`` and ``theverge.com`` both become ``theverge``."""
    low = name.lower().strip()
    low = re.sub(r"\.(com|co|org|net|io|ai|tech|news|uk|us|in|ph)(\.[a-z]{2})?$", "", low)
    low = low.removeprefix("the ")
    return _FOLD_NAME.sub("", low)


def _host_label(host: str) -> str:
    """The name part of a host: ``blog.appen.com`` -> ``appen``."""
    parts = [p for p in host.split(".") if p]
    if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net") and len(parts[-1]) == 2:
        parts = parts[:-1]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


class SourceReader:
    """Reads a post's source; knows each platform's own hosts and company feeds."""

    def __init__(self, registry: PlatformRegistry, company_feeds: Iterable[str] = ()) -> None:
        self._names: dict[str, set[str]] = {}
        self._domains: dict[str, set[str]] = {}
        vendors = vendor_forms(registry)
        for p in registry:
            names = {fold_name(n) for n in (p.id, p.name, *p.aliases, *p.loose_aliases,
                                            *vendors.get(p.id, ()))}
            self._names[p.id] = {n for n in names if len(n) >= 3}
            self._domains[p.id] = {a.lower().removeprefix("www.") for a in p.aliases
                                   if re.fullmatch(r"[\w-]+(\.[\w-]+)+", a)}
        self._parents = {p.id: p.parent for p in registry}
        self._registry = registry
        self._company_feeds = {_feed_key(f) for f in company_feeds}

    def _own(self, platforms: Iterable[str]) -> list[str]:
        ids = set(platforms)
        ids |= {self._parents[p] for p in list(ids) if self._parents.get(p)}  # type: ignore[misc]
        return sorted(ids)

    def _is_company_host(self, host: str | None, platforms: list[str]) -> bool:
        if not host or host in _AGGREGATORS:
            return False
        label = fold_name(_host_label(host))
        for pid in platforms:
            if any(host == d or host.endswith("." + d) for d in self._domains.get(pid, ())):
                return True
            if label and label in self._names.get(pid, ()):
                return True
        return False

    def _speaks_for(self, author: str | None, subreddit: str | None,
                    platforms: list[str]) -> bool:
        """Whether a Reddit author is the platform's side (``Source.speaks_for``)."""
        words = set(_WORDS.split(author or ""))
        if not words & _STAFF:
            return False
        home = self._registry.for_subreddit(subreddit)
        if home is not None and home.id in platforms:
            return True
        folded = fold_name(author or "")
        return any(len(n) >= 4 and n in folded for pid in platforms
                   for n in self._names.get(pid, ()))

    def read(self, post: PostRecord, platforms: Iterable[str]) -> Source:
        own = self._own(platforms)
        link = canonical_link(post.url)
        author = (post.author or "").strip().lower().removeprefix("u/") or None
        if author in ("[deleted]", "deleted", "[removed]"):
            author = None
        if post.source_kind == "reddit":
            title = post.title.strip()
            key = f"u/{author}" if author else f"post:{post.external_id}"
            place = f"r/{post.subreddit}" if post.subreddit else "reddit"
            return Source("community", key, place, author, link,
                          fingerprint(title, post.body), title,
                          self._speaks_for(author, post.subreddit, own))
        title, outlet = split_outlet(post.title)
        item_host, feed_host = link_host(post.url), link_host(post.feed)
        if outlet is None:
            host = item_host if item_host and item_host not in _AGGREGATORS else feed_host
            outlet = host or (post.feed or "feed").strip()
        feed = _feed_key(post.feed or "")
        company = (
            feed in self._company_feeds or (feed_host or "") in self._company_feeds
            or self._is_company_host(item_host, own) or self._is_company_host(feed_host, own)
            or any(fold_name(outlet) in self._names.get(pid, ()) for pid in own)
        )
        kind = COMPANY if company else PRESS
        key = f"{kind}:{fold_name(outlet) or outlet}"
        return Source(kind, key, outlet, author, link, fingerprint(title, post.body), title)


def vendor_forms(registry: PlatformRegistry) -> dict[str, list[str]]:
    """The vendors and subsidiaries each platform is written as (the scorer's
    ``[platforms.subsidiaries]``: "Lionbridge AI" for TELUS Digital), by platform id: one
    reading of that table for the source reader and for the names grouping leaves out."""
    from bot.scoring.cuetable import load_table

    out: dict[str, list[str]] = {}
    for form, pid in load_table().settings["platforms"]["subsidiaries"].items():
        if pid in registry:
            out.setdefault(pid, []).append(form)
    return out


def _feed_key(feed: str) -> str:
    """A configured company feed matches by its URL (no scheme) or by its host alone."""
    text = feed.strip().lower()
    if "://" not in text:
        return text.removeprefix("www.").rstrip("/")
    parts = urlsplit(text)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path}".rstrip("/")
