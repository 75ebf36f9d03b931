"""Feedback end to end: ``labelwatch run`` posts an alert with its buttons, members click them
through the Discord double, then ``labelwatch feedback export`` and ``labelwatch train``
make the scorer change its mind about the post.

The post is a novelist's writing prompt that reads like a layoff: the scorer calls it a
signal, and the server's admin says it is not.
"""

from __future__ import annotations

import asyncio
import json

from bot.cli import main
from bot.records import PostRecord
from bot.scoring import Scorer
from tests.doubles.discord import RecordedMessage
from tests.e2e.live import SUBREDDIT, Stack, fields_of, live
from tests.support.service import sqlite_rows

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
        await stack.route_to("alerts", "pay-news")
        fullname = stack.reddit.add_post(SUBREDDIT, TITLE, BODY)
        [alert] = await stack.wait_for_alerts("alerts", 1)
        [elsewhere] = await stack.wait_for_alerts("pay-news", 1)
        no, fix = alert.custom_ids()
        assert no.startswith("lw:fb:no:e") and fix.startswith("lw:fb:fix:e")

        # A plain member: refused privately, nothing stored, the alert unchanged.
        refused = await stack.discord.press_button(alert, no).wait_response()
        assert refused.type == 4 and refused.ephemeral and "Manage Server" in str(refused.content)
        assert feedback_rows(stack) == [] and alert.edits == []

        # The admin: stored, the alert edited in the answer, the event closed, and the
        # other channel's message of the event edited by the service to show it.
        clicked = stack.discord.press_button(alert, no, user_id=stack.admin_id)
        assert (await clicked.wait_response()).type == 7
        assert feedback_rows(stack) == [(stack.guild.id, stack.admin_id, "not_signal")]
        assert fields_of(alert.embeds[0])["Feedback"].startswith(
            f"🚫 Marked not a signal by <@{stack.admin_id}>")
        assert "Closed" in status(alert)
        await stack.discord.wait_for(lambda: "Closed" in status(elsewhere) or None, timeout=30)
        assert len(alert.edits) == 1  # the service did not edit the clicked message again
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
