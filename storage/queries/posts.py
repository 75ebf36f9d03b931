"""Storing posts idempotently, and reading them back as plain records.

One item a database refuses must not cost its batch: a chunk that fails is
retried row by row (inside SAVEPOINTs on PostgreSQL, where a failed
statement aborts the transaction), and a row that still fails is kept in
``quarantine`` with the database's reason while the rest is stored.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.records import PostRecord
from storage import limits
from storage.limits import clean_text
from storage.models import Post, QuarantinedItem
from storage.types import utcnow

log = logging.getLogger(__name__)

_ROWS_PER_STATEMENT = 500
"""Rows per INSERT: small enough to be one statement (atomic on SQLite too)."""
_STORE_ERRORS = (SQLAlchemyError, UnicodeError)


def _item_refused(exc: BaseException) -> bool:
    """The database (or its driver) refused a value, as opposed to a lost connection or a bug.

    A ``StatementError`` that is not a DBAPI error failed before the database
    saw the row (a naive datetime, say): that is a programming error, raised.
    """
    if isinstance(exc, DBAPIError):
        return not exc.connection_invalidated
    if isinstance(exc, StatementError):
        return isinstance(exc.orig, UnicodeError)
    return isinstance(exc, UnicodeError)


@dataclass(frozen=True)
class StoredPost:
    """A post as storage hands it out: its row id and the record it came from."""

    id: int
    record: PostRecord


@dataclass(frozen=True)
class Quarantined:
    """An item the database refused, and why."""

    source_key: str
    external_id: str
    reason: str


@dataclass
class PostsStored:
    """What ``store_posts`` did: the new posts in id order, and what it set aside."""

    stored: list[StoredPost] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """``INSERT`` of the session's dialect, so callers can add ``ON CONFLICT``."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"unsupported database dialect {name!r}")


def source_key_of(rec: PostRecord) -> str:
    """The source a quarantined item is listed under: its subreddit or its feed."""
    if rec.source_kind == "reddit":
        return f"reddit:{(rec.subreddit or '').lower()}"
    return f"feed:{rec.feed or ''}"


def _row(rec: PostRecord, now: datetime) -> dict[str, Any]:
    return {
        "source_kind": rec.source_kind,
        "external_id": rec.external_id,
        "feed_key": rec.feed_key,
        "subreddit": rec.subreddit,
        "feed": rec.feed,
        "platform_hint": rec.platform_hint,
        "title": rec.title,
        "body": rec.body,
        "url": rec.url,
        "author": rec.author,
        "created_utc": rec.created_utc or now,
        "fetched_at": now,
        "guild_id": rec.guild_id,
    }


@asynccontextmanager
async def _statement_savepoint(session: AsyncSession) -> AsyncIterator[None]:
    """A SAVEPOINT on PostgreSQL; on SQLite a failed statement undoes only itself."""
    if session.get_bind().dialect.name == "postgresql":
        async with session.begin_nested():
            yield
    else:
        yield


def _reason(exc: BaseException) -> str:
    cause = exc.orig if isinstance(exc, StatementError) and exc.orig is not None else exc
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return clean_text(f"{type(cause).__name__}: {text}", limits.ERROR)


async def _legacy_feed_ids(session: AsyncSession, ids: Sequence[str]) -> set[str]:
    """Feed item ids stored under the old global key (``feed_key`` empty)."""
    found: set[str] = set()
    for start in range(0, len(ids), _ROWS_PER_STATEMENT):
        chunk = ids[start:start + _ROWS_PER_STATEMENT]
        rows = await session.execute(select(Post.external_id).where(
            Post.source_kind == "feed", Post.feed_key == "", Post.external_id.in_(chunk)))
        found.update(rows.scalars())
    return found


async def store_posts(
    session: AsyncSession, records: Sequence[PostRecord],
    columns: Callable[[PostRecord], dict[str, Any]] | None = None,
) -> PostsStored:
    """Insert what is new; set aside, with the reason, what the database refuses.

    ``ON CONFLICT DO NOTHING RETURNING`` makes the check and the insert one
    statement, so two pollers racing on the same post store it once. A feed
    item whose GUID was stored before items were keyed per feed counts as
    stored. A failure that hits every row of a chunk is not an item's fault
    and is raised. ``columns`` gives more column values per post (its
    verdict, say), so a new post and what is known of it are stored by the
    same insert.
    """
    out = PostsStored()
    if not records:
        return out
    now = utcnow()
    by_key: dict[tuple[str, str, str], PostRecord] = {}
    for rec in records:
        by_key.setdefault(rec.key, rec)
    feed_ids = sorted({k[2] for k in by_key if k[0] == "feed"})
    if feed_ids:
        legacy = await _legacy_feed_ids(session, feed_ids)
        by_key = {k: r for k, r in by_key.items() if not (k[0] == "feed" and k[2] in legacy)}
    # A fixed order means two transactions storing overlapping posts take their
    # row locks in the same order, so PostgreSQL never deadlocks them.
    unique = [by_key[k] for k in sorted(by_key)]
    table = Post.__table__
    stmt = (
        dialect_insert(session, table)
        .on_conflict_do_nothing(index_elements=["source_kind", "external_id", "feed_key"])
        .returning(table.c.id, table.c.source_kind, table.c.feed_key, table.c.external_id)
    )
    def row(rec: PostRecord) -> dict[str, Any]:
        return _row(rec, now) if columns is None else {**_row(rec, now), **columns(rec)}

    for start in range(0, len(unique), _ROWS_PER_STATEMENT):
        chunk = unique[start:start + _ROWS_PER_STATEMENT]
        try:
            async with _statement_savepoint(session):
                result = await session.execute(stmt, [row(r) for r in chunk])
                returned = result.all()
        except _STORE_ERRORS as exc:
            if not _item_refused(exc):
                raise
            returned = await _one_by_one(session, stmt, chunk, row, out, exc)
        for post_id, kind, feed_key, ext in returned:
            out.stored.append(StoredPost(post_id, by_key[(kind, feed_key, ext)]))
    out.stored.sort(key=lambda s: s.id)
    if out.quarantined:
        await _quarantine(session, out.quarantined, by_key)
    return out


