"""Start ``labelwatch`` as users start it: a separate process, a config file, env vars."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def write_config(path: Path, top: Mapping[str, Any], tables: Mapping[str, Mapping[str, Any]],
                 arrays: Mapping[str, Sequence[Mapping[str, Any]]] = {}) -> Path:
    lines = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    for name, table in tables.items():
        lines += ["", f"[{name}]", *(f"{k} = {toml_value(v)}" for k, v in table.items())]
    for name, items in arrays.items():
        for item in items:
            lines += ["", f"[[{name}]]", *(f"{k} = {toml_value(v)}" for k, v in item.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Service:
    """One ``python -m bot --config … COMMAND`` process with its output in a log file."""

    def __init__(self, config: Path, env: Mapping[str, str], log: Path,
                 entry: tuple[str, ...] = ("-m", "bot")) -> None:
        """``entry`` is what follows the interpreter (``-m bot``, or a test wrapper)."""
        self.config = config
        self.entry = entry
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DISCORD_TOKEN", "REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET")}
        self.env.update(env)
        self.env["PYTHONPATH"] = str(REPO) + os.pathsep + self.env.get("PYTHONPATH", "")
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, *command: str) -> Service:
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, *self.entry, "--config", str(self.config), *command,
                env=self.env, cwd=str(self.config.parent), stdout=out, stderr=out,
                stdin=asyncio.subprocess.DEVNULL,
            )
        return self

    async def stop(self, sig: int = signal.SIGTERM, within: float = 15.0) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
        return await asyncio.wait_for(self.proc.wait(), within)

    async def wait(self, within: float = 30.0) -> int:
        """Wait for a one-shot command to finish by itself."""
        assert self.proc is not None
        return await asyncio.wait_for(self.proc.wait(), within)

    async def kill(self) -> None:
        await self.stop(signal.SIGKILL)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def wait_for_output(self, text: str, within: float = 30.0, count: int = 1) -> None:
        """Wait until the log holds ``text`` ``count`` times; fail early if the process ends."""

        def seen() -> bool:
            if self.output().count(text) >= count:
                return True
            if not self.running:
                raise AssertionError(f"the service exited ({self.returncode}) before logging "
                                     f"{text!r}:\n{self.output()[-3000:]}")
            return False

        await wait_until(seen, within, what=f"{text!r} in {self.log.name}")

    @property
    def returncode(self) -> int | None:
        return None if self.proc is None else self.proc.returncode

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None


async def wait_until(check: Callable[[], bool], within: float = 30.0, what: str = "") -> None:
    """Re-check ``check`` as work lands (a condition wait, not a fixed sleep)."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what or check}")
        await asyncio.sleep(0.05)


def sqlite_rows(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the service's SQLite database from outside (WAL lets readers in)."""
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()
