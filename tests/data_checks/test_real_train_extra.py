"""The later real training collections (``real_train_*.jsonl``) are well-formed.

They hold real posts and press items kept for training only, labelled by hand as
``README_real.md`` describes; a label outside signals.md, an id that does not follow
the collection's rule or a URL already held by another real set would teach the
model something wrong or count one item twice. The frozen half is never opened here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.platforms import OTHER, builtin_platforms

DATA = Path(__file__).resolve().parents[1] / "data" / "scoring"
EXTRA = sorted(p.name for p in DATA.glob("real_train_*.jsonl"))

DIRECTION = {
    "layoff": "contraction", "pay_cut": "contraction", "tier_shift": "contraction",
    "project_pause": "contraction", "hiring_freeze": "contraction",
    "client_loss": "contraction", "shutdown": "contraction", "restructuring": "contraction",
    "pay_raise": "expansion", "hiring_expansion": "expansion", "none": "neutral",
}
TIERS = {"generalist", "expert", "all", "unknown"}
PLATFORM_IDS = {p.id for p in builtin_platforms()} | {OTHER}
FIELDS = {"id", "source", "subreddit", "feed", "title", "body", "created_utc", "url", "labels"}
LABELS = {"is_signal", "event_type", "direction", "tier", "platforms"}


def _rows(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_there_is_a_later_collection() -> None:
    assert EXTRA


@pytest.mark.parametrize("name", EXTRA)
def test_rows_are_scoring_input_with_valid_labels(name: str) -> None:
    for row in _rows(name):
        where = row.get("id")
        assert set(row) == FIELDS, where
        digest = hashlib.sha256(row["url"].encode("utf-8")).hexdigest()[:10]
        assert row["id"] == "ry" + digest, where
        assert re.match(r"^https?://\S+$", row["url"]), where
        assert row["title"] or row["body"], where
        assert len(row["body"]) <= 1600, where
        if row["source"] == "reddit":
            assert row["feed"] is None, where
            assert row["subreddit"] and not row["subreddit"].startswith("r/"), where
        else:
            assert row["source"] == "feed" and row["feed"] and row["subreddit"] is None, where
        if row["created_utc"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", row["created_utc"]), where
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


def test_no_url_or_id_shared_with_the_other_open_real_sets() -> None:
    """Checked against the development half and the first training file; the frozen
    half was checked before the items were kept, without opening it here."""
    seen_urls: set[str] = set()
    seen_ids: set[str] = set()
    for name in ("real_dev.jsonl", "real_train.jsonl", *EXTRA):
        for row in _rows(name):
            assert row["url"] not in seen_urls, (name, row["id"])
            assert row["id"] not in seen_ids, (name, row["id"])
            seen_urls.add(row["url"])
            seen_ids.add(row["id"])
