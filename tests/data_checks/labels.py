"""What every labelled scoring file under tests/data/scoring must hold, in one place.

The written training batches and the later real collections are checked by the same
rules: the fields of the scoring input, and labels drawn from signals.md's vocabulary
that agree with each other (a signal has a type and platforms; a non-signal none).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.platforms import OTHER, builtin_platforms

DATA = Path(__file__).resolve().parents[1] / "data" / "scoring"

# signals.md, "event_type" and "direction"
DIRECTION = {
    "layoff": "contraction", "pay_cut": "contraction", "tier_shift": "contraction",
    "project_pause": "contraction", "hiring_freeze": "contraction",
    "client_loss": "contraction", "shutdown": "contraction", "restructuring": "contraction",
    "pay_raise": "expansion", "hiring_expansion": "expansion", "none": "neutral",
}
TIERS = {"generalist", "expert", "all", "unknown"}
PLATFORM_IDS = {p.id for p in builtin_platforms()} | {OTHER}
LABELS = {"is_signal", "event_type", "direction", "tier", "platforms"}


def read_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check_source(row: dict[str, Any], where: object) -> None:
    """A Reddit post names its subreddit (without "r/"), a press item its feed."""
    if row["source"] == "reddit":
        assert row["feed"] is None, where
        assert row["subreddit"] and not row["subreddit"].startswith("r/"), where
    else:
        assert row["source"] == "feed" and row["feed"] and row["subreddit"] is None, where


def check_labels(labels: dict[str, Any], where: object) -> None:
    """Labels from signals.md's vocabulary that agree with each other."""
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
