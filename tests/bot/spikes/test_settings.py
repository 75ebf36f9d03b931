"""The ``[spikes]`` table and the webhooks' ``index`` key, validated at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.spikes.baseline import SpikeSettings


def load(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, env={})


def test_defaults_and_overrides(tmp_path: Path) -> None:
    assert load_settings(None, env={}).spikes == SpikeSettings()
    settings = load_settings(None, env={})
    assert settings.alerts.webhooks == ()
    loaded = load(tmp_path, "[spikes]\nmin_count = 12\nalpha = 1e-6\nwindow_days = 56\n"
                            "[[alerts.webhooks]]\nurl = 'https://d.example/x'\nindex = true\n")
    assert loaded.spikes == SpikeSettings(min_count=12, alpha=1e-6, window_days=56)
    [hook] = loaded.alerts.webhooks
    assert hook.index


@pytest.mark.parametrize(("text", "key"), [
    ("[spikes]\nmin_count = 1", "spikes.min_count"),
    ("[spikes]\nalpha = 0.9", "spikes.alpha"),
    ("[spikes]\nsensitivity = 3", "spikes.sensitivity"),
    ("[[alerts.webhooks]]\nurl = 'https://d.example/x'\nindex = 'yes'", "alerts.webhooks[0].index"),
])
def test_mistakes_name_their_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    assert str(info.value).startswith(key), str(info.value)
