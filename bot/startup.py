"""Start-up failures worded as one line: what failed, and where.

A missing folder for the SQLite file or a PostgreSQL server that does not
answer is an operator's problem to fix, not a bug, so it gets a sentence
that names the setting and the place instead of a traceback (``--debug``
still shows one). Database URLs appear without their password.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError, StatementError

from bot.config_reader import StartupError, shown_url

__all__ = ["StartupError", "check_sqlite_folder", "database_error", "shown_database"]


def shown_database(url: str) -> str:
    """The database a URL names, for a message: its file, or its server and name."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return shown_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite file {parsed.database or ':memory:'}"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return f"PostgreSQL at {where}, database {parsed.database or '(default)'}"


def check_sqlite_folder(url: str) -> None:
    """Refuse a SQLite path whose folder is missing (SQLite only says "unable to open")."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return
    folder = Path(parsed.database).expanduser().parent
    if folder.is_dir():
        return
    what = "is a file, not a folder" if folder.exists() else "does not exist"
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            what = f"cannot exist: {parent} is a file"
            break
    raise StartupError(f"database.url: cannot open the SQLite file {parsed.database}: "
                       f"the folder {folder} {what}")


def database_error(url: str, exc: BaseException) -> StartupError:
    """The one line for a database that could not be opened or prepared."""
    cause = exc.orig if isinstance(exc, StatementError) and exc.orig is not None else exc
    if isinstance(cause, OSError) and cause.strerror:
        reason = cause.strerror
    else:
        lines = str(cause).strip().splitlines()
        reason = lines[0] if lines else type(cause).__name__
    if isinstance(exc, SQLAlchemyError) and reason.startswith("("):
        reason = reason.split(") ", 1)[-1]  # drop SQLAlchemy's "(driver.Error)" prefix
    return StartupError(f"database.url: cannot open {shown_database(url)}: {reason}")
