"""The events file: one row per event, written by export and read back by import.

Columns (``COLUMNS``): the event record of events.md with every stored
field, its counts of reports, distinct sources and authors, and the links of
its first and latest reports. ``key`` is the event's identity across
databases (``e17@2025-09-13T08:00:00.000000Z`` for event 17 of the exporting
database); ``id`` is the exporter's id, informative only.

Reading validates every row before anything is imported and names each bad
row by its line in the file (a quoted title may span lines), so a file with
one bad row imports nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import urlsplit

from bot.config import EVENT_TYPES, TIERS
from bot.exchange.cells import (
    CellError,
    json_cell,
    list_cell,
    number_cell,
    read_float,
    read_int,
    read_json_object,
    read_list,
    read_text,
    read_time,
    text_cell,
    time_cell,
)
from bot.platforms import OTHER, PlatformRegistry
from storage.queries.exchange import EventImport, EventRecord

COLUMNS = (
    "key", "id", "title", "platforms", "parents", "event_type", "direction", "tier",
    "magnitude", "first_seen", "last_seen", "status", "status_changed_at", "confirmed_at",
    "score", "origin", "guild_id", "reports", "sources", "authors", "first_report",
    "latest_report", "revision", "features", "created_at", "updated_at",
)
REQUIRED = ("key", "platforms", "event_type", "direction", "tier", "first_seen", "last_seen",
            "status")
STATUSES = ("reported", "corroborated", "confirmed", "disputed", "closed")
ORIGINS = ("reports", "spike")
EXPANSION_TYPES = ("pay_raise", "hiring_expansion")
MAX_KEY = 200
MAX_URL = 2048


def event_cells(record: EventRecord) -> list[str]:
    """One event as CSV cells, in ``COLUMNS`` order."""
    return [
        record.key, f"e{record.id}", text_cell(record.title), list_cell(record.platforms),
        list_cell(record.parents), record.event_type, record.direction, record.tier,
        json_cell(record.magnitude), time_cell(record.first_seen), time_cell(record.last_seen),
        record.status, time_cell(record.status_changed_at), time_cell(record.confirmed_at),
        number_cell(record.score), record.origin, number_cell(record.guild_id),
        str(record.post_count), str(record.source_count), str(record.author_count),
        record.first_report_url or "", record.latest_report_url or "", str(record.revision),
        json_cell(record.features), time_cell(record.created_at), time_cell(record.updated_at),
    ]


def write_events_csv(records: Iterable[EventRecord], out: TextIO) -> int:
    """Write the header and one row per event; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for record in records:
        writer.writerow(event_cells(record))
        n += 1
    return n


def events_csv_bytes(records: Iterable[EventRecord]) -> bytes:
    """The CSV as UTF-8 bytes, for an attachment."""
    buffer = io.StringIO()
    write_events_csv(records, buffer)
    return buffer.getvalue().encode("utf-8")


def event_json(record: EventRecord) -> dict[str, Any]:
    """One event as a JSON object (JSONL export): the same fields, typed."""
    return {
        "key": record.key, "id": f"e{record.id}", "title": record.title,
        "platforms": list(record.platforms), "parents": list(record.parents),
        "event_type": record.event_type, "direction": record.direction, "tier": record.tier,
        "magnitude": record.magnitude, "first_seen": time_cell(record.first_seen),
        "last_seen": time_cell(record.last_seen), "status": record.status,
        "status_changed_at": time_cell(record.status_changed_at),
        "confirmed_at": time_cell(record.confirmed_at) or None, "score": record.score,
        "origin": record.origin, "guild_id": record.guild_id, "reports": record.post_count,
        "sources": record.source_count, "authors": record.author_count,
        "first_report": record.first_report_url, "latest_report": record.latest_report_url,
        "revision": record.revision, "features": record.features,
        "created_at": time_cell(record.created_at), "updated_at": time_cell(record.updated_at),
    }


def write_events_jsonl(records: Iterable[EventRecord], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(event_json(record), ensure_ascii=False) + "\n")
        n += 1
    return n


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def read(cell: str) -> str:
        value = cell.strip()
        if value not in options:
            raise CellError(f"expected one of {', '.join(options)}; got {value!r}")
        return value
    return read


def _url(cell: str) -> str | None:
    value = cell.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > MAX_URL:
        raise CellError(f"expected an http(s) link of at most {MAX_URL} characters, "
                        f"got {value[:60]!r}")
    return value


class _Row:
    """Reads one row's cells, collecting a message per bad column."""

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells
        self.problems: list[str] = []

    def get(self, column: str, read: Callable[[str], Any], default: Any = None) -> Any:
        cell = self.cells.get(column)
        if cell is None:
            return default
        try:
            return read(cell)
        except CellError as exc:
            self.problems.append(f"{column}: {exc}")
            return default


