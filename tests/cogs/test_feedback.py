"""The feedback buttons under alerts, clicked through the Discord double by the real client.

A post the scorer calls a signal (a novelist's writing prompt that reads like
a layoff) is alerted in a channel with its two buttons. A member without
Manage Server is refused and nothing is stored; an admin's "not a signal" is
stored, edits the alert and closes the event (which comes from the config
file's subreddit) for that server only; "wrong details" offers three
selects whose choices are stored. (Training on it is tested end to end in
``tests/e2e/test_feedback.py``.)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.app import Services
from bot.delivery.channel import ChannelSink
from bot.delivery.worker import OutboxWorker
from bot.discord_bot import LabelwatchBot
from bot.records import PostRecord
from storage.models import Event
from storage.queries.alerts import set_channel_route
from storage.queries.feedback import FeedbackView, post_feedback
from storage.types import utcnow
from tests.cogs.conftest import Server
from tests.cogs.harness import answer, connected, seed
from tests.doubles.discord import DiscordDouble, RecordedMessage

SHAKY = PostRecord(
    source_kind="reddit", external_id="t3_novel1",
    title="Mercor laid off every annotator on the Kestrel queue, all of them, effective today",
    body="Writing prompt for my novel: the dystopian gig platform chapter. Thoughts on the "
         "pacing?",
    url="https://www.reddit.com/r/outlier_ai/comments/novel1/a_post/", author="writer",
    created_utc=utcnow() - timedelta(hours=1), subreddit="outlier_ai")
SELECT = 3


async def alerted(services: Services, bot: LabelwatchBot, double: DiscordDouble,
                  server: Server) -> tuple[RecordedMessage, int, int]:
    """The post's alert in the server's alerts channel, with its post and event ids."""
    async with services.sessions.begin() as session:
        await set_channel_route(session, server.id, server.channel("alerts"))
    [stored] = await seed(services, SHAKY)
    assert stored.placement is not None and stored.placement.event_id is not None
    worker = OutboxWorker(services.sessions,
                          {"channel": ChannelSink(bot, services.settings.registry)})
    assert await worker.run_once() == 1
    [message] = double.sent_messages(server.channel("alerts"))
    return message, stored.post.id, stored.placement.event_id


async def given(services: Services, guild_id: int, post_id: int) -> list[FeedbackView]:
    async with services.sessions() as session:
        return await post_feedback(session, guild_id, post_id)


async def status_of(services: Services, event_id: int) -> str:
    async with services.sessions() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        return event.status


def fields(message: RecordedMessage) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message.embeds[0]["fields"]}


async def test_every_alert_carries_the_two_buttons_naming_its_event(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
) -> None:
    message, _, event_id = await alerted(services, bot, double, server_a)
    assert message.custom_ids() == [f"lw:fb:no:e{event_id}", f"lw:fb:fix:e{event_id}"]
    labels = [c["label"] for row in message.components for c in row["components"]]
    assert labels == ["Not a signal", "Wrong details"]


async def test_a_member_without_the_permission_is_refused_and_nothing_is_stored(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
) -> None:
    message, post_id, event_id = await alerted(services, bot, double, server_a)
    for custom_id in message.custom_ids():
        handle = double.press_button(message, custom_id)  # a plain member
        refusal = await handle.wait_response()
        assert refusal.type == 4 and refusal.ephemeral
        assert "Manage Server" in (refusal.content or "")
    assert message.edits == []
    assert await given(services, server_a.id, post_id) == []
    assert await status_of(services, event_id) != "closed"


async def test_an_admins_not_a_signal_is_stored_edits_the_alert_and_closes_it_here(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    message, post_id, event_id = await alerted(services, bot, double, server_a)
    handle = double.press_button(message, f"lw:fb:no:e{event_id}", user_id=server_a.admin_id)
    update = await handle.wait_response()
    assert update.type == 7  # the alert itself is edited in the answer
    [note] = await handle.wait_followups(1)
    assert note.ephemeral and "1 post marked not a signal" in note.content
    assert "closed for this server" in note.content
    assert len(message.edits) == 1
    shown = fields(message)
    assert shown["Feedback"].startswith(f"🚫 Marked not a signal by <@{server_a.admin_id}>")
    assert "Closed" not in shown["Status"]  # other servers still receive the event
    assert message.custom_ids()  # the buttons stay
    [row] = await given(services, server_a.id, post_id)
    assert (row.verdict, row.user_id, row.event_id) == ("not_signal", server_a.admin_id,
                                                          event_id)
    assert await given(services, server_b.id, post_id) == []
    assert await status_of(services, event_id) != "closed"

    # /signals explain shows it to this server, /alerts show counts it.
    explained = await answer(double.invoke("signals explain", {"post": "t3_novel1"},
                                           guild_id=server_a.id, user_id=server_a.admin_id))
    assert "not a signal" in fields(explained)["Feedback from this server"]
    elsewhere = await answer(double.invoke("signals explain", {"post": "t3_novel1"},
                                           guild_id=server_b.id, user_id=server_b.admin_id))
    assert "Feedback from this server" not in fields(elsewhere)
    routes = await answer(double.invoke("alerts show", {}, guild_id=server_a.id,
                                        user_id=server_a.admin_id))
    assert routes.embeds[0]["footer"]["text"].startswith("Feedback: 1 post marked not a signal")


async def test_the_buttons_of_an_alert_sent_before_a_restart_still_work(
    services: Services, double: DiscordDouble, server_a: Server,
) -> None:
    async with connected(services, double) as before:
        message, post_id, event_id = await alerted(services, before, double, server_a)
    async with connected(services, double):
        handle = double.press_button(message, f"lw:fb:no:e{event_id}",
                                     user_id=server_a.admin_id)
        assert (await handle.wait_response()).type == 7
    assert [r.verdict for r in await given(services, server_a.id, post_id)] == ["not_signal"]


async def test_the_configured_role_may_give_feedback(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
) -> None:
    services.settings = replace(services.settings, discord=replace(
        services.settings.discord, feedback_role="pinged"))
    trusted = double.add_member(server_a.id, name="regular",
                                roles=[server_a.guild.role_id("pinged")]).user.id
    message, post_id, event_id = await alerted(services, bot, double, server_a)
    handle = double.press_button(message, f"lw:fb:no:e{event_id}", user_id=trusted)
    assert (await handle.wait_response()).type == 7
    assert [r.user_id for r in await given(services, server_a.id, post_id)] == [trusted]


async def test_wrong_details_offers_three_selects_and_stores_each_choice(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
) -> None:
    message, post_id, event_id = await alerted(services, bot, double, server_a)
    handle = double.press_button(message, f"lw:fb:fix:e{event_id}", user_id=server_a.admin_id)
    offer = await handle.wait_original()
    assert offer.ephemeral
    assert offer.custom_ids() == [f"lw:fb:type:e{event_id}", f"lw:fb:plat:e{event_id}",
                                  f"lw:fb:tier:e{event_id}"]
    assert await given(services, server_a.id, post_id) == []
    platforms = offer.components[1]["components"][0]["options"]
    assert platforms[0]["value"] == "mercor" and len(platforms) <= 25  # the alert's own first
    picks = [("type", ["pay_cut"]), ("plat", ["outlier", "other"]), ("tier", ["expert"])]
    for which, values in picks:
        click = double.press_button(offer, f"lw:fb:{which}:e{event_id}", values=values,
                                    component_type=SELECT, user_id=server_a.admin_id)
        answered = await click.wait_response()
        assert answered.type == 7 and "Recorded" in (answered.content or "")
    forged = double.press_button(offer, f"lw:fb:tier:e{event_id}", values=["boss"],
                                 component_type=SELECT, user_id=server_a.admin_id)
    assert "nothing was recorded" in ((await forged.wait_response()).content or "")
    rows = await given(services, server_a.id, post_id)
    assert [(r.verdict, r.event_type, r.platforms, r.tier) for r in rows] == [
        ("wrong_details", "pay_cut", None, None),
        ("wrong_details", None, ("outlier", "other"), None),
        ("wrong_details", None, None, "expert"),
    ]
    assert message.edits == [] and await status_of(services, event_id) != "closed"
