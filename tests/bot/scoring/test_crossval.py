"""Out-of-fold figures: rewrites of one story stay in one fold, every post is scored once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.scoring import crossval
from bot.scoring.scorer import Scorer

pytest.importorskip("sklearn")


def _write(path: Path, rows: list[tuple[str, str, bool]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, (title, body, signal) in enumerate(rows):
            labels = {"is_signal": signal, "event_type": "layoff" if signal else "none",
                      "direction": "contraction" if signal else "neutral", "tier": "all",
                      "platforms": ["outlier"] if signal else []}
            fh.write(json.dumps({"id": f"{path.stem}{i}", "source": "reddit",
                                 "subreddit": "outlier_ai", "title": title, "body": body,
                                 "labels": labels}) + "\n")


def test_rewrites_of_one_story_are_one_story(tmp_path: Path) -> None:
    story = "the whole writing team on the tulip project was let go this morning by email"
    _write(tmp_path / "a.jsonl", [("Team let go", story, True),
                                  ("Rewritten", f"Update: {story}, confirmed", True),
                                  ("Lunch", "what is everyone having for lunch", False)])
    items = crossval.load([tmp_path / "a.jsonl"], Scorer(use_model=False))
    groups = crossval.stories(items)
    assert groups[0] == groups[1] != groups[2]


def _two_files(tmp_path: Path, words: list[str]) -> list[tuple[str, str, bool]]:
    """A real_dev file of one group report and one chatter post per word, and a second
    file holding every other one of its rows; returns the real_dev rows."""
    rows = [(f"Everyone on {w} was offboarded", f"The whole {w} team got the email.", True)
            for w in words]
    rows += [(f"Tips for {w} tax season", f"How do you track {w} hours?", False)
             for w in words]
    _write(tmp_path / "real_dev.jsonl", rows)
    _write(tmp_path / "other.jsonl", rows[::2])
    return rows


def test_run_scores_every_post_once_per_view(tmp_path: Path) -> None:
    rows = _two_files(tmp_path, ["alder", "birch", "cedar", "dogwood", "elm", "fir", "gum",
                                 "hazel"])
    out = io.StringIO()
    tallies = crossval.run([tmp_path / "real_dev.jsonl", tmp_path / "other.jsonl"], out,
                           folds=2)
    t = tallies["all"]["combined"]
    assert t.tp + t.fp + t.fn + t.tn == len(rows) + len(rows[::2])
    printed = out.getvalue()
    assert "folds by story" in printed and "each file held out" in printed


def test_predictions_hold_one_line_per_post_with_labels_and_every_mode(tmp_path: Path) -> None:
    rows = _two_files(tmp_path, ["alder", "birch", "cedar", "dogwood", "elm", "fir"])
    predictions = io.StringIO()
    crossval.run([tmp_path / "real_dev.jsonl", tmp_path / "other.jsonl"], io.StringIO(),
                 folds=2, predictions=predictions)
    lines = [json.loads(line) for line in predictions.getvalue().splitlines()]
    # the k-fold view only: each post once, not again when its file is held out
    assert len(lines) == len(rows) + len(rows[::2])
    lines = [line for line in lines if line["file"] == "real_dev.jsonl"]
    assert sorted(line["id"] for line in lines) == sorted(f"real_dev{i}" for i in range(len(rows)))
    first = next(line for line in lines if line["id"] == "real_dev0")
    assert first["file"] == "real_dev.jsonl"
    assert first["labels"] == {"is_signal": True, "event_type": "layoff", "tier": "all",
                               "platforms": ["outlier"]}
    for mode in ("rules", "model", "combined"):
        assert set(first[mode]) == {"is_signal", "score", "event_type", "tier", "platforms"}
    assert first["lead"]["event_type"] == "layoff" and first["lead"]["cue"]
    assert 0.0 <= first["model_opinion"]["probability"] <= 1.0
    assert first["model_opinion"]["types"]
