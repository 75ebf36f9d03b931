"""CSV cells: how each kind of value is written and read back, losslessly.

Text that comes from posts is untrusted, and a spreadsheet runs a cell that
starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) as a
formula. Such text is written with a leading ``'``, as spreadsheets expect,
and so is text that itself starts with ``'``; reading strips exactly one,
so every title comes back as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
LIST_SEPARATOR = ";"


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def text_cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def read_text(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def time_cell(value: datetime | None) -> str:
    """ISO 8601 in UTC with a ``Z`` (microseconds only when there are some)."""
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def read_time(cell: str, *, required: bool = True) -> datetime | None:
    """An ISO 8601 timestamp; one without a zone is taken as UTC."""
    if not cell.strip():
        if required:
            raise CellError("required, expected a time such as 2025-09-13T18:02:00Z")
        return None
    try:
        value = datetime.fromisoformat(cell.strip())
    except ValueError:
        raise CellError(f"expected a time such as 2025-09-13T18:02:00Z, got {cell!r}") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def list_cell(values: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(values)


def read_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())


def json_cell(value: Any) -> str:
    """Compact JSON with sorted keys (so equal values give equal files); None is empty."""
    if value is None:
        return ""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def read_json_object(cell: str, *, empty: Any) -> Any:
    if not cell.strip():
        return empty
    try:
        value = json.loads(cell)
    except ValueError:
        raise CellError(f"expected a JSON object, got {cell[:60]!r}") from None
    if not isinstance(value, dict):
        raise CellError(f"expected a JSON object, got {type(value).__name__}")
    return value


def read_int(cell: str, *, lo: int = 0, default: int | None = None) -> int:
    if not cell.strip():
        if default is None:
            raise CellError("required, expected a whole number")
        return default
    try:
        value = int(cell.strip())
    except ValueError:
        raise CellError(f"expected a whole number, got {cell!r}") from None
    if value < lo:
        raise CellError(f"expected a whole number of at least {lo}, got {value}")
    return value


def read_float(cell: str, lo: float, hi: float, default: float) -> float:
    if not cell.strip():
        return default
    try:
        value = float(cell.strip())
    except ValueError:
        raise CellError(f"expected a number from {lo:g} to {hi:g}, got {cell!r}") from None
    if not lo <= value <= hi:
        raise CellError(f"expected a number from {lo:g} to {hi:g}, got {value:g}")
    return value


def number_cell(value: float | int | None) -> str:
    return "" if value is None else repr(value)
