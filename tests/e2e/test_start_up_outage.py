"""The service started while Discord is unreachable: it must keep working and catch up.

``labelwatch run`` is the service that "polls, scores, stores and alerts
until stopped". Discord being down when it starts (a deploy or a reboot
during an incident) is the same outage it survives when it strikes later:
the posts must still be polled and their alerts queued, and once Discord
answers again the bot must log in and deliver them.
"""

from __future__ import annotations

from tests.e2e.live import READY_LINE, SUBREDDIT, Stack, live, post_ids, signal_title
from tests.support.service import Service, wait_until


def queued_while_alive(stack: Stack, service: Service, count: int) -> bool:
    if not service.running:
        raise AssertionError(f"the service exited ({service.returncode}) while Discord was "
                             f"down:\n{service.output()[-3000:]}")
    return len(stack.outbox()) == count


async def test_discord_down_at_start_up_delays_alerts_but_loses_none(stack: Stack) -> None:
    async with live(stack) as first:
        await stack.route_to("alerts")
        assert await first.stop() == 0
    stack.discord.set_down(True)
    service = Service(stack.config(), stack.env(), stack.tmp_path / "run-outage.log")
    await service.start("run")
    try:
        published = [stack.reddit.add_post(SUBREDDIT, signal_title(n), "Confirmed.")[3:]
                     for n in range(2)]
        await wait_until(lambda: queued_while_alive(stack, service, 2), within=20,
                         what="alerts queued while Discord is down")
        stack.discord.set_down(False)
        await service.wait_for_output(READY_LINE, within=60)
        await stack.wait_for_alerts("alerts", 2, timeout=60)
        await stack.wait_all_sent(2)
        assert await service.stop() == 0
    finally:
        if service.running:
            await service.kill()
    assert post_ids(stack.alert_messages("alerts")) == published
    assert "Traceback" not in service.output()
