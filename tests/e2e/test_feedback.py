"""Feedback end to end: ``labelwatch run`` posts an alert with its buttons, members click them
through the Discord double, then ``labelwatch feedback export`` and ``labelwatch train``
make the scorer change its mind about the post.

The post is a novelist's writing prompt that reads like a layoff: the scorer calls it a
signal, and the server's admin says it is not. Its subreddit is the config file's, so the
event is closed for that server only: another server that receives the same event keeps
getting its updates. The rejected event leaves that server's ``/events recent`` until
``/events restore`` brings it back, with the next report's edit.
"""

from __future__ import annotations

import asyncio
import json

from bot.cli import main
from bot.records import PostRecord
from bot.scoring import Scorer
from tests.doubles.discord import Guild, RecordedMessage
from tests.e2e.live import SIGNAL_BODY, SIGNAL_TITLE, SUBREDDIT, Stack, fields_of, live
from tests.e2e.test_event_alerts import edited, report, watch_story
from tests.e2e.test_guild_isolation import add_server, says
from tests.support.service import sqlite_rows, wait_until

TITLE = "Mercor laid off every annotator on the Kestrel queue, all of them, effective today"
BODY = "Writing prompt for my novel: the dystopian gig platform chapter. Thoughts on the pacing?"


def feedback_rows(stack: Stack) -> list[tuple[object, ...]]:
    return sqlite_rows(stack.db, "SELECT guild_id, user_id, verdict FROM feedback ORDER BY id")


def status(message: RecordedMessage) -> str:
    return fields_of(message.embeds[0])["Status"]


async def test_feedback_from_the_alert_retrains_the_scorer(stack: Stack) -> None:
    post = PostRecord(source_kind="reddit", external_id="t3_x", title=TITLE, body=BODY,
                      subreddit=SUBREDDIT)
    assert Scorer().score(post).is_signal
    async with live(stack) as service:
        await stack.route_to("alerts")
        fullname = stack.reddit.add_post(SUBREDDIT, TITLE, BODY)
        [alert] = await stack.wait_for_alerts("alerts", 1)
        no, fix = alert.custom_ids()
        assert no.startswith("lw:fb:no:e") and fix.startswith("lw:fb:fix:e")

        # A plain member: refused privately, nothing stored, the alert unchanged.
        refused = await stack.discord.press_button(alert, no).wait_response()
        assert refused.type == 4 and refused.ephemeral and "Manage Server" in str(refused.content)
        assert feedback_rows(stack) == [] and alert.edits == []

        # The admin: stored, the alert edited in the answer, the event closed for this server.
        clicked = stack.discord.press_button(alert, no, user_id=stack.admin_id)
        assert (await clicked.wait_response()).type == 7
        [note] = await clicked.wait_followups(1)
        assert "closed for this server" in str(note.content)
        assert feedback_rows(stack) == [(stack.guild.id, stack.admin_id, "not_signal")]
        assert fields_of(alert.embeds[0])["Feedback"].startswith(
            f"🚫 Marked not a signal by <@{stack.admin_id}>")
        assert len(alert.edits) == 1
        assert await service.stop() == 0

    exported, model = stack.tmp_path / "feedback.jsonl", stack.tmp_path / "model.json"
    config = str(stack.config())
    assert await asyncio.to_thread(main, ["--config", config, "feedback", "export",
                                          "--output", str(exported)]) == 0
    [line] = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == fullname and line["labels"]["is_signal"] is False
    assert (line["title"], line["body"], line["subreddit"]) == (TITLE, BODY, SUBREDDIT)
    assert await asyncio.to_thread(main, ["train", "--feedback", str(exported), "--output",
                                          str(model), "--folds", "0"]) == 0
    decision = Scorer(model_path=model).score(post)
    assert not decision.is_signal, decision.evidence


