"""Events as stored rows and as records being revised (``EventState``), both ways.

Grouping, spikes and feedback's restore read an event's row into a record, revise it in
memory and write it back; one pair of conversions keeps them from drifting apart.
"""

from __future__ import annotations

from bot.events.record import EventState
from storage.queries.events import EventRow


def to_state(row: EventRow) -> EventState:
    assert row.id is not None
    return EventState(
        id=row.id, guild_id=row.guild_id, title=row.title, platforms=list(row.platforms),
        parents=list(row.parents), event_type=row.event_type, direction=row.direction,
        tier=row.tier, magnitude=row.magnitude, first_seen=row.first_seen,
        last_seen=row.last_seen, status=row.status, status_changed_at=row.status_changed_at,
        confirmed_at=row.confirmed_at, score=row.score, post_count=row.post_count,
        source_count=row.source_count, author_count=row.author_count, revision=row.revision,
        features=dict(row.features or {}), origin=row.origin,
    )


def to_row(state: EventState) -> EventRow:
    return EventRow(
        id=None if state.new else state.id, guild_id=state.guild_id, origin=state.origin,
        title=state.title, platforms=state.platforms, parents=state.parents,
        event_type=state.event_type, direction=state.direction, tier=state.tier,
        magnitude=state.magnitude, first_seen=state.first_seen, last_seen=state.last_seen,
        status=state.status, status_changed_at=state.status_changed_at,
        confirmed_at=state.confirmed_at, score=round(state.score, 1),
        post_count=state.post_count, source_count=state.source_count,
        author_count=state.author_count, revision=state.revision, features=state.features,
    )
