"""The custom ids of the feedback components: what each names, and reading them back.

Discord hands a click back with nothing but the component's custom id, and the
bot may have restarted since the alert was sent, so the id itself says which
event (``e17``) or post (``p42``) the alert was about: ``lw:fb:no:e17`` is
"not a signal" on event 17's alert, ``lw:fb:fix:e17`` "wrong details", and
``lw:fb:type:e17`` / ``plat`` / ``tier`` the corrections offered after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PREFIX = "lw:fb"
NOT_SIGNAL, DETAILS = "no", "fix"
"""The two buttons on every alert."""
TYPE, PLATFORM, TIER = "type", "plat", "tier"
"""The three corrections "wrong details" offers."""
FIELDS = (TYPE, PLATFORM, TIER)

_TARGET = r"(?P<kind>[ep])(?P<id>[0-9]{1,19})"
BUTTON_TEMPLATE = rf"{PREFIX}:(?P<action>{NOT_SIGNAL}|{DETAILS}):{_TARGET}"
SELECT_TEMPLATE = rf"{PREFIX}:(?P<field>{TYPE}|{PLATFORM}|{TIER}):{_TARGET}"


@dataclass(frozen=True)
class Target:
    """What an alert was about: an event (``e``) or, for a per-post alert, a post (``p``)."""

    kind: Literal["e", "p"]
    id: int

    @property
    def ref(self) -> str:
        return f"{self.kind}{self.id}"

    @property
    def event_id(self) -> int | None:
        return self.id if self.kind == "e" else None


def target(kind: str, ident: str) -> Target:
    """The target a template match names; ValueError for anything else."""
    if kind not in ("e", "p") or not ident.isdigit():
        raise ValueError(f"not a feedback target: {kind}{ident}")
    return Target("e" if kind == "e" else "p", int(ident))


def button_id(action: str, of: Target) -> str:
    if action not in (NOT_SIGNAL, DETAILS):
        raise ValueError(f"unknown feedback button {action!r}")
    return f"{PREFIX}:{action}:{of.ref}"


def select_id(field: str, of: Target) -> str:
    if field not in FIELDS:
        raise ValueError(f"unknown feedback field {field!r}")
    return f"{PREFIX}:{field}:{of.ref}"
