"""Platforms a press item names only in passing are not the event's platforms (signals.md:
the platforms the event is about): rivals, competitors, backers, the founders' former
employer, clients, comparisons and earlier precedents. The platform the event happened
to stays listed, and so does every platform the sentence says acted or was hit."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import score

FEED = "https://news.example.com/rss"


@pytest.mark.parametrize(("title", "body", "expected"), [
    # A rival or competitor named beside the subject.
    ("Scale AI rival Mercor slashes hourly pay for its contractors", "", ["mercor"]),
    ("Surge AI competitor Turing lays off 150 contractors", "", ["turing"]),
    ("Mercor, which competes with Scale AI and Surge, laid off 300 contractors", "",
     ["mercor"]),
    ("Invisible Technologies cut 120 AI trainers as rivals Scale AI and Mercor kept hiring",
     "", ["invisible"]),
    ("Surge AI pauses generalist projects",
     "Surge AI, Scale AI's biggest rival, paused every generalist project on Monday.",
     ["surge_ai"]),
    ("Micro1 (a Mercor rival) cuts expert rates by 20%", "", ["micro1"]),
    # A brand and its parent, one only describing the other.
    ("Remotasks, the Scale AI labeling platform, cut pay for Kenyan taskers by a third", "",
     ["remotasks"]),
    ("Scale AI, the parent of Outlier and Remotasks, laid off 200 employees", "",
     ["scale_ai"]),
    ("Surge AI, which owns DataAnnotation, laid off 120 employees", "", ["surge_ai"]),
    # A brand its parent turns to while cutting its own staff is where the work goes.
    ("Scale AI cuts 90 employees as it leans more heavily on Outlier", "", ["scale_ai"]),
    # Backers, founders' former employers, clients.
    ("Turing, backed by investors of Mercor, lays off 100 contractors", "", ["turing"]),
    ("Micro1, founded by former Scale AI engineers, cut rates for its experts by 30%", "",
     ["micro1"]),
    ("Former Scale AI executives founded Handshake AI, which laid off 300 fellows", "",
     ["handshake_ai"]),
    ("Mercor lays off 400 contractors",
     "The startup, whose founders previously worked at Scale AI, ended their contracts on "
     "Friday.", ["mercor"]),
    # Comparisons and earlier precedents.
    ("Surge AI, valued at $25 billion like Scale AI, paused all generalist projects", "",
     ["surge_ai"]),
    ("Turing cuts contractor pay, following Mercor's cuts last month", "", ["turing"]),
    ("Alignerr joins Scale AI and Mercor in cutting contractor pay", "", ["alignerr"]),
    ("Mercor lays off 200 contractors, like Scale AI and Surge before it", "", ["mercor"]),
    ("Appen's pay cuts for raters mirror those at TELUS Digital", "", ["appen"]),
    ("Following Surge AI's lead, Turing cut contractor pay by 20%", "", ["turing"]),
    ("Mercor cuts pay for thousands of contractors",
     "Mercor told contractors on Friday that hourly rates would fall by 20%. The cuts come "
     "weeks after Scale AI laid off 14% of its staff.", ["mercor"]),
    # A roundup's platform where nothing happened.
    ("Gig work digest: Outlier's queues empty out, and a quiet Mercor",
     "Outlier paused every generalist project on Tuesday.", ["outlier"]),
    ("Weekly roundup: Appen cuts rater pay by 20% while Toloka stays quiet",
     "Appen cut pay for its search raters on Monday.", ["appen"]),
])
def test_a_platform_named_in_passing_is_not_listed(title: str, body: str,
                                                   expected: list[str]) -> None:
    d = score(title, body, source="feed", feed=FEED)
    assert d.is_signal
    assert list(d.platforms) == expected


@pytest.mark.parametrize(("title", "body", "expected"), [
    # Two platforms both acting stay, however the sentence lists them.
    ("Scale AI and Mercor both cut contractor pay this week", "", ["mercor", "scale_ai"]),
    ("Surge AI and Scale AI rival Mercor both cut pay for generalists", "",
     ["mercor", "surge_ai"]),
    ("Scale AI competitors Surge AI and Mercor cut pay for contractors", "",
     ["mercor", "surge_ai"]),
    ("Mercor laid off 200 contractors as Scale AI cut 500", "", ["mercor", "scale_ai"]),
    ("Workers on platforms like Outlier and DataAnnotation say pay was cut by 30%", "",
     ["dataannotation", "outlier"]),
    ("Mercor cuts pay for thousands of contractors",
     "Mercor told contractors on Friday that hourly rates would fall by 20%. Scale AI also "
     "cut pay for its contributors last month.", ["mercor", "scale_ai"]),
    # An earlier time in a body sentence dates the same workforce's news, not a precedent.
    ("Scale AI cuts more jobs",
     "The company confirmed 200 job cuts on Monday. Outlier contributors were told last "
     "month that their projects had ended.", ["outlier", "scale_ai"]),
    # A parent's own move behind its brand's is no comparison: both are hit.
    ("Outlier paused all projects following Scale AI's loss of its biggest client", "",
     ["outlier", "scale_ai"]),
    # A brand cut alongside its parent's staff is hit.
    ("Labelbox lays off 40 staff and cuts its Alignerr contractor budget", "",
     ["alignerr", "labelbox"]),
    # A parent losing a client is no client of its own brand named after the cue.
    ("Surge AI losing its biggest lab client, DataAnnotation projects hit", "",
     ["dataannotation", "surge_ai"]),
    # The subject stays when the passing name is the other one.
    ("Mercor rival Scale AI lays off 500 contractors", "", ["scale_ai"]),
])
def test_every_platform_that_acts_stays_listed(title: str, body: str,
                                               expected: list[str]) -> None:
    d = score(title, body, source="feed", feed=FEED)
    assert d.is_signal
    assert list(d.platforms) == expected


def test_a_community_post_naming_a_platform_only_to_set_it_aside_is_the_communitys() -> None:
    d = score("Whole review team on our project offboarded today",
              "About 90 reviewers lost access this morning, all of us got the same email. "
              "Nothing to do with the Scale staff layoffs, the QM says.",
              source="reddit", subreddit="outlier_ai")
    assert d.is_signal and d.platforms == ("outlier",)


@pytest.mark.parametrize(("title", "body", "expected"), [
    # A digest's headline lists items that are no news; its body says which one is.
    ("Gig Notes #12: Toloka cuts rater pay, a Clickworker app update, Prolific survey tips",
     "In this issue:\n\n1) TOLOKA. Raters on the search project were told this week that "
     "their hourly rate drops from $9 to $7 from next month.\n\n2) CLICKWORKER. The app "
     "got a dark mode and a new payout screen.\n\n3) PROLIFIC. Three readers share how "
     "they pick studies.\n\nSee you next week.", ["toloka"]),
    # Every listed item that tells news keeps its platform.
    ("The Crowd Letter #8: Appen cuts pay, Mercor lays off reviewers",
     "In this issue:\n\n1) APPEN. Raters were told their hourly rate falls from $14 to $12 "
     "from next week.\n\n2) MERCOR. About 200 reviewers were let go on Tuesday.",
     ["appen", "mercor"]),
])
def test_a_roundup_lists_only_the_platforms_its_news_items_name(title: str, body: str,
                                                                expected: list[str]) -> None:
    d = score(title, body, source="feed", feed="Gig Notes (newsletter)")
    assert d.is_signal
    assert list(d.platforms) == expected


@pytest.mark.parametrize(("title", "body"), [
    ("Lidar queue empty because the car client walked away from Scale, says my team lead",
     "She confirmed it on the call. Around 1,500 taskers were on that project."),
    ("Scale lost the mapping client and half my group got removed from the project",
     "Around 600 taskers got the same email this morning."),
])
def test_a_brand_community_speaking_through_its_group_or_lead_names_the_brand_too(
        title: str, body: str) -> None:
    d = score(title, body, source="reddit", subreddit="remotasks")
    assert d.is_signal
    assert list(d.platforms) == ["remotasks", "scale_ai"]
