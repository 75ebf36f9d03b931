"""A worker's Markdown ("**300** of us", "[Mercor](https://...)") hides no figure from
grouping: a report's counts and pay are read as a reader sees them."""

from __future__ import annotations

from bot.events.features import FeatureReader, Incoming
from bot.platforms import PlatformRegistry
from tests.bot.events.support import at, reddit, verdict


def test_bold_figures_are_figures() -> None:
    reader = FeatureReader(PlatformRegistry())
    marked = reader.read(Incoming(1, reddit(
        "t1", "[Mercor](https://mercor.com) let go **300** contractors",
        "Rates were **$25/hr**, the new project pays __$15/hr__."), at(),
        verdict("layoff", ["mercor"])))
    plain = reader.read(Incoming(2, reddit(
        "t2", "Mercor let go 300 contractors",
        "Rates were $25/hr, the new project pays $15/hr."), at(),
        verdict("layoff", ["mercor"])))
    assert plain.figures.heads == (300,)
    assert marked.figures == plain.figures
