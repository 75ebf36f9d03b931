"""The scorer's command-line halves: score a JSONL stream, evaluate a labelled file.

Both work with no config file and no database so anyone can run the scorer on
a file of posts, and the labelled evaluation is what the acceptance figures
are measured with.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.records import PostRecord, SourceKind
from bot.scoring.scorer import Scorer


def read_jsonl_post(obj: dict[str, Any]) -> PostRecord:
    """One signals.md input object as a PostRecord; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("line is not a JSON object")
    raw_id = obj.get("id")
    if raw_id is None or isinstance(raw_id, (dict, list, bool)) or not str(raw_id).strip():
        raise ValueError("missing or empty 'id'")
    source = obj.get("source")
    if source is None:
        source = "feed" if obj.get("feed") else "reddit"
    if source not in ("reddit", "feed"):
        raise ValueError(f"'source' must be 'reddit' or 'feed', not {source!r}")
    kind: SourceKind = "feed" if source == "feed" else "reddit"
    for key in ("title", "body", "subreddit", "feed"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string or null")
    subreddit = obj.get("subreddit") or None
    if subreddit:
        subreddit = subreddit.removeprefix("r/")
    return PostRecord(
        source_kind=kind,
        external_id=str(raw_id).strip(),
        title=obj.get("title") or "",
        body=obj.get("body") or "",
        created_utc=_parse_time(obj.get("created_utc")),
        subreddit=subreddit,
        feed=obj.get("feed") or None,
        platform_hint=obj.get("platform_hint") if isinstance(obj.get("platform_hint"), str)
        else None,
    )


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _scorer(threshold: float | None) -> Scorer:
    return Scorer() if threshold is None else Scorer(threshold=threshold)


def _lines(inp: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, parsed object) for non-blank lines; raises on bad JSON."""
    for number, line in enumerate(inp, start=1):
        if line.strip():
            yield number, json.loads(line)


def run_score(inp: TextIO, out: TextIO, err: TextIO, threshold: float | None = None) -> int:
    """Score signals.md input JSONL; one output line per good line, bad ones reported."""
    scorer = _scorer(threshold)
    bad = 0
    for number, line in enumerate(inp, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            post = read_jsonl_post(obj)
        except (ValueError, RecursionError) as exc:
            bad += 1
            reason = f"not valid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) \
                else str(exc)
            err.write(f"line {number}: skipped: {reason}\n")
            continue
        decision = scorer.score(post)
        out.write(json.dumps(decision.to_json(post.external_id), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if bad else 0


def labelled_rows(path: Path) -> list[tuple[PostRecord, dict[str, Any]]]:
    """A labelled JSONL file (signals.md input plus ``labels``); ValueError names the line."""
    rows: list[tuple[PostRecord, dict[str, Any]]] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                post = read_jsonl_post(obj)
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
            labels = obj.get("labels")
            if not isinstance(labels, dict) or not isinstance(labels.get("is_signal"), bool):
                raise ValueError(f"{path}:{number}: missing 'labels' with a boolean 'is_signal'")
            rows.append((post, labels))
    if not rows:
        raise ValueError(f"{path}: no labelled posts")
    return rows


def run_eval(path: Path, out: TextIO, show_errors: bool = False,
             threshold: float | None = None) -> int:
    """Precision/recall/F1 and field accuracy of the combined scorer, then rules alone,
    model alone and combined side by side."""
    from bot.scoring.evaluate import evaluate

    try:
        rows = labelled_rows(Path(path))
    except OSError as exc:
        out.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
        return 2
    except ValueError as exc:
        out.write(f"error: {exc}\n")
        return 2
    evaluate(rows, _scorer(threshold), out, show_errors)
    return 0
