"""Channel, message and guild routes, with Discord's real error codes.

Permission checks use the bot's computed permissions in the channel, so a
``forbid_channel`` fixture produces the same 403 body Discord would
(``{"code": 50013, "message": "Missing Permissions"}``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from .attachments import check_uploads
from .models import MANAGE_WEBHOOKS, SEND_MESSAGES, VIEW_CHANNEL, Channel
from .records import RecordedMessage
from .responses import Route, body, error, files, no_content, ok, snowflake, unknown
from .validation import check_message, unknown_reference

if TYPE_CHECKING:
    from .rest import RestContext


def channel_routes(ctx: RestContext) -> list[Route]:
    state = ctx.state
    bot_id = state.bot_user.id

    def lookup(request: web.Request, need: int = VIEW_CHANNEL) -> Channel | web.Response:
        channel = state.find_channel(snowflake(request, "channel_id") or 0)
        if channel is None:
            return unknown("Channel", 10003)
        perms = state.guilds[channel.guild_id].permissions_for(bot_id, channel.id)
        if not perms & VIEW_CHANNEL:
            return error(403, 50001, "Missing Access")
        if need & ~perms:
            return error(403, 50013, "Missing Permissions")
        return channel

    async def get_channel(request: web.Request) -> web.Response:
        channel = lookup(request)
        return channel if isinstance(channel, web.Response) else ok(channel.payload())

    async def post_message(request: web.Request) -> web.Response:
        channel = lookup(request, VIEW_CHANNEL | SEND_MESSAGES)
        if isinstance(channel, web.Response):
            return channel
        payload = dict(body(request) or {})
        uploads = files(request)
        check_message(payload, has_files=bool(uploads))
        check_uploads(uploads, state.upload_limit)
        reference = reply_target(channel, payload.get("message_reference"))
        earlier = state.nonces.earlier(channel.id, bot_id, payload)
        if earlier is not None and earlier in state.messages:
            return ok(state.messages[earlier].message)
        record = state.create_message(
            channel.id, payload, source="channel", author=state.bot_user.payload(), files=uploads,
            reply_to=reference,
        )
        return ok(record.message)

    def reply_target(channel: Channel, reference: Any) -> RecordedMessage | None:
        """The message a reply answers; Discord refuses a reply to one it cannot find
        in this channel unless ``fail_if_not_exists`` is false (then it is no reply)."""
        if reference is None:
            return None
        ref = dict(reference)
        target = None
        if str(ref.get("message_id", "")).isdigit():
            target = state.live_message(channel.id, int(ref["message_id"]))
        if ref.get("channel_id") is not None and str(ref["channel_id"]) != str(channel.id):
            target = None
        if ref.get("guild_id") is not None and str(ref["guild_id"]) != str(channel.guild_id):
            target = None
        if target is None or target.ephemeral:
            if ref.get("fail_if_not_exists", True) is False:
                return None
            raise unknown_reference()
        return target

    async def list_messages(request: web.Request) -> web.Response:
        channel = lookup(request)
        if isinstance(channel, web.Response):
            return channel
        limit = int(request.query.get("limit", "50"))
        found = state.find_messages(channel_id=channel.id)
        found = [m for m in found if not m.ephemeral]
        return ok([m.message for m in reversed(found)][:limit])

    async def one_message(request: web.Request) -> web.Response:
        channel = lookup(request)
        if isinstance(channel, web.Response):
            return channel
        record = state.live_message(channel.id, snowflake(request, "message_id") or 0)
        if record is None or record.ephemeral:
            return unknown("Message", 10008)
        if request.method == "GET":
            return ok(record.message)
        if request.method == "DELETE":
            state.delete_message(record)
            return no_content()
        if int(record.message["author"]["id"]) != bot_id:
            return error(403, 50005, "Cannot edit a message authored by another user")
        payload = dict(body(request) or {})
        check_message(payload, creating=False)
        uploads = files(request)
        check_uploads(uploads, state.upload_limit)
        return ok(state.edit_message(record, payload, uploads).message)

    async def typing(request: web.Request) -> web.Response:
        channel = lookup(request, VIEW_CHANNEL | SEND_MESSAGES)
        return channel if isinstance(channel, web.Response) else no_content()

    async def create_webhook(request: web.Request) -> web.Response:
        channel = lookup(request, VIEW_CHANNEL | MANAGE_WEBHOOKS)
        if isinstance(channel, web.Response):
            return channel
        name = str((body(request) or {}).get("name") or "webhook")
        return ok(state.create_webhook(channel.id, name).payload(state.application_id))

    async def channel_webhooks(request: web.Request) -> web.Response:
        channel = lookup(request, VIEW_CHANNEL | MANAGE_WEBHOOKS)
        if isinstance(channel, web.Response):
            return channel
        hooks = [w for w in state.webhooks.values() if w.channel_id == channel.id]
        return ok([w.payload(state.application_id) for w in hooks])

    message = "/channels/{channel_id}/messages/{message_id}"
    return [
        Route("GET", "/channels/{channel_id}", get_channel),
        Route("POST", "/channels/{channel_id}/messages", post_message),
        Route("GET", "/channels/{channel_id}/messages", list_messages),
        Route("GET", message, one_message),
        Route("PATCH", message, one_message),
        Route("DELETE", message, one_message),
        Route("POST", "/channels/{channel_id}/typing", typing),
        Route("POST", "/channels/{channel_id}/webhooks", create_webhook),
        Route("GET", "/channels/{channel_id}/webhooks", channel_webhooks),
    ]


def guild_routes(ctx: RestContext) -> list[Route]:
    state = ctx.state
    bulky = ("members", "channels", "voice_states", "presences", "threads", "stage_instances")

    def lookup(request: web.Request) -> int | web.Response:
        gid = snowflake(request, "guild_id")
        if gid is None or gid not in state.guilds:
            return unknown("Guild", 10004)
        return gid

    async def get_guild(request: web.Request) -> web.Response:
        gid = lookup(request)
        if isinstance(gid, web.Response):
            return gid
        guild = state.guilds[gid]
        data = guild.payload(bot_user_id=state.bot_user.id)
        for key in bulky:
            data.pop(key, None)
        if request.query.get("with_counts", "").lower() in ("1", "true"):
            data["approximate_member_count"] = len(guild.members)
            data["approximate_presence_count"] = 0
        return ok(data)

    async def guild_channels(request: web.Request) -> web.Response:
        gid = lookup(request)
        if isinstance(gid, web.Response):
            return gid
        return ok([c.payload() for c in state.guilds[gid].channels.values()])

    async def guild_roles(request: web.Request) -> web.Response:
        gid = lookup(request)
        if isinstance(gid, web.Response):
            return gid
        return ok([r.payload() for r in state.guilds[gid].roles.values()])

    async def guild_member(request: web.Request) -> web.Response:
        gid = lookup(request)
        if isinstance(gid, web.Response):
            return gid
        member = state.guilds[gid].members.get(snowflake(request, "user_id") or 0)
        return ok(member.payload()) if member else unknown("Member", 10007)

    async def guild_members(request: web.Request) -> web.Response:
        gid = lookup(request)
        if isinstance(gid, web.Response):
            return gid
        limit = int(request.query.get("limit", "1"))
        members = sorted(state.guilds[gid].members.values(), key=lambda m: m.user.id)
        after = int(request.query.get("after", "0"))
        return ok([m.payload() for m in members if m.user.id > after][:limit])

    return [
        Route("GET", "/guilds/{guild_id}", get_guild),
        Route("GET", "/guilds/{guild_id}/channels", guild_channels),
        Route("GET", "/guilds/{guild_id}/roles", guild_roles),
        Route("GET", "/guilds/{guild_id}/members/{user_id}", guild_member),
        Route("GET", "/guilds/{guild_id}/members", guild_members),
    ]
