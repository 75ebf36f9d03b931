"""The ``labelwatch`` command line: argument parsing and dispatch only."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings, load_settings, scorer_for
from bot.config_reader import StartupError

if TYPE_CHECKING:
    from bot.scoring import Scorer
    from bot.sources.addresses import AddressGuard

log = logging.getLogger("labelwatch")
DEFAULT_CONFIG = Path("config.toml")

CommandFactory = Callable[[str, str], argparse.ArgumentParser]
"""Adds a subcommand (name, help) that takes ``--config``; returns its parser.

Command groups that live in their own module (``bot/cli_*.py``) get this in
their ``register`` function and attach their handler with
``parser.set_defaults(handler=fn)``, where ``fn(args) -> int``; handlers
that need the settings call ``load_cli_settings(args)``.
"""

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "bot.cli_events": ("events", "replay"),
    "bot.cli_ops": ("doctor", "sources"),
    "bot.cli_index": ("index", "export", "import"),
    "bot.cli_scoring": ("train", "crossval"),
    "bot.cli_feedback": ("feedback",),
}
"""Modules whose ``register(command: CommandFactory)`` adds their subcommands, with
the subcommands each adds (a command line names one: only its module is imported)."""


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (its first word that is no option), if any."""
    words = iter(argv)
    for word in words:
        if word == "--config":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _modules_for(argv: Sequence[str], built_in: Collection[str]) -> list[str]:
    """The command modules a command line needs.

    Importing one can take a good part of a second (the Discord library,
    the database layer), so a command names only its own; with no command,
    an unknown one or ``--help`` before it, every module is imported and
    argparse lists all the subcommands.
    """
    chosen = _chosen(argv)
    if chosen is None or any(w in ("-h", "--help") for w in argv[:argv.index(chosen)]):
        return list(COMMAND_MODULES)
    for module, names in COMMAND_MODULES.items():
        if chosen in names:
            return [module]
    return [] if chosen in built_in else list(COMMAND_MODULES)


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labelwatch",
        description="Watch data-annotation platforms and report when they restructure.",
    )
    config_help = (
        "TOML config file (default: $LABELWATCH_CONFIG, else ./config.toml if it exists, "
        "else built-in defaults)"
    )
    debug_help = "log at DEBUG and show the traceback when something fails"
    parser.add_argument("--config", type=Path, help=config_help)
    parser.add_argument("--debug", action="store_true", help=debug_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=config_help)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help=debug_help)
        return p

    command("run", "run the service: poll sources, score, alert (headless without a token)")
    poll = command("poll", "poll every source")
    poll.add_argument("--once", action="store_true", required=True,
                      help="one cycle of every source, a line per new post, then exit")
    backfill = command("backfill", "fetch the last N days of every source")
    backfill.add_argument("--days", type=_positive_int, required=True, metavar="N")
    db = command("db", "database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply schema migrations",
                      description="Apply schema migrations to the configured database.")
    command("platforms", "list the platform registry as a table")
    score = command("score", "score posts (signals.md JSONL) from a file or stdin")
    score.add_argument("--input", type=Path, help="input JSONL file (default: stdin)")
    score.add_argument("--threshold", type=_score_threshold, metavar="T",
                       help="decision threshold 0-100 (default: the scorer's)")
    ev = command("eval", "measure the scorer on a labelled JSONL file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--errors", action="store_true", help="list the posts it got wrong and why")
    ev.add_argument("--threshold", type=_score_threshold, metavar="T")
    rescore = command("rescore", "re-score every stored post with the current scorer")
    rescore.add_argument("--batch", type=_positive_int, default=2000, metavar="N")
    for name in _modules_for(argv, sub.choices):  # the subcommands added above
        importlib.import_module(name).register(command)
    return parser


def positive_int(text: str) -> int:
    """An argparse type for counts: a whole number of at least 1."""
    return _positive_int(text)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _score_threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {value:g}")
    return value


def _config_path(args: argparse.Namespace) -> Path | None:
    if args.config is not None:
        return Path(args.config)
    if env := os.environ.get("LABELWATCH_CONFIG"):
        return Path(env)
    return DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None


def config_path(args: argparse.Namespace) -> Path | None:
    """The config file a command reads: ``--config``, ``$LABELWATCH_CONFIG``, ``./config.toml``."""
    return _config_path(args)


def load_cli_settings(args: argparse.Namespace) -> Settings:
    """The validated settings for a command, with logging set up from them."""
    return _settings(args)


def _settings(args: argparse.Namespace) -> Settings:
    from bot.logs import setup_logging

    path = _config_path(args)
    settings = load_settings(path)
    level = "DEBUG" if getattr(args, "debug", False) else settings.log_level
    setup_logging(level, [settings.discord.token, settings.reddit.client_id,
                          settings.reddit.client_secret, settings.database.password])
    log.info("configuration: %s", path if path else "built-in defaults (no config file)")
    return settings


def main(argv: Sequence[str] | None = None, *, address_guard: AddressGuard | None = None
         ) -> int:
    """The command line. ``address_guard`` is for tests that run the whole service
    against doubles on 127.0.0.1 (see ``bot.app.build_services``)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser(argv).parse_args(argv)
    try:
        return _dispatch(args, address_guard)
    except ConfigError as exc:
        print(f"labelwatch: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except StartupError as exc:
        if args.debug:
            raise
        print(f"labelwatch: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            raise
        detail = " ".join(str(exc).split())[:300]
        print(f"labelwatch: {args.command} stopped: {type(exc).__name__}"
              f"{': ' + detail if detail else ''} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


def _scorer(args: argparse.Namespace) -> Scorer:
    """The settings' scorer (platforms, threshold, ``[scoring] model``) for ``score`` and
    ``eval``, at ``--threshold`` if given. They open no database, so its URL is not parsed
    (that would load SQLAlchemy), and set up no logging: nothing but their output goes out."""
    settings = load_settings(_config_path(args), parse_database_url=False)
    return scorer_for(settings, args.threshold)


def _dispatch(args: argparse.Namespace, address_guard: AddressGuard | None = None) -> int:
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args))
    if args.command == "score":
        from bot.scoring.cli import run_score

        scorer = _scorer(args)
        if args.input is None:
            return run_score(sys.stdin.buffer, sys.stdout, sys.stderr, scorer=scorer)
        try:
            with args.input.open("rb") as fh:
                return run_score(fh, sys.stdout, sys.stderr, scorer=scorer)
        except OSError as exc:
            print(f"labelwatch score: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
            return 2
    if args.command == "eval":
        from bot.scoring.cli import run_eval

        scorer = _scorer(args)
        return run_eval(args.file, sys.stdout, args.errors, err=sys.stderr, scorer=scorer)
    if args.command == "platforms":
        from bot.runner import print_platforms

        return print_platforms(_settings(args), sys.stdout)

    from bot import runner

    settings = _settings(args)
    if args.command == "run":
        return asyncio.run(runner.run(settings, address_guard=address_guard))
    if args.command == "poll":
        return asyncio.run(runner.poll_once(settings, sys.stdout))
    if args.command == "backfill":
        return asyncio.run(runner.backfill(settings, args.days, sys.stdout, sys.stderr))
    if args.command == "db":
        return asyncio.run(runner.db_upgrade(settings, sys.stdout))
    if args.command == "rescore":
        return asyncio.run(runner.rescore(settings, args.batch, sys.stdout, sys.stderr))
    raise AssertionError(f"unhandled command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
