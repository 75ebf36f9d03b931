"""Uploaded files as Discord treats them: multipart parts ``files[n]`` described by the
``attachments`` array of ``payload_json``, within Discord's count and size limits.

Discord takes at most 10 attachments a message and, in a server without
boosts, files of at most 10 MiB each; a larger file is refused with HTTP 413
and code 40005. An ``attachments`` entry ``{"id": n, "filename", "description"}``
names and describes the part ``files[n]`` (the description is the image's
alt text). On an edit, ``attachments`` lists what the message keeps: existing
attachments by their snowflake id, new uploads by their part index; without
it, new uploads are added to what the message has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .records import RecordedFile
from .validation import InvalidBody

MAX_ATTACHMENTS = 10
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024
_PART = re.compile(r"^files\[(\d+)\]$")


def part_index(upload: RecordedFile, position: int) -> int:
    """``n`` of a ``files[n]`` part; other part names count by their position."""
    match = _PART.match(upload.field_name)
    return int(match.group(1)) if match else position


def check_uploads(files: list[RecordedFile], limit: int, *, already: int = 0) -> None:
    """Raise what Discord answers to too many or too large files."""
    if already + len(files) > MAX_ATTACHMENTS:
        raise InvalidBody(50035, "Invalid Form Body", {"attachments": {"_errors": [{
            "code": "BASE_TYPE_MAX_LENGTH",
            "message": f"Must be {MAX_ATTACHMENTS} or fewer in length."}]}})
    if any(len(f.data) > limit for f in files):
        raise InvalidBody(40005, "Request entity too large", status=413)


def _entries(payload: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    entries = payload.get("attachments")
    return [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []


def describe(
    payload: Mapping[str, Any], files: list[RecordedFile],
    make: Callable[[RecordedFile, Mapping[str, Any]], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Attachment objects for new uploads, with their entries' filename and description."""
    by_id = {str(e.get("id")): e for e in _entries(payload)}
    return [make(f, by_id.get(str(part_index(f, i)), {})) for i, f in enumerate(files)]


def after_edit(
    existing: list[dict[str, Any]], payload: Mapping[str, Any], new: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """A message's attachments after an edit that uploaded ``new``."""
    if "attachments" not in payload:
        return [*existing, *new]
    kept = {str(e.get("id")) for e in _entries(payload)}
    return [a for a in existing if a["id"] in kept] + new
