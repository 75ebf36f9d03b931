"""The written training batches under tests/data/scoring are well-formed.

``written_train_*.jsonl`` are worker posts written in the communities' voice and
trained on, so a label outside signals.md or an id reused from another set would
teach the model something wrong or let one post shadow another in training. The
measurement sets (names with "frozen" or "holdout") are never opened here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.data_checks.labels import DATA, check_labels, check_source, read_rows

BATCHES = sorted(p.name for p in DATA.glob("written_train_*.jsonl"))
FIELDS = {"id", "source", "subreddit", "feed", "title", "body", "created_utc", "labels"}


def _rows(path: Path) -> list[dict[str, Any]]:
    return read_rows(path)


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
        check_source(row, where)
        assert row["title"].strip(), where
        check_labels(row["labels"], where)


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
