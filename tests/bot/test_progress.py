"""Progress: log lines with rate and time left off a terminal, a tqdm bar on one."""

from __future__ import annotations

import io
import logging

import pytest

from bot.progress import BarProgress, LogProgress, progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_log_lines_come_every_few_seconds_with_rate_and_time_left(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="labelwatch.progress")
    clock = Clock()
    with LogProgress("rescore", 1000, unit="posts", every=5.0, clock=clock) as bar:
        for _ in range(10):  # 100 posts a second for 10 seconds
            clock.now += 1.0
            bar.advance(100, note=f"{bar.done // 10} signals")
            if bar.done == 400:
                assert len(caplog.records) == 1  # only the opening line so far
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        "rescore: 0/1000 posts (0%)",
        "rescore: 500/1000 posts (50%), 100.0 posts/s, about 5s left; 40 signals",
        "rescore: 1000/1000 posts (100%), 100.0 posts/s; 90 signals",
        "rescore: 1000/1000 posts in 10s (100.0 posts/s); 90 signals",
    ]


def test_an_unknown_total_gives_counts_and_rate_only(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="labelwatch.progress")
    clock = Clock()
    bar = LogProgress("events rebuild", None, unit="posts", every=1.0, clock=clock)
    clock.now += 2
    bar.advance(50)
    bar.close()
    bar.close()  # closing twice says nothing more
    assert [r.getMessage() for r in caplog.records] == [
        "events rebuild: 0 posts",
        "events rebuild: 50 posts, 25.0 posts/s",
        "events rebuild: 50 posts in 2s (25.0 posts/s)",
    ]


def test_long_waits_read_in_minutes_and_hours(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="labelwatch.progress")
    clock = Clock()
    bar = LogProgress("backfill", 10_000, unit="sources", every=1.0, clock=clock)
    clock.now += 10
    bar.advance(10)
    assert "about 2h46m left" in caplog.records[-1].getMessage()


def test_a_terminal_gets_a_bar_anything_else_log_lines() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with progress("backfill", 4, unit="sources", stream=screen) as bar:
        assert isinstance(bar, BarProgress)
        for _ in range(4):
            bar.advance(note="3 new posts")
    drawn = screen.getvalue()
    assert "backfill" in drawn and "4/4" in drawn and "100%" in drawn
    assert "sources/s" in drawn and "3 new posts" in drawn
    assert isinstance(progress("backfill", 4, stream=io.StringIO()), LogProgress)
