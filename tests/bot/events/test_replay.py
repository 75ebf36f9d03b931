"""``labelwatch replay``: order, bad lines, the temporary database and --database."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from bot.events.replay import PAGE, page_bounds, replay_text, scoring_process

CUT = {"source": "reddit", "subreddit": "outlier_ai",
       "title": "Outlier cut generalist rates from $25/hr to $16/hr today",
       "body": "Everyone on the project got the email.", "author": "ann"}
SAME = {"source": "reddit", "subreddit": "outlier_ai",
        "title": "Outlier generalist rates cut to $16/hr for everyone",
        "body": "Same here, the whole team got the rate change email, $25 down to $16.",
        "author": "bo", "url": "https://www.reddit.com/r/outlier_ai/comments/b2/x/"}
OTHER = {"source": "reddit", "subreddit": "mercor_ai",
         "title": "Mercor laid off about 500 contractors on its physics project, everyone got "
                  "the email", "body": "Confirmed by many people.", "author": "cy"}
CHATTER = {"source": "reddit", "subreddit": "outlier_ai", "title": "how do I withdraw to paypal",
           "body": ""}


def write(path: Path, rows: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["replay", *argv])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_lines_come_back_in_input_order_grouped_in_time_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "in.jsonl", [
        {**SAME, "id": "late", "created_utc": "2025-09-02T10:00:00Z"},
        {**CHATTER, "id": "chat", "created_utc": "2025-09-01T11:00:00Z"},
        {**OTHER, "id": "mercor", "created_utc": "2025-09-01T12:00:00Z"},
        {**CUT, "id": "early", "created_utc": "2025-09-01T10:00:00Z"},
    ])
    code, rows, err = run(capsys, "--input", str(path))
    assert code == 0 and "skipped" not in err
    assert [r["id"] for r in rows] == ["late", "chat", "mercor", "early"]
    late, chat, mercor, early = rows
    assert chat == {"id": "chat", "is_signal": False, "event_id": None, "alert": None}
    assert early["is_signal"] and early["alert"] == "new" and early["event_id"].startswith("e")
    assert late["event_id"] == early["event_id"] and late["alert"] == "update"
    assert mercor["event_id"] not in (None, early["event_id"]) and mercor["alert"] == "new"


def test_of_two_reports_of_one_second_the_first_line_makes_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows are stored in key order ("aa" before "zz"); the posts are still placed in the
    input's order, so the event's one message is the first line's and the next edits it."""
    path = write(tmp_path / "in.jsonl", [
        {**CUT, "id": "zz", "created_utc": "2025-09-01T10:00:00Z"},
        {**SAME, "id": "aa", "created_utc": "2025-09-01T10:00:00Z"},
    ])
    code, rows, _ = run(capsys, "--input", str(path))
    assert code == 0
    first, second = rows
    assert first["event_id"] == second["event_id"] is not None
    assert (first["alert"], second["alert"]) == ("new", "update")


def test_bad_lines_are_reported_with_their_number_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "in.jsonl", [
        {**CUT, "id": "a", "created_utc": "2025-09-01T10:00:00Z"},
        "{not json",
        {**CUT, "id": "b"},
        {**CUT, "id": "c", "created_utc": "2025-09-01T10:00:00Z", "author": 5},
        "",
        {**CUT, "id": "a", "created_utc": "2025-09-02T10:00:00Z"},
        {**CHATTER, "created_utc": "2025-09-01T10:00:00Z"},
        {**CHATTER, "id": "d", "created_utc": "2025-09-03T10:00:00Z"},
    ])
    code, rows, err = run(capsys, "--input", str(path))
    assert code == 1
    assert [r["id"] for r in rows] == ["a", "d"]
    for number, reason in [(2, "not valid JSON"), (3, "created_utc"), (4, "'author'"),
                           (6, "duplicate id 'a'"), (7, "'id'")]:
        assert f"line {number}: skipped: " in err and reason in err.split(f"line {number}: ")[1]
    assert "line 5" not in err and "line 8" not in err


def test_each_replay_starts_from_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "in.jsonl", [{**CUT, "id": "a", "created_utc": "2025-09-01T10:00Z"}])
    first = run(capsys, "--input", str(path))
    second = run(capsys, "--input", str(path))
    assert first[:2] == second[:2] and first[1][0]["alert"] == "new"
    assert list(tmp_path.iterdir()) == [path]


def test_database_keeps_what_was_replayed(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'archive.db'}"
    path = write(tmp_path / "in.jsonl", [{**CUT, "id": "a", "created_utc": "2025-09-01T10:00Z"}])
    code, [row], _ = run(capsys, "--input", str(path), "--database", url)
    assert code == 0 and row["alert"] == "new"
    more = write(tmp_path / "more.jsonl", [
        {**CUT, "id": "a", "created_utc": "2025-09-01T10:00Z"},
        {**SAME, "id": "b", "created_utc": "2025-09-01T12:00Z"},
    ])
    code, rows, _ = run(capsys, "--input", str(more), "--database", url)
    assert code == 0
    assert rows[0] == {**row, "alert": None}  # already stored: its event, no new alert
    assert rows[1]["event_id"] == row["event_id"] and rows[1]["alert"] == "update"


