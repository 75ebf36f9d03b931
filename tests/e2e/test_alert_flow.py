"""A server admin sets up alerts with a slash command; a pay cut on Reddit reaches the channel."""

from __future__ import annotations

import json

from tests.doubles.discord import DiscordDouble
from tests.e2e.live import (
    ORDINARY_TITLE,
    SIGNAL_BODY,
    SIGNAL_TITLE,
    SUBREDDIT,
    Stack,
    embed_text,
    fields_of,
    live,
    post_id_of,
)
from tests.support.service import sqlite_rows, wait_until


def scored(stack: Stack) -> list[tuple[str, bool, float]]:
    return sqlite_rows(stack.db, "SELECT title, is_signal, score FROM posts "
                                 "WHERE scored_at IS NOT NULL ORDER BY id")


async def test_slash_command_setup_then_one_safe_alert_per_event(stack: Stack) -> None:
    discord: DiscordDouble = stack.discord
    async with live(stack) as service:
        confirmation = await stack.admin_says("alerts set", {"channel": stack.channel("alerts")})
        assert confirmation.ephemeral
        assert confirmation.content == f"Alerts will be posted in <#{stack.channel('alerts')}>."
        [saved] = confirmation.embeds
        assert saved["title"] == "Alert route saved"
        assert "every signal · all platforms" in saved["fields"][0]["value"]
        assert sqlite_rows(stack.db, "SELECT guild_id, sink_kind, sink_id, enabled "
                                     "FROM alert_routes") == [
            (stack.guild.id, "channel", str(stack.channel("alerts")), 1)]

        stack.reddit.add_post(SUBREDDIT, ORDINARY_TITLE, "I keep failing it. Any advice?")
        fullname = stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        [message] = await stack.wait_for_alerts("alerts", 1)
        await wait_until(lambda: len(scored(stack)) == 2, what="both posts scored")
        await stack.wait_all_sent(1)
        assert await service.stop() == 0

    (ordinary, ordinary_signal, _), (signal, is_signal, score) = scored(stack)
    assert (ordinary, ordinary_signal) == (ORDINARY_TITLE, False)
    assert (signal, is_signal) == (SIGNAL_TITLE, True)
    # Only the signal reached Discord, in the subscribed channel and nowhere else.
    assert discord.sent_messages() == [message]
    assert ORDINARY_TITLE not in embed_text(message)
    assert post_id_of(message) == fullname.removeprefix("t3_")

    payload = message.payload
    assert payload["allowed_mentions"] == {"parse": []}
    assert "content" not in payload
    [embed] = payload["embeds"]
    fields = fields_of(embed)
    assert embed["title"] == "▼ Pay cut: Outlier"
    assert embed["description"] == f"**{SIGNAL_TITLE}**"
    assert fields["Status"] == "🟡 Reported"
    assert fields["Platforms"] == "Outlier"
    assert fields["Event"] == "Pay cut"
    assert fields["Tier"] == "Generalists"
    assert fields["Direction"] == "▼ Contraction"
    assert fields["Score"] == f"{score:.0f}/100"
    assert fields["Reports"] == "1 post · 1 source · 1 author"
    assert fields["Figures"].startswith("$25/hr → $16/hr (-36%)")
    assert embed["url"].startswith(
        f"{stack.reddit.url}/r/{SUBREDDIT}/comments/{fullname.removeprefix('t3_')}/")
    assert embed["url"] in fields["Sources"]
    assert embed["footer"]["text"] == "labelwatch · event e1 · updated as reports arrive"
    # The post's own mentions (in its body) reach Discord nowhere, live or not.
    text = embed_text(message)
    assert "@everyone" not in text and "<@&4242>" not in text
    assert discord.registered_commands(None) == []


async def test_ping_role_is_the_only_mention_allowed(stack: Stack) -> None:
    async with live(stack):
        await stack.route_to("alerts", ping_role="pinged")
        stack.reddit.add_post(SUBREDDIT, SIGNAL_TITLE, SIGNAL_BODY)
        [message] = await stack.wait_for_alerts("alerts", 1)
    role = stack.role("pinged")
    assert message.payload["allowed_mentions"] == {"parse": [], "roles": [role]}
    assert message.payload["content"] == f"<@&{role}>"
    text = json.dumps(message.payload["embeds"], ensure_ascii=False)
    assert "<@&4242>" not in text and "@everyone" not in text
