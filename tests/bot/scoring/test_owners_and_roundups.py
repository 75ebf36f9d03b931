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


def test_the_outfit_behind_a_brand_with_no_parent_before_it_keeps_the_brand() -> None:
    """"The outfit behind Remotasks" opening its own clause is Remotasks' own news."""
    d = rules("Two rounds of cuts in labelling",
              "Appen cut 250 search raters in March. Separately, the outfit behind Remotasks "
              "laid off 90 reviewers in Nairobi, local press reported.")
    assert "remotasks" in d.platforms and "appen" in d.platforms


def test_welo_is_welocalize() -> None:
    d = score("Welo put the image tagging queue on hold",
              "No new batches until January according to our team lead, so I have zero "
              "hours this month.", subreddit="WorkOnline")
    assert d.is_signal and d.platforms == ("welocalize",)
