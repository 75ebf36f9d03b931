"""Interactions in flight: the handle a test holds, and Discord's rules for
answering one (one callback only, followups need an acknowledged
interaction, the first followup after "thinking" fills the deferred message).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from .attachments import check_uploads
from .records import (
    EPHEMERAL,
    LOADING,
    InteractionCallback,
    Notifier,
    RecordedFile,
    RecordedMessage,
)
from .state import DiscordState
from .validation import InvalidBody, check_choices, check_message

MESSAGE_CALLBACKS = (4, 5)
UPDATE_CALLBACKS = (6, 7)
CHAT_INPUT_MESSAGE = 20


class InteractionHandle:
    """What a test gets back from ``invoke`` / ``press_button``.

    ``response`` is the callback (None until the bot answers), ``original``
    the message the callback created or (for components) updated, and
    ``followups`` the messages sent through the interaction webhook.
    """

    def __init__(self, payload: dict[str, Any], notifier: Notifier, *, sent_at: float) -> None:
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.channel_id = int(payload["channel_id"])
        self.guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        self.response: InteractionCallback | None = None
        self.original: RecordedMessage | None = None
        self.followups: list[RecordedMessage] = []
        self.component_message: RecordedMessage | None = None
        self.sent_at = sent_at
        self._notifier = notifier

    def __repr__(self) -> str:
        return f"<InteractionHandle id={self.id} type={self.type} response={self.response}>"

    async def wait_response(self, timeout: float = 5.0) -> InteractionCallback:  # noqa: ASYNC109
        """The callback the bot sent (type, data); TimeoutError if none came."""
        return await self._notifier.wait_for(lambda: self.response, timeout)

    async def wait_followups(self, count: int = 1, timeout: float = 5.0) -> list[RecordedMessage]:  # noqa: ASYNC109
        """At least ``count`` followup messages (all of them, in order)."""
        return await self._notifier.wait_for(
            lambda: list(self.followups) if len(self.followups) >= count else None, timeout
        )

    async def wait_original(
        self,
        predicate: Callable[[RecordedMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> RecordedMessage:
        """The original response message once it exists and satisfies
        ``predicate`` (e.g. ``lambda m: not m.flags & LOADING`` after a defer)."""

        def ready() -> RecordedMessage | None:
            message = self.original
            if message is None or (predicate is not None and not predicate(message)):
                return None
            return message

        return await self._notifier.wait_for(ready, timeout)


class InteractionDesk:
    """Applies callbacks and webhook calls to the interactions in flight."""

    def __init__(self, state: DiscordState) -> None:
        self.state = state
        self.handles: dict[int, InteractionHandle] = {}
        self.by_token: dict[str, InteractionHandle] = {}
        self.ack_deadline: float | None = None

    def register(self, payload: dict[str, Any]) -> InteractionHandle:
        loop = asyncio.get_running_loop()
        handle = InteractionHandle(payload, self.state.notifier, sent_at=loop.time())
        if payload["type"] == 3:
            handle.component_message = self.state.messages.get(int(payload["message"]["id"]))
        self.handles[handle.id] = handle
        self.by_token[handle.token] = handle
        return handle

    def expired(self, handle: InteractionHandle) -> bool:
        if self.ack_deadline is None:
            return False
        return asyncio.get_running_loop().time() - handle.sent_at > self.ack_deadline

    def callback(
        self, handle: InteractionHandle, body: dict[str, Any],
        files: list[RecordedFile] | None = None,
    ) -> dict[str, Any]:
        """Apply a callback (with the files of a multipart one); returns Discord's
        InteractionCallbackResponse."""
        kind = int(body.get("type", 0))
        data = dict(body.get("data") or {})
        files = files or []
        if kind == 4:
            check_message(data, has_files=bool(files))
        elif kind == 7:
            check_message(data, creating=False)
        if kind in (4, 7):
            check_uploads(files, self.state.upload_limit)
        elif kind == 8:
            check_choices(list(data.get("choices") or []))
        elif kind not in (1, 5, 6, 9, 12):
            raise InvalidBody(
                50035,
                "Invalid Form Body",
                {
                    "type": {
                        "_errors": [
                            {
                                "code": "BASE_TYPE_CHOICES",
                                "message": f"Value must be one of ... (got {kind}).",
                            }
                        ]
                    }
                },
            )
        message: RecordedMessage | None = None
        if kind in MESSAGE_CALLBACKS:
            if kind == 5:
                data = {"flags": data.get("flags", 0)} if data.get("flags") else {}
            message = self._create(handle, data, loading=kind == 5,
                                   files=files if kind == 4 else [])
            handle.original = message
        elif kind in UPDATE_CALLBACKS and handle.component_message is not None:
            message = handle.component_message
            if kind == 7:
                self.state.edit_message(message, data, files)
            handle.original = message
        handle.response = InteractionCallback(kind, dict(body.get("data") or {}))
        self.state.notifier.notify()
        interaction: dict[str, Any] = {"id": str(handle.id), "type": handle.type}
        result: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            interaction["response_message_id"] = str(message.id)
            interaction["response_message_loading"] = bool(message.flags & LOADING)
            interaction["response_message_ephemeral"] = message.ephemeral
            result["resource"] = {"type": kind, "message": message.message}
        return result

    def followup(
        self, handle: InteractionHandle, body: dict[str, Any], files: list[RecordedFile]
    ) -> RecordedMessage:
        original = handle.original
        check_uploads(files, self.state.upload_limit)
        if original is not None and original.flags & LOADING and not original.deleted:
            # Discord turns the first followup after a deferral into the original response.
            check_message(body, creating=False)
            self.state.edit_message(original, body, files)
            handle.followups.append(original)
            self.state.notifier.notify()
            return original
        check_message(body, has_files=bool(files))
        message = self.state.create_message(
            handle.channel_id,
            body,
            source="followup",
            author=self.state.bot_user.payload(),
            files=files,
            webhook_id=self.state.application_id,
            interaction=self._metadata(handle),
            message_type=CHAT_INPUT_MESSAGE if handle.type == 2 else 0,
        )
        handle.followups.append(message)
        self.state.notifier.notify()
        return message

    def message_of(self, handle: InteractionHandle, message_ref: str) -> RecordedMessage | None:
        """``@original`` or a followup id, as the webhook message routes address them."""
        if message_ref == "@original":
            candidate = handle.original
        else:
            wanted = int(message_ref) if message_ref.isdigit() else -1
            pool = [handle.original, *handle.followups]
            candidate = next((m for m in pool if m is not None and m.id == wanted), None)
        if candidate is None or candidate.deleted:
            return None
        return candidate

    def _create(
        self, handle: InteractionHandle, data: dict[str, Any], *, loading: bool,
        files: list[RecordedFile],
    ) -> RecordedMessage:
        return self.state.create_message(
            handle.channel_id,
            data,
            source="interaction",
            files=files,
            author=self.state.bot_user.payload(),
            webhook_id=self.state.application_id,
            interaction=self._metadata(handle),
            message_type=CHAT_INPUT_MESSAGE if handle.type == 2 else 0,
            extra_flags=(LOADING if loading else 0) | (int(data.get("flags") or 0) & EPHEMERAL),
        )

    def _metadata(self, handle: InteractionHandle) -> dict[str, Any]:
        member = handle.payload.get("member") or {}
        metadata: dict[str, Any] = {
            "id": str(handle.id),
            "type": handle.type,
            "user": member.get("user") or handle.payload.get("user"),
            "authorizing_integration_owners": handle.payload.get(
                "authorizing_integration_owners", {}
            ),
        }
        if handle.type == 2:
            metadata["name"] = handle.payload["data"]["name"]
            metadata["command_type"] = handle.payload["data"].get("type", 1)
        if handle.component_message is not None:
            metadata["interacted_message_id"] = str(handle.component_message.id)
        return metadata
