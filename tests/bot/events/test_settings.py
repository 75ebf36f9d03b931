"""The [events] section: windows and company feeds, mistakes named by key."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, parse_settings
from bot.events.settings import EventSettings


def test_defaults() -> None:
    settings = parse_settings({}, env={})
    assert settings.events == EventSettings()
    assert settings.events.join_window_days <= settings.events.quiet_days
    assert settings.events.join_window_days <= settings.events.tie_window_days


def test_values_are_read() -> None:
    settings = parse_settings({"events": {"join_window_days": 3, "tie_window_days": 30.5,
                                          "quiet_days": 10,
                                          "company_feeds": ["blog.appen.com"]}}, env={})
    assert settings.events.join_window.days == 3
    assert settings.events.tie_window_days == 30.5
    assert settings.events.quiet.days == 10
    assert settings.events.company_feeds == ("blog.appen.com",)


@pytest.mark.parametrize(("events", "message"), [
    ({"join_window_days": "week"}, "events.join_window_days: expected a number"),
    ({"join_window_days": 0}, "events.join_window_days: expected a number from 0.01"),
    ({"quiet_days": -1}, "events.quiet_days: expected a number"),
    ({"tie_window_days": 2, "join_window_days": 5}, "events.tie_window_days: must be at least"),
    ({"quiet_days": 2, "join_window_days": 5}, "events.quiet_days: must be at least"),
    ({"company_feeds": "blog.appen.com"}, "events.company_feeds: expected a list"),
    ({"company_feeds": [""]}, "events.company_feeds: expected a list"),
    ({"window": 3}, "events.window: unknown key"),
])
def test_mistakes_name_their_key(events: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_settings({"events": events}, env={})


def test_events_must_be_a_table() -> None:
    with pytest.raises(ConfigError, match="events: expected a table"):
        parse_settings({"events": 3}, env={})


def test_the_example_config_documents_the_defaults() -> None:
    from pathlib import Path

    from bot.config import load_settings

    example = Path(__file__).resolve().parents[3] / "config.example.toml"
    assert load_settings(example, env={}).events == EventSettings()
    assert "[events]" in example.read_text(encoding="utf-8")
