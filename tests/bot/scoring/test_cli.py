"""run_score and run_eval: the command-line halves, on real files and streams."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.scoring.cli import read_jsonl_post, run_eval, run_score

SIGNAL = {"id": "a", "source": "reddit", "subreddit": "outlier_ai", "feed": None,
          "title": "Generalist rates dropped from $15 to $11/hr on every project",
          "body": "Checked with four people, all the same.", "created_utc": "2025-09-13T18:02:00Z"}
CHATTER = {"id": "b", "source": "feed", "subreddit": None, "feed": "techcrunch",
           "title": "Turing launches a benchmark for coding agents", "body": "",
           "created_utc": None}


def _run(lines: list[str], threshold: float | None = None) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_score(io.StringIO("".join(lines)), out, err, threshold)
    return code, [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_scores_each_line_in_order() -> None:
    code, rows, err = _run([json.dumps(SIGNAL) + "\n", json.dumps(CHATTER) + "\n"])
    assert code == 0 and err == ""
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["is_signal"] is True and rows[0]["event_type"] == "pay_cut"
    assert rows[1]["is_signal"] is False and rows[1]["platforms"] == []


def test_bad_lines_are_reported_and_skipped() -> None:
    lines = [
        json.dumps(SIGNAL) + "\n",
        "{not json\n",
        "\n",
        json.dumps([1, 2]) + "\n",
        json.dumps({**CHATTER, "id": ""}) + "\n",
        json.dumps({k: v for k, v in CHATTER.items() if k != "id"}) + "\n",
        json.dumps(CHATTER) + "\n",
    ]
    code, rows, err = _run(lines)
    assert code == 1
    assert [r["id"] for r in rows] == ["a", "b"]
    reported = err.splitlines()
    assert len(reported) == 4
    for number in (2, 4, 5, 6):
        assert any(line.startswith(f"line {number}:") for line in reported)
    assert "line 3" not in err


def test_blank_lines_only() -> None:
    assert _run(["\n", "   \n"]) == (0, [], "")


def test_threshold_argument() -> None:
    _, rows, _ = _run([json.dumps(SIGNAL) + "\n"], threshold=100.0)
    assert rows[0]["is_signal"] is False


def test_read_jsonl_post_fields() -> None:
    p = read_jsonl_post({**SIGNAL, "subreddit": "r/outlier_ai", "extra": 1})
    assert p.external_id == "a" and p.source_kind == "reddit" and p.subreddit == "outlier_ai"
    assert p.created_utc is not None and p.created_utc.year == 2025
    q = read_jsonl_post({"id": 7, "feed": "reuters", "title": "t", "body": None})
    assert q.external_id == "7" and q.source_kind == "feed" and q.body == ""


@pytest.mark.parametrize(("obj", "message"), [
    ({"title": "x"}, "id"),
    ({"id": "  ", "title": "x"}, "id"),
    ({"id": "x", "source": "email"}, "source"),
    ({"id": "x", "title": 5}, "title"),
])
def test_read_jsonl_post_rejects(obj: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_jsonl_post(obj)


def _labelled(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_run_eval_prints_the_figures(tmp_path: Path) -> None:
    labels_yes = {"is_signal": True, "event_type": "pay_cut", "direction": "contraction",
                  "tier": "generalist", "platforms": ["outlier"]}
    labels_no = {"is_signal": False, "event_type": "none", "direction": "neutral",
                 "tier": "unknown", "platforms": []}
    wrong_tier = {**labels_yes, "tier": "expert"}
    path = _labelled(tmp_path / "set.jsonl", [
        {**SIGNAL, "labels": labels_yes},
        {**CHATTER, "labels": labels_no},
        {**SIGNAL, "id": "c", "labels": wrong_tier},
    ])
    out = io.StringIO()
    assert run_eval(path, out) == 0
    text = out.getvalue()
    assert "precision 1.000" in text and "recall 1.000" in text and "f1 1.000" in text
    assert "event_type            1.000  (2/2)" in text
    assert "tier                  0.500  (1/2)" in text
    assert "platforms (exact set) 1.000  (2/2)" in text
    assert "[c]" not in text

    out = io.StringIO()
    run_eval(path, out, show_errors=True)
    text = out.getvalue()
    assert "[c]" in text and "wrong: tier" in text and "expected:" in text and "why:" in text
    assert "[a]" not in text


def test_run_eval_counts_false_alarms(tmp_path: Path) -> None:
    labels_no = {"is_signal": False, "event_type": "none", "direction": "neutral",
                 "tier": "unknown", "platforms": []}
    path = _labelled(tmp_path / "set.jsonl", [{**SIGNAL, "labels": labels_no}])
    out = io.StringIO()
    run_eval(path, out, show_errors=True)
    assert "fp 1" in out.getvalue() and "wrong: is_signal" in out.getvalue()


@pytest.mark.parametrize("content", ["{broken\n", json.dumps(SIGNAL) + "\n", ""])
def test_run_eval_bad_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    assert run_eval(path, out) == 2
    assert out.getvalue().splitlines()[-1].startswith("error:")


def test_run_eval_missing_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_eval(tmp_path / "nope.jsonl", out) == 2
    assert "cannot read" in out.getvalue()
