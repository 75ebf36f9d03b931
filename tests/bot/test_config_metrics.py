"""``[metrics]`` and the database URL from the environment: defaults, values, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, ConfigError, load_settings, parse_settings
from bot.config_metrics import split_listen


def error_for(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env=env or {})
    return str(info.value)


def test_metrics_are_off_by_default() -> None:
    settings = parse_settings({}, env={})
    assert settings.metrics.listen is None and not settings.metrics.enabled
    assert settings.metrics.healthy_within_seconds == 900


def test_listen_and_window_are_read() -> None:
    settings = parse_settings(
        {"metrics": {"listen": "0.0.0.0:9464", "healthy_within_seconds": 120}}, env={})
    assert settings.metrics.enabled
    assert (settings.metrics.host, settings.metrics.port) == ("0.0.0.0", 9464)
    assert settings.metrics.healthy_within_seconds == 120


def test_the_environment_can_switch_metrics_on() -> None:
    settings = parse_settings({"metrics": {"listen": "127.0.0.1:1"}},
                              env={"LABELWATCH_METRICS_LISTEN": "0.0.0.0:9464"})
    assert settings.metrics.listen == "0.0.0.0:9464"
    with pytest.raises(ConfigError, match=r"^LABELWATCH_METRICS_LISTEN: expected host:port"):
        parse_settings({}, env={"LABELWATCH_METRICS_LISTEN": "9464"})


@pytest.mark.parametrize(("value", "expected"), [
    ("127.0.0.1:9464", ("127.0.0.1", 9464)),
    ("localhost:0", ("localhost", 0)),
    ("[::1]:9464", ("::1", 9464)),
])
def test_listen_forms(value: str, expected: tuple[str, int]) -> None:
    assert split_listen(value) == expected


@pytest.mark.parametrize(("text", "key", "expected"), [
    ("[metrics]\nlisten = '9464'", "metrics.listen", "host:port"),
    ("[metrics]\nlisten = 'localhost'", "metrics.listen", "host:port"),
    ("[metrics]\nlisten = 'localhost:70000'", "metrics.listen", "0 to 65535"),
    ("[metrics]\nlisten = '::1:9464'", "metrics.listen", "brackets"),
    ("[metrics]\nlisten = '[nope]:9464'", "metrics.listen", "not an IPv6 address"),
    ("[metrics]\nlisten = 9464", "metrics.listen", "non-empty string"),
    ("[metrics]\nhealthy_within_seconds = 0", "metrics.healthy_within_seconds", "whole number"),
    ("[metrics]\nhealthy_within_seconds = 'soon'", "metrics.healthy_within_seconds",
     "whole number"),
    ("[metrics]\nport = 9464", "metrics.port", "unknown key"),
    ("metrics = true", "metrics", "expected a table"),
])
def test_each_metrics_mistake_names_its_key(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    message = error_for(tmp_path, text)
    assert message.startswith(key), message
    assert expected in message, message


def test_the_environment_can_hold_the_database_url_and_its_password_stays_hidden() -> None:
    url = "postgresql+asyncpg://labelwatch:pa55-word@db:5432/labelwatch"
    settings = parse_settings({}, env={"LABELWATCH_DATABASE_URL": url})
    assert settings.database.url == url
    assert settings.database.password is not None
    assert settings.database.password.value == "pa55-word"
    assert "pa55-word" not in repr(settings)
    assert settings.database.shown_url == "postgresql+asyncpg://labelwatch:***@db:5432/labelwatch"
    assert parse_settings({}, env={}).database.url == DEFAULT_DATABASE_URL
    assert parse_settings({}, env={}).database.password is None


def test_a_bad_database_url_never_echoes_its_password(tmp_path: Path) -> None:
    message = error_for(tmp_path, "", env={
        "LABELWATCH_DATABASE_URL": "postgresql+asyncpg://u:s3cret@host:port/db"})
    assert message.startswith("LABELWATCH_DATABASE_URL: not a valid database URL"), message
    assert "s3cret" not in message
    message = error_for(tmp_path, "", env={"LABELWATCH_DATABASE_URL": "mysql://u:s3cret@h/db"})
    assert message.startswith("LABELWATCH_DATABASE_URL") and "async SQLAlchemy URL" in message
    assert "s3cret" not in message and "mysql://***@h/***" in message
