"""``labelwatch feedback export``: members' feedback as labelled posts for ``labelwatch train``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TextIO

from bot.cli import CommandFactory, load_cli_settings


def register(command: CommandFactory) -> None:
    feedback = command("feedback", "feedback members gave with the buttons under alerts")
    sub = feedback.add_subparsers(dest="feedback_command", required=True, metavar="ACTION")
    export = sub.add_parser(
        "export", help="write every post with feedback as labelled JSONL (signals.md format)",
        description="Write every post members gave feedback on, one JSON object a line: the "
                    "scoring input fields plus 'labels' (the latest feedback decides), ready "
                    "for 'labelwatch train --feedback FILE'.")
    export.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="TOML config file")
    export.add_argument("--output", type=Path, default=None, metavar="FILE",
                        help="write here instead of stdout (replaced only when complete)")
    export.set_defaults(handler=_export)


async def _write(url: str, out: TextIO) -> int:
    from bot.app import open_database
    from bot.feedback.labels import export_feedback
    from storage.engine import session_factory

    engine = await open_database(url)
    try:
        return await export_feedback(session_factory(engine), out)
    finally:
        await engine.dispose()


def _export(args: argparse.Namespace) -> int:
    settings = load_cli_settings(args)
    if args.output is None:
        count = asyncio.run(_write(settings.database.url, sys.stdout))
    else:
        tmp = args.output.with_name(args.output.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                count = asyncio.run(_write(settings.database.url, fh))
            tmp.replace(args.output)
        except OSError as exc:
            print(f"labelwatch feedback export: cannot write {args.output}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            return 2
    print(f"exported {count} post{'s' if count != 1 else ''} with feedback", file=sys.stderr)
    return 0