async def _one_by_one(
    session: AsyncSession, stmt: Any, chunk: Sequence[PostRecord],
    row: Callable[[PostRecord], dict[str, Any]], out: PostsStored, first: BaseException,
) -> list[Any]:
    returned: list[Any] = []
    refused: list[Quarantined] = []
    for rec in chunk:
        try:
            async with _statement_savepoint(session):
                returned.extend((await session.execute(stmt, [row(rec)])).all())
        except _STORE_ERRORS as exc:
            if not _item_refused(exc):
                raise
            refused.append(Quarantined(source_key_of(rec), rec.external_id, _reason(exc)))
    if len(chunk) > 1 and len(refused) == len(chunk):
        raise first
    out.quarantined.extend(refused)
    return returned


async def _quarantine(
    session: AsyncSession, items: Sequence[Quarantined],
    by_key: dict[tuple[str, str, str], PostRecord],
) -> None:
    """Keep each refused item once per source, with its reason and a bit of its title."""
    titles = {(source_key_of(r), r.external_id): r.title for r in by_key.values()}
    for item in items:
        source_key = clean_text(item.source_key, limits.SOURCE_KEY, mark=False)
        external_id = clean_text(item.external_id)
        try:
            async with _statement_savepoint(session):
                known = await session.scalar(select(QuarantinedItem.id).where(
                    QuarantinedItem.source_key == source_key,
                    QuarantinedItem.external_id == external_id).limit(1))
                if known is None:
                    session.add(QuarantinedItem(
                        source_key=source_key, external_id=external_id, reason=item.reason,
                        excerpt=clean_text(titles.get((item.source_key, item.external_id), ""),
                                           200)))
                    await session.flush()
        except _STORE_ERRORS:
            log.exception("%s: could not record quarantined item %s", source_key,
                          external_id[:200])
    by_source: dict[str, list[Quarantined]] = {}
    for item in items:
        by_source.setdefault(item.source_key, []).append(item)
    for source_key, refused in by_source.items():
        log.warning("%s: %d item(s) could not be stored and were quarantined; first: %s: %s",
                    source_key, len(refused), refused[0].external_id[:200], refused[0].reason)


async def known_keys(
    session: AsyncSession, records: Sequence[PostRecord]
) -> set[tuple[str, str, str]]:
    """The keys of ``records`` already stored (a feed item under its old global key too).

    A guild's post counts as stored when the same item is stored publicly:
    the guild sees the public one, so it is not stored (or alerted) twice.
    """
    wanted = {r.key for r in records} | {r.public_key for r in records}
    known: set[tuple[str, str, str]] = set()
    for kind in ("reddit", "feed"):
        ids = sorted({k[2] for k in wanted if k[0] == kind})
        for start in range(0, len(ids), _ROWS_PER_STATEMENT):
            chunk = ids[start:start + _ROWS_PER_STATEMENT]
            rows = await session.execute(select(Post.feed_key, Post.external_id).where(
                Post.source_kind == kind, Post.external_id.in_(chunk)))
            for feed_key, ext in rows:
                known.add((kind, feed_key, ext))
    legacy = {k[2] for k in known if k[0] == "feed" and k[1] == ""}
    return {r.key for r in records if r.key in known or r.public_key in known
            or (r.source_kind == "feed" and r.external_id in legacy)}


async def insert_posts(
    session: AsyncSession, records: Sequence[PostRecord],
    columns: Callable[[PostRecord], dict[str, Any]] | None = None,
) -> list[StoredPost]:
    """Insert what is new and return it (see ``store_posts``; refused items are quarantined)."""
    return (await store_posts(session, records, columns)).stored


def to_record(post: Post) -> PostRecord:
    return PostRecord(
        source_kind=post.source_kind,  # type: ignore[arg-type]
        external_id=post.external_id,
        title=post.title,
        body=post.body,
        url=post.url,
        author=post.author,
        created_utc=post.created_utc,
        subreddit=post.subreddit,
        feed=post.feed,
        platform_hint=post.platform_hint,
        guild_id=post.guild_id,
    )


async def count_posts(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Post))).scalar_one())


async def posts_by_external_ids(
    session: AsyncSession, source_kind: str, external_ids: Sequence[str]
) -> list[StoredPost]:
    rows = await session.execute(
        select(Post).where(Post.source_kind == source_kind, Post.external_id.in_(external_ids))
    )
    return [StoredPost(p.id, to_record(p)) for p in rows.scalars()]


async def posts_after(session: AsyncSession, after_id: int, limit: int) -> list[StoredPost]:
    """A page of stored posts in id order, for walking the whole table (rescore)."""
    rows = await session.execute(
        select(Post).where(Post.id > after_id).order_by(Post.id).limit(limit)
    )
    return [StoredPost(p.id, to_record(p)) for p in rows.scalars()]
