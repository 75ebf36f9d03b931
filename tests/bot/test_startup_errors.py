"""Every start-up failure is one line saying what and where; no secret shows in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.service import REPO, write_config

PASSWORD = "hunter2-pw"
TOKEN = "s3cretWebhookT0ken"


def labelwatch(*args: str, cwd: Path) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "REDDIT_"))}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, check=False)
    return done.returncode, done.stdout + done.stderr


def failure_lines(output: str) -> list[str]:
    """What the user reads about the failure (the INFO line naming the config aside)."""
    return [line for line in output.splitlines() if " INFO " not in line]


def config_with(tmp_path: Path, url: str) -> Path:
    return write_config(tmp_path / "config.toml", {"builtin_sources": False},
                        {"database": {"url": url}})


@pytest.mark.parametrize("command", [("run",), ("db", "upgrade")])
def test_unreachable_postgresql(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = config_with(tmp_path, f"postgresql+asyncpg://lw:{PASSWORD}@127.0.0.1:1/lw")
    code, output = labelwatch("--config", str(config), *command, cwd=tmp_path)
    assert code == 2
    [line] = failure_lines(output)
    assert line.startswith("labelwatch: database.url: cannot open PostgreSQL at 127.0.0.1:1, "
                           "database lw: "), line
    assert PASSWORD not in output and "Traceback" not in output


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    config = config_with(tmp_path, f"postgresql+asyncpg://lw:{PASSWORD}@127.0.0.1:1/lw")
    code, output = labelwatch("--config", str(config), "run", "--debug", cwd=tmp_path)
    assert code != 0 and "Traceback" in output


def test_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "lw.db"
    code, output = labelwatch("--config", str(config_with(tmp_path, f"sqlite+aiosqlite:///"
                                                           f"{missing}")), "run", cwd=tmp_path)
    assert code == 2
    assert failure_lines(output) == [
        f"labelwatch: database.url: cannot open the SQLite file {missing}: the folder "
        f"{missing.parent} does not exist"]


def test_config_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"[feeds]\n# caf\xe9 feeds\npoll_seconds = 60\n")
    code, output = labelwatch("--config", str(path), "run", cwd=tmp_path)
    assert code == 2
    assert failure_lines(output) == [
        f"labelwatch: configuration error: {path}: not UTF-8 text (byte 14 is not valid "
        "UTF-8); save the file as UTF-8"]


def test_config_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    path = tmp_path / "afile" / "config.toml"
    code, output = labelwatch("--config", str(path), "run", cwd=tmp_path)
    assert code == 2
    assert failure_lines(output) == [
        f"labelwatch: configuration error: config file not found: {path} (a folder on its "
        "path is a file)"]


@pytest.mark.parametrize(("tables", "secret"), [
    ({"database": {"url": f"postgres://lw:{PASSWORD}@db.example/lw"}}, PASSWORD),
    ({"database": {"url": f"mysql://lw:{PASSWORD}@db.example/lw"}}, PASSWORD),
    ({"alerts.webhooks": {"url": f"discord.com/api/webhooks/123/{TOKEN}"}}, TOKEN),
    ({"alerts.webhooks": {"url": f"ftp://discord.com/api/webhooks/123/{TOKEN}"}}, TOKEN),
    ({"reddit": {"api_url": f"oauth.reddit.com/?key={TOKEN}"}}, TOKEN),
])
def test_config_errors_never_echo_secrets(
    tmp_path: Path, tables: dict[str, dict[str, str]], secret: str
) -> None:
    plain = {k: v for k, v in tables.items() if "." not in k}
    arrays = {k: [v] for k, v in tables.items() if "." in k}
    config = write_config(tmp_path / "config.toml", {}, plain, arrays)
    code, output = labelwatch("--config", str(config), "run", cwd=tmp_path)
    assert code == 2
    [line] = failure_lines(output)
    assert line.startswith("labelwatch: configuration error: ") and "got " in line
    assert secret not in output
