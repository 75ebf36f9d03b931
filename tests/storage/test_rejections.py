"""A guild's reads leave out the public events it rejected (and only that guild's reads), the
rejection reads back with who and when, and undoing it brings the event back."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.audience import EVERYTHING, PUBLIC, guild_audience
from storage.queries.event_summary import event_summary
from storage.queries.event_views import count_events, find_event, recent_events
from storage.queries.feedback import (
    NOT_SIGNAL,
    WRONG_DETAILS,
    add_feedback,
    post_feedback,
)
from storage.queries.index import chart_events
from storage.queries.rejections import (
    rejection_of,
    remove_rejection,
    reopen_event,
    withdraw_not_signal,
)
from tests.storage.event_data import join_event, open_event, reject_event, set_event
from tests.storage.signal_data import T0, Decision, add_post

Sessions = async_sessionmaker[AsyncSession]
NOW = T0 + timedelta(days=1)


async def _post(s: AsyncSession, n: int, guild_id: int | None = None) -> int:
    return await add_post(s, f"t3_rj{n}", title=f"report {n}", created=T0 + timedelta(hours=n),
                          decision=Decision(), guild_id=guild_id)


async def _seed(db_sessions: Sessions) -> tuple[list[int], int]:
    """Six public events (guild 1 rejects the second and the fifth) and one of guild 1's own."""
    async with db_sessions.begin() as s:
        public = [(await open_event(s, await _post(s, n))).event_id for n in range(6)]
        own = (await open_event(s, await _post(s, 6, guild_id=1), guild_id=1)).event_id
        await reject_event(s, public[1], 1, T0 + timedelta(hours=20))
        await reject_event(s, public[4], 1, T0 + timedelta(hours=20))
    return public, own


async def test_a_guilds_lists_pages_and_counts_leave_out_what_it_rejected(
    db_sessions: Sessions,
) -> None:
    public, own = await _seed(db_sessions)
    mine, theirs = guild_audience(1), guild_audience(2)
    since = T0 - timedelta(days=1)
    async with db_sessions() as s:
        pages = [[e.id for e in await recent_events(s, mine, since=since, limit=2,
                                                    offset=offset)]
                 for offset in (0, 2, 4)]
        total = await count_events(s, mine, since=since)
        strongest = [e.id for e in await recent_events(s, mine, since=since, limit=10,
                                                       order="strongest")]
        other = [e.id for e in await recent_events(s, theirs, since=since, limit=10)]
        counts = {who: await count_events(s, audience, since=since)
                  for who, audience in (("2", theirs), ("public", PUBLIC),
                                        ("all", EVERYTHING))}
    # Pages stay full and in order: the rejected events are skipped by the query, not after it.
    assert pages == [[own, public[5]], [public[3], public[2]], [public[0]]]
    assert total == 5 and set(strongest) == {own, public[0], public[2], public[3], public[5]}
    assert other == public[::-1]
    assert counts == {"2": 6, "public": 6, "all": 7}


async def test_a_guilds_summary_and_chart_leave_out_what_it_rejected(
    db_sessions: Sessions,
) -> None:
    public, own = await _seed(db_sessions)
    async with db_sessions() as s:
        mine = await event_summary(s, guild_audience(1), None, 7, NOW)
        theirs = await event_summary(s, guild_audience(2), None, 7, NOW)
        chart = await chart_events(s, since=T0 - timedelta(days=7), until=NOW,
                                   audience=guild_audience(1))
    assert (mine.overall.events, mine.overall.posts) == (5, 5)
    assert [(p.platform, p.current.events) for p in mine.platforms] == [("outlier", 5)]
    assert theirs.overall.events == 6
    assert {c.event_id for c in chart} == {own, *public} - {public[1], public[4]}


async def test_the_rejection_reads_back_with_who_and_when_and_undoing_brings_it_back(
    db_sessions: Sessions,
) -> None:
    public, own = await _seed(db_sessions)
    async with db_sessions.begin() as s:
        rejection = await rejection_of(s, public[1], 1)
        # Another guild has not rejected it; an own event is closed, not rejected.
        assert await rejection_of(s, public[1], 2) is None
        assert await rejection_of(s, public[0], 1) is None
        await reject_event(s, own, 1, T0 + timedelta(hours=20))
        assert await rejection_of(s, own, 1) is None
        # Asked for by id, a rejected event is still found.
        assert await find_event(s, public[1], guild_audience(1)) is not None
        assert await remove_rejection(s, public[1], 1)
        assert not await remove_rejection(s, public[1], 1)
        assert not await remove_rejection(s, public[0], 1)
    assert rejection is not None
    assert (rejection.user_id, rejection.created_at) == (7, T0 + timedelta(hours=20))
    async with db_sessions() as s:
        listed = [e.id for e in await recent_events(s, guild_audience(1), limit=10)]
        assert await rejection_of(s, public[1], 1) is None
    assert public[1] in listed and public[4] not in listed


async def test_reopening_a_closed_event_bumps_its_revision_and_leaves_open_ones_alone(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        opened = await open_event(s, await _post(s, 0, guild_id=1), guild_id=1)
        await join_event(s, opened.event_id, await _post(s, 1, guild_id=1))
        closed = await set_event(s, opened.event_id, status="closed")
        change = await reopen_event(s, opened.event_id, "confirmed", NOW)
        again = await reopen_event(s, opened.event_id, "reported", NOW)
        event = await find_event(s, opened.event_id, EVERYTHING)
    assert change is not None and again is None
    assert (change.status_before, change.status_after, change.revision) == \
        ("closed", "confirmed", closed.revision + 1)
    assert event is not None and (event.status, event.revision) == ("confirmed", change.revision)
    assert event.confirmed_at == NOW


async def test_withdrawing_deletes_only_the_guilds_not_a_signal_rows_on_those_posts(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        a, b = await _post(s, 0), await _post(s, 1)
        await add_feedback(s, guild_id=1, post_ids=[a], user_id=7, verdict=WRONG_DETAILS,
                           tier="expert", now=T0)
        await add_feedback(s, guild_id=1, post_ids=[a, b], user_id=7, verdict=NOT_SIGNAL,
                           now=T0 + timedelta(hours=1))
        await add_feedback(s, guild_id=2, post_ids=[a], user_id=9, verdict=NOT_SIGNAL, now=T0)
        assert await withdraw_not_signal(s, 1, [a]) == 1
        assert await withdraw_not_signal(s, 1, []) == 0
    async with db_sessions() as s:
        # The correction stays (it is now the post's verdict); b and guild 2 are untouched.
        assert [f.verdict for f in await post_feedback(s, 1, a)] == [WRONG_DETAILS]
        assert [f.verdict for f in await post_feedback(s, 1, b)] == [NOT_SIGNAL]
        assert [f.verdict for f in await post_feedback(s, 2, a)] == [NOT_SIGNAL]
