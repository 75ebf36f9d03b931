"""The [index] config table: defaults, the example file, and mistakes named by key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.index.settings import IndexSettings

REPO = Path(__file__).resolve().parents[3]


def test_defaults_without_a_table_and_in_the_example_file(tmp_path: Path) -> None:
    assert load_settings(None, env={}).index == IndexSettings(level=3, tiers=("expert",),
                                                              weeks=12)
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    assert load_settings(tmp_path / "config.toml", env={}).index == IndexSettings()


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[index]\nlevel = 4\ntiers = ["expert", "generalist"]\nweeks = 26\n')
    assert load_settings(path, env={}).index == IndexSettings(4, ("expert", "generalist"), 26)


@pytest.mark.parametrize(("text", "message"), [
    ("[index]\nlevel = 1\n", "index.level: expected a whole number from 2 to 100, got int 1"),
    ("[index]\nlevel = 'three'\n", "index.level: expected a whole number"),
    ('[index]\ntiers = ["experts"]\n', "index.tiers: unknown value 'experts'"),
    ("[index]\ntiers = []\n", "index.tiers: expected at least one of expert, generalist"),
    ("[index]\nweeks = 0\n", "index.weeks: expected a whole number from 1 to 104"),
    ("[index]\nwindow = 30\n", "index.window: unknown key in index"),
])
def test_mistakes_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert message in str(info.value)
