"""Operator commands: ``labelwatch doctor`` and ``labelwatch sources``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from bot.cli import CommandFactory, config_path, load_cli_settings
from bot.config import ConfigError, Secret, Settings, load_settings
from bot.doctor_check import FAIL, Check, failed, report_json, summary_line
from bot.logs import setup_logging
from bot.source_report import load_source_rows, render_table, row_json
from storage.types import utcnow


def register(command: CommandFactory) -> None:
    doctor = command("doctor", "check config, database, Discord, Reddit, webhooks and every "
                               "source; exit code 1 if anything fails")
    doctor.add_argument("--json", action="store_true", help="one JSON document, for scripts")
    doctor.add_argument("--no-sources", action="store_true",
                        help="skip fetching every source (the slow part)")
    doctor.set_defaults(handler=run_doctor)
    sources = command("sources", "every source: platform, who watches it, last success, "
                                 "failures, reason, next try")
    sources.add_argument("--json", action="store_true", help="one JSON document, for scripts")
    sources.add_argument("--failing", action="store_true",
                         help="only sources whose last poll failed")
    sources.set_defaults(handler=run_sources)


def _secrets(settings: Settings) -> list[Secret | None]:
    return [settings.discord.token, settings.reddit.client_id, settings.reddit.client_secret,
            settings.database.password]


def run_doctor(args: argparse.Namespace) -> int:
    """Every check, one verdict line each; 1 when any failed (a bad config included)."""
    from bot.doctor import diagnose

    path = config_path(args)
    where = str(path) if path else "built-in defaults (no config file)"
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        checks = [Check("config", FAIL, str(exc), f"correct it in {where}")]
    else:
        # The verdicts say everything; the fetchers' own warnings would repeat them.
        setup_logging("ERROR", _secrets(settings))
        checks = asyncio.run(diagnose(settings, where, sources=not args.no_sources))
    if args.json:
        json.dump(report_json(checks), sys.stdout, indent=2)
        print()
    else:
        for check in checks:
            print(check.line())
        print(summary_line(checks))
    return 1 if failed(checks) else 0


def run_sources(args: argparse.Namespace) -> int:
    settings = load_cli_settings(args)
    try:
        rows, note = asyncio.run(load_source_rows(settings))
    except Exception as exc:
        print(f"labelwatch sources: cannot read {settings.database.shown_url} "
              f"({type(exc).__name__}); `labelwatch doctor` says more", file=sys.stderr)
        return 1
    if args.failing:
        rows = [r for r in rows if r.status in ("failing", "retrying")]
    now = utcnow()
    if args.json:
        json.dump({"sources": [row_json(r, now) for r in rows], "note": note}, sys.stdout,
                  indent=2)
        print()
        return 0
    for line in render_table(rows, now):
        print(line)
    bad = sum(r.status in ("failing", "retrying") for r in rows)
    new = sum(r.status == "new" for r in rows)
    print(f"{len(rows)} sources: {bad} failing or retrying, {new} not polled yet"
          + (f"; {note}" if note else ""))
    return 0
