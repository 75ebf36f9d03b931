"""Webhook routes: incoming webhooks and the interaction webhook
(callback, ``@original``, followups), which share the ``/webhooks/{id}/{token}``
URL space, told apart by the id being the application id.

None of these routes need ``Authorization``: the token in the URL is the
credential, as on Discord.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from .attachments import check_uploads
from .interactions import InteractionHandle
from .models import Webhook
from .records import RecordedMessage
from .responses import Route, body, error, files, flag, no_content, ok, snowflake, unknown
from .validation import check_message

if TYPE_CHECKING:
    from .rest import RestContext


def webhook_routes(ctx: RestContext) -> list[Route]:
    state, desk = ctx.state, ctx.desk

    def interaction_handle(request: web.Request) -> InteractionHandle | web.Response:
        handle = desk.by_token.get(request.match_info["token"])
        if handle is None or handle.response is None:
            # Discord knows no interaction webhook until the interaction is acknowledged.
            return unknown("Webhook", 10015)
        return handle

    def incoming(request: web.Request) -> Webhook | web.Response:
        hook = state.webhooks.get(snowflake(request, "webhook_id") or 0)
        if hook is None or state.find_channel(hook.channel_id) is None:
            return unknown("Webhook", 10015)
        if hook.token != request.match_info["token"]:
            return error(401, 50027, "Invalid Webhook Token")
        return hook

    def is_app(request: web.Request) -> bool:
        return snowflake(request, "webhook_id") == state.application_id

    async def callback(request: web.Request) -> web.Response:
        handle = desk.handles.get(snowflake(request, "interaction_id") or 0)
        if handle is None or handle.token != request.match_info["token"] or desk.expired(handle):
            return unknown("interaction", 10062)
        if handle.response is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        result = desk.callback(handle, dict(body(request) or {}), files(request))
        return ok(result) if flag(request, "with_response") else no_content()

    async def execute(request: web.Request) -> web.Response:
        payload = dict(body(request) or {})
        uploads = files(request)
        if is_app(request):
            handle = interaction_handle(request)
            if isinstance(handle, web.Response):
                return handle
            return ok(desk.followup(handle, payload, uploads).message)
        hook = incoming(request)
        if isinstance(hook, web.Response):
            return hook
        check_message(payload, has_files=bool(uploads))
        check_uploads(uploads, state.upload_limit)
        author = {
            "id": str(hook.id),
            "username": payload.get("username") or hook.name,
            "avatar": None,
            "discriminator": "0000",
            "bot": True,
        }
        record = state.create_message(
            hook.channel_id,
            payload,
            source="webhook",
            author=author,
            files=uploads,
            webhook_id=hook.id,
        )
        return ok(record.message) if flag(request, "wait") else no_content()

    async def get_webhook(request: web.Request) -> web.Response:
        hook = incoming(request)
        if isinstance(hook, web.Response):
            return hook
        data = hook.payload(state.application_id)
        data.pop("user", None)
        return ok(data)

    async def delete_webhook(request: web.Request) -> web.Response:
        hook = incoming(request)
        if isinstance(hook, web.Response):
            return hook
        del state.webhooks[hook.id]
        return no_content()

    def find_message(request: web.Request) -> RecordedMessage | web.Response:
        ref = request.match_info["message_id"]
        if is_app(request):
            handle = interaction_handle(request)
            if isinstance(handle, web.Response):
                return handle
            found = desk.message_of(handle, ref)
        else:
            hook = incoming(request)
            if isinstance(hook, web.Response):
                return hook
            record = state.messages.get(int(ref)) if ref.isdigit() else None
            found = (
                record if record and record.webhook_id == hook.id and not record.deleted else None
            )
        return found if found is not None else unknown("Message", 10008)

    async def webhook_message(request: web.Request) -> web.Response:
        record = find_message(request)
        if isinstance(record, web.Response):
            return record
        if request.method == "GET":
            return ok(record.message)
        if request.method == "DELETE":
            state.delete_message(record)
            return no_content()
        payload = dict(body(request) or {})
        check_message(payload, creating=False)
        uploads = files(request)
        check_uploads(uploads, state.upload_limit)
        return ok(state.edit_message(record, payload, uploads).message)

    message = "/webhooks/{webhook_id}/{token}/messages/{message_id}"
    return [
        Route("POST", "/interactions/{interaction_id}/{token}/callback", callback, auth=False),
        Route("POST", "/webhooks/{webhook_id}/{token}", execute, auth=False),
        Route("GET", "/webhooks/{webhook_id}/{token}", get_webhook, auth=False),
        Route("DELETE", "/webhooks/{webhook_id}/{token}", delete_webhook, auth=False),
        Route("GET", message, webhook_message, auth=False),
        Route("PATCH", message, webhook_message, auth=False),
        Route("DELETE", message, webhook_message, auth=False),
    ]
