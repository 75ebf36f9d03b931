"""Finding one stored post from whatever a user pasted."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Post
from storage.queries.audience import EVERYTHING, Audience
from storage.queries.postviews import PostView, post_columns, post_view

_FULLNAME = re.compile(r"t3_([0-9a-z]{1,13})", re.IGNORECASE)
_BASE36 = re.compile(r"[0-9a-z]{1,13}", re.IGNORECASE)
_POST_PATH = re.compile(r"/(?:comments|gallery|duplicates)/([0-9a-z]{1,13})(?:/|$)", re.IGNORECASE)


def _clean(ref: str) -> str:
    """Drop what chat adds around a link: spaces and ``<...>``."""
    ref = ref.strip()
    if ref.startswith("<") and ref.endswith(">"):
        ref = ref[1:-1].strip()
    return ref


def reddit_fullname(ref: str) -> str | None:
    """The ``t3_`` fullname a pasted Reddit reference names, or None.

    Accepts ``t3_abc123``, a bare id, and links on any Reddit host (www.,
    old., new., np., m., redd.it short links) with or without a slug, a
    trailing slash or a query string. Share links (``/s/...``) carry no
    post id and cannot be resolved without asking Reddit, so they give None.
    """
    ref = _clean(ref)
    if m := _FULLNAME.fullmatch(ref):
        return f"t3_{m.group(1).lower()}"
    if _BASE36.fullmatch(ref):
        return f"t3_{ref.lower()}"
    if "://" not in ref and "/" in ref:
        ref = "https://" + ref.lstrip("/")
    try:
        parts = urlsplit(ref)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    path = parts.path
    if host in ("redd.it", "www.redd.it"):
        first = path.strip("/").split("/", 1)[0]
        return f"t3_{first.lower()}" if _BASE36.fullmatch(first) else None
    is_reddit = host == "reddit.com" or host.endswith(".reddit.com")
    if is_reddit and (m := _POST_PATH.search(path)):
        return f"t3_{m.group(1).lower()}"
    return None


async def _one(session: AsyncSession, audience: Audience,
               *where: ColumnElement[bool]) -> PostView | None:
    row = (await session.execute(
        select(*post_columns()).where(*where, audience.posts())
        .order_by(Post.id.desc()).limit(1)
    )).first()
    return post_view(row) if row is not None else None


async def find_post(session: AsyncSession, ref: str,
                    audience: Audience = EVERYTHING) -> PostView | None:
    """The stored post a user refers to, with its verdict, or None.

    A server passes its ``audience``: posts of another server's own sources
    are not found.

    ``ref`` may be any form of Reddit link, a ``t3_`` fullname, a bare Reddit
    id, or a feed item's link or GUID. A Reddit reading is tried first; a
    bare token that is no stored Reddit post is then tried as a feed GUID.
    """
    ref = _clean(ref)
    if not ref:
        return None
    fullname = reddit_fullname(ref)
    if fullname is not None:
        found = await _one(session, audience, Post.source_kind == "reddit",
                           Post.external_id == fullname)
        if found is not None:
            return found
    if len(ref) <= 512:
        found = await _one(session, audience, Post.source_kind == "feed", Post.external_id == ref)
        if found is not None:
            return found
    if "://" in ref and len(ref) <= 2048:
        return await _one(session, audience, Post.url == ref)
    return None
