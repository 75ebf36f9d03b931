"""The ``[index]`` configuration table, validated at start-up like the rest of ``Settings``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config_reader import ConfigError, TableReader

INDEX_TIERS = ("expert", "generalist")


@dataclass(frozen=True)
class IndexSettings:
    """How the cross-platform index is read.

    ``level`` is the breadth (distinct parent companies in the trailing 30
    days) at which a convergence crossing is recorded; ``tiers`` are the
    tiers whose crossings count (events.md: experts); ``weeks`` is how many
    weeks ``labelwatch index`` and ``/signals index`` show by default.
    """

    level: int = 3
    tiers: tuple[str, ...] = ("expert",)
    weeks: int = 12


def read_index(r: TableReader) -> IndexSettings:
    """Validate the ``[index]`` table (absent: the defaults)."""
    defaults = IndexSettings()
    level = r.integer("level", defaults.level, 2, 100)
    tiers = r.strings("tiers", INDEX_TIERS) if "tiers" in r.table else defaults.tiers
    if not tiers:
        raise ConfigError(f"{r.key('tiers')}: expected at least one of "
                          + ", ".join(INDEX_TIERS))
    weeks = r.integer("weeks", defaults.weeks, 1, 104)
    r.finish()
    return IndexSettings(level=level, tiers=tuple(dict.fromkeys(tiers)), weeks=weeks)
