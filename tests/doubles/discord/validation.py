"""The subset of Discord's request validation that bots commonly trip over.

Discord rejects these with 400 and error code 50035 (Invalid Form Body) or
50006 (empty message); the double does the same so a bot that builds an
oversize embed fails in tests the way it would fail in production.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

EMBED_LIMITS = {"title": 256, "description": 4096}
COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")


class InvalidBody(Exception):
    """A request body Discord would refuse; ``body`` is Discord's error JSON."""

    def __init__(
        self, code: int, message: str, errors: dict[str, Any] | None = None, *,
        status: int = 400,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"code": code, "message": message}
        if errors:
            self.body["errors"] = errors


def _error(path: list[str], text: str, code: str = "BASE_TYPE_MAX_LENGTH") -> dict[str, Any]:
    tree: dict[str, Any] = {"_errors": [{"code": code, "message": text}]}
    for key in reversed(path):
        tree = {key: tree}
    return tree


def _too_long(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) > limit


def _embed_errors(index: int, embed: Mapping[str, Any]) -> list[tuple[list[str], str]]:
    base = ["embeds", str(index)]
    found: list[tuple[list[str], str]] = []
    for key, limit in EMBED_LIMITS.items():
        if _too_long(embed.get(key), limit):
            found.append(([*base, key], f"Must be {limit} or fewer in length."))
    fields = embed.get("fields") or []
    if len(fields) > 25:
        found.append(([*base, "fields"], "Must be 25 or fewer in length."))
    for i, fld in enumerate(fields):
        if not fld.get("name") or not fld.get("value"):
            found.append(([*base, "fields", str(i)], "This field is required"))
        if _too_long(fld.get("name"), 256):
            found.append(([*base, "fields", str(i), "name"], "Must be 256 or fewer in length."))
        if _too_long(fld.get("value"), 1024):
            found.append(([*base, "fields", str(i), "value"], "Must be 1024 or fewer in length."))
    footer = embed.get("footer") or {}
    if _too_long(footer.get("text"), 2048):
        found.append(([*base, "footer", "text"], "Must be 2048 or fewer in length."))
    author = embed.get("author") or {}
    if _too_long(author.get("name"), 256):
        found.append(([*base, "author", "name"], "Must be 256 or fewer in length."))
    return found


def embed_total(embed: Mapping[str, Any]) -> int:
    """Characters Discord counts towards the 6000 per-message embed budget."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for fld in embed.get("fields") or []:
        total += len(fld.get("name") or "") + len(fld.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def check_message(
    body: Mapping[str, Any], *, creating: bool = True, has_files: bool = False
) -> None:
    """Raise ``InvalidBody`` where Discord would answer 400."""
    found: list[tuple[list[str], str]] = []
    if _too_long(body.get("content"), 2000):
        found.append((["content"], "Must be 2000 or fewer in length."))
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        found.append((["embeds"], "Must be 10 or fewer in length."))
    for i, embed in enumerate(embeds):
        found.extend(_embed_errors(i, embed))
    if sum(embed_total(e) for e in embeds) > 6000:
        found.append((["embeds"], "Embed size exceeds maximum size of 6000"))
    nonce = body.get("nonce")
    if nonce is not None and (isinstance(nonce, bool) or not isinstance(nonce, str | int)
                              or _too_long(nonce, 25)):
        found.append((["nonce"], "Must be 25 or fewer in length."))
    if found:
        errors: dict[str, Any] = {}
        for path, text in found:
            _merge(errors, _error(path, text))
        raise InvalidBody(50035, "Invalid Form Body", errors)
    if creating and not has_files and not _has_payload(body):
        raise InvalidBody(50006, "Cannot send an empty message")


def unknown_reference() -> InvalidBody:
    """What Discord answers a reply to a message it cannot find (deleted, or elsewhere)."""
    return InvalidBody(50035, "Invalid Form Body",
                       _error(["message_reference"], "Unknown message", "REPLIES_UNKNOWN_MESSAGE"))


def _has_payload(body: Mapping[str, Any]) -> bool:
    keys = ("content", "embeds", "components", "sticker_ids", "poll", "attachments")
    return any(body.get(k) for k in keys)


def _merge(into: dict[str, Any], tree: dict[str, Any]) -> None:
    for key, value in tree.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value)
        elif key == "_errors" and key in into:
            into[key].extend(value)
        else:
            into[key] = value


def check_choices(choices: list[Mapping[str, Any]]) -> None:
    if len(choices) > 25:
        raise InvalidBody(
            50035,
            "Invalid Form Body",
            _error(["data", "choices"], "Must be 25 or fewer in length."),
        )
    for i, choice in enumerate(choices):
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            raise InvalidBody(
                50035,
                "Invalid Form Body",
                _error(["data", "choices", str(i), "name"], "Must be between 1 and 100 in length."),
            )


def check_command(index: int, command: Mapping[str, Any]) -> None:
    """Names, descriptions and option ordering of one command registration."""
    where = [str(index)]
    name = command.get("name", "")
    kind = command.get("type", 1)
    if kind == 1 and (not COMMAND_NAME.match(name) or name != name.lower()):
        raise InvalidBody(
            50035,
            "Invalid Form Body",
            _error([*where, "name"], "Invalid name", "APPLICATION_COMMAND_INVALID_NAME"),
        )
    if kind == 1 and not 1 <= len(command.get("description") or "") <= 100:
        raise InvalidBody(
            50035,
            "Invalid Form Body",
            _error([*where, "description"], "Must be between 1 and 100 in length."),
        )
    _check_options(where, command.get("options") or [])


def _check_options(where: list[str], options: list[Mapping[str, Any]]) -> None:
    if len(options) > 25:
        raise InvalidBody(
            50035,
            "Invalid Form Body",
            _error([*where, "options"], "Must be 25 or fewer in length."),
        )
    seen_optional = False
    for i, option in enumerate(options):
        here = [*where, "options", str(i)]
        if option.get("type") in (1, 2):
            _check_options(here, option.get("options") or [])
            continue
        if option.get("required"):
            if seen_optional:
                raise InvalidBody(
                    50035,
                    "Invalid Form Body",
                    _error(
                        here,
                        "Required options must be placed before non-required options",
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    ),
                )
        else:
            seen_optional = True
