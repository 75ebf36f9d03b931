"""What the double remembers, and the one primitive every wait is built on.

Everything a client does to the double ends up as one of these records, so
tests assert on plain data rather than on aiohttp internals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

EPHEMERAL = 1 << 6
LOADING = 1 << 7


class Notifier:
    """Wakes waiters whenever the double's state changes.

    An ``asyncio.Event`` that is swapped for a fresh one on every change lets
    synchronous code (fixture mutations) notify without holding a lock, and
    waiters re-check their predicate only when something really happened:
    no polling, no fixed sleeps.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.describe: Callable[[], str] = lambda: ""

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 5.0) -> T:  # noqa: ASYNC109
        """Return the first truthy value of ``predicate()``; TimeoutError after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"condition not met within {timeout}s; recent activity:\n{self.describe()}"
                )
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue


@dataclass
class RecordedRequest:
    """One HTTP request as the double saw it.

    ``path`` is relative to the API base (``/channels/1/messages``);
    ``route`` is the matched route (``"POST /channels/{channel_id}/messages"``)
    or ``None`` for unknown routes; ``status`` stays 0 while the request is
    being handled; ``fault`` names the injected fault that answered it.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    status: int = 0
    route: str | None = None
    fault: str | None = None

    def __str__(self) -> str:
        tag = f" [{self.fault}]" if self.fault else ""
        return f"{self.method} {self.path} -> {self.status}{tag}"


@dataclass
class RecordedFile:
    """An uploaded attachment (multipart part) of a message."""

    field_name: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedMessage:
    """A message that exists (or existed) in the double.

    ``payload`` is the JSON body exactly as the client sent it when creating
    the message (so ``allowed_mentions`` and other request-only fields can be
    asserted); ``message`` is the Discord message object as it stands now
    (after edits). ``edits`` holds the JSON bodies of later PATCHes.
    ``source`` is ``"channel"`` (bot REST), ``"webhook"`` (incoming webhook),
    ``"interaction"`` (interaction response) or ``"followup"``.
    """

    id: int
    channel_id: int
    source: str
    payload: dict[str, Any]
    message: dict[str, Any]
    webhook_id: int | None = None
    interaction_id: int | None = None
    edits: list[dict[str, Any]] = field(default_factory=list)
    files: list[RecordedFile] = field(default_factory=list)
    deleted: bool = False

    @property
    def content(self) -> str:
        return str(self.message.get("content", ""))

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.message.get("embeds", []))

    @property
    def attachments(self) -> list[dict[str, Any]]:
        """Discord's attachment objects (id, filename, size, url, description, ...)."""
        return list(self.message.get("attachments", []))

    @property
    def replies_to(self) -> int | None:
        """The id of the message this one replies to (type 19), or None."""
        reference = self.message.get("message_reference")
        if self.message.get("type") != 19 or not reference:
            return None
        return int(reference["message_id"])

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self.message.get("components", []))

    @property
    def flags(self) -> int:
        return int(self.message.get("flags", 0))

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        """The allowed_mentions of the latest request that set it."""
        for body in reversed([self.payload, *self.edits]):
            if "allowed_mentions" in body:
                value = body["allowed_mentions"]
                return dict(value) if value is not None else None
        return None

    def custom_ids(self) -> list[str]:
        """Every ``custom_id`` in the message's components, depth first."""
        found: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if "custom_id" in item:
                    found.append(item["custom_id"])
                walk(item.get("components", []))
                if isinstance(item.get("accessory"), dict):
                    walk([item["accessory"]])

        walk(self.components)
        return found


@dataclass
class InteractionCallback:
    """The body of ``POST /interactions/{id}/{token}/callback``.

    ``type`` is Discord's callback type: 4 message, 5 deferred message
    ("thinking"), 6 deferred update, 7 update message, 8 autocomplete
    choices, 9 modal.
    """

    type: int
    data: dict[str, Any]

    @property
    def content(self) -> str | None:
        return self.data.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.data.get("embeds", []))

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self.data.get("components", []))

    @property
    def flags(self) -> int:
        return int(self.data.get("flags", 0) or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def choices(self) -> list[dict[str, Any]]:
        return list(self.data.get("choices", []))
