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


def test_a_second_item_cutting_pay_the_same_way_keeps_its_platform() -> None:
    d = rules("Crowd Ledger #9: the legal discount",
              "A month after it doubled its fellowship, Mercor has cut hourly pay for law "
              "fellows from $80 to $60; medical fellows keep their rates.\n\n"
              "The same week, Toloka quietly lowered its audio projects, Fernhill and "
              "Dunmore, to $9 an hour from $12.")
    assert d.event_type == "pay_cut" and d.platforms == ("mercor", "toloka")


def test_a_pay_pair_the_other_way_adds_no_platform() -> None:
    d = rules("Mercor cuts law fellows' pay",
              "Mercor has cut hourly pay for law fellows from $80 to $60.\n\n"
              "Toloka, by contrast, raised its audio projects to $12 an hour from $9.")
    assert d.platforms == ("mercor",)


def test_an_event_of_an_earlier_day_is_background_to_a_later_days() -> None:
    d = rules("ugh",
              "Outlier paused the Kestrel project on Tuesday and on Thursday they cut the rate "
              "on every other writing project from $16 to $12.", source="reddit")
    assert d.event_type == "pay_cut"
    d = rules("ugh",
              "Outlier paused the Kestrel project last week, today they cut the rate on every "
              "other writing project to $12 from $16.", source="reddit")
    assert d.event_type == "pay_cut"


def test_a_later_pay_pair_told_as_standing_adds_no_platform() -> None:
    d = rules("Pay tracker, week 3",
              "Mercor law fellows: $80 to $60 an hour, from Monday.\n\n"
              "Toloka audio: $12 to $9 an hour, unchanged since spring.")
    assert d.platforms == ("mercor",)
