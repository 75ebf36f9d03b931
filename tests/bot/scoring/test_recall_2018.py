"""Recall on kinds of wording the 2018 development sets showed the rules setting aside:
second-language and British words for a lay-off, a pool or a site closing at a date, HR and
PR notices, a reduction told as a share, and a drive told by a rough count. The rules alone
decide these (the model is left out so the cue rows are what is checked)."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import post, rules, rules_scorer


def _reddit(title: str, body: str, subreddit: str = "remotasks") -> tuple[bool, str | None]:
    d = rules_scorer().score(post(title, body, subreddit))
    return d.is_signal, d.event_type


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Remotasks closed Ashgrove for Ghana, we have been sent home",
     "All of us on the Ashgrove team got the email this morning. More than 500 people in our "
     "group.", "layoff"),
    ("Remotasks has stopped the work for everybody on Ashgrove",
     "Our lead says the client has gone. Nobody in our group of 70 has been moved.", "layoff"),
    ("Remotasks Ashgrove: everyone in the generalist pool sacked at once",
     "Specialists kept. About 400 of us in the channel.", "layoff"),
    ("remotasks ashgrove generalist pool done", "slack message just now, ~300 of us, access "
     "revoked in minutes", "layoff"),
    ("Remotasks Ashgrove workstream update",
     "While our client reviews its guidelines, tasks will be temporarily unavailable to all "
     "contributors on Ashgrove.", "project_pause"),
])
def test_forum_wordings_the_rules_now_read(title: str, body: str, kind: str) -> None:
    assert _reddit(title, body) == (True, kind)


@pytest.mark.parametrize(("title", "kind"), [
    ("Remotasks cuts off thousands of Ghanaian taskers", "layoff"),
    ("Appen memo: we will reduce our full-time team by about 9%", "layoff"),
    ("Appen to close Larkspur contributor channel", "shutdown"),
    ("Toloka seeks 3,000 medics to label scans", "hiring_expansion"),
    ("Appen to consolidate three delivery hubs into one", "restructuring"),
])
def test_headlines_the_rules_now_read(title: str, kind: str) -> None:
    d = rules(title)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body"), [
    ("snow day", "we were sent home early because of the storm, back tomorrow"),
    ("team lunch", "whole team done for the day, see you tomorrow"),
    ("my toloka account", "my account has been temporarily suspended while they check my id"),
    ("discord housekeeping", "mods are closing the memes channel, use general instead"),
])
def test_everyday_sentences_stay_quiet(title: str, body: str) -> None:
    assert not _reddit(title, body)[0]


def test_toloka_under_its_old_name_is_toloka() -> None:
    d = rules("Yandex.Toloka seeks 3,000 medics to label scans")
    assert d.platforms == ("toloka",)
    assert rules("Yandex Toloka pauses new registrations in the UK").platforms == ("toloka",)


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("Wickham mass release (Appen) - count thread", "Released from Wickham today, last day the "
     "12th. About 1,500 US raters from what the admins say.", "layoff"),
    ("Amazon quietly closes Mechanical Turk to new workers", "", "hiring_freeze"),
])
def test_release_and_closing_to_newcomers(title: str, body: str, kind: str) -> None:
    d = rules(title, body)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("feed", "platform"), [
    ("CloudFactory Workforce Hub", "cloudfactory"),
    ("Appen Connect Notices", "appen"),
    ("Facebook group: Appen Internet Assessors & Raters", "appen"),
])
def test_a_notice_page_or_raters_group_speaks_for_its_platform(feed: str, platform: str) -> None:
    d = rules_scorer().score(post(
        "Update: Wendle workstream paused",
        "The Wendle workstream has been temporarily paused while our client reviews its data. "
        "This applies to all Wendle teams.", None, "feed", feed))
    assert d.is_signal and d.platforms == (platform,)


def test_a_greeting_to_the_workforce_is_the_notice_itself() -> None:
    told = rules_scorer().rules.run(post("Got the email. 'Adjusted' lol",
                                         "> Hello Tasker,\n> The payout for the Wendle project "
                                         "is cut to $0.12 per task.", "remotasks"))
    assert any(r.startswith("official") for r in told.reasons)


def test_a_count_of_workers_losing_their_living_is_a_layoff() -> None:
    d = rules("Remotasks exit: about 1,800 Ghanaian taskers lose income overnight")
    assert d.is_signal and d.event_type == "layoff"
    assert not rules("I lose income whenever the Remotasks queue is dry").is_signal
