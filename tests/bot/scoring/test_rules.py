"""The rules' screening of posts the model alone would make signals: a headline that asks."""

from __future__ import annotations

from functools import lru_cache

from bot.platforms import PlatformRegistry
from bot.scoring.cuetable import load_table
from bot.scoring.rules import Rules
from tests.bot.scoring._posts import post


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return Rules(load_table(), PlatformRegistry())


def _vetoes(title: str, body: str, subreddit: str) -> list[str]:
    p = post(title, body, subreddit)
    rules = _rules()
    return rules.screened(p, rules.run(p)).vetoes


def test_a_headline_that_only_asks_is_vetoed() -> None:
    assert "asked" in _vetoes("Is Mercor cutting rates?", "Heard a rumour in the discord, "
                              "anyone know more?", "mercor_ai")


def test_a_question_headline_over_a_body_that_says_a_group_was_hit_is_not() -> None:
    """signals.md: a question that carries specifics is a signal; the body says who is hit."""
    assert "asked" not in _vetoes(
        "Did the Juniper cut really happen?",
        "Our lead told the whole reviewer team this morning: Juniper rates go from $30 to "
        "$24 on Monday.", "outlier_ai")
    assert "asked" not in _vetoes(
        "Anyone else lose the Birch queue today?",
        "It is gone for every tasker in our pod, the email says the project ended.",
        "DataAnnotationTech")


def test_a_group_only_asked_about_still_leaves_the_question_a_question() -> None:
    assert "asked" in _vetoes("Is everyone's Birch queue empty?", "Mine is, since noon.",
                              "DataAnnotationTech")
