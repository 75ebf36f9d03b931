"""The REST half of the double: request recording, faults, auth, and the
application-level routes (gateway discovery, users, application, commands).

Every request under ``/api``, ``/api/v9`` or ``/api/v10`` is recorded before
anything else happens, including requests to routes the double does not
know, which answer 404 with ``route=None`` so tests can notice them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .commands import CommandRegistry
from .faults import Faults
from .interactions import InteractionDesk
from .records import RecordedRequest
from .responses import (
    DATA_KEY,
    Handler,
    RequestData,
    Route,
    body,
    error,
    no_content,
    ok,
    read_body,
    snowflake,
    unknown,
)
from .state import DiscordState
from .validation import InvalidBody

API_PREFIXES = ("/api/v10", "/api/v9", "/api")
RECORDED_HEADERS = ("Authorization", "User-Agent", "X-Audit-Log-Reason", "Content-Type")


@dataclass
class RestContext:
    state: DiscordState
    registry: CommandRegistry
    desk: InteractionDesk
    faults: Faults
    gateway_url: Callable[[], str]
    application_flags: int = 0


def api_path(path: str) -> str | None:
    for prefix in API_PREFIXES:
        if path.startswith(prefix + "/"):
            return path[len(prefix) :]
    return None


def install(app: web.Application, ctx: RestContext, routes: list[Route]) -> None:
    """Register ``routes`` under every API prefix plus the recording middleware."""
    for prefix in API_PREFIXES:
        for route in routes:
            app.router.add_route(route.method, prefix + route.path, _guarded(ctx, route))
    app.middlewares.append(_middleware(ctx))


def _guarded(ctx: RestContext, route: Route) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        record = request[DATA_KEY].record
        record.route = f"{route.method} {route.path}"
        if route.auth and request.headers.get("Authorization") != f"Bot {ctx.state.token}":
            return error(401, 0, "401: Unauthorized")
        return await route.handler(request)

    return handler


def _middleware(ctx: RestContext) -> Any:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = api_path(request.path)
        if path is None:
            return await handler(request)
        payload, uploads = await read_body(request)
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            headers={k: request.headers[k] for k in RECORDED_HEADERS if k in request.headers},
            json=payload,
        )
        request[DATA_KEY] = RequestData(payload, uploads, record)
        ctx.state.requests.append(record)
        try:
            response = await _answer(ctx, request, handler, record, path)
        except InvalidBody as exc:
            response = ok(exc.body, status=exc.status)
        record.status = response.status
        ctx.state.notifier.notify()
        return response

    return middleware


async def _answer(
    ctx: RestContext, request: web.Request, handler: Handler, record: RecordedRequest, path: str
) -> web.StreamResponse:
    faults = ctx.faults
    if faults.down:
        record.fault = "down"
        if faults.down_mode == "disconnect" and request.transport is not None:
            request.transport.abort()
        return error(502, 0, "502: Bad Gateway")
    rule = faults.take(request.method, path)
    if rule is not None:
        record.fault = rule.label
        return ok(rule.body(), status=rule.status, headers=rule.headers())
    exc = request.match_info.http_exception
    if exc is not None:
        return error(exc.status, 0, f"{exc.status}: {exc.reason}")
    response = await handler(request)
    if delay := faults.latency(request.method, path):
        # Applied at once, answered late: a slow Discord as a client sees one.
        await asyncio.sleep(delay)
    return response


# -- application-level routes -------------------------------------------------


def core_routes(ctx: RestContext) -> list[Route]:
    state, registry = ctx.state, ctx.registry

    async def gateway(request: web.Request) -> web.Response:
        return ok({"url": ctx.gateway_url()})

    async def gateway_bot(request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        return ok({"url": ctx.gateway_url(), "shards": 1, "session_start_limit": limit})

    async def me(request: web.Request) -> web.Response:
        return ok({**state.bot_user.payload(), "verified": True, "mfa_enabled": False})

    async def user(request: web.Request) -> web.Response:
        found = state.users.get(snowflake(request, "user_id") or 0)
        return ok(found.payload()) if found else unknown("User", 10013)

    async def application(request: web.Request) -> web.Response:
        return ok(
            {
                "id": str(state.application_id),
                "name": state.bot_user.username,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": ctx.application_flags,
                "owner": state.owner.payload(),
                "team": None,
                "bot": state.bot_user.payload(),
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "tags": [],
                "approximate_guild_count": len(state.guilds),
            }
        )

    def scope(request: web.Request) -> tuple[bool, int | None]:
        """(valid, guild id or None for global) of a commands route."""
        if snowflake(request, "application_id") != state.application_id:
            return False, None
        if "guild_id" not in request.match_info:
            return True, None
        gid = snowflake(request, "guild_id")
        return gid in state.guilds, gid

    async def list_commands(request: web.Request) -> web.Response:
        valid, gid = scope(request)
        return ok(registry.in_scope(gid)) if valid else _bad_scope(request)

    async def put_commands(request: web.Request) -> web.Response:
        valid, gid = scope(request)
        if not valid:
            return _bad_scope(request)
        payload = body(request)
        if not isinstance(payload, list):
            raise InvalidBody(50035, "Invalid Form Body")
        return ok(registry.overwrite(gid, payload))

    async def post_command(request: web.Request) -> web.Response:
        valid, gid = scope(request)
        if not valid:
            return _bad_scope(request)
        stored, created = registry.upsert(gid, dict(body(request) or {}))
        return ok(stored, status=201 if created else 200)

    async def one_command(request: web.Request) -> web.Response:
        valid, gid = scope(request)
        cid = snowflake(request, "command_id") or 0
        if not valid:
            return _bad_scope(request)
        if request.method == "DELETE":
            return (
                no_content() if registry.delete(gid, cid) else unknown("application command", 10063)
            )
        if request.method == "PATCH":
            found = registry.edit(gid, cid, dict(body(request) or {}))
        else:
            found = registry.get(gid, cid)
        return ok(found) if found else unknown("application command", 10063)

    commands = "/applications/{application_id}/commands"
    guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
    routes = [
        Route("GET", "/gateway", gateway, auth=False),
        Route("GET", "/gateway/bot", gateway_bot),
        Route("GET", "/users/@me", me),
        Route("GET", "/users/{user_id}", user),
        Route("GET", "/oauth2/applications/@me", application),
        Route("GET", "/applications/@me", application),
    ]
    for base in (commands, guild_commands):
        routes += [
            Route("GET", base, list_commands),
            Route("PUT", base, put_commands),
            Route("POST", base, post_command),
            Route("GET", base + "/{command_id}", one_command),
            Route("PATCH", base + "/{command_id}", one_command),
            Route("DELETE", base + "/{command_id}", one_command),
        ]
    return routes


def _bad_scope(request: web.Request) -> web.Response:
    if "guild_id" in request.match_info:
        return error(403, 50001, "Missing Access")
    return unknown("Application", 10002)
