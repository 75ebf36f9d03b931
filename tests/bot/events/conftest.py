"""Fixtures the grouping tests share."""

from __future__ import annotations

import pytest

from bot.events.grouping import Grouper
from bot.platforms import PlatformRegistry


@pytest.fixture
def grouper() -> Grouper:
    """A grouper over the built-in platforms; a test module that needs other settings
    (company feeds, say) defines its own ``grouper`` beside its tests."""
    return Grouper(PlatformRegistry())
