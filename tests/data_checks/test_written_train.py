"""The written training batches under tests/data/scoring are well-formed.

``written_train_*.jsonl`` are worker posts written in the communities' voice and
trained on, so a label outside signals.md or an id reused from another set would
teach the model something wrong or let one post shadow another in training. The
measurement sets (names with "frozen" or "holdout") are never opened here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.platforms import OTHER, builtin_platforms

DATA = Path(__file__).resolve().parents[1] / "data" / "scoring"
BATCHES = sorted(p.name for p in DATA.glob("written_train_*.jsonl"))

# signals.md, "event_type" and "direction"
DIRECTION = {
    "layoff": "contraction", "pay_cut": "contraction", "tier_shift": "contraction",
    "project_pause": "contraction", "hiring_freeze": "contraction",
    "client_loss": "contraction", "shutdown": "contraction", "restructuring": "contraction",
    "pay_raise": "expansion", "hiring_expansion": "expansion", "none": "neutral",
}
TIERS = {"generalist", "expert", "all", "unknown"}
PLATFORM_IDS = {p.id for p in builtin_platforms()} | {OTHER}
FIELDS = {"id", "source", "subreddit", "feed", "title", "body", "created_utc", "labels"}
LABELS = {"is_signal", "event_type", "direction", "tier", "platforms"}


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _trainable() -> list[Path]:
    """Every scoring set the model may train on; measurement sets stay unopened."""
    return [p for p in sorted(DATA.glob("*.jsonl"))
            if "frozen" not in p.name and "holdout" not in p.name]


def test_there_is_a_written_batch() -> None:
    assert BATCHES


@pytest.mark.parametrize("name", BATCHES)
def test_rows_are_scoring_input_with_valid_labels(name: str) -> None:
    rows = _rows(DATA / name)
    assert len(rows) >= 50
    for row in rows:
        where = row.get("id")
        assert set(row) == FIELDS, where
        if row["source"] == "reddit":
            assert row["feed"] is None, where
            assert row["subreddit"] and not row["subreddit"].startswith("r/"), where
        else:
            assert row["source"] == "feed" and row["feed"] and row["subreddit"] is None, where
        assert row["title"].strip(), where
        labels = row["labels"]
        assert set(labels) == LABELS, where
        event = labels["event_type"]
        assert labels["direction"] == DIRECTION[event], where
        assert labels["tier"] in TIERS, where
        platforms = labels["platforms"]
        assert platforms == sorted(set(platforms)) and set(platforms) <= PLATFORM_IDS, where
        if labels["is_signal"]:
            assert event != "none" and platforms, where
        else:
            assert event == "none" and labels["tier"] == "unknown" and platforms == [], where


@pytest.mark.parametrize("name", BATCHES)
def test_both_signals_and_hard_negatives(name: str) -> None:
    rows = _rows(DATA / name)
    share = sum(r["labels"]["is_signal"] for r in rows) / len(rows)
    assert 0.3 <= share <= 0.75
    assert len({r["title"] for r in rows}) == len(rows)


def test_ids_are_unique_across_the_training_sets() -> None:
    seen: dict[str, str] = {}
    for path in _trainable():
        for row in _rows(path):
            assert row["id"] not in seen, (row["id"], path.name, seen.get(row["id"]))
            seen[row["id"]] = path.name
