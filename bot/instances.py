"""Several ``labelwatch run`` on one database: who polls, and who may start at all.

On PostgreSQL any number of instances may run. Each delivers alerts (the
outbox leases rows, so none goes out twice), but only the holder of the
``poller`` lease polls sources and runs scheduled jobs (digests); the
others check every few seconds and one takes over within
``POLL_LEASE_SECONDS + POLL_CHECK_SECONDS`` when the holder stops renewing.

SQLite cannot be shared that way, so there a lock file next to the
database keeps a second instance from starting at all; the operating
system frees it when the process ends, however it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.startup import StartupError, check_sqlite_folder
from storage.queries.leases import drop_lease, take_lease
from storage.types import utcnow

log = logging.getLogger(__name__)

POLL_LEASE = "poller"
POLL_LEASE_SECONDS = 20.0
"""How long the polling instance's lease lasts without renewal."""
POLL_CHECK_SECONDS = 5.0
"""How often the holder renews it and the others try to take it."""


def instance_name() -> str:
    """This process, as lease owners are named: host, pid and a random part (pids repeat)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a URL names; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser()


@contextlib.contextmanager
def single_instance(url: str) -> Iterator[None]:
    """Refuse to run while another ``labelwatch run`` has the same SQLite file open."""
    path = sqlite_file(url)
    if path is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock, as before
        yield
        return
    check_sqlite_folder(url)
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle: IO[str] = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held
    except OSError as exc:
        raise StartupError(f"database.url: cannot create the lock file {lock_path}: "
                           f"{exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            other = handle.read().strip() or "unknown"
            raise StartupError(
                f"database.url: another labelwatch (pid {other}) is already running on the "
                f"SQLite file {path}; stop it first, or use PostgreSQL to run several instances"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


class PollGate:
    """Polls and scheduled jobs run only while this instance holds the ``poller`` lease.

    ``resume`` and ``pause`` switch the scheduler; ``force`` takes the lease
    whoever holds it, for a database only this process can open (SQLite).
    """

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], owner: str, *,
        resume: Callable[[], None], pause: Callable[[], None], force: bool = False,
        lease_seconds: float = POLL_LEASE_SECONDS, check_seconds: float = POLL_CHECK_SECONDS,
    ) -> None:
        self._sessions = sessions
        self._owner = owner
        self._resume = resume
        self._pause = pause
        self._force = force
        self._ttl = timedelta(seconds=lease_seconds)
        self._check = check_seconds
        self.active = False
        self._checked = False
        self._renewed = 0.0
        self._stop = asyncio.Event()

    async def check(self) -> bool:
        """Take or renew the lease and start or stop polling to match; True while polling."""
        loop = asyncio.get_running_loop()
        try:
            async with self._sessions.begin() as session:
                held = await take_lease(session, POLL_LEASE, self._owner, utcnow(), self._ttl,
                                        force=self._force)
        except (SQLAlchemyError, OSError) as exc:
            # Without the database nobody can prove who polls: stop before the lease ends.
            held = self.active and loop.time() - self._renewed < self._ttl.total_seconds() / 2
            log.warning("could not renew the polling lease: %s", exc)
        if held:
            self._renewed = loop.time()
        if held and not self.active:
            log.info("this instance polls the sources now")
            self.active = True
            self._resume()
        elif not held and (self.active or not self._checked):
            if self.active:
                log.warning("another instance polls the sources now; this one stops polling")
            else:
                log.info("another instance polls the sources; this one stands by")
            self.active = False
            self._pause()
        self._checked = True
        return self.active

    async def run_forever(self) -> None:
        """Check every ``check_seconds`` until ``stop``; the lease is given up on the way out."""
        try:
            while not self._stop.is_set():
                await self.check()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), self._check)
        finally:
            if self.active:
                self.active = False
                self._pause()
                with contextlib.suppress(SQLAlchemyError, OSError):
                    async with self._sessions.begin() as session:
                        await drop_lease(session, POLL_LEASE, self._owner)

    def stop(self) -> None:
        self._stop.set()
