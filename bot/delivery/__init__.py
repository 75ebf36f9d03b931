"""Delivery: turning outbox rows into Discord messages, webhook posts and console lines."""

from bot.delivery.base import (
    DeliveryError,
    PermanentDeliveryError,
    Sink,
    TransientDeliveryError,
)

__all__ = ["DeliveryError", "PermanentDeliveryError", "Sink", "TransientDeliveryError"]
