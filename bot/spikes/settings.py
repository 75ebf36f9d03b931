"""The ``[spikes]`` configuration table, validated at start-up like the rest of ``Settings``."""

from __future__ import annotations

from bot.config_reader import TableReader
from bot.spikes.baseline import SpikeSettings


def read_spikes(r: TableReader) -> SpikeSettings:
    """Validate the ``[spikes]`` table (absent: the defaults of ``SpikeSettings``)."""
    d = SpikeSettings()
    settings = SpikeSettings(
        enabled=r.boolean("enabled", d.enabled),
        window_days=r.integer("window_days", d.window_days, 7, 365),
        min_history_days=r.integer("min_history_days", d.min_history_days, 1, 365),
        min_count=r.integer("min_count", d.min_count, 2, 10_000),
        rate_floor=r.number("rate_floor", d.rate_floor, 0.01, 1000),
        alpha=r.number("alpha", d.alpha, 1e-12, 0.5),
    )
    r.finish()
    return settings
