"""The benchmarks that drive the whole service still finish and print their figures.

They run the real service against the doubles, so a change in what the service sends (a
grouped report is an edit, not a message) can leave one waiting for what never comes;
a small run of each catches that here rather than when someone measures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_alert_latency_counts_every_post_edits_included() -> None:
    # six posts of three templates: the last three are reports of events already alerted
    out = _run("benchmarks/bench_alert_latency.py", "--posts", "6")
    assert "alert latency over 6 posts" in out


def test_burst_delivers_and_reports_latency() -> None:
    out = _run("benchmarks/bench_burst.py", "--posts", "300")
    assert "ingested 300 posts" in out
    assert "latency from stored to delivered" in out
