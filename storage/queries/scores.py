"""Writing the scorer's verdict next to its post."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Post, PostPlatform
from storage.types import utcnow


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
