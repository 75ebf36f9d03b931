"""Storing posts idempotently, and reading them back as plain records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.records import PostRecord
from storage.models import Post
from storage.types import utcnow

# Rows handed to one executemany; SQLAlchemy's insertmanyvalues batches them
# further into multi-row INSERT ... RETURNING statements within the bind limits.
_ROWS_PER_STATEMENT = 5000


@dataclass(frozen=True)
class StoredPost:
    """A post as storage hands it out: its row id and the record it came from."""

    id: int
    record: PostRecord


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """``INSERT`` of the session's dialect, so callers can add ``ON CONFLICT``."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"unsupported database dialect {name!r}")


def _row(rec: PostRecord, now: datetime) -> dict[str, Any]:
    return {
        "source_kind": rec.source_kind,
        "external_id": rec.external_id,
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


async def insert_posts(
    session: AsyncSession, records: Sequence[PostRecord],
    columns: Callable[[PostRecord], dict[str, Any]] | None = None,
) -> list[StoredPost]:
    """Insert what is new and return it; posts already stored are left untouched.

    ``ON CONFLICT DO NOTHING RETURNING`` makes the check and the insert one
    statement, so two pollers racing on the same post store it once.
    ``columns`` gives more column values per post (its verdict, say), so a
    new post and what is known of it are stored by the same insert.
    """
    if not records:
        return []
    now = utcnow()
    by_key: dict[tuple[str, str], PostRecord] = {}
    for rec in records:
        by_key.setdefault((rec.source_kind, rec.external_id), rec)
    # A fixed order means two transactions storing overlapping posts take their
    # row locks in the same order, so PostgreSQL never deadlocks them.
    unique = [by_key[k] for k in sorted(by_key)]
    stmt = (
        dialect_insert(session, Post.__table__)
        .on_conflict_do_nothing(index_elements=["source_kind", "external_id"])
        .returning(Post.__table__.c.id, Post.__table__.c.source_kind,
                   Post.__table__.c.external_id)
    )
    stored: list[StoredPost] = []
    for start in range(0, len(unique), _ROWS_PER_STATEMENT):
        chunk = [_row(r, now) if columns is None else {**_row(r, now), **columns(r)}
                 for r in unique[start:start + _ROWS_PER_STATEMENT]]
        result = await session.execute(stmt, chunk)
        for post_id, kind, ext in result.all():
            stored.append(StoredPost(post_id, by_key[(kind, ext)]))
    stored.sort(key=lambda s: s.id)
    return stored


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
