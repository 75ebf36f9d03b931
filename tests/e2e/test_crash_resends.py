"""A service killed between Discord creating a message and the outbox marking it sent.

The kill comes from the Discord double itself, the instant a channel message
is created and before the request is answered: the worst moment, when the
message exists but the service never heard so. Started again, the service
sends that alert again with the same nonce, and Discord (the double enforces
nonces as Discord does) returns the message it already has.
"""

from __future__ import annotations

import signal
from collections import Counter

from tests.doubles.discord import RecordedMessage
from tests.e2e.live import SUBREDDIT, Stack, live, post_ids, signal_title
from tests.support.service import Service, wait_until

BODY = "Confirmed by many people in the community."
BURST = 8
KILL_AT = (1, 3, 5, 7)
"""Which created messages (counting from 1) kill the service that sent them."""


async def test_repeated_kills_during_a_burst_send_no_channel_alert_twice(stack: Stack) -> None:
    services: list[Service] = []
    created = 0

    def kill_now(message: RecordedMessage) -> None:
        nonlocal created
        if message.source != "channel" or message.channel_id != stack.channel("alerts"):
            return
        created += 1
        current = services[-1]
        if created in KILL_AT and current.running and current.proc is not None:
            current.proc.send_signal(signal.SIGKILL)

    async with live(stack) as first:
        await stack.route_to("alerts")
        services.append(first)
        stack.discord.on_message_created(kill_now)
        published = [stack.reddit.add_post(SUBREDDIT, signal_title(n), BODY)[3:]
                     for n in range(BURST)]
        await wait_until(lambda: not first.running, within=60, what="the first kill")
    for restart in range(len(KILL_AT)):
        service = Service(first.config, stack.env(), stack.tmp_path / f"restart-{restart}.log")
        services.append(service)
        await service.start("run")
        try:
            last = restart == len(KILL_AT) - 1

            def settled(service: Service = service, last: bool = last) -> bool:
                return not service.running or (
                    last and len(stack.alert_messages("alerts")) == BURST
                    and [r[3] for r in stack.outbox()] == ["sent"] * BURST)

            await wait_until(settled, within=60,
                             what=f"restart {restart} killed, or every alert sent")
            if last:
                assert await service.stop() == 0
        finally:
            if service.running:
                await service.kill()
    assert [s.returncode for s in services] == [-9] * len(KILL_AT) + [0]
    delivered = post_ids(stack.alert_messages("alerts"))
    assert sorted(delivered) == sorted(published), Counter(delivered)
    assert [p for p, n in Counter(delivered).items() if n > 1] == []
    # Each killed send was asked for again and answered with the message it had made.
    creates = [r for r in stack.discord.requests
               if r.method == "POST" and r.path == f"/channels/{stack.channel('alerts')}/messages"]
    assert len(creates) >= BURST + len(KILL_AT)
