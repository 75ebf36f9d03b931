from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import WebhookSettings
from storage.queries.alerts import disable_route, set_channel_route, sync_config_routes
from storage.queries.guilds import add_guild_source
from storage.queries.outbox import (
    claim_due,
    enqueue_alerts,
    mark_dead,
    mark_retry,
    mark_sent,
    next_due,
    outbox_items,
)
from storage.queries.scores import save_score
from tests.storage.signal_data import T0, Decision, Magnitude, add_post

Sessions = async_sessionmaker[AsyncSession]
HOOK = "https://discord.com/api/webhooks/1/tok"


async def test_enqueue_applies_route_filters(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        every = await set_channel_route(s, 1, 10)
        high = await set_channel_route(s, 1, 11, min_score=90)
        mercor = await set_channel_route(s, 1, 12, platforms=["mercor"])
        raises = await set_channel_route(s, 1, 13, event_types=["pay_raise"])
        experts = await set_channel_route(s, 1, 14, tiers=["expert"])
        pid = await add_post(s, "t3_a", decision=Decision(
            score=85, platforms=("outlier", "mercor"), tier="generalist"))
        noise = await add_post(s, "t3_b", decision=Decision(is_signal=False, score=20))
        assert await enqueue_alerts(s, pid) == 2
        assert await enqueue_alerts(s, noise) == 0
        assert await enqueue_alerts(s, pid) == 0
    async with db_sessions() as s:
        items = await outbox_items(s)
    assert sorted(i.route_id for i in items) == [every.id, mercor.id]
    assert {high.id, raises.id, experts.id}.isdisjoint(i.route_id for i in items)


async def test_rescoring_never_duplicates_and_noise_drops_pending(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        await set_channel_route(s, 1, 10)
        pid = await add_post(s, "t3_a", decision=Decision())
        assert await enqueue_alerts(s, pid) == 1
    async with db_sessions.begin() as s:
        await save_score(s, pid, Decision(score=95), "test-2")
        assert await enqueue_alerts(s, pid) == 0
    async with db_sessions.begin() as s:
        await save_score(s, pid, Decision(is_signal=False, event_type="none", score=5), "test-3")
        assert await enqueue_alerts(s, pid) == 0
    async with db_sessions() as s:
        [item] = await outbox_items(s)
    assert item.status == "dead"
    assert item.last_error == "re-scored as not a signal"


async def test_channel_routes_only_get_platforms_their_guild_watches(
    db_sessions: Sessions,
) -> None:
    async with db_sessions.begin() as s:
        g1 = await set_channel_route(s, 1, 10)
        g2 = await set_channel_route(s, 2, 20)
        await sync_config_routes(s, [WebhookSettings(HOOK)], console=False)
        await add_guild_source(s, 1, "reddit", "appen", "appen")
        appen = await add_post(s, "t3_ap", decision=Decision(platforms=("appen",)))
        outlier = await add_post(s, "t3_ou", decision=Decision(platforms=("outlier",)))
        assert await enqueue_alerts(s, appen, global_platforms={"outlier"}) == 2
        assert await enqueue_alerts(s, outlier, global_platforms={"outlier"}) == 3
        everything = await add_post(s, "t3_ev", decision=Decision(platforms=("toloka",)))
        assert await enqueue_alerts(s, everything) == 3
    async with db_sessions() as s:
        appen_routes = {i.route_id for i in await outbox_items(s, post_id=appen)}
    assert g1.id in appen_routes and g2.id not in appen_routes


async def _three_routes(s: AsyncSession) -> tuple[int, int, list[int]]:
    r1 = await set_channel_route(s, 1, 10)
    r2 = await set_channel_route(s, 1, 11)
    posts = []
    for i in range(3):
        pid = await add_post(
            s, f"t3_p{i}", title=f"post {i}", body="x" * 5000, url=f"https://x/{i}",
            created=T0 + timedelta(minutes=i),
            decision=Decision(magnitude=Magnitude(pay_before=40, pay_after=26, pay_unit="hr",
                                                  currency="USD", percent=-35)),
        )
        await enqueue_alerts(s, pid, now=T0)
        posts.append(pid)
    return r1.id, r2.id, posts


async def test_claim_due_orders_by_route_then_id_with_post_fields(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        r1, r2, posts = await _three_routes(s)
    async with db_sessions() as s:
        items = await claim_due(s, T0, 50)
        capped = await claim_due(s, T0, 50, per_route=1)
        console_only = await claim_due(s, T0, 50, kinds=["console"])
        early = await claim_due(s, T0 - timedelta(seconds=1), 50)
    assert [(i.route.route_id, i.post.id) for i in items] == (
        [(r1, p) for p in posts] + [(r2, p) for p in posts]
    )
    for route in (r1, r2):
        ids = [i.id for i in items if i.route.route_id == route]
        assert ids == sorted(ids)
    first = items[0]
    assert (first.route.kind, first.route.sink_id, first.route.guild_id) == ("channel", "10", 1)
    assert first.post.title == "post 0" and first.post.url == "https://x/0"
    assert 0 < len(first.post.body) < 5000
    assert first.post.platforms == ("outlier",) and first.post.event_type == "pay_cut"
    assert first.post.magnitude is not None and first.post.magnitude["pay_after"] == 26
    assert first.post.evidence == ("rates dropped from $40/hr to $26/hr",)
    assert [(i.route.route_id, i.post.id) for i in capped] == [(r1, posts[0]), (r2, posts[0])]
    assert console_only == [] and early == []


async def test_backing_off_item_holds_back_its_route_only(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        r1, r2, _ = await _three_routes(s)
        items = await claim_due(s, T0, 50)
        head = items[0]
        assert await mark_retry(s, head.id, "503", T0 + timedelta(seconds=30))
    async with db_sessions() as s:
        now_items = await claim_due(s, T0 + timedelta(seconds=1), 50)
        later = await claim_due(s, T0 + timedelta(seconds=30), 50)
        due = await next_due(s)
    assert {i.route.route_id for i in now_items} == {r2}
    async with db_sessions.begin() as s:
        for i in now_items:
            await mark_sent(s, i.id, None, T0)
    async with db_sessions() as s:
        # r1's later items became due at T0, but they wait for the head of their route.
        assert await next_due(s) == T0 + timedelta(seconds=30)
        assert await next_due(s, kinds=["webhook"]) is None
    assert [i.id for i in later if i.route.route_id == r1] == [i.id for i in items[:3]]
    assert later[0].attempts == 1
    assert due == T0


async def test_marks_only_apply_to_pending_items(db_sessions: Sessions) -> None:
    async with db_sessions.begin() as s:
        r1, _, _ = await _three_routes(s)
        a, b, c = (await claim_due(s, T0, 3))
        assert await mark_sent(s, a.id, "999", T0)
        assert not await mark_sent(s, a.id, "1000", T0)
        assert not await mark_retry(s, a.id, "late", T0)
        assert await mark_dead(s, b.id, "400 bad embed")
        assert not await mark_dead(s, b.id, "again")
        await disable_route(s, r1, "Unknown Channel")
    async with db_sessions() as s:
        items = {i.id: i for i in await outbox_items(s, route_id=r1)}
        claimed = await claim_due(s, T0, 50)
    assert (items[a.id].status, items[a.id].message_id, items[a.id].attempts) == ("sent", "999", 1)
    assert items[a.id].sent_at == T0
    assert (items[b.id].status, items[b.id].last_error) == ("dead", "400 bad embed")
    assert items[c.id].status == "dead" and "Unknown Channel" in (items[c.id].last_error or "")
    assert all(i.route.route_id != r1 for i in claimed)
