"""The real-post sets: well-formed rows, valid labels, and an honest split.

``real_dev.jsonl`` and ``real_frozen.jsonl`` are real Reddit posts and press
items labelled by hand (see ``tests/data/scoring/README_real.md``);
``real_train.jsonl`` is a later collection of the same kind kept for training
only (it is not split). These tests check only the files themselves, never
what the scorer makes of them: the frozen half is measured with ``labelwatch eval``, not tuned on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.platforms import OTHER, builtin_platforms

DATA = Path(__file__).resolve().parents[2] / "data" / "scoring"
HALVES = ("dev", "frozen")
SETS = (*HALVES, "train")
"""Every real set: the two halves plus the training-only collection."""

EVENT_DIRECTION = {
    "layoff": "contraction",
    "pay_cut": "contraction",
    "tier_shift": "contraction",
    "project_pause": "contraction",
    "hiring_freeze": "contraction",
    "client_loss": "contraction",
    "shutdown": "contraction",
    "restructuring": "contraction",
    "pay_raise": "expansion",
    "hiring_expansion": "expansion",
    "none": "neutral",
}
TIERS = {"generalist", "expert", "all", "unknown"}
PLATFORM_IDS = {p.id for p in builtin_platforms()} | {OTHER}
FIELDS = {"id", "source", "subreddit", "feed", "title", "body", "created_utc", "url", "labels"}
LABEL_FIELDS = {"is_signal", "event_type", "direction", "tier", "platforms"}
MAX_BODY = 2600  # bodies are trimmed to about 2,500 characters at a sentence end


def _rows(half: str) -> list[dict[str, Any]]:
    path = DATA / f"real_{half}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _all_rows(sets: tuple[str, ...] = SETS) -> Iterator[tuple[str, dict[str, Any]]]:
    for half in sets:
        for row in _rows(half):
            yield half, row


def split_of(url: str) -> str:
    """The split rule of README_real.md: first hex digit of sha256(url), even is dev."""
    first = int(hashlib.sha256(url.encode("utf-8")).hexdigest()[0], 16)
    return "dev" if first % 2 == 0 else "frozen"


def _shingles(text: str, k: int = 5) -> set[str]:
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


@pytest.mark.parametrize("half", HALVES)
def test_each_half_is_large_enough(half: str) -> None:
    rows = _rows(half)
    assert len(rows) >= 200
    signals = sum(row["labels"]["is_signal"] for row in rows)
    assert 0.25 <= signals / len(rows) <= 0.75, "both signals and realistic negatives"


@pytest.mark.parametrize("half", SETS)
def test_rows_have_the_scoring_input_fields(half: str) -> None:
    for row in _rows(half):
        assert set(row) == FIELDS, row.get("id")
        assert isinstance(row["id"], str) and row["id"]
        assert isinstance(row["title"], str) and isinstance(row["body"], str)
        assert row["title"] or row["body"], row["id"]
        assert len(row["body"]) <= MAX_BODY, row["id"]
        assert re.match(r"^https?://\S+$", row["url"]), row["id"]
        if row["source"] == "reddit":
            assert row["subreddit"] and not row["subreddit"].startswith("r/"), row["id"]
            assert row["feed"] is None, row["id"]
        else:
            assert row["source"] == "feed", row["id"]
            assert row["feed"] and row["subreddit"] is None, row["id"]
        created = row["created_utc"]
        if created is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created), row["id"]
            datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("half", SETS)
def test_labels_follow_signals_md(half: str) -> None:
    for row in _rows(half):
        labels = row["labels"]
        assert set(labels) == LABEL_FIELDS, row["id"]
        event = labels["event_type"]
        assert event in EVENT_DIRECTION, row["id"]
        assert labels["direction"] == EVENT_DIRECTION[event], row["id"]
        assert labels["tier"] in TIERS, row["id"]
        platforms = labels["platforms"]
        assert platforms == sorted(set(platforms)), row["id"]
        assert set(platforms) <= PLATFORM_IDS, row["id"]
        if labels["is_signal"]:
            assert event != "none" and platforms, row["id"]
        else:
            assert event == "none", row["id"]
            assert labels["tier"] == "unknown" and platforms == [], row["id"]


def test_every_row_sits_in_the_half_its_url_decides() -> None:
    for half, row in _all_rows(HALVES):
        assert split_of(row["url"]) == half, row["id"]


def test_training_collection_is_large_enough() -> None:
    rows = _rows("train")
    assert len(rows) >= 250
    assert any(row["labels"]["is_signal"] for row in rows)


def test_no_url_or_id_twice_and_no_url_in_both_halves() -> None:
    urls = [row["url"] for _, row in _all_rows()]
    ids = [row["id"] for _, row in _all_rows()]
    assert len(urls) == len(set(urls))
    assert len(ids) == len(set(ids))
    dev_urls = {row["url"] for row in _rows("dev")}
    assert not dev_urls & {row["url"] for row in _rows("frozen")}


def test_no_near_identical_texts() -> None:
    """Syndicated copies were deduplicated before the split: no two rows share most of
    their text (5-word shingles, overlap over the smaller set)."""
    rows = [row for _, row in _all_rows()]
    shingles = [_shingles(row["title"] + " " + row["body"]) for row in rows]
    for i, a in enumerate(shingles):
        for j in range(i + 1, len(shingles)):
            b = shingles[j]
            overlap = len(a & b) / max(1, min(len(a), len(b)))
            assert overlap < 0.6, (rows[i]["id"], rows[j]["id"])
