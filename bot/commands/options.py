"""Checking slash-command options before anything is written.

Every function either returns the canonical value or raises ``BadArgument``
with a message that says what was wrong and what is accepted, worded for
the person who typed it. Commands validate all their options first and only
then touch storage, so a bad option never leaves a setting half-saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from bot.config import EVENT_TYPES, TIERS
from bot.delivery.labels import EVENT_LABELS, TIER_LABELS
from bot.platforms import OTHER, PlatformRegistry
from storage.queries.guilds import CADENCES

DAYS_DEFAULT, DAYS_MAX = 7, 365
HOUR_DEFAULT = 9
MAX_POST_REF = 2048
MAX_FEED_URL = 2048
SUBREDDIT_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]{1,20}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LIST_SPLIT = re.compile(r"[,;]")
_FOLD = re.compile(r"[\s._\-']+")
_REDDIT_HOSTS = ("reddit.com", "www.reddit.com", "old.reddit.com", "new.reddit.com",
                 "np.reddit.com", "m.reddit.com")


class BadArgument(ValueError):
    """An option the command cannot use; ``str()`` is the message for the user."""


def fold(text: str) -> str:
    """Case, spaces and punctuation ignored: ``Scale AI`` == ``scale_ai``."""
    return _FOLD.sub("", text.lower())


def shown(text: str, limit: int = 80) -> str:
    """User input quoted back as inline code: literal, one line, short."""
    text = _CONTROL.sub("", text).replace("`", "ˋ").strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`" if text else "(nothing)"


def number_in_range(
    value: float | None, lo: float, hi: float, name: str, default: float | None = None
) -> float | None:
    if value is None:
        return default
    if not lo <= value <= hi:
        raise BadArgument(f"`{name}` must be from {lo:g} to {hi:g}; you gave {value:g}.")
    return value


def days_option(value: int | None) -> int:
    """The look-back period of /signals: 1 to 365 days, a week by default."""
    if value is None:
        return DAYS_DEFAULT
    if not 1 <= value <= DAYS_MAX:
        raise BadArgument(f"`days` must be from 1 to {DAYS_MAX}; you gave {value}.")
    return value


def hour_option(value: int | None) -> int:
    if value is None:
        return HOUR_DEFAULT
    if not 0 <= value <= 23:
        raise BadArgument(f"`hour_utc` must be an hour from 0 to 23 (UTC); you gave {value}.")
    return value


def min_score_option(value: float | None) -> float | None:
    return number_in_range(value, 0, 100, "min_score")


def split_list(text: str | None) -> list[str]:
    """``"a, b;c"`` -> ``["a", "b", "c"]``, blanks and repeats dropped, order kept."""
    out: list[str] = []
    for part in _LIST_SPLIT.split(text or ""):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def platform_ids(registry: PlatformRegistry, *, other: bool = True) -> list[str]:
    return [*registry.ids, OTHER] if other else list(registry.ids)


def resolve_platform(registry: PlatformRegistry, text: str, *, other: bool = True) -> str:
    """A platform id from its id, name or an alias (``Outlier AI`` -> ``outlier``)."""
    if other and fold(text) == OTHER:
        return OTHER
    platform = registry.resolve(text)
    if platform is None:
        accepted = ", ".join(platform_ids(registry, other=other))
        raise BadArgument(f"Unknown platform {shown(text)}. Pick one from the suggestions, "
                          f"or use a platform id: {accepted}.")
    return platform.id


def parse_platforms(registry: PlatformRegistry, text: str | None) -> tuple[str, ...]:
    """A comma-separated list of platforms; every unknown one is named at once."""
    ids: list[str] = []
    unknown: list[str] = []
    for part in split_list(text):
        try:
            pid = resolve_platform(registry, part)
        except BadArgument:
            unknown.append(part)
            continue
        if pid not in ids:
            ids.append(pid)
    if unknown:
        accepted = ", ".join(platform_ids(registry))
        raise BadArgument(f"Unknown platform(s) {', '.join(shown(u) for u in unknown)}. "
                          f"Give platform ids separated by commas: {accepted}.")
    return tuple(ids)


def _by_name(
    text: str | None, allowed: Iterable[str], labels: dict[str, str], option: str
) -> tuple[str, ...]:
    allowed = tuple(allowed)
    lookup: dict[str, str] = {}
    for name in allowed:
        lookup[fold(name)] = name
        if name in labels:
            lookup[fold(labels[name])] = name
    values: list[str] = []
    unknown: list[str] = []
    for part in split_list(text):
        value = lookup.get(fold(part))
        if value is None:
            unknown.append(part)
        elif value not in values:
            values.append(value)
    if unknown:
        raise BadArgument(f"Unknown {option} {', '.join(shown(u) for u in unknown)}. "
                          f"Accepted (comma-separated): {', '.join(allowed)}.")
    return tuple(values)


def parse_event_types(text: str | None) -> tuple[str, ...]:
    """Event types as signals.md names them, or as alerts label them (``Pay cut``)."""
    return _by_name(text, EVENT_TYPES, EVENT_LABELS, "event type(s)")


def event_type_option(text: str | None) -> str | None:
    """One event type (``/signals recent event_type``), or None for all."""
    if text is None or not text.strip():
        return None
    values = parse_event_types(text)
    if len(values) != 1:
        raise BadArgument(f"`event_type` takes one event type; you gave {shown(text)}.")
    return values[0]


def parse_tiers(text: str | None) -> tuple[str, ...]:
    return _by_name(text, TIERS, TIER_LABELS, "tier(s)")


def parse_subreddit(text: str) -> str:
    """``Outlier_AI``, ``r/Outlier_AI`` or a subreddit link -> ``Outlier_AI``."""
    raw = text.strip()
    name = raw
    if "reddit.com/" in raw.lower():
        link = raw if "://" in raw else "https://" + raw
        try:
            parts = urlsplit(link)
        except ValueError:
            parts = None
        path = parts.path.split("/") if parts and parts.hostname in _REDDIT_HOSTS else []
        name = path[2] if len(path) > 2 and path[1].lower() == "r" else ""
    name = name.removeprefix("/").removeprefix("r/").removeprefix("R/").rstrip("/")
    if not SUBREDDIT_RE.fullmatch(name):
        raise BadArgument(f"{shown(raw)} is not a subreddit name. Give a name like "
                          "`outlier_ai` or `r/outlier_ai`: 2 to 21 letters, digits or `_`, "
                          "not starting with `_`.")
    return name


def parse_feed_url(text: str) -> str:
    """An absolute http(s) URL without credentials in it."""
    url = text.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        host = None
        parts = None
    if len(url) > MAX_FEED_URL or parts is None or parts.scheme not in ("http", "https") \
            or not host or any(c.isspace() for c in url):
        raise BadArgument(f"{shown(url)} is not a feed URL. Give the full address of an RSS "
                          "or Atom feed, starting with `https://` (or `http://`).")
    if parts.username or parts.password:
        raise BadArgument("Feed URLs with a user name or password in them are not accepted: "
                          "they would be stored and shown in plain text.")
    return url


def post_ref_option(text: str) -> str:
    ref = text.strip()
    if not ref or len(ref) > MAX_POST_REF:
        raise BadArgument("Give a Reddit link (any form), a `t3_` id, a bare post id or a "
                          "feed item's link.")
    return ref


def source_targets(subreddit: str | None, feed: str | None) -> list[tuple[str, str]]:
    """The ``(kind, target)`` pairs of /platforms watch|unwatch; at least one is needed."""
    targets: list[tuple[str, str]] = []
    if subreddit is not None and subreddit.strip():
        targets.append(("reddit", parse_subreddit(subreddit)))
    if feed is not None and feed.strip():
        targets.append(("feed", parse_feed_url(feed)))
    if not targets:
        raise BadArgument("Give a `subreddit` (like `outlier_ai`), a `feed` (an RSS or Atom "
                          "URL), or both.")
    return targets


def cadence_option(text: str) -> str:
    cadence = text.strip().lower()
    if cadence not in CADENCES:
        raise BadArgument(f"`cadence` must be {' or '.join(CADENCES)}; you gave {shown(text)}.")
    return cadence
