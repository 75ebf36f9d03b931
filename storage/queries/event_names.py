"""The names events were reported under (``event_names``), for posts that name no
known platform: "Halyard folks: the new project pays $17 now" in a general subreddit
finds the open event whose reports named Halyard through an index on (name, time).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Select, Table, case, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import EventName
from storage.models_events import NAME_LENGTH
from storage.queries.posts import dialect_insert


@dataclass(frozen=True)
class NameRow:
    """A name an event's report gave, and when (``event_names``)."""

    event_id: int
    name: str
    last_seen: datetime


def usable_names(names: Collection[str]) -> list[str]:
    """The names a lookup can use, sorted (none is longer than the column)."""
    return sorted(n for n in set(names) if len(n) <= NAME_LENGTH)


def named_events(names: Collection[str], since: datetime | None) -> Select[int] | None:
    """The ids of events a report gave one of ``names`` at or after ``since`` (through the
    index on name and time), for grouping's candidates and its locks; None when there is
    nothing to look up."""
    kept = usable_names(names)
    if not kept or since is None:
        return None
    return select(EventName.event_id).where(EventName.name.in_(kept),
                                            EventName.last_seen >= since)


async def save_event_names(session: AsyncSession, rows: Iterable[NameRow]) -> None:
    """Insert (event, name) rows or move their ``last_seen`` later (never earlier: a
    backfilled post gives an old time); names too long to be a project's are skipped."""
    latest: dict[tuple[int, str], datetime] = {}
    for r in rows:
        if len(r.name) <= NAME_LENGTH:
            key = (r.event_id, r.name)
            latest[key] = max(latest.get(key, r.last_seen), r.last_seen)
    if not latest:
        return
    table = cast(Table, EventName.__table__)
    stmt = dialect_insert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["event_id", "name"],
        set_={"last_seen": case((stmt.excluded.last_seen > table.c.last_seen,
                                 stmt.excluded.last_seen), else_=table.c.last_seen)},
    )
    await session.execute(stmt, [{"event_id": e, "name": n, "last_seen": t}
                                 for (e, n), t in sorted(latest.items())])
