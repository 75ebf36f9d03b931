"""A public event one server marked not a signal, through the Discord double: gone from that
server's /events recent, shown by id with who marked it, and brought back by /events restore
(Manage Server or the feedback role only); the other server sees it throughout. Its post
leaves that server's /signals recent and comes back alike."""

from __future__ import annotations

from dataclasses import replace

from bot.app import Services
from bot.discord_bot import LabelwatchBot
from tests.cogs.conftest import Server
from tests.cogs.harness import answer
from tests.cogs.test_feedback import alerted
from tests.doubles.discord import DiscordDouble, RecordedMessage


def listed(message: RecordedMessage) -> str:
    return str(message.embeds[0].get("description", "")) + str(message.embeds[0].get("fields"))


async def test_a_rejected_event_leaves_the_servers_list_until_it_is_restored(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    services.settings = replace(services.settings, discord=replace(
        services.settings.discord, feedback_role="pinged"))
    trusted = double.add_member(server_a.id, name="regular",
                                roles=[server_a.guild.role_id("pinged")]).user.id
    message, _, event_id = await alerted(services, bot, double, server_a)
    ref = f"e{event_id}"
    clicked = double.press_button(message, f"lw:fb:no:{ref}", user_id=server_a.admin_id)
    assert (await clicked.wait_response()).type == 7

    mine = await answer(double.invoke("events recent", {}, guild_id=server_a.id))
    theirs = await answer(double.invoke("events recent", {}, guild_id=server_b.id))
    assert ref not in listed(mine) and ref in listed(theirs)
    shown = await answer(double.invoke("events show", {"event": ref}, guild_id=server_a.id))
    [note] = [f["value"] for f in shown.embeds[0]["fields"] if f["name"] == "Not a signal here"]
    assert note.startswith(f"🚫 This server marked it not a signal by <@{server_a.admin_id}>")
    assert f"/events restore {ref}" in note
    elsewhere = await answer(double.invoke("events show", {"event": ref},
                                           guild_id=server_b.id))
    assert "Not a signal here" not in str(elsewhere.embeds[0]["fields"])

    # A plain member is refused and nothing changes; the feedback role may undo it.
    refused = await double.invoke("events restore", {"event": ref},
                                  guild_id=server_a.id).wait_response()
    assert refused.ephemeral and "Manage Server permission or the pinged role" in str(
        refused.content)
    assert ref not in listed(await answer(double.invoke("events recent", {},
                                                        guild_id=server_a.id)))
    done = await answer(double.invoke("events restore", {"event": ref}, guild_id=server_a.id,
                                      user_id=trusted))
    assert done.content.startswith(f"{ref} is no longer marked not a signal in this server")
    assert "not sent again" in done.content
    assert done.content.endswith('1 "not a signal" verdict of this server withdrawn.')
    assert ref in listed(await answer(double.invoke("events recent", {},
                                                    guild_id=server_a.id)))
    shown = await answer(double.invoke("events show", {"event": ref}, guild_id=server_a.id))
    assert "Not a signal here" not in str(shown.embeds[0]["fields"])

    again = await double.invoke("events restore", {"event": ref}, guild_id=server_a.id,
                                user_id=server_a.admin_id).wait_response()
    assert again.ephemeral and "has not marked" in str(again.content)
    missing = await double.invoke("events restore", {"event": "e999999"}, guild_id=server_a.id,
                                  user_id=server_a.admin_id).wait_response()
    assert str(missing.content).startswith("No event e999999 here.")


async def test_a_rejected_events_posts_leave_the_servers_signals_until_it_is_restored(
    services: Services, double: DiscordDouble, bot: LabelwatchBot, server_a: Server,
    server_b: Server,
) -> None:
    message, _, event_id = await alerted(services, bot, double, server_a)
    link = "comments/novel1/"

    async def recent(server: Server) -> str:
        return listed(await answer(double.invoke("signals recent", {}, guild_id=server.id)))

    assert link in await recent(server_a)
    clicked = double.press_button(message, f"lw:fb:no:e{event_id}", user_id=server_a.admin_id)
    assert (await clicked.wait_response()).type == 7
    assert link not in (mine := await recent(server_a))
    assert "No signals match in this period." in mine
    assert link in await recent(server_b)
    await answer(double.invoke("events restore", {"event": f"e{event_id}"},
                               guild_id=server_a.id, user_id=server_a.admin_id))
    assert link in await recent(server_a)
