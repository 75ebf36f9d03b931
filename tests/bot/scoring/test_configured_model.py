"""``[scoring] model`` in a config reaches every command that scores.

A model file that says "signal" to every post, named in a config, turns a
post the packaged scorer leaves alone into a signal: in ``score``, ``eval``,
``replay`` (scored in processes of their own) and ``rescore`` (built as
``run`` builds its scorer), each through the command line.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings, scorer_for
from tests.bot.scoring._posts import flat_model

POST = {"id": "z1", "source": "reddit", "subreddit": "outlier_ai",
        "title": "the zorblax queue evaporated", "body": "",
        "created_utc": "2025-09-01T09:00:00Z"}


def _config(tmp_path: Path, *, model: bool, database: Path | None = None) -> Path:
    """A config naming a model that puts every post at probability 0.99 (or none)."""
    lines = []
    if model:
        path = tmp_path / "always.json"
        path.write_text(json.dumps(flat_model(5.0)), encoding="utf-8")
        lines.append(f'[scoring]\nmodel = "{path}"\nprocesses = 1')
    if database is not None:
        lines.append(f'[database]\nurl = "sqlite+aiosqlite:///{database}"')
    config = tmp_path / ("with_model.toml" if model else "plain.toml")
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def _posts(tmp_path: Path, labels: bool = False) -> Path:
    path = tmp_path / ("labelled.jsonl" if labels else "in.jsonl")
    row = {**POST, "labels": {"is_signal": True, "event_type": "layoff", "tier": "unknown",
                              "platforms": ["outlier"]}} if labels else POST
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_the_helper_loads_the_configured_model_file(tmp_path: Path) -> None:
    """What ``replay``, ``events rebuild``, ``run`` and the grouping benchmark build."""
    configured = scorer_for(load_settings(_config(tmp_path, model=True))).model
    assert configured is not None and configured.bias == 5.0
    packaged = scorer_for(load_settings(_config(tmp_path, model=False))).model
    assert packaged is not None and packaged.bias != 5.0


def test_score_scores_with_the_configured_model(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    posts = _posts(tmp_path)
    verdicts = []
    for config in (_config(tmp_path, model=False), _config(tmp_path, model=True)):
        assert main(["score", "--config", str(config), "--input", str(posts)]) == 0
        verdicts.append(json.loads(capsys.readouterr().out)["is_signal"])
    assert verdicts == [False, True]


def test_eval_scores_with_the_configured_model(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    labelled = _posts(tmp_path, labels=True)
    found = []
    for config in (_config(tmp_path, model=False), _config(tmp_path, model=True)):
        assert main(["--config", str(config), "eval", str(labelled)]) == 0
        found.append("(tp 1, fp 0, fn 0, tn 0)" in capsys.readouterr().out)
    assert found == [False, True]


def test_replay_and_rescore_score_with_the_configured_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts, db = _posts(tmp_path), tmp_path / "lw.db"
    replayed = []
    for config in (_config(tmp_path, model=False), _config(tmp_path, model=True)):
        assert main(["--config", str(config), "replay", "--input", str(posts)]) == 0
        replayed.append(json.loads(capsys.readouterr().out)["is_signal"])
    assert replayed == [False, True]
    # Stored by the packaged scorer, then scored again as ``run`` scores.
    assert main(["--config", str(_config(tmp_path, model=False, database=db)), "replay",
                 "--input", str(posts), "--database", f"sqlite+aiosqlite:///{db}"]) == 0
    assert main(["--config", str(_config(tmp_path, model=True, database=db)), "rescore"]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT is_signal FROM posts WHERE external_id = 'z1'"
                            ).fetchall() == [(1,)]
