"""``labelwatch score`` and ``eval`` report a bad line by its number and read on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.service import REPO

SIGNAL = {"id": "p1", "source": "reddit", "subreddit": "outlier_ai",
          "title": "Outlier cut generalist rates from $25/hr to $16/hr",
          "body": "Everyone on the project got the email."}
LABELS = {"is_signal": True, "event_type": "pay_cut", "direction": "contraction",
          "tier": "generalist", "platforms": ["outlier"]}


def labelwatch(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin,
                          capture_output=True, env=env, timeout=120, check=False)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def lines(*posts: dict[str, object]) -> list[bytes]:
    return [json.dumps(p).encode("utf-8") for p in posts]


def mixed_input(**extra: object) -> bytes:
    good = lines({**SIGNAL, **extra}, {**SIGNAL, "id": "p3", **extra})
    lone = json.dumps({**SIGNAL, "id": "p2", "title": "Outlier \ud800 cut rates", **extra})
    assert "\\ud800" in lone  # a lone surrogate escape, as a JSON writer may emit it
    return b"\n".join([good[0], b'{"id": "bad", "title": "caf\xe9 pay"}', lone.encode(),
                       good[1]]) + b"\n"


def test_score_reads_on_past_bad_bytes_and_lone_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(mixed_input())
    for args, stdin in ((("score", "--input", str(path)), b""), (("score",), mixed_input())):
        code, out, err = labelwatch(*args, stdin=stdin)
        ids = [json.loads(line)["id"] for line in out.splitlines()]
        assert ids == ["p1", "p2", "p3"], (out, err)
        assert err.splitlines() == ["line 2: skipped: not UTF-8 text (byte 28 of the line)"]
        assert code == 1


def test_eval_reads_on_past_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    path.write_bytes(mixed_input(labels=LABELS))
    code, out, err = labelwatch("eval", str(path))
    assert "posts: 3  true signals: 3" in out
    assert err.splitlines() == [f"{path}:2: skipped: not UTF-8 text (byte 28 of the line)"]
    assert code == 1
