"""Feedback rows: stored per guild, read back per guild, counted, and closing rejected events
(for everyone when they are the guild's own, for that guild only when they are public)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Event, OutboxItem
from storage.queries.alerts import set_channel_route
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.feedback import (
    NOT_SIGNAL,
    WRONG_DETAILS,
    add_feedback,
    close_if_rejected,
    feedback_counts,
    labelled_posts,
    mark_message_shows,
    post_feedback,
    report_posts,
)
from storage.queries.outbox import mark_sent
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]


async def _post(s: AsyncSession, n: int) -> int:
    return await add_post(s, f"t3_f{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          decision=Decision())


async def test_feedback_is_read_back_per_guild_and_counted(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        a, b = await _post(s, 0), await _post(s, 1)
        await add_feedback(s, guild_id=1, post_ids=[a], user_id=7, verdict=NOT_SIGNAL, now=T0)
        await add_feedback(s, guild_id=1, post_ids=[a, b], user_id=8, verdict=WRONG_DETAILS,
                           event_type="layoff", platforms=["mercor"], now=T0 + timedelta(1))
        await add_feedback(s, guild_id=2, post_ids=[b], user_id=9, verdict=NOT_SIGNAL, now=T0)
    async with db_sessions() as s:
        mine = await post_feedback(s, 1, a)
        theirs = await post_feedback(s, 2, a)
        counts = await feedback_counts(s, 1)
        labelled = await labelled_posts(s)
    assert [(f.user_id, f.verdict) for f in mine] == [(7, NOT_SIGNAL), (8, WRONG_DETAILS)]
    assert mine[1].event_type == "layoff" and mine[1].platforms == ("mercor",)
    assert mine[1].tier is None and mine[0].platforms is None
    assert theirs == []
    assert counts == {NOT_SIGNAL: 1, WRONG_DETAILS: 2}
    assert [(p.external_id, len(rows)) for p, rows in labelled] == [("t3_f0", 2), ("t3_f1", 2)]


async def test_a_guilds_own_event_closes_when_it_marks_every_report_not_a_signal(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        other = await set_channel_route(s, 1, 11)
        first = await _post(s, 0)
        opened = await open_event(s, first, guild_id=1)
        second = await _post(s, 1)
        await join_event(s, opened.event_id, second)
        await enqueue_event_alerts(s, [opened], now=T0)
        for item in (await s.execute(select(OutboxItem))).scalars().all():
            await mark_sent(s, item.id, str(1000 + item.route_id), T0)
        assert await report_posts(s, opened.event_id) == [first, second]
        await add_feedback(s, guild_id=1, post_ids=[first], user_id=7, verdict=NOT_SIGNAL,
                           event_id=opened.event_id, now=T0)
        not_yet = await close_if_rejected(s, opened.event_id, 1, T0)
        await add_feedback(s, guild_id=1, post_ids=[second], user_id=7, verdict=NOT_SIGNAL,
                           event_id=opened.event_id, now=T0)
        closing = await close_if_rejected(s, opened.event_id, 1, T0)
        assert closing is not None and closing.change is not None and not closing.for_guild
        closed = closing.change
        await mark_message_shows(s, 1000 + route.id, opened.event_id, closed.revision)
        queued = await enqueue_event_alerts(s, [closed], now=T0)
        again = await close_if_rejected(s, opened.event_id, 1, T0)
        event = await s.get(Event, opened.event_id)
        assert event is not None
        status = event.status
    assert not_yet is None and again is None
    assert status == "closed" and closed.status_after == "closed"
    # The clicked message shows the closing already; the guild's other channel is edited.
    assert queued[opened.event_id].edits == (other.id,)


async def test_a_public_event_closes_only_for_the_guild_that_rejected_it(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        mine = await set_channel_route(s, 1, 10)
        theirs = await set_channel_route(s, 2, 20)
        first, second = await _post(s, 0), await _post(s, 1)
        opened = await open_event(s, first)
        grew = await join_event(s, opened.event_id, second)
        await enqueue_event_alerts(s, [opened], now=T0)
        for item in (await s.execute(select(OutboxItem))).scalars().all():
            await mark_sent(s, item.id, str(1000 + item.route_id), T0, revision=1)
        # An edit is queued for both channels, and not yet delivered, when guild 1 rejects.
        await enqueue_event_alerts(s, [grew], now=T0)
        # Guild 2 rejecting one report and guild 1 the other closes nothing.
        await add_feedback(s, guild_id=2, post_ids=[first], user_id=8, verdict=NOT_SIGNAL,
                           event_id=opened.event_id, now=T0)
        await add_feedback(s, guild_id=1, post_ids=[second], user_id=7, verdict=NOT_SIGNAL,
                           event_id=opened.event_id, now=T0)
        assert await close_if_rejected(s, opened.event_id, 1, T0) is None
        await add_feedback(s, guild_id=1, post_ids=[first], user_id=7, verdict=NOT_SIGNAL,
                           event_id=opened.event_id, now=T0)
        closing = await close_if_rejected(s, opened.event_id, 1, T0)
        assert closing is not None and closing.for_guild and closing.change is None
        later = await join_event(s, opened.event_id, await _post(s, 2))
        queued = await enqueue_event_alerts(s, [later], now=T0)
        event = await s.get(Event, opened.event_id)
        assert event is not None
        status = event.status
        pending = {(i.route_id, i.kind) for i in (await s.execute(
            select(OutboxItem).where(OutboxItem.status == "pending"))).scalars().all()}
    assert status != "closed"
    assert queued[opened.event_id].edits == (theirs.id,)
    assert pending == {(theirs.id, "edit")}
    assert mine.id not in queued[opened.event_id].new


async def test_a_later_correction_reopens_nothing_but_keeps_the_event_open(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        post = await _post(s, 0)
        opened = await open_event(s, post)
        await add_feedback(s, guild_id=1, post_ids=[post], user_id=7, verdict=NOT_SIGNAL, now=T0)
        await add_feedback(s, guild_id=1, post_ids=[post], user_id=8, verdict=WRONG_DETAILS,
                           tier="expert", now=T0 + timedelta(minutes=1))
        await add_feedback(s, guild_id=2, post_ids=[post], user_id=9, verdict=WRONG_DETAILS,
                           tier="expert", now=T0 + timedelta(minutes=2))
        # Each guild's own latest verdict counts: neither rejects the post now.
        assert await close_if_rejected(s, opened.event_id, 1, T0) is None
        assert await close_if_rejected(s, opened.event_id, 2, T0) is None
