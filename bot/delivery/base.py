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


class Sink(Protocol):
    """Delivers one alert; returns the sent message's id when the sink has one.

    Returning means the sink confirmed delivery. Anything else must raise
    ``TransientDeliveryError`` or ``PermanentDeliveryError``.
    """

    async def send(self, item: OutboxView) -> str | None: ...
