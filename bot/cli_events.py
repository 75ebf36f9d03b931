"""Command line for events: ``labelwatch events rebuild|list|show`` and ``labelwatch replay``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime
from pathlib import Path

from bot.cli import CommandFactory, load_cli_settings


def register(command: CommandFactory) -> None:
    events = command("events", "events built from signal posts")
    sub = events.add_subparsers(dest="events_command", required=True, metavar="ACTION")
    rebuild = sub.add_parser(
        "rebuild", help="group every stored signal post into events again (sends no alerts)",
        description="Drop the events built from reports and group every stored signal post "
                    "again, oldest first (after an upgrade, or after 'labelwatch rescore'). "
                    "Sends no alerts. Stop the service while it runs.")
    rebuild.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                         help="TOML config file")
    rebuild.add_argument("--batch", type=_positive, default=2000, metavar="N",
                         help="posts grouped per transaction (default 2000)")
    rebuild.set_defaults(handler=_rebuild)

    listing = sub.add_parser(
        "list", help="every event, first seen first (or those with a report since a date)",
        description="List events, first seen first: id, latest report, status, score, type, "
                    "platforms, counts and title; --json prints one object a line.")
    listing.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                         help="TOML config file")
    listing.add_argument("--since", type=_since, metavar="DATE",
                         help="only events with a report since DATE (2026-05-01, or an ISO "
                              "time in UTC)")
    listing.add_argument("--json", action="store_true", help="one JSON object a line")
    listing.set_defaults(handler=_list)

    show = sub.add_parser(
        "show", help="one event and every report of it, with its link and why it joined",
        description="Show an event (e17 or 17) and its timeline, oldest first: each "
                    "report's time, source, score, link and the reason it joined.")
    show.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                      help="TOML config file")
    show.add_argument("event", type=_event, metavar="ID", help="the event: e17 or 17")
    show.add_argument("--json", action="store_true", help="one JSON object with its reports")
    show.set_defaults(handler=_show)

    replay = command("replay", "run posts from a JSONL file through the pipeline, clocked by "
                               "their created_utc; print each post's event and alert")
    replay.add_argument("--input", type=Path, required=True, metavar="FILE",
                        help="scoring-input JSONL with created_utc (author, url optional)")
    replay.add_argument("--database", metavar="URL",
                        help="write into this database (default: a fresh temporary one)")
    replay.set_defaults(handler=_replay)


def _positive(text: str) -> int:
    from bot.cli import positive_int

    return positive_int(text)


def _rebuild(args: argparse.Namespace) -> int:
    from bot.events.rebuild import rebuild

    settings = load_cli_settings(args)
    return asyncio.run(rebuild(settings, sys.stdout, sys.stderr, args.batch))


def _replay(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from bot.config import DatabaseSettings, _database_url
    from bot.events.replay import replay_text

    settings = load_cli_settings(args)
    if settings.log_level != "DEBUG":
        logging.getLogger("bot.pipeline").setLevel(logging.WARNING)
    url = None
    if args.database is not None:
        url = _database_url("--database", args.database)
        settings = replace(settings, database=DatabaseSettings(url))
    try:
        with args.input.open(encoding="utf-8") as fh:
            text = list(fh)
    except OSError as exc:
        print(f"labelwatch replay: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"labelwatch replay: {args.input} is not UTF-8 text: {exc.reason}",
              file=sys.stderr)
        return 2
    bad = asyncio.run(replay_text(text, settings, url, sys.stdout, sys.stderr))
    return 1 if bad else 0


def _since(text: str) -> datetime:
    from bot.event_listing import since_date

    return since_date(text)


def _event(text: str) -> int:
    from bot.event_listing import event_id

    return event_id(text)


def _list(args: argparse.Namespace) -> int:
    from bot.event_listing import list_events

    settings = load_cli_settings(args)
    return asyncio.run(list_events(settings, args.since, args.json, sys.stdout))


def _show(args: argparse.Namespace) -> int:
    from bot.event_listing import show_event

    settings = load_cli_settings(args)
    return asyncio.run(show_event(settings, args.event, args.json, sys.stdout, sys.stderr))
