"""Custom ids name what an alert was about, and only ids of that shape are read back."""

from __future__ import annotations

import re

import pytest

from bot.feedback.ids import (
    BUTTON_TEMPLATE,
    SELECT_TEMPLATE,
    Target,
    button_id,
    select_id,
    target,
)


def test_ids_round_trip_through_their_templates() -> None:
    event, post = Target("e", 17), Target("p", 42)
    assert button_id("no", event) == "lw:fb:no:e17"
    assert button_id("fix", post) == "lw:fb:fix:p42"
    match = re.fullmatch(BUTTON_TEMPLATE, button_id("fix", post))
    assert match is not None and target(match["kind"], match["id"]) == post
    match = re.fullmatch(SELECT_TEMPLATE, select_id("plat", event))
    assert match is not None and (match["field"], match["id"]) == ("plat", "17")
    assert event.event_id == 17 and post.event_id is None


@pytest.mark.parametrize("custom_id", ["lw:fb:no:x17", "lw:fb:yes:e17", "lw:fb:no:e",
                                       "pager:next", "lw:fb:no:e" + "9" * 20])
def test_other_ids_are_not_feedback(custom_id: str) -> None:
    assert re.fullmatch(BUTTON_TEMPLATE, custom_id) is None


def test_unknown_parts_are_refused() -> None:
    with pytest.raises(ValueError):
        button_id("maybe", Target("e", 1))
    with pytest.raises(ValueError):
        select_id("score", Target("e", 1))
    with pytest.raises(ValueError):
        target("x", "1")
