"""``labelwatch events list`` and ``labelwatch events show``: the operator's view of events.

The operator sees every event, public or built from a guild's own sources.
The argument types here give argparse clear errors for bad dates and ids.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import TextIO

from bot.app import prepare_database
from bot.commands.event_options import event_ref_option
from bot.commands.options import BadArgument
from bot.config import Settings
from bot.delivery.event_text import LIST_HEADER, event_json, list_line, show_text
from storage.engine import create_engine, session_factory
from storage.queries.audience import EVERYTHING
from storage.queries.event_views import event_timeline, find_event, recent_events

CHUNK = 500
"""Events read per query while listing, so a long history streams out."""


def since_date(text: str) -> datetime:
    """``2026-05-01`` (midnight UTC) or an ISO time (``2026-05-01T12:00Z``); naive is UTC."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2026-05-01 or a time like 2026-05-01T12:00Z, got {text!r}"
        ) from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def event_id(text: str) -> int:
    """``e17`` or ``17``."""
    try:
        return event_ref_option(text)
    except BadArgument:
        raise argparse.ArgumentTypeError(
            f"expected an event id like e17 or 17, got {text!r}") from None


async def list_events(settings: Settings, since: datetime | None, as_json: bool,
                      out: TextIO) -> int:
    """Every event with a report since ``since`` (all without it), first seen first."""
    engine = create_engine(settings.database.url)
    try:
        await prepare_database(engine)
        sessions = session_factory(engine)
        offset = 0
        if not as_json:
            print(LIST_HEADER, file=out)
        while True:
            async with sessions() as session:
                chunk = await recent_events(session, EVERYTHING, since=since, limit=CHUNK,
                                            offset=offset, order="oldest")
            for event in chunk:
                line = json.dumps(event_json(event)) if as_json else list_line(event)
                print(line, file=out)
            if len(chunk) < CHUNK:
                break
            offset += CHUNK
        if not as_json:
            shown = offset + len(chunk)
            print(f"{shown} event{'s' if shown != 1 else ''}"
                  + (f" with a report since {since:%Y-%m-%d %H:%MZ}" if since else ""),
                  file=out)
    finally:
        await engine.dispose()
    return 0


async def show_event(settings: Settings, ref: int, as_json: bool, out: TextIO,
                     err: TextIO) -> int:
    """One event and its whole timeline; exit code 1 when there is no such event."""
    engine = create_engine(settings.database.url)
    try:
        await prepare_database(engine)
        async with session_factory(engine)() as session:
            event = await find_event(session, ref, EVERYTHING)
            reports = await event_timeline(session, ref) if event is not None else []
    finally:
        await engine.dispose()
    if event is None:
        print(f"labelwatch events show: no event e{ref}; 'labelwatch events list' lists them",
              file=err)
        return 1
    if as_json:
        print(json.dumps(event_json(event, reports)), file=out)
    else:
        print(show_text(event, reports, settings.registry), file=out)
    return 0
