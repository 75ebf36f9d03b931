"""/events recent and /events show through the Discord double."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from storage.types import utcnow
from tests.cogs.conftest import Server
from tests.cogs.harness import answer
from tests.doubles.discord import DiscordDouble
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import Decision, add_post

PLATFORMS = ("outlier", "mercor", "appen", "toloka", "turing", "micro1", "prolific")


async def _seed(services: Services, server_b: Server) -> dict[str, int]:
    """Seven public events (one confirmed, with seven reports) and one of server B's own."""
    now = utcnow()
    ids: dict[str, int] = {}
    async with services.sessions.begin() as s:
        n = 0

        def post(hours_ago: float, title: str = "report") -> Any:
            nonlocal n
            n += 1
            return add_post(s, f"t3_ev{n}", title=f"{title} {n}", decision=Decision(),
                            url=f"https://www.reddit.com/r/x/comments/ev{n}/a/",
                            created=now - timedelta(hours=hours_ago))

        for i, platform in enumerate(PLATFORMS):
            opened = await open_event(s, await post(10 + i), platforms=(platform,),
                                      title=f"{platform} cut rates")
            ids[platform] = opened.event_id
        for k in range(6):
            await join_event(s, ids["outlier"], await post(9 - k), source_key=f"outlet{k}",
                             reason=f"same pay figures as report {k}",
                             status="confirmed" if k == 5 else "corroborated")
        private = await open_event(s, await post(1, "our feed"), guild_id=server_b.id,
                                   title="B's own story")
        ids["private"] = private.event_id
    return ids


async def test_recent_lists_events_paged_and_only_those_the_server_may_see(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    ids = await _seed(services, server_b)
    message = await answer(double.invoke("events recent", {}, guild_id=server_a.id))
    [embed] = message.embeds
    assert embed["title"] == "Recent events"
    assert embed["footer"]["text"].startswith("Page 1 of 2")
    assert len(embed["fields"]) == 5
    first = embed["fields"][0]
    assert first["name"] == "▼ Pay cut · Outlier · ✅ Confirmed · 80"
    assert first["value"].startswith(f"**e{ids['outlier']}** [outlier cut rates](")
    assert "7 posts · 7 sources" in first["value"]
    assert "B's own story" not in str(embed)
    turned = double.press_button(message, "pager:next")
    await turned.wait_response()
    assert len(message.embeds[0]["fields"]) == 2

    theirs = await answer(double.invoke("events recent", {}, guild_id=server_b.id))
    assert "B's own story" in str(theirs.embeds[0]["fields"][0])

    confirmed = await answer(double.invoke("events recent", {"status": "Confirmed",
                                                             "platform": "Outlier AI"},
                                           guild_id=server_a.id))
    assert confirmed.embeds[0]["title"] == "Recent events: Outlier · ✅ Confirmed"
    assert len(confirmed.embeds[0]["fields"]) == 1
    none = await answer(double.invoke("events recent", {"event_type": "layoff"},
                                      guild_id=server_a.id))
    assert none.embeds[0]["description"] == "No events match in this period."
    bad = await double.invoke("events recent", {"status": "rumoured"},
                              guild_id=server_a.id).wait_response()
    assert bad.ephemeral and "Unknown status `rumoured`" in (bad.content or "")


async def test_show_gives_the_timeline_with_links_and_why_each_report_joined(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    ids = await _seed(services, server_b)
    ref = f"e{ids['outlier']}"
    message = await answer(double.invoke("events show", {"event": ref}, guild_id=server_a.id))
    [embed] = message.embeds
    assert embed["title"] == f"{ref} · ▼ Pay cut: Outlier"
    assert embed["description"].startswith("**outlier cut rates**\n✅ Confirmed · score 80/100")
    assert "7 posts · 7 sources" in embed["description"]
    assert embed["footer"]["text"] == "Timeline, oldest first · page 1 of 2"
    names = [f["name"] for f in embed["fields"]]
    assert names[0] == "1. Report · r/outlier\\_ai" and len(names) == 5
    assert embed["fields"][0]["value"].startswith("[report 1](https://www.reddit.com/")
    assert "Why: opened the event" in embed["fields"][0]["value"]
    assert "Why: same pay figures as report 0" in embed["fields"][1]["value"]
    turned = double.press_button(message, "pager:next")
    await turned.wait_response()
    assert [f["name"][:2] for f in message.embeds[0]["fields"]] == ["6.", "7."]

    bare = await answer(double.invoke("events show", {"event": str(ids["outlier"])},
                                      guild_id=server_a.id))
    assert bare.embeds[0]["title"] == embed["title"]
    own = await answer(double.invoke("events show", {"event": f"e{ids['private']}"},
                                     guild_id=server_b.id))
    assert own.embeds[0]["title"].startswith(f"e{ids['private']} ·")


async def test_show_refuses_what_the_server_may_not_see_like_what_does_not_exist(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    ids = await _seed(services, server_b)
    hidden = await double.invoke("events show", {"event": f"e{ids['private']}"},
                                 guild_id=server_a.id).wait_response()
    missing = await double.invoke("events show", {"event": "e999999"},
                                  guild_id=server_a.id).wait_response()
    nonsense = await double.invoke("events show", {"event": "latest one"},
                                   guild_id=server_a.id).wait_response()
    assert hidden.ephemeral and missing.ephemeral and nonsense.ephemeral
    assert (hidden.content or "").startswith(f"No event `e{ids['private']}` here.")
    assert (missing.content or "").startswith("No event `e999999` here.")
    assert "B's own story" not in str(hidden.data)
    assert "is not an event" in (nonsense.content or "")