async def alerted_in_both(stack: Stack, other: Guild, other_admin: int,
                          ) -> tuple[RecordedMessage, RecordedMessage]:
    """Both servers route alerts to a channel; the story's first post reaches each once."""
    await stack.route_to("alerts")
    set_b = await says(stack, other, other_admin, "alerts set",
                       {"channel": other.channel_id("alerts")})
    assert set_b.content.startswith("Alerts will be posted"), set_b.content
    stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
    [mine] = await stack.wait_for_alerts("alerts", 1)
    [theirs] = await stack.discord.wait_for_messages(
        1, channel_id=other.channel_id("alerts"), timeout=30)
    await stack.wait_all_sent(2)
    return mine, theirs


async def test_a_shared_event_one_server_rejects_still_reaches_the_other(stack: Stack) -> None:
    watch_story(stack)
    other, other_admin = add_server(stack)
    async with live(stack) as service:
        mine, theirs = await alerted_in_both(stack, other, other_admin)
        no, _ = mine.custom_ids()
        clicked = stack.discord.press_button(mine, no, user_id=stack.admin_id)
        assert (await clicked.wait_response()).type == 7
        assert "Closed" not in status(mine)

        # A later report: the other server's message is edited; this one's is left alone.
        report(stack, 0)
        await stack.discord.wait_for(edited(theirs, 0), timeout=30)
        await wait_until(lambda: {r[3] for r in stack.outbox(None)} == {"sent"},
                         what="every message and edit sent")
        assert await service.stop() == 0

    assert stack.alert_messages("alerts") == [mine] and len(mine.edits) == 1
    assert "Feedback" in fields_of(mine.embeds[0])
    assert "Closed" not in status(theirs) and len(theirs.edits) == 1
    assert sqlite_rows(stack.db, "SELECT status FROM events") != [("closed",)]


def lists(message: RecordedMessage, ref: str) -> bool:
    """Whether an ``/events recent`` answer lists the event ``ref`` (``e17``)."""
    return f"**{ref}**" in json.dumps(message.embeds, ensure_ascii=False)


async def test_a_rejected_event_leaves_that_servers_list_and_restore_brings_it_back(
    stack: Stack,
) -> None:
    watch_story(stack)
    other, other_admin = add_server(stack)
    async with live(stack) as service:
        mine, theirs = await alerted_in_both(stack, other, other_admin)
        no, _ = mine.custom_ids()
        ref = no.rsplit(":", 1)[1]
        assert lists(await stack.admin_says("events recent"), ref)

        # This server marks it not a signal: gone from its list, still in the other's.
        clicked = stack.discord.press_button(mine, no, user_id=stack.admin_id)
        assert (await clicked.wait_response()).type == 7
        assert not lists(await stack.admin_says("events recent"), ref)
        assert lists(await says(stack, other, other_admin, "events recent"), ref)
        shown = await stack.admin_says("events show", {"event": ref})
        assert "This server marked it not a signal" in json.dumps(shown.embeds)
        report(stack, 0)
        await stack.discord.wait_for(edited(theirs, 0), timeout=30)
        await wait_until(lambda: {r[3] for r in stack.outbox(None)} == {"sent"},
                         what="every message and edit sent")
        assert len(mine.edits) == 1  # only the click's own edit

        # Undone: listed again, and the next report's edit reaches this server's message.
        restored = await stack.admin_says("events restore", {"event": ref})
        assert restored.content.startswith(f"{ref} is no longer marked not a signal")
        assert lists(await stack.admin_says("events recent"), ref)
        report(stack, 1)
        await stack.discord.wait_for(edited(mine, 1), timeout=30)
        await stack.discord.wait_for(edited(theirs, 1), timeout=30)
        assert await service.stop() == 0

    assert stack.alert_messages("alerts") == [mine]
    # The edit shows the event as it is now, as the other server's does (no rejection line).
    assert fields_of(mine.embeds[0]) == fields_of(theirs.embeds[0])
    assert fields_of(mine.embeds[0])["Reports"].startswith("3 posts")
