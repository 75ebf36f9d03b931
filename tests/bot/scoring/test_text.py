"""Formatting a post's author or outlet adds says nothing: the scorer reads past it."""

from __future__ import annotations

import pytest

from bot.records import PostRecord
from bot.scoring import Scorer
from bot.scoring.text import clean


def test_markdown_emphasis_and_invisible_characters_are_dropped() -> None:
    assert clean("**Outlier** laid off **500** workers\u200b, ~~all~~ __paused__") == \
        "Outlier laid off 500 workers, all paused"
    assert clean("pay\u00adment cut for the re\u200bviewers") == "payment cut for the reviewers"


def test_unicode_hyphens_fold_to_ascii() -> None:
    assert clean("laid\u2010off and non\u2011renewed, 2024\u20122025") == \
        "laid-off and non-renewed, 2024-2025"


def test_single_underscores_and_bullets_stay() -> None:
    # a username and a list item, not emphasis
    assert clean("u/some_name_42 says:\n* rates cut") == "u/some_name_42 says:\n* rates cut"


@pytest.mark.parametrize(("title", "body"), [
    ("Mercor let go of **300** contractors on the audio project today",
     "Everyone got the same email this morning."),
    ("Outlier cut generalist rates from **$25/hr** to **$15/hr**",
     "All generalist projects, effective today."),
    ("Alignerr laid off **40%** of its reviewers", "The email went to the whole cohort."),
])
def test_figures_in_bold_read_as_plain_ones(title: str, body: str) -> None:
    scorer = Scorer()
    bold = scorer.score(PostRecord("reddit", "a", title, body, subreddit="outlier_ai"))
    plain = scorer.score(PostRecord("reddit", "b", title.replace("**", ""), body,
                                    subreddit="outlier_ai"))
    assert plain.magnitude is not None
    assert (bold.is_signal, bold.event_type, bold.platforms, bold.magnitude) == \
        (plain.is_signal, plain.event_type, plain.platforms, plain.magnitude)


def test_a_markdown_link_reads_as_its_text() -> None:
    assert clean("[Outlier](https://outlier.ai/x), the [Scale AI](https://scale.com) platform") \
        == "Outlier, the Scale AI platform"
    assert clean("[not a link] (x) and [a](b)") == "[not a link] (x) and [a](b)"


def test_a_platform_named_in_passing_stays_so_behind_a_link() -> None:
    scorer = Scorer()
    title = "Outlier cuts expert pay to $30/hr"
    linked = "The cut comes as [Scale AI](https://scale.com) rival " \
        "[Mercor](https://mercor.com) raises rates."
    plain = "The cut comes as Scale AI rival Mercor raises rates."
    a = scorer.score(PostRecord("feed", "a", title, linked, feed="https://news.example/rss"))
    b = scorer.score(PostRecord("feed", "b", title, plain, feed="https://news.example/rss"))
    assert "scale_ai" not in b.platforms  # "Scale AI rival ...": named to describe a rival
    assert a.platforms == b.platforms
