"""Press kinds that use the event words about something other than an annotation platform's
workforce (cues/context_real_senses.toml): a language-services company's translation
business, a whole sector's layoff count, an explainer about pay or hiring in general."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import rules, score


@pytest.mark.parametrize(("title", "body"), [
    # the translation side of a company that also runs rater programmes
    ("Lionbridge to shut its Porto office, 40 jobs to go",
     "Localisation and testing company Lionbridge will lay off 40 staff when it closes its "
     "Porto office, the translation services provider told employees on Monday. The work "
     "moves to Krakow."),
    ("Lionbridge cuts 60 jobs as translation work moves to Asia",
     "Lionbridge, the translation and localization company, is to make 60 of its 200 staff "
     "in Limerick redundant, a spokesperson confirmed."),
    # explainers about how labs hire and what the work pays
    ("The expert turn: how frontier labs are hiring in 2027",
     "They are hiring thousands of chemists and lawyers to grade answers through Mercor."),
    ("Six AI trainers on how they got the work, and how much they make",
     "Mercor and Handshake are hiring thousands of experts, and say contributors can earn "
     "up to $90 an hour."),
])
def test_press_about_another_kind_of_news_is_not_a_signal(title: str, body: str) -> None:
    assert not score(title, body, source="feed", feed="Some Daily").is_signal


def test_a_sector_wide_layoff_count_is_not_a_platforms_news() -> None:
    """The rules alone made this a layoff (title, figures, 'according to'); a count across a
    sector is a roundup of many companies."""
    d = rules("More than 12,000 layoffs in the tech sector this year: the full list",
              "At least 12,000 people have been laid off by 40 startups so far this year, "
              "according to a tracker. The largest cut came from a payments firm that let go "
              "of 2,000 staff.")
    assert not d.is_signal


@pytest.mark.parametrize(("title", "body"), [
    ("Lionbridge cuts search rater pay by 10%",
     "Lionbridge told its search raters on Monday that hourly rates drop by 10% from March. "
     "The translation services provider did not comment."),
    ("Scale AI lays off 200 staff",
     "Scale AI is laying off 200 employees and 500 contractors, the company said. About "
     "30,000 tech workers have lost jobs this year amid layoffs across the tech industry."),
])
def test_the_platforms_own_news_is_still_a_signal(title: str, body: str) -> None:
    assert score(title, body, source="feed", feed="Tech Wire").is_signal
