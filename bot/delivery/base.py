"""What every sink promises the outbox worker."""

from __future__ import annotations

from typing import Protocol

from storage.queries.outbox import OutboxView


class DeliveryError(Exception):
    """A send that did not happen; the message never contains a secret."""


class TransientDeliveryError(DeliveryError):
    """Worth retrying later: rate limits, server errors, network trouble."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Retrying cannot help.

    ``disable_route`` is true when the sink itself is gone or forbidden
    (deleted channel, revoked webhook), false when only this alert was
    refused (an embed the API rejected), so the route keeps working.
    """

    def __init__(self, reason: str, *, disable_route: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.disable_route = disable_route


class MessageGoneError(PermanentDeliveryError):
    """The message to edit or reply to no longer exists (deleted in Discord).

    Only that item is dropped: the route keeps working, and the event's
    deleted message is neither edited nor posted again.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason, disable_route=False)


class Sink(Protocol):
    """Delivers outbox items; returns a sent message's id when the sink has one.

    Returning means the sink confirmed delivery. Anything else must raise
    ``TransientDeliveryError`` or ``PermanentDeliveryError`` (``MessageGoneError``
    when an edit or reply finds its message deleted).
    """

    async def send(self, item: OutboxView) -> str | None:
        """Post a new message: an event's, or a per-post alert queued before events."""
        ...

    async def edit(self, item: OutboxView) -> None:
        """Edit the route's message (``item.message_id``) to show ``item.event`` as it is now."""
        ...

    async def reply(self, item: OutboxView) -> str | None:
        """Answer the route's message: the event's status became ``item.event_status``."""
        ...
