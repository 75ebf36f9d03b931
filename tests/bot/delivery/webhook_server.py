"""A Discord webhook endpoint on 127.0.0.1 that answers from a script.

It speaks the real wire protocol (``POST /webhooks/{id}/{token}?wait=true``
with JSON, Discord's error bodies and rate-limit headers), so the webhook
sink is tested through aiohttp exactly as it talks to Discord.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Received:
    webhook_id: str
    token: str
    query: dict[str, str]
    payload: dict[str, Any]
    status: int
    message_id: str | None = None

    @property
    def title(self) -> str:
        return str(self.payload["embeds"][0]["title"])

    @property
    def headline(self) -> str:
        return str(self.payload["embeds"][0]["description"]).split("\n", 1)[0]


@dataclass
class WebhookServer:
    tokens: dict[str, str] = field(default_factory=dict)
    """Webhook id -> token; a request with another token gets 401."""
    script: dict[str, list[Any]] = field(default_factory=dict)
    """Webhook id -> answers to give in turn: "ok", 429.0 (retry_after), 500, 404, "hang"."""
    received: list[Received] = field(default_factory=list)
    edits: list[Received] = field(default_factory=list)
    """PATCHes of the webhook's messages (``message_id`` set to the edited message)."""
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Message id -> the message as it stands (after edits); deleted ones are removed."""
    release: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(9000))
    _runner: web.AppRunner | None = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def delivered(self, webhook_id: str | None = None) -> list[Received]:
        return [r for r in self.received
                if r.status == 200 and (webhook_id is None or r.webhook_id == webhook_id)]

    def requests(self, webhook_id: str) -> int:
        return sum(1 for r in self.received if r.webhook_id == webhook_id)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/v10/webhooks/{id}/{token}", self._handle)
        app.router.add_patch("/api/v10/webhooks/{id}/{token}/messages/{message_id}", self._edit)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()
        if self.port == 0:
            self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _edit(self, request: web.Request) -> web.Response:
        hook, token = request.match_info["id"], request.match_info["token"]
        payload = await request.json()
        rec = Received(hook, token, dict(request.query), payload, 0,
                       message_id=request.match_info["message_id"])
        self.edits.append(rec)
        if self.tokens.get(hook) != token:
            rec.status = 401
            return web.json_response({"message": "Invalid Webhook Token", "code": 50027},
                                     status=401)
        queue = self.script.get(hook, [])
        answer = queue.pop(0) if queue else "ok"
        message = self.messages.get(rec.message_id or "")
        if answer == "ok" and message is None:
            rec.status = 404
            return web.json_response({"message": "Unknown Message", "code": 10008}, status=404)
        if answer == "ok" and message is not None:
            rec.status = 200
            message.update({k: v for k, v in payload.items() if k in ("content", "embeds")})
            return web.json_response(message)
        if isinstance(answer, float):
            rec.status = 429
            return web.json_response({"message": "You are being rate limited.",
                                      "retry_after": answer, "global": False}, status=429)
        rec.status = int(answer)
        messages = {404: ("Unknown Webhook", 10015), 400: ("Invalid Form Body", 50035)}
        text, code = messages.get(rec.status, ("Server error", 0))
        return web.json_response({"message": text, "code": code}, status=rec.status)

    async def _handle(self, request: web.Request) -> web.Response:
        hook, token = request.match_info["id"], request.match_info["token"]
        payload = await request.json()
        rec = Received(hook, token, dict(request.query), payload, 0)
        self.received.append(rec)
        if self.tokens.get(hook) != token:
            rec.status = 401
            return web.json_response({"message": "Invalid Webhook Token", "code": 50027},
                                     status=401)
        queue = self.script.get(hook, [])
        answer = queue.pop(0) if queue else "ok"
        if answer == "hang":
            await self.release.wait()
            answer = "ok"
        if isinstance(answer, float):
            rec.status = 429
            return web.json_response(
                {"message": "You are being rate limited.", "retry_after": answer,
                 "global": False},
                status=429, headers={"Retry-After": str(int(answer) + 1)},
            )
        if answer == "ok":
            rec.status = 200
            rec.message_id = str(next(self._ids))
            message = {"id": rec.message_id, "type": 0, "webhook_id": hook,
                       "content": payload.get("content", ""),
                       "embeds": payload.get("embeds", [])}
            self.messages[rec.message_id] = message
            return web.json_response(message)
        rec.status = int(answer)
        messages = {404: ("Unknown Webhook", 10015), 400: ("Invalid Form Body", 50035)}
        reason, code = messages.get(rec.status, ("Server error", 0))
        return web.json_response({"message": reason, "code": code}, status=rec.status)
