"""Command line for events: ``labelwatch events rebuild`` and ``labelwatch replay``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
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
    from bot.events.replay import read_input, replay

    settings = load_cli_settings(args)
    if settings.log_level != "DEBUG":
        logging.getLogger("bot.pipeline").setLevel(logging.WARNING)
    url = None
    if args.database is not None:
        url = _database_url("--database", args.database)
        settings = replace(settings, database=DatabaseSettings(url))
    try:
        with args.input.open(encoding="utf-8") as fh:
            lines, bad = read_input(fh, sys.stderr)
    except OSError as exc:
        print(f"labelwatch replay: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"labelwatch replay: {args.input} is not UTF-8 text: {exc.reason}",
              file=sys.stderr)
        return 2
    asyncio.run(replay(lines, settings, url, sys.stdout))
    return 1 if bad else 0
