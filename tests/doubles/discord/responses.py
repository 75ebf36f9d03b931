"""HTTP plumbing shared by the REST modules.

``ok`` writes the exact ``Content-Type: application/json`` header: discord.py
compares it with ``==`` and treats ``application/json; charset=utf-8`` (what
``aiohttp.web.json_response`` sends) as plain text, which breaks every call.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .records import RecordedFile, RecordedRequest

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class RequestData:
    """What the middleware parsed and recorded, handed on to the handler."""

    json: Any
    files: list[RecordedFile]
    record: RecordedRequest


# aiohttp >= 3.13 wants typed request keys; older versions take plain strings.
DATA_KEY: Any = web.RequestKey("double", RequestData) if hasattr(web, "RequestKey") else "double"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Handler
    auth: bool = True


def ok(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        content_type="application/json",
        headers=headers,
    )


def error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return ok({"message": message, "code": code, **extra}, status=status)


def no_content() -> web.Response:
    return web.Response(status=204)


def unknown(kind: str, code: int) -> web.Response:
    return error(404, code, f"Unknown {kind}")


def snowflake(request: web.Request, name: str) -> int | None:
    """A path id as int; None when it is not a number (answered as unknown)."""
    value = request.match_info.get(name, "")
    return int(value) if value.isdigit() else None


def body(request: web.Request) -> Any:
    return request[DATA_KEY].json


def files(request: web.Request) -> list[RecordedFile]:
    return list(request[DATA_KEY].files)


def flag(request: web.Request, name: str) -> bool:
    return request.query.get(name, "").lower() in ("1", "true")


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """JSON bodies and discord.py's multipart form (``payload_json`` + files)."""
    if not request.can_read_body:
        return None, []
    if request.content_type == "multipart/form-data":
        payload: Any = None
        uploads: list[RecordedFile] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            name = part.name or ""
            if name == "payload_json":
                payload = json.loads(data)
            else:
                uploads.append(
                    RecordedFile(
                        field_name=name,
                        filename=part.filename or name,
                        content_type=part.headers.get("Content-Type", "application/octet-stream"),
                        data=bytes(data),
                    )
                )
        return payload, uploads
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode(errors="replace"), []
