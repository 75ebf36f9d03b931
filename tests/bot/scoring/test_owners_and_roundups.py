"""Platforms of press items: a brand named only to say what its parent runs, however many
words describe the parent first; a platform nickname its workers use."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, score


def test_a_brand_named_only_as_what_its_parent_is_behind_is_not_listed() -> None:
    d = rules("Labelbox to add 800 reviewers",
              "Labelbox, the venture-funded training-data labelling firm behind the Alignerr "
              "expert marketplace, will add about 800 specialist reviewers in law and finance "
              "by June, its chief executive told Reuters.")
    assert d.is_signal and d.platforms == ("labelbox",)


def test_welo_is_welocalize() -> None:
    d = score("Welo dropped the rater rate in Chile as well",
              "Email came this morning, our hourly goes from 8.50 to 7 USD. Everyone in my "
              "rater group got the same one.", subreddit="WorkOnline")
    assert d.is_signal and d.platforms == ("welocalize",)
