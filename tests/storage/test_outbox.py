"""The outbox's claims and marks: only pending items change, and per-post alerts queued
before events existed are still claimed, with their post, and delivered as they were."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import OutboxItem
from storage.queries.alerts import disable_route, set_channel_route
from storage.queries.outbox import POST, claim_due, mark_dead, mark_retry, mark_sent, outbox_items
from tests.storage.event_data import alert_event
from tests.storage.signal_data import T0, Decision, Magnitude, add_post

Sessions = async_sessionmaker[AsyncSession]


async def queue_post_alert(s: AsyncSession, post_id: int, route_id: int) -> int:
    """A per-post alert row as the pipeline queued them before events (``kind`` post)."""
    row = OutboxItem(kind=POST, post_id=post_id, route_id=route_id, status="pending",
                     attempts=0, next_attempt_at=T0, created_at=T0)
    s.add(row)
    await s.flush()
    return row.id


async def test_a_per_post_alert_from_before_events_is_claimed_with_its_post(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        pid = await add_post(s, "t3_old", title="post 0", body="x" * 5000, url="https://x/0",
                             decision=Decision(magnitude=Magnitude(
                                 pay_before=40, pay_after=26, pay_unit="hr", currency="USD",
                                 percent=-35)))
        old = await queue_post_alert(s, pid, route.id)
        change = await alert_event(s, "t3_new", now=T0)
    async with db_sessions() as s:
        first, second = await claim_due(s, T0, 50)
    assert (first.id, first.kind, first.event) == (old, "post", None)
    assert first.post is not None and first.post.title == "post 0"
    assert 0 < len(first.post.body) < 5000 and first.post.url == "https://x/0"
    assert first.post.magnitude is not None and first.post.magnitude["pay_after"] == 26
    assert first.post.evidence == ("rates dropped from $40/hr to $26/hr",)
    assert (first.route.kind, first.route.sink_id, first.route.guild_id) == ("channel", "10", 1)
    assert second.kind == "new" and second.post is None
    assert second.event is not None and second.event.id == change.event_id


async def test_marks_only_apply_to_pending_items(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        for n in range(3):
            await alert_event(s, f"t3_m{n}", created=T0 + timedelta(minutes=n), now=T0)
        a, b, c = await claim_due(s, T0, 3)
        assert await mark_sent(s, a.id, "999", T0, revision=1)
        assert not await mark_sent(s, a.id, "1000", T0)
        assert not await mark_retry(s, a.id, "late", T0)
        assert await mark_dead(s, b.id, "400 bad embed")
        assert not await mark_dead(s, b.id, "again")
        await disable_route(s, route.id, "Unknown Channel")
    async with db_sessions() as s:
        items = {i.id: i for i in await outbox_items(s, route_id=route.id)}
        claimed = await claim_due(s, T0, 50)
    assert (items[a.id].status, items[a.id].message_id, items[a.id].attempts) == ("sent", "999", 1)
    assert items[a.id].sent_at == T0 and items[a.id].shown_revision == 1
    assert (items[b.id].status, items[b.id].last_error) == ("dead", "400 bad embed")
    assert items[c.id].status == "dead" and "Unknown Channel" in (items[c.id].last_error or "")
    assert claimed == []
