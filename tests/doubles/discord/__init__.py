"""A Discord double: REST API v10 + gateway on 127.0.0.1 for the real discord.py.

The double runs an aiohttp server on a free port. The real ``discord.Client``
/ ``commands.Bot`` logs in to it, receives READY and GUILD_CREATE over a real
websocket, and sends real HTTP requests, which the double records. Tests
play the Discord user (``invoke`` a slash command, ``press_button``) and
inject failures (``fail_next``, ``rate_limit_next``, ``set_down``,
``drop_gateway``).

Example::

    import discord
    from discord.ext import commands
    from tests.doubles.discord import DiscordDouble, routed, running

    async def test_ping() -> None:
        async with DiscordDouble() as double:
            guild = double.add_guild(name="Annotators", channels=["alerts", "general"])
            bot = commands.Bot(command_prefix="!", intents=discord.Intents.default(),
                               guild_ready_timeout=0.1)

            @bot.tree.command(description="Ping")
            async def ping(interaction: discord.Interaction, shout: bool = False) -> None:
                await interaction.response.send_message("PONG" if shout else "pong", ephemeral=True)

            with routed(double):                   # route_discord(...) + restore afterwards
                async with running(bot, double):   # start, wait for on_ready, close
                    await bot.tree.sync()
                    handle = double.invoke("ping", {"shout": True})
                    reply = await handle.wait_response(timeout=5)
                    assert reply.type == 4 and reply.content == "PONG" and reply.ephemeral

                    channel = bot.get_channel(guild.channel_id("alerts"))
                    await channel.send(embed=discord.Embed(title="Pay cut"))
                    [sent] = await double.wait_for_messages(channel_id=channel.id)
                    assert sent.embeds[0]["title"] == "Pay cut"

Main API (``DiscordDouble``):

- identity: ``api_base``, ``gateway_url``, ``token``, ``application_id``,
  ``bot_user_id``, ``owner_id``.
- fixtures: ``add_guild(guild_id=None, name, channels=["general"], roles=[])``
  -> ``Guild`` (``.id``, ``.channel_id(name)``, ``.role_id(name)``);
  ``add_channel``, ``delete_channel`` (later sends: 404 code 10003),
  ``forbid_channel(id, view=False)`` (403 code 50013, or 50001 with view),
  ``allow_channel``, ``add_member(guild_id, user_id, name, roles)``,
  ``create_webhook(channel_id)`` -> ``Webhook`` (``.url`` for
  ``discord.Webhook.from_url``, ``.direct_url`` for plain aiohttp),
  ``delete_message(message_id)`` (later PATCHes: 404 code 10008).
- messages: edits (channel and webhook ``PATCH .../messages/{id}``) change
  ``message`` and append to ``edits``; a reply (``message_reference``) to a
  message not in the channel, or deleted, gets 400 50035
  ``REPLIES_UNKNOWN_MESSAGE`` unless ``fail_if_not_exists`` is false; a
  reply is stored as type 19 (``replies_to`` gives the answered id). A
  create with ``nonce`` and ``enforce_nonce`` that repeats one of the bot's
  nonces in that channel within 180 s returns the first message, creating
  none; a nonce longer than 25 characters gets 400 50035.
  ``on_message_created(callback)`` runs before a create is answered.
- recordings: ``requests`` (``RecordedRequest``), ``unknown_requests()``,
  ``sent_messages(channel_id)``, ``webhook_messages(webhook_id)``,
  ``messages(channel_id)`` (``RecordedMessage``: ``payload`` as sent incl.
  ``allowed_mentions``, ``message`` as stored, ``edits``, ``files``,
  ``attachments``), ``upload_limit`` (bytes per file, 10 MiB; larger uploads
  get Discord's 413 / 40005; at most 10 files a message; ``files[n]`` parts
  take their filename and alt text from ``payload_json``'s ``attachments``),
  ``registered_commands(guild_id)``, ``command_syncs``.
- waiting (event driven, never sleeps): ``await wait_for(predicate, timeout)``,
  ``await wait_for_messages(count, channel_id=, source=)``,
  ``await wait_connected()``.
- users: ``invoke(name, options, guild_id=, channel_id=, user_id=,
  permissions=, autocomplete=, focused=)`` and ``press_button(message,
  custom_id)`` -> ``InteractionHandle`` (``await wait_response()`` ->
  ``InteractionCallback``; ``original``; ``await wait_followups(n)``;
  ``await wait_original(predicate)``). ``ack_deadline`` emulates the 3 s rule.
- gateway: ``dispatch(event, data)``, ``await drop_gateway(code)``,
  ``invalidate_session(resumable)``, ``request_reconnect()``,
  ``identifies``, ``resumes``, ``gateway_received``.
- faults: ``fail_next(n, status, method=, path=)``, ``rate_limit_next(n,
  retry_after, global_, method=, path=)``, ``set_down(bool, mode)``,
  ``answer_slowly(seconds, method=, path=)``,
  ``clear_faults()``; ``path`` is a glob such as ``"/channels/*/messages"``
  or a prefix.

discord.py (2.7.1) behaviour worth knowing when testing with the double:

- JSON answers need exactly ``Content-Type: application/json`` (no charset).
- A 429 is retried only with a ``Via`` header and a JSON ``retry_after``;
  500/502/504 are retried 5 times after 1, 3, 5, 7, 9 s sleeps (use 503,
  which is not retried, to fail fast); a cut connection raises
  ``aiohttp.ClientConnectionError`` at once, without retry.
- Interaction callbacks are sent with ``?with_response=1`` and parsed as an
  InteractionCallbackResponse (``response_message_id`` keys a sent view).
- ``on_ready`` fires ``guild_ready_timeout`` (default 2 s) after the last
  GUILD_CREATE: construct clients with ``guild_ready_timeout=0.1``.
- A plain ``Client`` connects to ``DiscordWebSocket.DEFAULT_GATEWAY``;
  only ``AutoShardedClient`` asks ``GET /gateway/bot``. Resumes go to
  READY's ``resume_gateway_url`` (the double's own URL).
- After a dropped connection or op 7 the client RESUMEs at once; after an
  invalid session it sleeps 5 s in ``before_identify_hook`` before
  IDENTIFYing again; failed reconnects back off 0-2 s, 0-4 s, ...
- ``Webhook.from_url`` only accepts ``discord.com/api/webhooks/ID/TOKEN``
  (17-20 digit id, 60+ character token) and ignores the host: requests go
  to ``Route.BASE``, so webhook delivery needs ``route_discord`` too.
- ``Webhook.send`` without ``wait=True`` gets 204 and returns None.
- A GUILD_CREATE with ``"unavailable": false`` means "outage over"
  (``on_guild_available``); a mid-session join omits it (``on_guild_join``).

Run one client per double when using interactions: every live gateway
session receives INTERACTION_CREATE and only the first answer is accepted.
"""

from .client import routed, running
from .commands import CommandSync
from .faults import FaultRule
from .interactions import InteractionHandle
from .models import Channel, Guild, Member, Role, User, Webhook
from .records import (
    EPHEMERAL,
    LOADING,
    InteractionCallback,
    RecordedFile,
    RecordedMessage,
    RecordedRequest,
)
from .server import DiscordDouble

__all__ = [
    "EPHEMERAL",
    "LOADING",
    "Channel",
    "CommandSync",
    "DiscordDouble",
    "FaultRule",
    "Guild",
    "InteractionCallback",
    "InteractionHandle",
    "Member",
    "RecordedFile",
    "RecordedMessage",
    "RecordedRequest",
    "Role",
    "User",
    "Webhook",
    "routed",
    "running",
]
