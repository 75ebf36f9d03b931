"""The scorer's command-line halves: score a JSONL stream, evaluate a labelled file.

Both work with no config file and no database so anyone can run the scorer on
a file of posts, and the labelled evaluation is what the acceptance figures
are measured with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bot.jsonl import read_lines
from bot.records import PostRecord, SourceKind
from bot.scoring.scorer import Analysis, Scorer


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


def run_score(inp: Iterable[str | bytes], out: TextIO, err: TextIO,
              threshold: float | None = None) -> int:
    """Score signals.md input JSONL; one output line per good line, bad ones reported."""
    scorer = _scorer(threshold)
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


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    on_signals: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("event_type", "direction", "tier", "platforms"), 0))


def _labelled(path: Path, err: TextIO) -> tuple[list[tuple[PostRecord, dict[str, Any]]], int]:
    """The labelled posts of ``path``, and how many lines were skipped (each reported)."""
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
                bad += 1
                err.write(f"{path}:{line.number}: skipped: {exc}\n")
                continue
            rows.append((post, labels))
    if not rows:
        raise ValueError(f"{path}: no labelled posts")
    return rows, bad


def run_eval(path: Path, out: TextIO, show_errors: bool = False,
             threshold: float | None = None, err: TextIO | None = None) -> int:
    """Print precision/recall/F1 of is_signal and field accuracy on the true signals.

    Lines that can't be read are reported on ``err`` (``out`` when None) and
    left out; the exit code is then 1.
    """
    try:
        rows, skipped = _labelled(Path(path), err or out)
    except OSError as exc:
        out.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
        return 2
    except ValueError as exc:
        out.write(f"error: {exc}\n")
        return 2
    scorer = _scorer(threshold)
    tally = _Tally()
    wrong: list[tuple[PostRecord, dict[str, Any], Analysis, list[str]]] = []
    for post, labels in rows:
        analysis = scorer.analyse(post)
        got = analysis.decision
        expected = bool(labels["is_signal"])
        problems: list[str] = []
        if expected and got.is_signal:
            tally.tp += 1
        elif got.is_signal:
            tally.fp += 1
            problems.append("is_signal")
        elif expected:
            tally.fn += 1
            problems.append("is_signal")
        else:
            tally.tn += 1
        if expected:
            tally.on_signals += 1
            pairs = {
                "event_type": (labels.get("event_type"), got.event_type),
                "direction": (labels.get("direction"), got.direction),
                "tier": (labels.get("tier"), got.tier),
                "platforms": (sorted(labels.get("platforms") or []), list(got.platforms)),
            }
            for name, (want, have) in pairs.items():
                if want == have:
                    tally.right[name] += 1
                elif got.is_signal:
                    problems.append(name)
        if problems:
            wrong.append((post, labels, analysis, problems))
    _report(out, len(rows), tally, threshold if threshold is not None else scorer.threshold)
    if show_errors:
        _errors(out, wrong)
    return 1 if skipped else 0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _report(out: TextIO, total: int, t: _Tally, threshold: float) -> None:
    precision = _ratio(t.tp, t.tp + t.fp)
    recall = _ratio(t.tp, t.tp + t.fn)
    f1 = _ratio(int(2 * precision * recall * 1e6), int((precision + recall) * 1e6))
    out.write(f"posts: {total}  true signals: {t.on_signals}  threshold: {threshold:g}\n")
    out.write(f"is_signal   precision {precision:.3f}  recall {recall:.3f}  f1 {f1:.3f}"
              f"  (tp {t.tp}, fp {t.fp}, fn {t.fn}, tn {t.tn})\n")
    out.write(f"on the {t.on_signals} true signals (a missed signal counts as wrong):\n")
    for name in ("event_type", "direction", "tier", "platforms"):
        right = t.right[name]
        label = "platforms (exact set)" if name == "platforms" else name
        out.write(f"  {label:<22}{_ratio(right, t.on_signals):.3f}  ({right}/{t.on_signals})\n")


def _errors(out: TextIO, wrong: list[tuple[PostRecord, dict[str, Any], Analysis, list[str]]]
            ) -> None:
    out.write(f"\n{len(wrong)} posts with errors:\n")
    for post, labels, analysis, problems in wrong:
        d = analysis.decision
        out.write(f"\n[{post.external_id}] {post.title[:90]}\n")
        out.write(f"  wrong: {', '.join(problems)}\n")
        out.write(f"  expected: signal={labels.get('is_signal')} {labels.get('event_type')} "
                  f"{labels.get('tier')} {labels.get('platforms')}\n")
        out.write(f"  got:      signal={d.is_signal} {d.event_type} {d.tier} "
                  f"{list(d.platforms)} score={d.score:.1f}\n")
        if d.evidence:
            out.write(f"  evidence: {'; '.join(d.evidence)}\n")
        if analysis.reasons:
            out.write(f"  why: {' | '.join(analysis.reasons)}\n")
