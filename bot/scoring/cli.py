"""The scorer's command-line halves: score a JSONL stream, evaluate a labelled file.

Both work with no config file and no database so anyone can run the scorer on
a file of posts, and the labelled evaluation is what the published accuracy figures
are measured with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.jsonl import read_lines
from bot.records import PostRecord, SourceKind
from bot.scoring.scorer import Scorer


def read_jsonl_post(obj: dict[str, Any], *, with_links: bool = False) -> PostRecord:
    """One signals.md input object as a PostRecord; ValueError says what is wrong.

    ``with_links`` also reads ``author`` and ``url`` (replay stores them; the
    scorer never looks at them), in the same single construction, because
    building a record cleans and bounds every field and replay reads many.
    """
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
    for key in ("title", "body", "subreddit", "feed") + (("author", "url") if with_links else ()):
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
        author=(obj.get("author") or None) if with_links else None,
        url=(obj.get("url") or None) if with_links else None,
    )


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _scorer(threshold: float | None, scorer: Scorer | None) -> Scorer:
    if scorer is not None:
        return scorer
    return Scorer() if threshold is None else Scorer(threshold=threshold)


def run_score(inp: Iterable[str | bytes], out: TextIO, err: TextIO,
              threshold: float | None = None, *, scorer: Scorer | None = None) -> int:
    """Score signals.md input JSONL; one output line per good line, bad ones reported.

    ``scorer``: the one the settings describe (``bot.config.scorer_for``); without
    it, the packaged scorer at ``threshold``.
    """
    scorer = _scorer(threshold, scorer)
    bad = 0
    for line in read_lines(inp):
        try:
            if line.problem is not None:
                raise ValueError(line.problem)
            post = read_jsonl_post(line.value)
            decision = scorer.score(post)
        except (ValueError, RecursionError) as exc:
            bad += 1
            err.write(f"line {line.number}: skipped: {exc}\n")
            continue
        except Exception as exc:  # one post the scorer trips on must not end the run
            bad += 1
            err.write(f"line {line.number}: skipped: could not score it "
                      f"({type(exc).__name__})\n")
            continue
        out.write(json.dumps(decision.to_json(post.external_id), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if bad else 0


def read_labelled(
    path: Path, err: TextIO | None = None
) -> tuple[list[tuple[PostRecord, dict[str, Any]]], int]:
    """A labelled JSONL file (signals.md input plus ``labels``) and how many lines were bad.

    With ``err``, each bad line is reported there with its number and
    skipped; without it, the first one raises ValueError naming the line.
    """
    rows: list[tuple[PostRecord, dict[str, Any]]] = []
    bad = 0
    with path.open("rb") as fh:
        for line in read_lines(fh):
            try:
                if line.problem is not None:
                    raise ValueError(line.problem)
                post = read_jsonl_post(line.value)
                labels = line.value.get("labels")
                if not isinstance(labels, dict) or not isinstance(labels.get("is_signal"), bool):
                    raise ValueError("missing 'labels' with a boolean 'is_signal'")
            except ValueError as exc:
                if err is None:
                    raise ValueError(f"{path}:{line.number}: {exc}") from exc
                bad += 1
                err.write(f"{path}:{line.number}: skipped: {exc}\n")
                continue
            rows.append((post, labels))
    if not rows:
        raise ValueError(f"{path}: no labelled posts")
    return rows, bad


def labelled_rows(path: Path) -> list[tuple[PostRecord, dict[str, Any]]]:
    """A labelled JSONL file; ValueError names the first bad line (training wants all)."""
    return read_labelled(path)[0]


def run_eval(path: Path, out: TextIO, show_errors: bool = False,
             threshold: float | None = None, err: TextIO | None = None, *,
             scorer: Scorer | None = None) -> int:
    """Precision/recall/F1 and field accuracy of the combined scorer, then rules alone,
    model alone and combined side by side.

    Lines that can't be read are reported on ``err`` (``out`` when None) and
    left out; the exit code is then 1. ``scorer`` as for ``run_score``.
    """
    from bot.scoring.evaluate import evaluate

    try:
        rows, skipped = read_labelled(Path(path), err or out)
    except OSError as exc:
        out.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
        return 2
    except ValueError as exc:
        out.write(f"error: {exc}\n")
        return 2
    evaluate(rows, _scorer(threshold, scorer), out, show_errors)
    return 1 if skipped else 0
