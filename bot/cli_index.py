"""``labelwatch index``, ``labelwatch export`` and ``labelwatch import``.

The index reads public events (those built from the config file's sources);
export writes every event unless ``--public`` is given, and import loads an
events CSV written by export (or by hand, with the same columns).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import sys
from collections.abc import AsyncIterator, Coroutine, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import CommandFactory, load_cli_settings, positive_int
from bot.config import ConfigError, Settings
from storage.engine import create_engine, session_factory

if TYPE_CHECKING:
    from storage.queries.exchange import EventImport

MAX_ERRORS_SHOWN = 50


def register(command: CommandFactory) -> None:
    database = "database URL (default: the configured one)"
    index = command("index", "the cross-platform index: breadth, convergence, events per week")
    index.add_argument("--database", metavar="URL", help=database)
    index.add_argument("--at", type=_date, metavar="DATE",
                       help="the index as of this day, YYYY-MM-DD (default: today, UTC)")
    index.add_argument("--weeks", type=positive_int, metavar="N",
                       help="weeks of counts to show (default: [index] weeks, 12)")
    index.add_argument("--json", action="store_true", help="one JSON object (events.md)")
    index.set_defaults(handler=run_index)

    export = command("export", "write stored events or posts as CSV or JSONL")
    export.add_argument("--since", type=_date, required=True, metavar="DATE",
                        help="events with a report since, or posts created since, YYYY-MM-DD")
    export.add_argument("--what", choices=("events", "posts"), default="events")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--output", type=Path, metavar="FILE", help="default: stdout")
    export.add_argument("--public", action="store_true",
                        help="leave out what servers' own sources found")
    export.add_argument("--database", metavar="URL", help=database)
    export.set_defaults(handler=run_export)

    imp = command("import", "load events from an events CSV (as written by export)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--database", metavar="URL", help=database)
    imp.set_defaults(handler=run_import)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_cli_settings(args)
    if args.database:
        if not args.database.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            scheme = args.database.split(":", 1)[0]
            raise ConfigError(f"--database: expected a URL starting with sqlite+aiosqlite:// "
                              f"or postgresql+asyncpg://, got one starting with {scheme!r}")
        settings = replace(settings, database=replace(settings.database, url=args.database))
    return settings


@asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The database, its schema created when it is empty (refused when outdated)."""
    from bot.app import prepare_database

    engine = create_engine(settings.database.url)
    try:
        await prepare_database(engine)
        yield session_factory(engine)
    finally:
        await engine.dispose()


def _run(name: str, settings: Settings, work: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(work)
    except (SQLAlchemyError, OSError) as exc:
        where = make_url(settings.database.url).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"labelwatch {name}: database {where}: {reason}", file=sys.stderr)
        return 2


def run_index(args: argparse.Namespace) -> int:
    settings = _settings(args)
    at = args.at or datetime.now(UTC).date()
    weeks = args.weeks or settings.index.weeks
    return _run("index", settings, _index(settings, at, weeks, args.json, sys.stdout))


async def _index(settings: Settings, at: date, weeks: int, as_json: bool, out: TextIO) -> int:
    from bot.index.report import build_report, report_text

    async with _database(settings) as sessions, sessions() as session:
        report = await build_report(session, at=at, weeks=weeks, settings=settings.index)
    out.write(json.dumps(report.as_json()) + "\n" if as_json else report_text(report))
    return 0


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def run_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        with _output(args.output) as out:
            return _run("export", settings, _export(settings, args, out))
    except OSError as exc:
        print(f"labelwatch export: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2


async def _export(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from bot.exchange.events import write_events_csv, write_events_jsonl
    from bot.exchange.posts import write_posts
    from bot.index.breadth import start_of
    from storage.queries.audience import EVERYTHING, PUBLIC
    from storage.queries.exchange import export_events, stream_posts

    since = start_of(args.since)
    async with _database(settings) as sessions, sessions() as session:
        if args.what == "posts":
            posts = stream_posts(session, since=since, public_only=args.public)
            n = await write_posts(posts, out, args.format)
        else:
            records = await export_events(session, since=since,
                                          audience=PUBLIC if args.public else EVERYTHING)
            write = write_events_jsonl if args.format == "jsonl" else write_events_csv
            n = write(records, out)
    print(f"labelwatch export: {n} {args.what} since {args.since.isoformat()}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from bot.exchange.events import read_events_csv

    settings = _settings(args)
    name = str(args.file)
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        print(f"labelwatch import: {name}: not UTF-8 text (byte {exc.start}); nothing imported",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"labelwatch import: cannot read {name}: {exc.strerror}", file=sys.stderr)
        return 2
    parsed = read_events_csv(io.StringIO(text, newline=""), settings.registry)
    if parsed.errors:
        for error in parsed.errors[:MAX_ERRORS_SHOWN]:
            print(f"labelwatch import: {name}: {error}", file=sys.stderr)
        more = len(parsed.errors) - MAX_ERRORS_SHOWN
        if more > 0:
            print(f"labelwatch import: ... and {more} more", file=sys.stderr)
        print(f"labelwatch import: {name}: nothing imported ({len(parsed.errors)} problem"
              f"{'s' if len(parsed.errors) != 1 else ''})", file=sys.stderr)
        return 1
    return _run("import", settings, _import(settings, parsed.items, name, sys.stdout))


async def _import(
    settings: Settings, items: Sequence[EventImport], name: str, out: TextIO,
) -> int:
    from storage.queries.exchange import import_events

    async with _database(settings) as sessions, sessions.begin() as session:
        counts = await import_events(session, items)
    print(f"{name}: {counts.added} events added, {counts.updated} updated, "
          f"{counts.unchanged} unchanged", file=out)
    return 0
