"""Writing the scorer's verdict next to its post."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Post, PostPlatform
from storage.types import utcnow

_POSTS = cast(Table, Post.__table__)
_CHUNK = 500
"""Ids per ``IN`` list, well under every backend's limit on bound parameters."""


class _Magnitude(Protocol):
    def to_json(self) -> dict[str, Any]: ...


class ScoreLike(Protocol):
    """What storage needs of a scorer decision (``bot.scoring.Decision`` fits)."""

    @property
    def is_signal(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def event_type(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def platforms(self) -> Sequence[str]: ...
    @property
    def evidence(self) -> Sequence[str]: ...
    @property
    def magnitude(self) -> _Magnitude | None: ...
    @property
    def report(self) -> str | None: ...


async def save_score(
    session: AsyncSession, post_id: int, decision: ScoreLike, version: str,
    *, now: datetime | None = None,
) -> None:
    """Store a decision on its post and refresh the post's platform rows.

    ``post_platforms`` only holds signals, so summaries never scan noise.
    """
    now = now or utcnow()
    await session.execute(
        update(Post).where(Post.id == post_id).values(
            scored_at=now,
            scorer_version=version,
            is_signal=decision.is_signal,
            score=float(decision.score),
            event_type=decision.event_type,
            direction=decision.direction,
            tier=decision.tier,
            platforms=list(decision.platforms),
            evidence=list(decision.evidence),
            magnitude=decision.magnitude.to_json() if decision.magnitude else None,
            report_kind=decision.report,
        )
    )
    await session.execute(delete(PostPlatform).where(PostPlatform.post_id == post_id))
    if decision.is_signal and decision.platforms:
        created = (
            await session.execute(select(Post.created_utc).where(Post.id == post_id))
        ).scalar_one()
        session.add_all(
            PostPlatform(
                post_id=post_id, platform=p, created_utc=created,
                event_type=decision.event_type, tier=decision.tier,
                direction=decision.direction,
            )
            for p in sorted(set(decision.platforms))
        )


async def demote_signals(session: AsyncSession,
                         demoted: Sequence[tuple[int, str | None]]) -> None:
    """Store signal posts as non-signals again, their scores and evidence kept.

    For follow-up reports (signals scored under the threshold) that join no
    event when events are rebuilt: a follow-up is a signal only as a report of an
    event. ``demoted`` holds (post id, its individual report kind or None); a post
    with a kind keeps its platforms, as spikes count it per platform's community.
    A few statements for a whole page, however many posts: one update for those
    with a kind (run once per row by the driver), one per 500 without, one delete
    of platform rows per 500.
    """
    cleared: dict[str, Any] = {"is_signal": False, "event_type": "none",
                               "direction": "neutral", "tier": "unknown", "magnitude": None}
    with_kind = [{"post_id": post_id, "kind": kind} for post_id, kind in demoted
                 if kind is not None]
    if with_kind:
        await session.execute(
            update(_POSTS).where(_POSTS.c.id == bindparam("post_id"))
            .values(**cleared, report_kind=bindparam("kind")), with_kind)
    without = [post_id for post_id, kind in demoted if kind is None]
    for start in range(0, len(without), _CHUNK):
        await session.execute(update(_POSTS).where(_POSTS.c.id.in_(without[start:start + _CHUNK]))
                              .values(**cleared, report_kind=None, platforms=[]))
    ids = [post_id for post_id, _ in demoted]
    for start in range(0, len(ids), _CHUNK):
        await session.execute(delete(PostPlatform).where(
            PostPlatform.post_id.in_(ids[start:start + _CHUNK])))


async def promote_new_posts(
    session: AsyncSession, scored: Sequence[tuple[int, datetime, ScoreLike]], version: str,
    now: datetime,
) -> None:
    """Store signal verdicts on posts this transaction inserted as non-signals (follow-ups
    and copies that joined an event), and their platform rows: two statements for a page,
    however many posts (the update is run once per row by the driver). ``scored`` holds
    (post id, the post's created_utc, decision); such posts have no platform rows yet.
    """
    if not scored:
        return
    columns = score_columns(scored[0][2], version, now)
    await session.execute(
        update(_POSTS).where(_POSTS.c.id == bindparam("post_id"))
        .values(**{c: bindparam(f"new_{c}") for c in columns}),
        [{"post_id": post_id, **{f"new_{c}": v for c, v in score_columns(d, version, now).items()}}
         for post_id, _, d in scored])
    await insert_post_platforms(session, scored)


def score_columns(decision: ScoreLike, version: str, now: datetime) -> dict[str, Any]:
    """A decision as ``posts`` columns, for storing a new post and its verdict in one insert."""
    return {
        "scored_at": now, "scorer_version": version, "is_signal": decision.is_signal,
        "score": float(decision.score), "event_type": decision.event_type,
        "direction": decision.direction, "tier": decision.tier,
        "platforms": list(decision.platforms), "evidence": list(decision.evidence),
        "magnitude": decision.magnitude.to_json() if decision.magnitude else None,
        "report_kind": decision.report,
    }


async def insert_post_platforms(
    session: AsyncSession, scored: Sequence[tuple[int, datetime, ScoreLike]]
) -> None:
    """Platform rows of new signal posts, one statement for a page.

    ``scored`` holds (post id, the post's created_utc, decision); posts
    that are not signals get no rows, as with ``save_score``.
    """
    rows = [
        {"post_id": post_id, "platform": p, "created_utc": created,
         "event_type": d.event_type, "tier": d.tier, "direction": d.direction}
        for post_id, created, d in scored if d.is_signal
        for p in sorted(set(d.platforms))
    ]
    if rows:
        await session.execute(cast(Table, PostPlatform.__table__).insert(), rows)
