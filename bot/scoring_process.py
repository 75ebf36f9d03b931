"""Scoring large batches in a process of their own, beside the event loop's process.

Scoring is pure and CPU-bound, and Python threads share one interpreter
lock: a thread keeps the loop responsive but not faster. A forked child
has its own interpreter, so while it scores one page the parent stores and
groups the page before (``Pipeline.score_all`` and ``Pipeline.store_batch``
are separate steps for this). The child builds its scorer from the same
settings while the parent gets on with its own start-up, then answers each
batch of records with their decisions, in order, over a pipe.

Fork it before the process starts threads of its own (a database driver's,
a thread pool's): a child forked while another thread holds a lock would
inherit the lock held. If the child dies, the batch in flight and every
later one are scored in a thread instead: slower, nothing lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from bot.records import PostRecord
from bot.scoring import Decision, Scorer

log = logging.getLogger(__name__)

JOIN_SECONDS = 5.0
"""How long ``close`` waits for the child to finish before ending it."""


class _Stopped(RuntimeError):
    """The scoring process ended; its batch was not scored."""


def _serve(make_scorer: Callable[[], Scorer], conn: Connection) -> None:
    """The child: build the scorer, then score each batch received until the parent closes."""
    # Ctrl-C reaches the whole process group; the parent decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the parent had, then the scorer, lives as long as this process: frozen, the
    # collector never walks it (nor copies its memory pages) to find nothing to free.
    gc.freeze()
    scorer = make_scorer()
    gc.freeze()
    while True:
        try:
            records = conn.recv()
        except (EOFError, OSError):
            return
        if records is None:
            return
        try:
            answer: Any = [scorer.score(r) for r in records]
        except Exception as exc:  # the parent raises it for the batch; the child goes on
            answer = exc
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class ScoringProcess:
    """One forked child scoring whole batches; one batch in flight at a time.

    ``make_scorer`` runs in the child (building a scorer takes a second or
    so, done there while the parent prepares its database); the parent
    builds its own only if the child stops.
    """

    def __init__(self, make_scorer: Callable[[], Scorer]) -> None:
        self._make_scorer = make_scorer
        self._scorer: Scorer | None = None
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(make_scorer, child), daemon=True,
                                        name="labelwatch-scoring")
        self._process.start()
        child.close()
        self._turn = asyncio.Lock()
        self._closed = False

    @property
    def alive(self) -> bool:
        return not self._closed and self._process.is_alive()

    def _exchange(self, records: list[PostRecord]) -> list[Decision]:
        try:
            self._conn.send(records)
            answer = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise _Stopped("the scoring process stopped") from exc
        if isinstance(answer, Exception):
            raise answer
        decisions: list[Decision] = answer
        return decisions

    def _score_here(self, records: Sequence[PostRecord]) -> list[Decision]:
        if self._scorer is None:
            self._scorer = self._make_scorer()
        return [self._scorer.score(r) for r in records]

    async def score(self, records: Sequence[PostRecord]) -> list[Decision]:
        """The decisions on ``records``, in order, scored in the child.

        The pipe is written and read in a thread, so the loop goes on while
        the child works (and while a large batch is pickled through).
        """
        async with self._turn:
            if self.alive:
                try:
                    return await asyncio.to_thread(self._exchange, list(records))
                except _Stopped:
                    log.warning("the scoring process stopped; scoring in a thread from now on")
                    self.close()
            return await asyncio.to_thread(self._score_here, records)

    def close(self) -> None:
        """Let the child finish and wait for it (ended if it does not within a few seconds).

        With a batch in flight (the replay was stopped) the child is ended at
        once, so the thread waiting for its answer sees the pipe close and
        finishes; the parent's end is closed only after the child is gone.
        """
        if self._closed:
            return
        self._closed = True
        if not self._turn.locked():
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(None)
            self._process.join(JOIN_SECONDS)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(JOIN_SECONDS)
        self._conn.close()
