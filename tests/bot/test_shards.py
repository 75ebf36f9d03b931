"""``[discord] shard_count`` and ``shard_ids``: optional, and checked."""

from __future__ import annotations

from typing import Any

import pytest

from bot.config import ConfigError, parse_settings


def discord_table(**values: Any) -> Any:
    return parse_settings({"discord": values}, env={}).discord


def test_shards_are_optional_and_checked() -> None:
    assert (discord_table().shard_count, discord_table().shard_ids) == (None, None)
    settings = discord_table(shard_count=4, shard_ids=[3, 1])
    assert (settings.shard_count, settings.shard_ids) == (4, (1, 3))
    assert discord_table(shard_count=2).shard_ids is None


@pytest.mark.parametrize(("values", "expected"), [
    ({"shard_ids": [0]}, "discord.shard_ids: needs discord.shard_count"),
    ({"shard_count": 2, "shard_ids": [2]}, "distinct shard numbers from 0 to 1, got [2]"),
    ({"shard_count": 2, "shard_ids": [1, 1]}, "distinct shard numbers"),
    ({"shard_count": 2, "shard_ids": []}, "distinct shard numbers"),
    ({"shard_count": 0}, "discord.shard_count: expected a whole number from 1"),
    ({"shard_count": 2, "shard_ids": "1"}, "got str '1'"),
])
def test_each_shard_mistake_is_one_line_naming_the_key(
    values: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ConfigError) as info:
        discord_table(**values)
    assert expected in str(info.value) and "\n" not in str(info.value)
