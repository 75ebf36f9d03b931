"""labelwatch index, export and import, called in-process on SQLite files."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.engine import create_engine, session_factory, upgrade
from storage.models import Post
from tests.bot.test_cli import run_cli
from tests.support.events import add_event, add_reports

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def _day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def _database(path: Path, *, convergence: bool = True) -> str:
    url = f"sqlite+aiosqlite:///{path}"

    async def fill() -> None:
        engine = create_engine(url)
        await upgrade(engine)
        async with session_factory(engine).begin() as session:
            if convergence:
                first = await add_event(session, ["mercor"], _day(0))
                await add_reports(session, first, [_day(0)], platform="mercor")
                await add_event(session, ["outlier"], _day(8))
                await add_event(session, ["remotasks"], _day(9))
                await add_event(session, ["dataannotation"], _day(11))
                await add_event(session, ["turing"], _day(20))
                await add_event(session, ["appen"], _day(2), guild_id=9)
            session.add(Post(source_kind="feed", external_id="g1", feed="News", title="=1+1",
                             body="", created_utc=_day(1), guild_id=None))
        await engine.dispose()

    asyncio.run(fill())
    return url


def test_index_json_has_exactly_one_crossing(tmp_path: Path) -> None:
    url = _database(tmp_path / "a.db")
    code, out, err = run_cli("index", "--database", url, "--at", "2025-03-31", "--weeks", "5",
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["at"] == "2025-03-31"
    assert data["expert_breadth"] == 4
    assert [(c["at"], c["parents"], c["level"]) for c in data["convergence"]] == [
        ("2025-03-14", ["mercor", "scale_ai", "surge_ai"], 3)]
    assert data["convergence"][0]["events"] == ["e1", "e2", "e3", "e4"]
    assert {w["week"] for w in data["weeks"]} == {"2025-W10", "2025-W11", "2025-W12"}
    assert not any(w["parent"] == "appen" for w in data["weeks"])  # a server's own event

    code, text, _ = run_cli("index", "--database", url, "--at", "2025-03-31")
    assert code == 0 and "expert breadth        4" in text and "2025-03-14  expert" in text


def test_export_import_round_trip_and_idempotence(tmp_path: Path) -> None:
    source = _database(tmp_path / "a.db")
    target = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    events = tmp_path / "events.csv"
    code, _, err = run_cli("export", "--since", "2025-01-01", "--database", source,
                           "--output", str(events))
    assert code == 0 and "6 events since 2025-01-01" in err
    code, out, _ = run_cli("import", str(events), "--database", target)
    assert code == 0 and "6 events added, 0 updated, 0 unchanged" in out
    code, out, _ = run_cli("import", str(events), "--database", target)
    assert code == 0 and "0 events added, 0 updated, 6 unchanged" in out

    again = tmp_path / "again.csv"
    assert run_cli("export", "--since", "2025-01-01", "--database", target,
                   "--output", str(again))[0] == 0
    first = list(csv.DictReader(events.open(newline="")))
    second = list(csv.DictReader(again.open(newline="")))
    assert [{k: v for k, v in r.items() if k != "id"} for r in first] == \
           [{k: v for k, v in r.items() if k != "id"} for r in second]

    code, out, _ = run_cli("export", "--since", "2025-01-01", "--database", source, "--public",
                           "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 5 and all(line["guild_id"] is None for line in lines)
    assert lines[0]["first_report"].endswith("/comments/r1x0/")


def test_a_malformed_file_imports_nothing(tmp_path: Path) -> None:
    source = _database(tmp_path / "a.db")
    target = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    events = tmp_path / "events.csv"
    assert run_cli("export", "--since", "2025-01-01", "--database", source,
                   "--output", str(events))[0] == 0
    rows = events.read_bytes().decode("utf-8").split("\r\n")
    rows[3] = rows[3].replace(",layoff,", ",layoffs,")
    broken = tmp_path / "broken.csv"
    broken.write_bytes("\r\n".join(rows).encode("utf-8"))
    code, _, err = run_cli("import", str(broken), "--database", target)
    assert code == 1
    assert f"{broken}: line 4: event_type: expected one of layoff" in err
    assert "nothing imported (1 problem)" in err
    code, out, _ = run_cli("export", "--since", "2000-01-01", "--database", target)
    assert code == 0 and out.strip() == ",".join(csv.DictReader(io.StringIO(out)).fieldnames
                                                 or [])
    code, _, err = run_cli("import", str(tmp_path / "absent.csv"), "--database", target)
    assert code == 2 and "cannot read" in err
    (tmp_path / "latin1.csv").write_bytes(b"key\xe9\r\n")
    code, _, err = run_cli("import", str(tmp_path / "latin1.csv"), "--database", target)
    assert code == 1 and "not UTF-8 text" in err


def test_posts_export_is_scoring_input(tmp_path: Path) -> None:
    url = _database(tmp_path / "a.db", convergence=False)
    code, out, _ = run_cli("export", "--since", "2025-03-01", "--what", "posts", "--format",
                           "jsonl", "--database", url)
    assert code == 0
    [post] = [json.loads(line) for line in out.splitlines()]
    assert post["id"] == "g1" and post["source"] == "feed" and post["feed"] == "News"
    assert post["created_utc"] == "2025-03-04T09:30:00Z" and post["title"] == "=1+1"
    code, out, _ = run_cli("export", "--since", "2025-03-01", "--what", "posts",
                           "--database", url)
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["title"] == "'=1+1"
    code, out, _ = run_cli("export", "--since", "2025-03-05", "--what", "posts",
                           "--database", url)
    assert list(csv.DictReader(io.StringIO(out))) == []


def test_bad_arguments(tmp_path: Path) -> None:
    code, _, err = run_cli("index", "--at", "31/03/2025")
    assert code == 2 and "expected a date YYYY-MM-DD" in err
    code, _, err = run_cli("export", "--since", "2025-01-01", "--database",
                           "mysql://user:secret@host/db")
    assert code == 2 and "--database" in err and "secret" not in err
    code, _, err = run_cli("export")
    assert code == 2 and "--since" in err


def test_the_commands_have_help() -> None:
    for command in ("index", "export", "import"):
        code, out, _ = run_cli(command, "--help")
        assert code == 0 and "usage: labelwatch" in out
