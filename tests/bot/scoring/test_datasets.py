"""Whole labelled sets: the shared dev set, our own phrasings, everyday chatter.

The figures are read from what ``run_eval`` prints, so these tests also pin
the command's output to the figures the README reports.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bot.scoring.cli import run_eval

DATA = Path(__file__).resolve().parents[2] / "data" / "scoring"


def figures(path: Path) -> dict[str, float]:
    out = io.StringIO()
    assert run_eval(path, out) == 0
    text = out.getvalue()
    found = {"f1": float(re.search(r"f1 ([\d.]+)", text).group(1))}  # type: ignore[union-attr]
    found["fp"] = float(re.search(r"fp (\d+)", text).group(1))  # type: ignore[union-attr]
    for name in ("event_type", "direction", "tier", "platforms"):
        m = re.search(rf"^  {name}\S*(?: \(exact set\))?\s+([\d.]+)", text, re.MULTILINE)
        assert m is not None, text
        found[name] = float(m.group(1))
    return found


def test_dev_set_meets_the_targets(shared_dir: Path) -> None:
    f = figures(shared_dir / "eval" / "dev_set.jsonl")
    assert f["f1"] >= 0.96
    assert f["event_type"] >= 0.90
    assert f["tier"] >= 0.85
    assert f["platforms"] >= 0.95


@pytest.mark.parametrize("name", ["phrasings.jsonl", "holdout.jsonl"])
def test_own_phrasings(name: str) -> None:
    """Sets written in the communities' and the press's own voice, not the dev set's."""
    f = figures(DATA / name)
    assert f["f1"] >= 0.93
    assert f["event_type"] >= 0.88
    assert f["tier"] >= 0.85
    assert f["platforms"] >= 0.90


FRESH = sorted(p.name for p in DATA.glob("fresh_*.jsonl"))


@pytest.mark.parametrize("name", [n for n in FRESH if not n.startswith("fresh_mixed")])
def test_fresh_batches(name: str) -> None:
    """Batches of press items and community posts written after the rules they test; each
    one was scored before any rule was changed for it."""
    f = figures(DATA / name)
    assert f["f1"] >= 0.93
    assert f["event_type"] >= 0.88
    assert f["tier"] >= 0.85
    assert f["platforms"] >= 0.85


def test_fresh_near_misses_do_not_alert() -> None:
    """Mostly posts that use event words about one person, a rumour or another company."""
    for name in (n for n in FRESH if n.startswith("fresh_mixed")):
        f = figures(DATA / name)
        assert f["fp"] == 0
        assert f["f1"] >= 0.9


def test_fresh_batches_together_rarely_alert_falsely() -> None:
    rows = [row for name in FRESH for row in _rows(name)]
    assert len(rows) >= 300
    signals = sum(r["labels"]["is_signal"] for r in rows)
    assert 0.3 < signals / len(rows) < 0.6
    fp = sum(figures(DATA / name)["fp"] for name in FRESH)
    assert fp <= 2


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_everyday_posts_rarely_alert() -> None:
    rows = _rows("everyday.jsonl")
    assert len(rows) >= 300
    assert len({r["title"] for r in rows}) == len(rows)
    assert len({r["subreddit"] for r in rows}) >= 10
    assert not any(r["labels"]["is_signal"] for r in rows)
    f = figures(DATA / "everyday.jsonl")
    assert f["fp"] / len(rows) < 0.01
