"""Leased claims: two instances never hold the same row, a route stays with one instance in
id order, an expired lease is taken over, and the poller lease has one holder at a time."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.queries.alerts import set_channel_route
from storage.queries.leases import drop_lease, lease_holder, take_lease
from storage.queries.outbox import claim_due, mark_sent, next_due
from storage.queries.outbox_claims import release, renew
from tests.storage.event_data import alert_event
from tests.storage.signal_data import T0

Sessions = async_sessionmaker[AsyncSession]
LEASE = timedelta(seconds=30)


async def _queue(sessions: Sessions, routes: int, per_route: int) -> None:
    async with sessions.begin() as s:
        for channel in range(routes):
            await set_channel_route(s, 1, 100 + channel)
        for n in range(per_route):
            await alert_event(s, f"t3_l{n}", created=T0 + timedelta(minutes=n), now=T0)


async def test_two_owners_claim_disjoint_routes_in_order(db_sessions: Sessions) -> None:
    await _queue(db_sessions, routes=2, per_route=3)
    async with db_sessions.begin() as s:
        a = await claim_due(s, T0, 50, per_route=10, owner="a", lease=LEASE)
    async with db_sessions.begin() as s:
        b = await claim_due(s, T0, 50, per_route=10, owner="b", lease=LEASE)
    assert len(a) == 6 and b == []
    async with db_sessions.begin() as s:
        # "a" sent route one's first alert and let the rest go: "b" may take them, in order.
        first = a[0]
        assert await mark_sent(s, first.id, "1", T0, revision=1)
        assert await release(s, "a") == 5
    async with db_sessions.begin() as s:
        b = await claim_due(s, T0, 50, per_route=10, owner="b", lease=LEASE)
    assert [i.id for i in b] == [i.id for i in a[1:]]


async def test_a_route_waits_behind_a_live_lease_and_is_taken_over_after_it(
    db_sessions: Sessions,
) -> None:
    await _queue(db_sessions, routes=1, per_route=3)
    async with db_sessions.begin() as s:
        [held] = await claim_due(s, T0, 50, per_route=1, owner="a", lease=LEASE)
    async with db_sessions.begin() as s:
        # The rows behind "a"'s lease wait for it: the route's order holds.
        assert await claim_due(s, T0, 50, owner="b", lease=LEASE) == []
        assert await next_due(s, owner="b") == T0 + LEASE
        assert await next_due(s, owner="a") == T0
    later = T0 + LEASE + timedelta(seconds=1)
    async with db_sessions.begin() as s:
        taken = await claim_due(s, later, 50, owner="b", lease=LEASE)
    assert taken[0].id == held.id and len(taken) == 3
    async with db_sessions.begin() as s:
        # "a" comes back from its stall: the row is no longer its own to send.
        assert await renew(s, [held.id], "a", later + LEASE) == set()
        assert await renew(s, [held.id], "b", later + LEASE) == {held.id}


async def test_concurrent_claims_never_share_a_row(db_sessions: Sessions) -> None:
    await _queue(db_sessions, routes=6, per_route=4)

    async def claim(owner: str) -> list[int]:
        async with db_sessions.begin() as s:
            return [i.id for i in await claim_due(s, T0, 50, owner=owner, lease=LEASE)]

    claims = await asyncio.gather(*(claim(f"o{n}") for n in range(4)))
    every = [i for ids in claims for i in ids]
    assert len(every) == len(set(every)) == 24


async def test_the_poller_lease_has_one_holder_and_passes_on_when_it_expires(
    db_sessions: Sessions,
) -> None:
    ttl = timedelta(seconds=20)
    async with db_sessions.begin() as s:
        assert await take_lease(s, "poller", "a", T0, ttl)
        assert not await take_lease(s, "poller", "b", T0, ttl)
        assert await take_lease(s, "poller", "a", T0 + timedelta(seconds=5), ttl)  # renewed
        assert not await take_lease(s, "poller", "b", T0 + timedelta(seconds=24), ttl)
        assert await take_lease(s, "poller", "b", T0 + timedelta(seconds=26), ttl)
        assert await lease_holder(s, "poller", T0 + timedelta(seconds=26)) == "b"
        assert not await take_lease(s, "poller", "a", T0 + timedelta(seconds=27), ttl)
        assert await take_lease(s, "poller", "a", T0 + timedelta(seconds=27), ttl, force=True)
        await drop_lease(s, "poller", "a")
        assert await take_lease(s, "poller", "b", T0 + timedelta(seconds=28), ttl)
