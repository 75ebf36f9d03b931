"""Alert delivery when Discord misbehaves, or the service dies, with everything real.

Each test sets a route with ``/alerts set``, then makes signals arrive on
the Reddit double while the Discord double fails in one way, and checks
what reached the channels: every alert, in order, never twice.
"""

from __future__ import annotations

from collections import Counter

from tests.e2e.live import SUBREDDIT, Stack, fields_of, live, post_ids, signal_title
from tests.support.service import wait_until

BODY = "Confirmed by many people in the community."


def publish(stack: Stack, numbers: range) -> list[str]:
    """Signal posts, oldest first; returns their Reddit ids (without ``t3_``)."""
    return [stack.reddit.add_post(SUBREDDIT, signal_title(n), BODY)[3:] for n in numbers]


def failed_while_down(stack: Stack, count: int) -> bool:
    """``count`` alerts queued, all unsent, and at least one send already failed."""
    rows = stack.outbox()
    return (len(rows) == count and all(r[3] == "pending" for r in rows)
            and any(r[4] >= 1 for r in rows))


def no_repeats(ids: list[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


async def test_outage_then_recovery_delivers_each_alert_once(stack: Stack) -> None:
    async with live(stack) as service:
        await stack.route_to("alerts")
        stack.discord.set_down(True)
        published = publish(stack, range(3))
        await wait_until(lambda: failed_while_down(stack, 3), within=20,
                         what="alerts queued and a send failed during the outage")
        assert stack.alert_messages("alerts") == []
        stack.discord.set_down(False)
        await stack.wait_for_alerts("alerts", 3)
        await stack.wait_all_sent(3)
        # The gateway comes back too: commands answer again after the outage.
        await stack.discord.wait_connected(timeout=30)
        show = await stack.admin_says("alerts show")
        assert await service.stop() == 0
    delivered = post_ids(stack.alert_messages("alerts"))
    assert delivered == published
    assert "retrying alert 1 to guild" in service.output()
    assert show.embeds[0]["fields"][0]["value"].endswith("✅ active · 0 pending · 3 sent")


async def test_killed_with_alerts_queued_then_restarted_delivers_each_once(stack: Stack) -> None:
    async with live(stack) as first:
        await stack.route_to("alerts")
        stack.discord.set_down(True)
        published = publish(stack, range(3))
        # Written with their posts, not yet sent: the moment a crash must not lose them.
        await wait_until(lambda: failed_while_down(stack, 3), within=20,
                         what="alerts queued and unsent")
        await first.kill()
    assert first.returncode == -9
    stack.discord.set_down(False)
    async with live(stack) as second:
        await stack.wait_for_alerts("alerts", 3)
        await stack.wait_all_sent(3)
        assert await second.stop() == 0
    delivered = post_ids(stack.alert_messages("alerts"))
    assert delivered == published
    assert sorted(stack.stored()) == sorted(f"t3_{p}" for p in published)
    assert len(stack.outbox()) == 3


async def test_rate_limit_storm_delivers_everything_in_order_once(stack: Stack) -> None:
    storm = 14
    async with live(stack) as service:
        await stack.route_to("alerts", "pay-news")
        stack.discord.rate_limit_next(storm, retry_after=0.05, path="/channels/*/messages")
        published = publish(stack, range(3))
        await wait_until(lambda: len(stack.outbox()) == 6, what="the first alerts queued")
        published += publish(stack, range(3, 6))  # more signals while the storm goes on
        for channel in ("alerts", "pay-news"):
            await stack.wait_for_alerts(channel, 6, timeout=45)
        await stack.wait_all_sent(12, within=45)
        assert await service.stop() == 0
    limited = [r for r in stack.discord.requests if r.fault == "rate_limited"]
    assert len(limited) == storm
    assert all(r.method == "POST" and r.path.endswith("/messages") for r in limited)
    for channel in ("alerts", "pay-news"):
        delivered = post_ids(stack.alert_messages(channel))
        assert no_repeats(delivered) == [], channel
        assert delivered == published, channel


async def test_lost_channels_are_disabled_and_the_others_keep_their_alerts(
    stack: Stack,
) -> None:
    alerts, deleted = stack.channel("alerts"), stack.channel("pay-news")
    forbidden = stack.discord.add_channel(stack.guild.id, "mods").id
    async with live(stack) as service:
        await stack.route_to("alerts", "pay-news", "mods")
        stack.discord.delete_channel(deleted)
        stack.discord.forbid_channel(forbidden)
        first = publish(stack, range(2))
        await stack.wait_for_alerts("alerts", 2)
        await wait_until(lambda: [r[3] for r in stack.outbox()].count("dead") == 4,
                         what="the alerts for the lost channels given up")
        later = publish(stack, range(2, 3))
        await stack.wait_for_alerts("alerts", 3)
        await wait_until(lambda: [r[3] for r in stack.outbox()].count("sent") == 3,
                         what="the later alert sent")
        show = await stack.admin_says("alerts show")
        tries = {lost: [r.status for r in stack.discord.requests
                        if r.method == "POST" and r.path == f"/channels/{lost}/messages"]
                 for lost in (deleted, forbidden)}
        outbox = stack.outbox()
        # Permission given back and the route set again: that channel gets alerts again.
        stack.discord.allow_channel(forbidden)
        await stack.route_to("mods")
        again = publish(stack, range(3, 4))
        [back] = await stack.discord.wait_for_messages(1, channel_id=forbidden, timeout=30)
        await stack.wait_for_alerts("alerts", 4)
        assert await service.stop() == 0

    assert post_ids(stack.alert_messages("alerts")) == first + later + again
    # Only the new alert: the ones given up while it was forbidden stay given up.
    assert stack.discord.sent_messages(forbidden) == [back]
    assert post_ids([back]) == again
    for lost, status, reason in ((deleted, 404, "HTTP 404: Unknown Channel (code 10003)"),
                                 (forbidden, 403, "HTTP 403: Missing Permissions (code 50013)")):
        # One refusal disables the route: no retry, and the later signal is not even queued.
        assert tries[lost] == [status], lost
        rows = [r for r in outbox if r[2] == str(lost)]
        assert [(r[3], r[4]) for r in rows] == [("dead", 1), ("dead", 0)], lost
        assert rows[0][5] == reason
        assert rows[1][5] == f"route disabled: {reason}"
        assert (f"disabled alert route guild {stack.guild.id} channel {lost}: {reason} "
                f"(1 queued alerts dropped)") in service.output()

    fields = fields_of(show.embeds[0])
    assert fields["Route 1"].startswith(f"<#{alerts}>")
    assert fields["Route 1"].endswith("✅ active · 0 pending · 3 sent")
    assert fields["Route 2"].startswith(f"<#{deleted}>")
    assert fields["Route 2"].endswith(
        "⛔ disabled: HTTP 404: Unknown Channel (code 10003) · 2 failed")
    assert fields["Route 3"].endswith(
        "⛔ disabled: HTTP 403: Missing Permissions (code 50013) · 2 failed")
