"""Scorer throughput on one core, and how long the scorer takes to load.

Posts are generated from the scorer's own test sets with variations (other
subreddits, shuffled and padded bodies, other numbers, lower-cased titles), in
the mix a watched community produces: mostly everyday chatter, some event
reports and near misses. It prints the scorer function's throughput (rules
alone and combined with the model), then the whole ``labelwatch score``
process on a file of posts against a keyword filter that reads and writes the
same JSONL, in the same run. Run:
``python benchmarks/bench_scorer.py [--posts N] [--repeat R] [--process-posts N]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "scoring"
SUBREDDITS = ("outlier_ai", "DataAnnotationTech", "mercor_ai", "ProlificAc", "remotasks",
              "Appen", "mturk", "TelusInternational", "WorkOnline", "clickworker", "alignerr")
FILLER = (
    "Anyway, back to tasking.", "Not sure what to make of it.", "Posting for visibility.",
    "Edit: typo.", "Thanks for reading.", "Has anyone else noticed?",
    "Mods, remove if not allowed.",
    "I have been on the platform for about a year now.", "The discord is chaos right now.",
    "Will update if I hear more.", "Coffee number four today.", "TL;DR at the bottom.",
)
EVERYDAY_SHARE = 0.8
KEYWORD_FILTER = r"""
import json, re, sys
words = re.compile(r"\\b(?:layoffs?|laid off|pay cut|rates? (?:cut|dropped|lowered)|paused|"
                   r"hiring freeze|shut(?:ting)? down|offboard\\w*|restructur\\w*|raise)\\b")
out = sys.stdout
for line in sys.stdin:
    if not line.strip():
        continue
    post = json.loads(line)
    hit = words.search(((post.get("title") or "") + " " + (post.get("body") or "")).lower())
    out.write(json.dumps({"id": post["id"], "is_signal": hit is not None,
                          "evidence": [hit.group(0)] if hit else []}) + "\\n")
"""


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _vary(row: dict, rng: random.Random) -> dict:
    sentences = re.split(r"(?<=[.!?])\s+", row.get("body") or "")
    if len(sentences) > 2 and rng.random() < 0.3:
        head, tail = sentences[:1], sentences[1:]
        rng.shuffle(tail)
        sentences = head + tail
    for _ in range(rng.randrange(3)):
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(FILLER))
    body = " ".join(s for s in sentences if s)
    body = re.sub(r"\d+", lambda m: str(max(1, int(m.group()) + rng.randrange(-3, 4))), body)
    title = row["title"].lower() if rng.random() < 0.2 else row["title"]
    out = dict(row)
    out.update(title=title, body=body if rng.random() > 0.05 else "")
    if row.get("source") == "reddit" and rng.random() < 0.3:
        out["subreddit"] = rng.choice(SUBREDDITS)
    return out


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    everyday = _rows("everyday.jsonl")
    labelled = _rows("phrasings.jsonl") + _rows("holdout.jsonl")
    return [_vary(rng.choice(everyday if rng.random() < EVERYDAY_SHARE else labelled), rng)
            for _ in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--process-posts", type=int, default=50_000,
                        help="posts in the file the whole-process run scores (0: skip it)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.path.insert(0, str(ROOT))

    started = time.perf_counter()
    scoring = importlib.import_module("bot.scoring")
    cli = importlib.import_module("bot.scoring.cli")
    scorer = scoring.Scorer()
    load = time.perf_counter() - started
    rules_only = scoring.Scorer(mode="rules", use_model=False)

    rows = generate(max(args.posts, 1))
    posts = [cli.read_jsonl_post(r) for r in rows]
    kinds = ["everyday" if r["id"].startswith("e") else "labelled" for r in rows]
    scorer.score(posts[0])

    # CPU time of this process: on a shared machine, wall time also counts other programs.
    # Like timeit, the best of a few runs is the figure least disturbed by neighbours.
    clock = time.process_time
    runs = []
    signals = 0
    for _ in range(max(args.repeat, 1)):
        wall_start, cpu_start = time.perf_counter(), clock()
        signals = sum(scorer.score(post).is_signal for post in posts)
        runs.append((clock() - cpu_start, time.perf_counter() - wall_start))
    cpu = sorted(r[0] for r in runs)

    print(f"scorer load time: {load * 1000:.0f} ms (import + Scorer())")
    print(f"posts scored: {len(posts)} per run on one core, {signals} signals, {len(runs)} runs")
    print(f"throughput: {len(posts) / cpu[0]:,.0f} posts/s (best run, CPU time); "
          f"median {len(posts) / cpu[len(cpu) // 2]:,.0f}; "
          f"wall clock best {len(posts) / min(r[1] for r in runs):,.0f}")
    for kind in ("everyday", "labelled"):
        subset = [p for p, k in zip(posts, kinds, strict=True) if k == kind]
        if subset:
            start = clock()
            for post in subset:
                scorer.score(post)
            print(f"  {kind:<9} {len(subset):>6} posts  "
                  f"{len(subset) / (clock() - start):>8,.0f} posts/s")
    start = clock()
    for post in posts:
        rules_only.score(post)
    print(f"  rules alone (no model): {len(posts) / (clock() - start):,.0f} posts/s")
    if args.process_posts > 0:
        _whole_process(generate(args.process_posts, seed=11))
    return 0


def _timed(cmd: list[str], source: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process reading ``source`` on stdin."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    with source.open("rb") as inp:
        subprocess.run(cmd, stdin=inp, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _whole_process(rows: list[dict]) -> None:
    """``labelwatch score`` as a user runs it (start-up, JSON in and out) against a
    keyword filter doing the same I/O, on the same file, one after the other."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "posts.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        runs = {
            "labelwatch score": [sys.executable, "-m", "bot.cli", "score"],
            "keyword filter": [sys.executable, "-c", KEYWORD_FILTER],
        }
        print(f"whole process on {len(rows):,} posts (wall clock, CPU time):")
        for name, cmd in runs.items():
            wall, cpu = _timed(cmd, source)
            print(f"  {name:<17} {len(rows) / wall:>8,.0f} posts/s wall  "
                  f"{len(rows) / cpu:>8,.0f} posts/s CPU  ({wall:.1f} s)")


if __name__ == "__main__":
    raise SystemExit(main())
