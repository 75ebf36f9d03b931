"""A bad config stops start-up with one message naming the key."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, ConfigError, load_settings, parse_settings

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, text), env={})
    return str(info.value)


def test_example_config_loads_with_the_documented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    shutil.copy(REPO / "config.example.toml", path)
    settings = load_settings(path, env={})
    assert settings.database.url == DEFAULT_DATABASE_URL
    assert settings.reddit.poll_seconds == 60
    assert settings.reddit.api_url == "https://oauth.reddit.com"
    assert settings.reddit.www_url == "https://www.reddit.com"
    assert settings.discord.api_base == "https://discord.com/api/v10"
    assert settings.sources == ()
    assert settings.builtin_sources is True
    assert settings.metrics.listen is None
    assert settings.metrics.healthy_within_seconds == 900


def test_no_file_means_defaults() -> None:
    settings = load_settings(None, env={})
    assert settings.database.url == DEFAULT_DATABASE_URL
    assert not settings.reddit.has_credentials


def test_secrets_come_from_the_environment_and_never_print() -> None:
    env = {"DISCORD_TOKEN": "tok-123", "REDDIT_CLIENT_ID": "cid",
           "REDDIT_CLIENT_SECRET": "s3cr3t-xyz"}
    settings = load_settings(None, env=env)
    assert settings.discord.token is not None and settings.discord.token.value == "tok-123"
    assert settings.reddit.has_credentials
    assert "tok-123" not in repr(settings) and "s3cr3t-xyz" not in repr(settings.reddit)


def test_sources_are_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, """
[[sources]]
kind = "reddit"
target = "r/outlier_ai"
platform = "outlier"

[[sources]]
kind = "feed"
target = "https://example.com/a.rss"
poll_seconds = 900
""")
    settings = load_settings(path, env={})
    assert [(s.kind, s.target, s.platform, s.poll_seconds) for s in settings.sources] == [
        ("reddit", "outlier_ai", "outlier", None),
        ("feed", "https://example.com/a.rss", None, 900),
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_not_toml(tmp_path: Path) -> None:
    assert "not valid TOML" in error_for(tmp_path, "[reddit\npoll_seconds = 3")


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("[reddit]\npoll_second = 5", "reddit.poll_second", "unknown key"),
        ("colour = 'blue'", "colour", "unknown key"),
        ("[reddit]\npoll_seconds = 'often'", "reddit.poll_seconds", "whole number"),
        ("[reddit]\npoll_seconds = 0", "reddit.poll_seconds", "whole number"),
        ("[reddit]\npoll_seconds = true", "reddit.poll_seconds", "whole number"),
        ("[reddit]\napi_url = 'oauth.reddit.com'", "reddit.api_url", "URL"),
        ("[discord]\ngateway_url = 'https://x'", "discord.gateway_url", "wss://"),
        ("[database]\nurl = 'sqlite:///x.db'", "database.url", "async SQLAlchemy URL"),
        ("[scoring]\nthreshold = 101", "scoring.threshold", "number from 0 to 100"),
        ("[scoring]\nprocesses = 0", "scoring.processes", '"auto" or a whole number'),
        ("[scoring]\nprocesses = 'many'", "scoring.processes", '"auto" or a whole number'),
        ("[scoring]\nprocesses = true", "scoring.processes", '"auto" or a whole number'),
        ("reddit = 3", "reddit", "expected a table"),
        ("[[sources]]\nkind = 'mastodon'\ntarget = 'x'", "sources[0].kind", '"reddit" or "feed"'),
        ("[[sources]]\nkind = 'reddit'", "sources[0].target", "required"),
        ("[[sources]]\nkind = 'reddit'\ntarget = 'not a sub!'", "sources[0].target",
         "subreddit name"),
        ("[[sources]]\nkind = 'feed'\ntarget = 'ftp://x/y'", "sources[0].target", "URL"),
        ("[[sources]]\nkind = 'feed'\ntarget = 'https://x/y'\nplatform = 'acme'",
         "sources[0].platform", "unknown platform"),
        ("[[sources]]\nkind = 'feed'\ntarget = 'https://x/y'\nextra = 1", "sources[0].extra",
         "unknown key"),
        ("[[alerts.webhooks]]\nmin_score = 3", "alerts.webhooks[0].url", "required"),
        ("[[alerts.webhooks]]\nurl = 'https://d/x'\ntiers = ['pro']", "alerts.webhooks[0].tiers",
         "unknown value"),
        ("[discord]\nguild_ids = ['abc']", "discord.guild_ids", "guild ids"),
        ("[discord]\nfeedback_role = 7", "discord.feedback_role", "non-empty string"),
        ("[discord]\nfeedback_role = '@'", "discord.feedback_role", "1 to 100 characters"),
        ("[logging]\nlevel = 'LOUD'", "logging.level", "DEBUG"),
        ("[[platforms]]\nid = 'x'\nparent = 'nobody'", "platforms", "unknown parent"),
        ("builtin_sources = 'yes'", "builtin_sources", "true or false"),
    ],
)
def test_each_mistake_names_its_key(tmp_path: Path, text: str, key: str, expected: str) -> None:
    message = error_for(tmp_path, text)
    assert message.startswith(key), message
    assert expected in message, message


def test_scoring_processes_are_a_count_or_auto() -> None:
    assert parse_settings({"scoring": {"processes": 1}}, env={}).scoring.processes == 1
    assert parse_settings({"scoring": {"processes": 3}}, env={}).scoring.processes == 3
    auto = parse_settings({"scoring": {"processes": "auto"}}, env={}).scoring.processes
    assert auto == parse_settings({}, env={}).scoring.processes
    assert auto == min(2, len(os.sched_getaffinity(0)))


def test_feedback_role_is_a_role_name() -> None:
    settings = parse_settings({"discord": {"feedback_role": " @Trainers "}}, env={})
    assert settings.discord.feedback_role == "Trainers"
    assert parse_settings({}, env={}).discord.feedback_role is None


def test_platform_overrides_reach_the_registry() -> None:
    settings = parse_settings(
        {"platforms": [{"id": "newco", "name": "NewCo", "subreddits": ["newco_workers"],
                        "communities": ["chat_room"]},
                       {"id": "mercor", "aliases": ["Mercor Inc"]}]},
        env={},
    )
    reg = settings.registry
    assert reg.for_subreddit("NewCo_Workers") is not None
    assert reg.for_subreddit("chat_room") is not None  # named in scoring, not watched
    resolved, mercor = reg.resolve("mercor inc"), reg.get("mercor")
    assert resolved is not None and resolved.id == "mercor"
    assert mercor is not None and mercor.subreddits == ("mercor_ai",)


def test_allow_private_is_for_the_config_files_own_feeds(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[feeds]\nallow_private = true"), env={}
                         ).feeds.allow_private
    assert not load_settings(None, env={}).feeds.allow_private
    message = error_for(tmp_path, "[feeds]\nallow_private_hosts = true")
    assert message.startswith("feeds.allow_private_hosts: no longer exists")