def _platforms(
    row: _Row, registry: PlatformRegistry,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    platforms = row.get("platforms", read_list, ())
    pairs = []
    for platform in platforms:
        known = registry.get(platform)
        if known is None and platform != OTHER:
            row.problems.append(f"platforms: unknown platform {platform!r} (add it under "
                                "[[platforms]] in the config file first)")
            continue
        pairs.append((platform, (known.parent or known.id) if known else OTHER))
    derived = tuple(sorted({parent for _, parent in pairs}))
    parents = row.get("parents", read_list, ())
    if not parents:
        parents = derived
    elif len(pairs) == len(platforms) and sorted(set(parents)) != list(derived):
        row.problems.append(f"parents: {list_cell(parents)!r} are not the parents of the "
                            f"platforms ({list_cell(derived)!r})")
    return platforms, parents, tuple(pairs)


def _record(row: _Row, registry: PlatformRegistry, now: datetime) -> EventImport | None:
    key = row.get("key", str.strip, "")
    if not key or len(key) > MAX_KEY:
        row.problems.append(f"key: required, at most {MAX_KEY} characters")
    event_type = row.get("event_type", _choice(EVENT_TYPES), "")
    direction = row.get("direction", _choice(("contraction", "expansion")), "")
    if event_type and direction:
        expected = "expansion" if event_type in EXPANSION_TYPES else "contraction"
        if direction != expected:
            row.problems.append(f"direction: {event_type} is a {expected}, not a {direction}")
    first_seen = row.get("first_seen", read_time)
    last_seen = row.get("last_seen", read_time)
    if first_seen and last_seen and last_seen < first_seen:
        row.problems.append("last_seen: earlier than first_seen")
    platforms, parents, pairs = _platforms(row, registry)
    record = EventRecord(
        key=key, id=0, title=row.get("title", read_text, ""), platforms=platforms,
        parents=parents, event_type=event_type, direction=direction,
        tier=row.get("tier", _choice(TIERS), ""),
        magnitude=row.get("magnitude", lambda c: read_json_object(c, empty=None)),
        first_seen=first_seen or now, last_seen=last_seen or now,
        status=row.get("status", _choice(STATUSES), ""),
        status_changed_at=row.get("status_changed_at", lambda c: read_time(c, required=False))
        or last_seen or now,
        confirmed_at=row.get("confirmed_at", lambda c: read_time(c, required=False)),
        score=row.get("score", lambda c: read_float(c, 0, 100, 0.0), 0.0),
        origin=row.get("origin", lambda c: _choice(ORIGINS)(c or "reports"), "reports"),
        guild_id=row.get("guild_id", lambda c: read_int(c, lo=1) if c.strip() else None),
        post_count=row.get("reports", lambda c: read_int(c, default=0), 0),
        source_count=row.get("sources", lambda c: read_int(c, default=0), 0),
        author_count=row.get("authors", lambda c: read_int(c, default=0), 0),
        first_report_url=row.get("first_report", _url),
        latest_report_url=row.get("latest_report", _url),
        revision=row.get("revision", lambda c: read_int(c, lo=1, default=1), 1),
        features=row.get("features", lambda c: read_json_object(c, empty={}), {}),
        created_at=row.get("created_at", lambda c: read_time(c, required=False)) or now,
        updated_at=row.get("updated_at", lambda c: read_time(c, required=False)) or now,
    )
    return None if row.problems else EventImport(record, pairs)


@dataclass(frozen=True)
class ParsedEvents:
    items: tuple[EventImport, ...]
    errors: tuple[RowError, ...]


def read_events_csv(
    stream: TextIO, registry: PlatformRegistry, now: datetime | None = None,
) -> ParsedEvents:
    """Validate a whole events file; ``items`` is empty unless ``errors`` is too."""
    now = now or datetime.now(UTC)
    reader = csv.reader(stream)
    errors: list[RowError] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return ParsedEvents((), (RowError(1, f"not a CSV file: {exc}"),))
    if header is None:
        return ParsedEvents((), (RowError(1, "the file is empty; expected a header row"),))
    header = [h.strip().lstrip("\ufeff") for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        if len(set(header)) != len(header):
            parts.append("a column appears twice")
        return ParsedEvents((), (RowError(1, "; ".join(parts) + "; expected the columns "
                                          + ", ".join(COLUMNS)),))
    items: list[EventImport] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(line, f"unreadable CSV: {exc}"))
            break
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            errors.append(RowError(start, f"expected {len(header)} cells, found {len(cells)}"))
            continue
        row = _Row(dict(zip(header, cells, strict=True)))
        item = _record(row, registry, now)
        if item is not None and item.record.key in seen:
            row.problems.append(f"key: {item.record.key!r} is already on line "
                                f"{seen[item.record.key]}")
        if row.problems or item is None:
            errors.extend(RowError(start, p) for p in row.problems)
            continue
        seen[item.record.key] = start
        items.append(item)
    if errors:
        return ParsedEvents((), tuple(errors))
    return ParsedEvents(tuple(items), ())