def test_unreadable_input_and_bad_database(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, err = run(capsys, "--input", str(tmp_path / "missing.jsonl"))
    assert code == 2 and rows == [] and "cannot read" in err
    path = write(tmp_path / "in.jsonl", [])
    code, _, err = run(capsys, "--input", str(path), "--database", "mysql://x")
    assert code == 2 and "--database: expected an async SQLAlchemy URL" in err


@pytest.mark.parametrize("command", [["replay"], ["events"], ["events", "rebuild"]])
def test_the_commands_have_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0 and "usage: labelwatch" in capsys.readouterr().out


def test_one_message_per_event_and_later_reports_edit_or_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = Path(__file__).parents[2] / "data" / "events" / "dev.jsonl"
    rows = {r["id"]: r for r in map(json.loads, dev.read_text(encoding="utf-8").splitlines())}
    line = {pid: n for n, pid in enumerate(rows)}
    url = f"sqlite+aiosqlite:///{tmp_path / 'dev.db'}"
    code, out, _ = run(capsys, "--input", str(dev), "--database", url)
    assert code == 0 and len(out) == len(rows)
    by_event: dict[str, list[dict]] = {}
    for o in sorted(out, key=lambda o: (rows[o["id"]]["created_utc"], line[o["id"]])):
        if o["event_id"] is not None:
            by_event.setdefault(o["event_id"], []).append(o)
    for reports in by_event.values():
        assert reports[0]["alert"] == "new"
        assert all(r["alert"] in ("update", None) for r in reports[1:])
    labelled = {r["event"] for r in rows.values() if r.get("event")}
    new = sum(o["alert"] == "new" for o in out if rows[o["id"]].get("event"))
    assert new / len(labelled) <= 1.2
    # The decisions were the outbox's: one new row per event, nothing left waiting.
    import sqlite3
    with sqlite3.connect(tmp_path / "dev.db") as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM outbox GROUP BY kind").fetchall())
        waiting = db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()
    assert kinds["new"] == len(by_event) and waiting == (0,)


async def test_two_scoring_processes_replay_byte_for_byte_as_one(tmp_path: Path) -> None:
    """With ``processes = 2`` two other processes score the pages (each answer comes
    with the id of the process that scored it), and the output is one process's."""
    kinds = [CUT, SAME, OTHER, CHATTER, CHATTER, CHATTER, CHATTER]
    rows: list[dict | str] = [
        {**kinds[i % len(kinds)], "id": f"p{i}", "author": f"u{i % 40}",
         "created_utc": f"2025-09-{1 + i // 100:02d}T{i % 24:02d}:{i % 60:02d}:00Z"}
        for i in range(1300)  # more than a page: the second process is started and used
    ]
    text = write(tmp_path / "in.jsonl", rows).read_text(encoding="utf-8").splitlines()
    outputs, scorers = [], []
    for processes in (1, 2):
        config = tmp_path / f"{processes}.toml"
        config.write_text(f"[scoring]\nprocesses = {processes}\n", encoding="utf-8")
        settings = load_settings(config)
        out, err = io.StringIO(), io.StringIO()
        with scoring_process(settings) as scoring:
            assert await replay_text(text, settings, None, out, err, scoring=scoring) == 0
        outputs.append(out.getvalue())
        scorers.append(scoring.scored_by)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 1300 and '"alert": "new"' in outputs[0]
    # every post scored in a process other than this one: in one, then in two
    assert [len(s) for s in scorers] == [1, 2]
    assert [sum(s.values()) for s in scorers] == [1300, 1300]
    assert os.getpid() not in scorers[0] | scorers[1]
    assert all(posts > 0 for posts in scorers[1].values())


@pytest.mark.parametrize("count", [0, 1, PAGE, PAGE + 1, 2 * PAGE, 2 * PAGE + 1, 5 * PAGE + 7])
def test_pages_cover_every_post_once_in_order(count: int) -> None:
    """Up to two pages' worth is cut into whole pages (a test set replays as before); a
    longer replay opens and closes with a quarter page, so neither the scoring processes
    at the start nor this process at the end waits a whole page's time alone."""
    bounds = page_bounds(count)
    if count == 0:
        assert bounds == []
        return
    assert [a for a, _ in bounds] == [0, *(b for _, b in bounds[:-1])]
    assert (bounds[-1][1] if bounds else 0) == count
    assert all(0 < b - a <= PAGE for a, b in bounds)
    sizes = [b - a for a, b in bounds]
    if count <= 2 * PAGE:
        assert sizes[:-1] == [PAGE] * (len(sizes) - 1)
    else:
        assert sizes[0] == sizes[-1] == PAGE // 4
        assert sizes[1] == PAGE
