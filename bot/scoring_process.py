"""Scoring large batches in processes of their own, beside the event loop's process.

Scoring is pure and CPU-bound, and Python threads share one interpreter
lock: a thread keeps the loop responsive but not faster. A forked child
has its own interpreter, so while it scores one page the parent stores and
groups the page before (``Pipeline.score_all`` and ``Pipeline.store_batch``
are separate steps for this). The child builds its scorer from the same
settings while the parent gets on with its own start-up, then answers each
batch of records with their decisions, in order, over a pipe.

With more than one child (``scoring.processes``) a large batch is cut into
consecutive pieces that the children take in turn as each finishes its last,
and the decisions are put back in input order: scoring is a pure function
of the post, so they are the ones a single child would give. All children
are forked at once and build their scorers side by side.

Fork it before the process starts threads of its own (a database driver's,
a thread pool's): a child forked while another thread holds a lock would
inherit the lock held. If a child dies, its piece in flight is scored in a
thread and later batches go to the children left (to a thread when none
is): slower, nothing lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from bot.records import PostRecord
from bot.scoring import Decision, Scorer

log = logging.getLogger(__name__)

NICENESS = 10
"""How much lower than the parent's a child's scheduling priority is (``os.nice``). The
parent stores and groups what the children scored, one page at a time: given the same
share of two cores as each of two children, it got two thirds of one whenever all three
had work, and the children, done ahead, then waited for it. Behind it, they take what it
leaves: replay ran about a twentieth faster on two cores."""
JOIN_SECONDS = 5.0
"""How long ``close`` waits for the children to finish before ending them."""
PIECE = 250
"""Posts a child is handed at a time when several share a batch; a batch
under two pieces goes to one child whole."""


class _Stopped(RuntimeError):
    """The scoring process ended; its batch was not scored."""


def _serve(make_scorer: Callable[[], Scorer], conn: Connection) -> None:
    """The child: build the scorer, then score each batch received until the parent closes.

    Each answer goes back with this process's id, so the parent knows which
    process scored what (``ScoringProcess.scored_by``)."""
    # Ctrl-C reaches the whole process group; the parent decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):  # a lower priority is always allowed; if not, as is
        os.nice(NICENESS)
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
            conn.send((os.getpid(), answer))
        except (OSError, ValueError):
            return


class _Child:
    """One forked child scoring the batches sent down its pipe, one at a time."""

    def __init__(self, make_scorer: Callable[[], Scorer], name: str) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(make_scorer, child), daemon=True,
                                       name=name)
        self.process.start()
        child.close()
        self.stopped = False
        self.used = False
        """Handed a batch at least once (else it may still be building its scorer)."""
        self.scored: Counter[int] = Counter()
        """Posts scored, by the id of the process that says it scored them."""
        self._sending = threading.Lock()

    @property
    def alive(self) -> bool:
        return not self.stopped and self.process.is_alive()

    def exchange(self, records: list[PostRecord]) -> list[Decision]:
        """Send ``records``, wait for their decisions (run in a thread: it blocks)."""
        self.used = True
        try:
            with self._sending:
                if self.stopped:
                    raise _Stopped("the scoring process was told to finish")
                self.conn.send(records)
            pid, answer = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _Stopped("the scoring process stopped") from exc
        if isinstance(answer, Exception):
            raise answer
        decisions: list[Decision] = answer
        self.scored[pid] += len(decisions)
        return decisions

    def ask_to_finish(self) -> bool:
        """Tell the child no batch follows; False if one is being sent this moment."""
        if not self._sending.acquire(blocking=False):
            return False
        try:
            self.stopped = True
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        finally:
            self._sending.release()
        return True

    def end(self, busy: bool) -> None:
        """Wait for the child (unless ``busy``: a batch in flight), end it if still there."""
        self.stopped = True
        if not busy:
            self.process.join(JOIN_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(JOIN_SECONDS)
        self.conn.close()


class ScoringProcess:
    """Forked children scoring whole batches; one batch in flight at a time.

    ``make_scorer`` runs in each child (building a scorer takes a second or
    so, done there while the parent prepares its database); the parent
    builds its own only if every child stops. ``processes`` children are
    started (1: one child, every batch whole).
    """

    def __init__(self, make_scorer: Callable[[], Scorer], processes: int = 1) -> None:
        if processes < 1:
            raise ValueError(f"processes: expected at least 1, got {processes}")
        self._make_scorer = make_scorer
        self._scorer: Scorer | None = None
        self._building = threading.Lock()
        self._children: list[_Child] = []
        self._turn = asyncio.Lock()
        self._closed = False
        self.widen(processes)

    def widen(self, processes: int) -> None:
        """Start children until ``processes`` were started (none once closed).

        For a caller that learns only after the first child is started
        whether there is work enough for more: each child costs a scorer's
        build, which on a busy machine slows the first child's.
        """
        while not self._closed and len(self._children) < processes:
            self._children.append(_Child(self._make_scorer,
                                         f"labelwatch-scoring-{len(self._children) + 1}"))

    @property
    def _process(self) -> multiprocessing.process.BaseProcess:
        """The first child's process (one child: the only one)."""
        return self._children[0].process

    @property
    def processes(self) -> list[multiprocessing.process.BaseProcess]:
        """Every child's process, running or not, in the order they were started."""
        return [c.process for c in self._children]

    @property
    def scored_by(self) -> dict[int, int]:
        """Posts the children scored, by the process id each answer came with (posts
        scored in this process, once the children stopped, are not in it)."""
        return dict(sum((child.scored for child in self._children), Counter()))

    @property
    def alive(self) -> bool:
        """Some child is still there to score."""
        return not self._closed and any(c.alive for c in self._children)

    def _score_here(self, records: Sequence[PostRecord]) -> list[Decision]:
        with self._building:  # children stopping together fall back in several threads
            if self._scorer is None:
                self._scorer = self._make_scorer()
            scorer = self._scorer
        return [scorer.score(r) for r in records]

    async def _on(self, child: _Child, records: list[PostRecord]) -> list[Decision]:
        """``records`` scored by ``child``; here (in a thread) once it has stopped."""
        if child.alive:
            try:
                return await asyncio.to_thread(child.exchange, records)
            except _Stopped:
                log.warning("a scoring process stopped; scoring without it from now on")
                child.end(busy=True)
        return await asyncio.to_thread(self._score_here, records)

    async def score(self, records: Sequence[PostRecord]) -> list[Decision]:
        """The decisions on ``records``, in order, scored in the children.

        The pipes are written and read in threads, so the loop goes on while
        the children work (and while a large batch is pickled through).
        """
        async with self._turn:
            records = list(records)
            children = [c for c in self._children if c.alive] if not self._closed else []
            if len(children) < 2 or len(records) < 2 * PIECE:
                if children:
                    return await self._on(children[0], records)
                return await asyncio.to_thread(self._score_here, records)
            return await self._shared(children, records)

    async def _shared(self, children: list[_Child], records: list[PostRecord]
                      ) -> list[Decision]:
        """``records`` cut into pieces that each child takes as it finishes the one before.

        A child that stops takes no more (its piece in flight is scored here).

        Every child's last exchange is awaited before an error is raised, so
        no pipe is left with an answer unread for the next batch to find.
        """
        pieces = deque(enumerate(records[i:i + PIECE] for i in range(0, len(records), PIECE)))
        answers: dict[int, list[Decision]] = {}

        async def take(child: _Child) -> None:
            while pieces and child.alive:
                index, piece = pieces.popleft()
                answers[index] = await self._on(child, piece)

        outcomes = await asyncio.gather(*(take(c) for c in children), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        for index, piece in pieces:  # every child stopped before taking these
            answers[index] = await asyncio.to_thread(self._score_here, piece)
        return [d for index in range(len(answers)) for d in answers[index]]

    def close(self) -> None:
        """Let the children finish and wait for them (ended if they do not within a few seconds).

        With a batch in flight (the replay was stopped) the children are
        ended at once, so the threads waiting for their answers see the
        pipes close and finish; the parent's ends are closed only after the
        children are gone. A child never handed a batch (a replay of a few
        posts) is ended at once too: it has nothing to finish, and waiting
        would only wait for it to build a scorer no one will use.
        """
        if self._closed:
            return
        self._closed = True
        busy = self._turn.locked()
        told = [not busy and child.used and child.ask_to_finish() for child in self._children]
        for child, finishing in zip(self._children, told, strict=True):
            child.end(busy=not finishing)
