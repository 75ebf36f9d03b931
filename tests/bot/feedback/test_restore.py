"""Undoing a server's "not a signal": a public event comes back for that server (its reads and
its routes' next alerts), the server's own event reopens unless it went quiet, and there is
nothing to undo on events it did not reject or may not see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feedback.ids import Target
from bot.feedback.record import give_feedback
from bot.feedback.restore import RestoreError, restore_event
from bot.feedback.text import restored_answer
from storage.queries.alerts import set_channel_route
from storage.queries.audience import guild_audience
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.event_views import find_event, recent_events
from storage.queries.feedback import post_feedback, report_posts
from storage.queries.outbox import outbox_items
from tests.storage.event_data import deliver_new_messages, join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
QUIET = timedelta(days=14)


async def _post(s: AsyncSession, n: int, guild_id: int | None = None) -> int:
    return await add_post(s, f"t3_u{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          decision=Decision(), guild_id=guild_id)


async def test_a_public_event_comes_back_for_the_server_that_restores_it(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        mine = await set_channel_route(s, 1, 10)
        theirs = await set_channel_route(s, 2, 20)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        await deliver_new_messages(s, T0)
    event = Target("e", opened.event_id)
    given = await give_feedback(db_sessions, guild_id=1, of=event, user_id=7, now=T0)
    assert given.closed_here
    with pytest.raises(RestoreError, match="has not marked"):
        await restore_event(db_sessions, guild_id=2, event_id=opened.event_id, quiet=QUIET)

    restored = await restore_event(db_sessions, guild_id=1, event_id=opened.event_id,
                                   quiet=QUIET, now=T0 + timedelta(hours=1))
    assert (restored.public, restored.reopened, restored.ref, restored.withdrawn) == \
        (True, False, f"e{opened.event_id}", 1)
    async with db_sessions.begin() as s:
        assert [e.id for e in await recent_events(s, guild_audience(1))] == [opened.event_id]
        assert await post_feedback(s, 1, (await report_posts(s, opened.event_id))[0]) == []
        later = await join_event(s, opened.event_id, await _post(s, 1))
        queued = await enqueue_event_alerts(s, [later], now=T0)
    # The next report's edit reaches both servers again.
    assert set(queued[opened.event_id].edits) == {mine.id, theirs.id}
    with pytest.raises(RestoreError, match="has not marked"):
        await restore_event(db_sessions, guild_id=1, event_id=opened.event_id, quiet=QUIET)


async def test_the_servers_own_event_reopens_and_its_message_is_edited(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        opened = await open_event(s, await _post(s, 0, guild_id=1), guild_id=1)
        await join_event(s, opened.event_id, await _post(s, 1, guild_id=1), source_key="other")
        await enqueue_event_alerts(s, [opened], now=T0)
        await deliver_new_messages(s, T0)
    given = await give_feedback(db_sessions, guild_id=1, of=Target("e", opened.event_id),
                                user_id=7, now=T0 + timedelta(hours=2))
    assert given.closed and given.event is not None
    closed_revision = given.event.revision

    restored = await restore_event(db_sessions, guild_id=1, event_id=opened.event_id,
                                   quiet=QUIET, now=T0 + timedelta(hours=3))
    assert (restored.public, restored.reopened, restored.status) == \
        (False, True, "corroborated")
    assert (restored.edits_queued, restored.withdrawn) == (1, 2)
    said = restored_answer(restored)
    assert said.startswith(f"e{opened.event_id} is no longer marked not a signal: it is open "
                           "again (🟠 Corroborated)")
    assert "stays closed" not in said and "in this server" not in said
    assert said.endswith(' 2 "not a signal" verdicts of this server withdrawn.')
    async with db_sessions() as s:
        event = await find_event(s, opened.event_id, guild_audience(1))
        [edit] = [i for i in await outbox_items(s) if i.kind == "edit"]
    assert event is not None and event.status == "corroborated"
    async with db_sessions() as s:
        for post in await report_posts(s, opened.event_id):
            assert await post_feedback(s, 1, post) == []
    assert event.revision == closed_revision + 1
    assert (edit.route_id, edit.status, edit.revision) == (route.id, "pending", event.revision)
    # Open again: nothing left to undo.
    with pytest.raises(RestoreError, match="has not marked"):
        await restore_event(db_sessions, guild_id=1, event_id=opened.event_id, quiet=QUIET)


async def test_the_servers_own_event_stays_closed_when_it_went_quiet(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        opened = await open_event(s, await _post(s, 0, guild_id=1), guild_id=1)
    await give_feedback(db_sessions, guild_id=1, of=Target("e", opened.event_id), user_id=7,
                        now=T0)
    restored = await restore_event(db_sessions, guild_id=1, event_id=opened.event_id,
                                   quiet=QUIET, now=T0 + QUIET + timedelta(days=1))
    assert (restored.reopened, restored.status, restored.edits_queued) == (False, "closed", 0)
    assert restored.withdrawn == 1
    said = restored_answer(restored)
    assert said.startswith(f"e{opened.event_id} is no longer marked not a signal, but it stays "
                           "closed: it has had no report for the quiet period")
    assert "open again" not in said and "in this server" not in said
    assert said.endswith(' 1 "not a signal" verdict of this server withdrawn.')
    async with db_sessions() as s:
        event = await find_event(s, opened.event_id, guild_audience(1))
    assert event is not None and event.status == "closed"
    # The verdict is withdrawn: the event is only quiet now, with nothing more to undo.
    with pytest.raises(RestoreError, match="has not marked"):
        await restore_event(db_sessions, guild_id=1, event_id=opened.event_id, quiet=QUIET,
                            now=T0 + QUIET + timedelta(days=1))


async def test_unknown_unrejected_and_other_servers_events_have_nothing_to_undo(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        public = await open_event(s, await _post(s, 0))
        theirs = await open_event(s, await _post(s, 1, guild_id=2), guild_id=2)
    await give_feedback(db_sessions, guild_id=2, of=Target("e", theirs.event_id), user_id=9,
                        now=T0)
    for event_id in (999_999, theirs.event_id):
        # Another server's own event (even one it rejected) reads like one that does not exist.
        with pytest.raises(RestoreError, match=f"No event e{event_id} here"):
            await restore_event(db_sessions, guild_id=1, event_id=event_id, quiet=QUIET)
    with pytest.raises(RestoreError, match="has not marked"):
        await restore_event(db_sessions, guild_id=1, event_id=public.event_id, quiet=QUIET)
