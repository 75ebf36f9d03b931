"""Whose posts a poll fetched: every guild's, or only the guilds that watch its source.

A source the config file (or the built-in registry) names is public. One
that only guilds added with ``/platforms watch`` is fetched once, and each
of its posts is handed to every guild that watches it as that guild's own
(``PostRecord.guild_id``), so its events, alerts and reads stay that guild's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.records import FetchResult, PostRecord

PrivateSources = Mapping[tuple[str, str], tuple[int, ...]]
"""The guilds a guild-only source serves, by (kind, target); subreddits in lower case."""


def scope_posts(
    private: PrivateSources, result: FetchResult, *, feed: str | None = None,
    batch: Sequence[str] = (),
) -> FetchResult:
    """``result`` of the feed ``feed`` or the subreddit ``batch``, each post given to its guilds.

    A Reddit post that names none of its batch's subreddits can't be told
    apart when the batch holds guilds' own subreddits: it is skipped with a
    note, never made public.
    """
    if not private or not result.posts:
        return result
    if feed is not None:
        guilds = private.get(("feed", feed), ())
        if not guilds:
            return result
        return replace(result, posts=[replace(r, guild_id=g)
                                      for r in result.posts for g in guilds])
    names = {name.lower() for name in batch}
    mixed = any(("reddit", name) in private for name in names)
    posts: list[PostRecord] = []
    skipped = list(result.skipped)
    for record in result.posts:
        name = (record.subreddit or "").lower()
        guilds = private.get(("reddit", name), ())
        if guilds:
            posts.extend(replace(record, guild_id=g) for g in guilds)
        elif mixed and name not in names:
            skipped.append(f"{record.external_id}: names no subreddit of its batch")
        else:
            posts.append(record)
    return replace(result, posts=posts, skipped=skipped)
