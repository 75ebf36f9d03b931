"""Claiming and marking event alerts: edits wait for their message, coalesce, never skip."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.alerts import set_channel_route
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.outbox import (
    claim_due,
    mark_dead,
    mark_retry,
    mark_sent,
    next_due,
    outbox_items,
)
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]


async def _post(s: AsyncSession, n: int) -> int:
    return await add_post(s, f"t3_q{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          url=f"https://example.com/{n}", decision=Decision())


async def test_an_edit_waits_for_its_message_and_shows_the_event_as_it_is_now(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        grew = await join_event(s, opened.event_id, await _post(s, 1))
        await enqueue_event_alerts(s, [grew], now=T0)
    async with db_sessions() as s:
        [new] = await claim_due(s, T0, 10)
    assert (new.kind, new.route.route_id) == ("new", route.id)
    assert new.event is not None and new.event.revision == grew.revision
    assert new.event.post_count == 2 and new.event.first is not None
    assert [r.post.title for r in new.event.latest] == ["report 1", "report 0"]
    async with db_sessions.begin() as s:
        # The message was rendered before the second report: the edit is still needed.
        assert await mark_sent(s, new.id, "555", T0, revision=opened.revision)
        later = await join_event(s, opened.event_id, await _post(s, 2))
        await enqueue_event_alerts(s, [later], now=T0)
    async with db_sessions() as s:
        [edit] = await claim_due(s, T0, 10)
    assert (edit.kind, edit.message_id, edit.message_revision) == ("edit", "555",
                                                                   opened.revision)
    assert edit.event is not None and edit.event.revision == later.revision
    assert edit.event.post_count == 3 and not edit.needless


async def test_an_edit_the_message_already_shows_is_needless(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        grew = await join_event(s, opened.event_id, await _post(s, 1), status="confirmed")
        await enqueue_event_alerts(s, [grew], now=T0)
        [new] = await claim_due(s, T0, 10)
        await mark_sent(s, new.id, "555", T0, revision=grew.revision)
        edit, reply = await claim_due(s, T0, 10)
    assert (edit.kind, reply.kind) == ("edit", "reply")
    assert edit.needless and reply.needless  # posted already confirmed: nothing to add


async def test_an_edit_rearmed_while_it_was_sent_goes_out_again(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        [new] = await claim_due(s, T0, 10)
        await mark_sent(s, new.id, "555", T0, revision=opened.revision)
        grew = await join_event(s, opened.event_id, await _post(s, 1))
        await enqueue_event_alerts(s, [grew], now=T0)
        [edit] = await claim_due(s, T0, 10)
        # While the edit for ``grew`` is on its way, a third report re-arms it.
        later = await join_event(s, opened.event_id, await _post(s, 2))
        await enqueue_event_alerts(s, [later], now=T0)
        assert await mark_sent(s, edit.id, None, T0, revision=grew.revision)
        [again] = await claim_due(s, T0, 10)
        assert again.id == edit.id and again.event is not None
        assert again.event.revision == later.revision and not again.needless
        assert await mark_sent(s, again.id, None, T0, revision=later.revision)
        assert await claim_due(s, T0, 10) == []
        rows = await outbox_items(s)
    assert [(r.kind, r.status, r.shown_revision) for r in rows] == [
        ("new", "sent", opened.revision), ("edit", "sent", later.revision)]


async def test_a_message_given_up_takes_its_edits_and_replies_along(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        grew = await join_event(s, opened.event_id, await _post(s, 1), status="disputed")
        await enqueue_event_alerts(s, [grew], now=T0)
        [new] = await claim_due(s, T0, 10)  # the edit and the reply wait for it
        assert await mark_dead(s, new.id, "HTTP 400: Invalid Form Body")
        assert await claim_due(s, T0, 10) == []
        rows = await outbox_items(s)
    assert [(r.kind, r.status) for r in rows] == [("new", "dead"), ("edit", "dead"),
                                                  ("reply", "dead")]
    assert rows[1].last_error == "the event's message was never sent"


async def test_messages_of_one_route_keep_their_order_through_retries(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        first_route = await set_channel_route(s, 1, 10)
        second_route = await set_channel_route(s, 1, 11)
        events = [await open_event(s, await _post(s, n), platforms=(p,))
                  for n, p in enumerate(("outlier", "mercor", "appen"))]
        await enqueue_event_alerts(s, events, now=T0)
        items = await claim_due(s, T0, 50)
        head = items[0]
        assert await mark_retry(s, head.id, "503", T0 + timedelta(seconds=30))
    async with db_sessions() as s:
        meanwhile = await claim_due(s, T0 + timedelta(seconds=1), 50)
        due = await next_due(s)
        later = await claim_due(s, T0 + timedelta(seconds=30), 50)
    assert [(i.route.route_id, i.event.id) for i in items if i.event] == [
        (r, e.event_id) for r in (first_route.id, second_route.id) for e in events]
    assert {i.route.route_id for i in meanwhile} == {second_route.id}
    assert due == T0
    assert [i.event.id for i in later if i.route.route_id == first_route.id and i.event] == [
        e.event_id for e in events]
