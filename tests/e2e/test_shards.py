"""``labelwatch run`` with ``[discord] shard_count`` and ``shard_ids`` runs just those shards."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.live import Stack, live


async def test_the_bot_identifies_as_the_shards_it_was_given(stack: Stack) -> None:
    original = stack.config

    def sharded() -> Path:
        path = original()
        path.write_text(path.read_text(encoding="utf-8").replace(
            "[discord]\n", "[discord]\nshard_count = 3\nshard_ids = [0, 2]\n"), encoding="utf-8")
        return path

    stack.config = sharded  # type: ignore[method-assign]
    async with live(stack) as service:
        assert await service.stop() == 0
    shards = [p["d"]["shard"] for p in stack.discord.gateway_received if p.get("op") == 2]
    assert sorted(shards) == [[0, 3], [2, 3]]
