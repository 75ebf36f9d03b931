"""Storing a click: every report of the alert's event, corrections checked, events closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.feedback.ids import Target
from bot.feedback.record import Correction, FeedbackError, check_correction, give_feedback
from bot.platforms import PlatformRegistry
from storage.queries.alerts import set_channel_route
from storage.queries.event_outbox import enqueue_event_alerts
from storage.queries.feedback import post_feedback
from storage.queries.outbox import outbox_items
from tests.storage.event_data import deliver_new_messages, join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
REGISTRY = PlatformRegistry()


async def _post(s: AsyncSession, n: int) -> int:
    return await add_post(s, f"t3_r{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          decision=Decision())


async def test_not_a_signal_marks_every_report_and_closes_the_guilds_own_event(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        route = await set_channel_route(s, 1, 10)
        first, second = await _post(s, 0), await _post(s, 1)
        opened = await open_event(s, first, guild_id=1)
        await join_event(s, opened.event_id, second)
        await enqueue_event_alerts(s, [opened], now=T0)
    given = await give_feedback(db_sessions, guild_id=1, of=Target("e", opened.event_id),
                                user_id=7, now=T0)
    assert given.stored == 2 and given.closed and not given.closed_here
    assert given.event is not None and given.event.status == "closed"
    async with db_sessions() as s:
        assert [f.verdict for f in await post_feedback(s, 1, second)] == ["not_signal"]
        items = await outbox_items(s)
    # The message is still queued (never sent): its edit waits for it.
    assert {(i.route_id, i.kind) for i in items} == {(route.id, "new"), (route.id, "edit")}


async def test_a_public_event_rejected_by_one_guild_still_reaches_the_others(
    db_sessions: Sessions,
) -> None:
    # Two guilds receive the config file's source; guild 1 rejects every report.
    async with db_sessions.begin() as s:
        mine = await set_channel_route(s, 1, 10)
        theirs = await set_channel_route(s, 2, 20)
        opened = await open_event(s, await _post(s, 0))
        await enqueue_event_alerts(s, [opened], now=T0)
        await deliver_new_messages(s, T0)
    given = await give_feedback(db_sessions, guild_id=1, of=Target("e", opened.event_id),
                                user_id=7, message_id=1000 + mine.id, now=T0)
    assert given.stored == 1 and not given.closed
    assert given.event is not None and given.event.status != "closed"
    async with db_sessions.begin() as s:
        later = await join_event(s, opened.event_id, await _post(s, 1), status="confirmed")
        queued = await enqueue_event_alerts(s, [later], now=T0)
        items = await outbox_items(s)
    # Guild 2 gets its edit and its reply; guild 1 gets nothing more of the event.
    assert queued[opened.event_id].edits == (theirs.id,)
    assert queued[opened.event_id].replies == (theirs.id,)
    assert {(i.route_id, i.kind) for i in items if i.status == "pending"} == \
        {(theirs.id, "edit"), (theirs.id, "reply")}
    assert given.closed_here


async def test_a_guilds_own_event_takes_no_feedback_from_another_guild(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        opened = await open_event(s, await _post(s, 0), guild_id=1)
    with pytest.raises(FeedbackError):
        await give_feedback(db_sessions, guild_id=2, of=Target("e", opened.event_id),
                            user_id=7)
    with pytest.raises(FeedbackError):
        await give_feedback(db_sessions, guild_id=1, of=Target("e", 999), user_id=7)


async def test_a_per_post_alert_marks_its_post_and_closes_nothing(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        post = await _post(s, 0)
    correction = check_correction("tier", ["expert"], REGISTRY)
    given = await give_feedback(db_sessions, guild_id=1, of=Target("p", post), user_id=7,
                                correction=correction)
    assert (given.stored, given.closed, given.event) == (1, False, None)
    async with db_sessions() as s:
        [row] = await post_feedback(s, 1, post)
    assert (row.verdict, row.tier, row.event_type) == ("wrong_details", "expert", None)


def test_corrections_must_be_values_labelwatch_offers() -> None:
    assert check_correction("plat", ["outlier", "other", "outlier"], REGISTRY) == \
        Correction("plat", ("outlier", "other"))
    assert check_correction("type", ["layoff"], REGISTRY).values == ("layoff",)
    for which, values in [("type", ["none"]), ("type", ["layoff", "pay_cut"]),
                          ("tier", ["boss"]), ("plat", ["acme"]), ("plat", []),
                          ("plat", ["outlier", "mercor", "appen", "toloka"]),
                          ("score", ["1"])]:
        with pytest.raises(FeedbackError):
            check_correction(which, values, REGISTRY)
