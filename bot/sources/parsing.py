"""Parsing fetched documents off the event loop, within a time and a memory bound.

feedparser on a hostile document (a few megabytes of nested elements, say)
can run for a minute and take hundreds of megabytes, and a thread can be
neither stopped nor limited. So documents are parsed in a child process
(``bot.sources.parse_worker``) whose memory is capped when it starts; one
that outlasts the time limit is killed, and its feed gets a failure with
the reason. Workers are kept between documents and replaced after a kill.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import sys
from collections.abc import Callable
from typing import Any, Protocol

from bot.sources.feed_items import ParsedItems, parse_document

log = logging.getLogger(__name__)

Converter = Callable[[Any, str], ParsedItems]
"""Turns a feedparser result (and the response content type) into records.

Converters given to ``ProcessParser`` must pickle: a module-level function,
or a ``functools.partial`` of one.
"""

PARSE_SECONDS = 30.0
"""Longest a document may take to parse (a 20,000-item feed takes well under half)."""
PARSE_MEMORY_BYTES = 256 * 2**20
"""Most heap a parse may use (a 20,000-item, 5 MB feed needs about half)."""

_HEADER = 8


def parse_and_convert(
    body: bytes, content_type: str, charset: str | None, convert: Converter
) -> ParsedItems:
    """feedparser and then ``convert``; any exception becomes the document's error."""
    try:
        parsed = parse_document(body, content_type, charset)
        return convert(parsed, content_type)
    except MemoryError:
        return ParsedItems(error="the document needs more memory to parse than allowed")
    except Exception as exc:  # feedparser on hostile input must not take the poll down
        log.warning("parsing a document failed: %s: %s", type(exc).__name__, exc)
        return ParsedItems(error=f"could not parse the document ({type(exc).__name__})")


class DocumentParser(Protocol):
    async def parse(
        self, body: bytes, content_type: str, charset: str | None, convert: Converter
    ) -> ParsedItems: ...


class ThreadParser:
    """Parses in a worker thread: off the loop, but unbounded (tools and small tests)."""

    async def parse(
        self, body: bytes, content_type: str, charset: str | None, convert: Converter
    ) -> ParsedItems:
        return await asyncio.to_thread(parse_and_convert, body, content_type, charset, convert)

    async def close(self) -> None:
        return None


class _Worker:
    """One child process speaking length-prefixed pickles over its stdin and stdout."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    async def exchange(self, payload: bytes) -> bytes:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(len(payload).to_bytes(_HEADER, "big") + payload)
        await self.proc.stdin.drain()
        size = int.from_bytes(await self.proc.stdout.readexactly(_HEADER), "big")
        return await self.proc.stdout.readexactly(size)

    async def kill(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.proc.wait(), 5)


class ProcessParser:
    """Parses in up to ``workers`` child processes, each bounded in time and memory."""

    def __init__(
        self, *, workers: int = 1, seconds: float = PARSE_SECONDS,
        memory_bytes: int = PARSE_MEMORY_BYTES,
    ) -> None:
        self.seconds = seconds
        self.memory_bytes = memory_bytes
        self._slots = asyncio.Semaphore(workers)
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self.killed = 0
        """Workers ended for running out of time or memory (for tests and metrics)."""

    async def _spawn(self) -> _Worker:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.sources.parse_worker", str(self.memory_bytes),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            limit=2**20,
        )
        return _Worker(proc)

    async def parse(
        self, body: bytes, content_type: str, charset: str | None, convert: Converter
    ) -> ParsedItems:
        payload = pickle.dumps((body, content_type, charset, convert),
                               protocol=pickle.HIGHEST_PROTOCOL)
        async with self._slots:
            worker = self._idle.pop() if self._idle else await self._spawn()
            self._busy.add(worker)
            try:
                answer = await asyncio.wait_for(worker.exchange(payload), self.seconds)
            except TimeoutError:
                await self._discard(worker)
                return ParsedItems(error=f"parsing took longer than {self.seconds:g}s; "
                                         "the document was given up")
            except (asyncio.IncompleteReadError, ConnectionError, OSError):
                await self._discard(worker)
                return ParsedItems(error="the parser stopped on this document (it needs "
                                         "more memory than allowed)")
            except BaseException:
                await self._discard(worker)
                raise
            self._busy.discard(worker)
            self._idle.append(worker)
        result: ParsedItems = await asyncio.to_thread(pickle.loads, answer)
        return result

    async def _discard(self, worker: _Worker) -> None:
        self._busy.discard(worker)
        self.killed += 1
        await worker.kill()

    async def close(self) -> None:
        """Stop every worker (a parse still running is killed)."""
        workers = [*self._idle, *self._busy]
        self._idle.clear()
        self._busy.clear()
        for worker in workers:
            if worker.proc.stdin is not None:
                worker.proc.stdin.close()
            await worker.kill()
