"""One story, one alert that grows: ``labelwatch run`` with the Reddit, feed and Discord doubles.

A pay cut is posted on Reddit, then reported by five outlets' feeds. The
channel gets one message, edited as each report arrives, and one reply when
the event becomes confirmed; an unrelated event at the same platform the
same day gets its own message. The same story reaches a webhook the same
way, and a service killed between a report and its edit makes that edit,
once, after it is started again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime

from tests.doubles.discord import RecordedMessage
from tests.e2e.live import SIGNAL_BODY, SIGNAL_TITLE, SUBREDDIT, Stack, fields_of, live
from tests.support.service import Service, wait_until

STORY = [  # (feed, title, link): five outlets, each in its own words
    ("techwire", "Outlier slashes generalist pay from $25 to $16 an hour",
     "https://www.techwire.example/2026/outlier-pay"),
    ("businessdaily", "Scale AI's Outlier cuts contractor rates to $16/hr, down from $25",
     "https://www.businessdaily.example/outlier-rates"),
    ("aiworld", "Outlier AI lowers generalist rates from $25/hr to $16/hr",
     "https://www.aiworld.example/news/outlier"),
    ("laborbeat", "Outlier cuts pay for generalist annotators to $16 an hour from $25",
     "https://www.laborbeat.example/outlier-cut"),
    ("gignews", "Contractors at Outlier see generalist rates cut from $25 to $16 an hour",
     "https://www.gignews.example/outlier"),
]
UNRELATED = "Outlier paused the Genesis project for all contributors, queue empty"
LIVE_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


def watch_story(stack: Stack) -> None:
    for name, _, _ in STORY:
        stack.feeds.feed(name, title=name.capitalize())
        stack.feed_sources[name] = "outlier"


def report(stack: Stack, n: int) -> None:
    """Outlet ``n`` (0-4) publishes its item about the pay cut."""
    name, title, link = STORY[n]
    stack.feeds.feed(name).add(title, link=link, guid=f"{name}-1",
                               summary="Generalist contributors received an email.",
                               published=datetime.now(UTC).replace(microsecond=0))


def edited(message: RecordedMessage, times: int) -> Callable[[], bool]:
    """A condition to wait for: ``message`` has had more than ``times`` edits."""
    return lambda: len(message.edits) > times


def fields(message: RecordedMessage) -> dict[str, str]:
    [embed] = message.embeds
    return fields_of(embed)


def no_live_mentions(message: RecordedMessage) -> bool:
    return not LIVE_MENTION.search(json.dumps(message.message["embeds"], ensure_ascii=False)
                                   + message.content.replace(f"<@&{0}>", ""))


async def test_one_story_is_one_message_edited_as_reports_arrive_with_one_reply(
    stack: Stack,
) -> None:
    watch_story(stack)
    async with live(stack) as service:
        await stack.route_to("alerts")
        fullname = stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        [message] = await stack.wait_for_alerts("alerts", 1)
        statuses = [fields(message)["Status"]]
        for n in range(len(STORY)):
            report(stack, n)
            await stack.discord.wait_for(edited(message, n), timeout=30)
            statuses.append(fields(message)["Status"])
        genesis = stack.reddit.add_post(SUBREDDIT, UNRELATED, "No tasks since this morning.")
        await stack.wait_for_alerts("alerts", 3)
        await wait_until(lambda: {r[3] for r in stack.outbox(None)} == {"sent"},
                         what="every message, edit and reply sent")
        assert await service.stop() == 0

    first, reply, other = stack.alert_messages("alerts")
    assert first is message and len(message.edits) == len(STORY)
    assert statuses == ["🟡 Reported", "🟠 Corroborated", "✅ Confirmed", "✅ Confirmed",
                        "✅ Confirmed", "✅ Confirmed"]
    final = fields(message)
    assert final["Reports"] == "6 posts · 6 sources · 6 authors"
    assert final["Figures"].startswith("$25/hr → $16/hr")
    assert final["Sources"].count("](") == 5
    assert fullname[3:] in message.embeds[0]["url"]
    assert message.embeds[0]["footer"]["text"].startswith("labelwatch · event e1")
    assert all(e["allowed_mentions"] == {"parse": []} for e in message.edits)
    assert reply.replies_to == message.id
    assert reply.content.startswith("✅ **Confirmed** · e1 · Outlier:")
    assert reply.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert other.embeds[0]["title"] == "▼ Projects paused: Outlier"
    assert genesis[3:] in other.embeds[0]["url"] and other.edits == []
    assert all(no_live_mentions(m) for m in (message, reply, other))


async def test_the_same_story_through_a_webhook(stack: Stack) -> None:
    watch_story(stack)
    hook = stack.discord.create_webhook(stack.channel("alerts"))
    stack.webhooks.append(hook.url)
    env = {k: v for k, v in stack.env().items() if k != "DISCORD_TOKEN"}
    service = await Service(stack.config(), env, stack.tmp_path / "hook.log").start("run")
    try:
        stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        [message] = await stack.discord.wait_for_messages(1, source="webhook", timeout=30)
        for n in range(len(STORY)):
            report(stack, n)
            await stack.discord.wait_for(edited(message, n), timeout=30)
        await stack.discord.wait_for_messages(2, source="webhook", timeout=30)
        await wait_until(lambda: {r[3] for r in stack.outbox(None)} == {"sent"},
                         what="every message, edit and reply sent")
        assert await service.stop() == 0
    finally:
        if service.running:
            await service.kill()
    first, reply = stack.discord.webhook_messages(hook.id)
    assert first is message and len(message.edits) == len(STORY)
    assert fields(message)["Status"] == "✅ Confirmed"
    assert fields(message)["Reports"] == "6 posts · 6 sources · 6 authors"
    edits = [r for r in stack.discord.requests if r.method == "PATCH"]
    assert [r.path for r in edits] == [f"/webhooks/{hook.id}/{hook.token}/messages/"
                                       f"{message.id}"] * len(STORY)
    assert reply.content.startswith("✅ **Confirmed** · e1 · Outlier:")
    assert reply.payload["allowed_mentions"] == {"parse": []}
    assert hook.token not in service.output()


async def test_killed_between_a_report_and_its_edit_the_edit_arrives_once(
    stack: Stack,
) -> None:
    watch_story(stack)
    async with live(stack) as first:
        await stack.route_to("alerts")
        stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        [message] = await stack.wait_for_alerts("alerts", 1)
        await stack.wait_all_sent(1)
        stack.discord.set_down(True)
        report(stack, 0)
        # The report is stored and its edit queued, but Discord has not taken it.
        await wait_until(lambda: any(r[3] == "pending" and r[4] >= 1
                                     for r in stack.outbox("edit")),
                         within=30, what="the edit queued and tried while Discord is down")
        await first.kill()
    assert first.returncode == -9 and message.edits == []
    stack.discord.set_down(False)
    async with live(stack) as second:
        await stack.discord.wait_for(lambda: len(message.edits) == 1, timeout=30)
        await wait_until(lambda: [r[3] for r in stack.outbox(None)] == ["sent", "sent"],
                         what="the message and its edit sent")
        assert await second.stop() == 0
    assert len(message.edits) == 1
    assert fields(message)["Reports"] == "2 posts · 2 sources · 2 authors"
    assert stack.alert_messages("alerts") == [message]
    patches = [r for r in stack.discord.requests if r.method == "PATCH" and r.status == 200]
    assert len(patches) == 1
