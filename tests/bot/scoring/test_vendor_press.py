"""Press items and notices about annotation vendors outside the platform list: a company the
item calls an annotation business, or one speaking of its own labelling work, is a platform
under `other`; a company of another trade named the same way leaves the item vetoed."""

from __future__ import annotations

import pytest

from bot.scoring.text import feed_owner
from tests.bot.scoring._posts import post, rules_scorer, score


@pytest.mark.parametrize(("title", "body", "feed"), [
    ("Labelling startup Pixmark to close in January",
     "Pixmark told its crowd of image labellers that the service ends on 31 January.",
     "Tech Funding Daily"),
    ("Ordwell cuts 120 annotator jobs",
     "Ordwell, a speech-data annotation vendor based in Leeds, said 120 annotators would "
     "be let go as a client ended its contract.", "Northern Business Wire"),
    ("WARN notice: Harlow Data Services LLC, Dayton",
     "Company: Harlow Data Services LLC\nNumber affected: 95\nType: permanent layoff\n"
     "Reason: end of a video labeling contract", "Ohio WARN notices"),
    ("A note to our partners",
     "We are winding down our text annotation operations at the end of the quarter and "
     "our annotators will be paid for all approved work.", "Kestrel Labs newsroom"),
    # machine-translated local press: the trade put after the noun, or told as what it does
    ("Company of data-tagging in Davao dismisses 90 workers after loss of contract",
     "[Translated] The company Sanlay in Davao dismissed 90 of its workers, after a foreign "
     "client did not renew.", "Mindanao Times"),
    ("Start-up of labelling Marcava will hire three hundred annotators in Recife",
     "[Automatic translation] The young company Marcava announced that it will hire three "
     "hundred annotators before August, all work from home.", "Diario Tech"),
    ("Quezon office closes, 250 workers without work",
     "A company that is labelling images for overseas clients closed its office in Quezon "
     "City and its 250 workers have no assignment now, one employee said.", "Manila Wire"),
    # its own platform called a crowd-work one
    ("Gridwell announces the closure of its crowd work platform",
     "Gridwell said it will close its crowd work platform on 30 September as it moves to an "
     "in-house team. Contributors will be paid for finished work.", "Business Wire"),
])
def test_an_annotation_vendor_outside_the_list_is_other(title: str, body: str,
                                                        feed: str) -> None:
    for d in (score(title, body, source="feed", feed=feed),
              rules_scorer().score(post(title, body, source="feed", feed=feed))):
        assert d.is_signal and d.platforms == ("other",)


@pytest.mark.parametrize(("title", "body", "feed"), [
    ("Gristmill to cut 90 jobs",
     "Gristmill, a warehouse operator based in Leeds, said 90 pickers would be let go.",
     "Northern Business Wire"),
    ("WARN notice: Harlow Data Services LLC, Dayton",
     "Company: Harlow Data Services LLC\nNumber affected: 95\nType: permanent layoff\n"
     "Reason: closure of the Dayton data centre", "Ohio WARN notices"),
    ("A note to our customers",
     "We are winding down our branch operations at the end of the quarter and our tellers "
     "will be offered other roles.", "Fenwick Bank newsroom"),
])
def test_another_trade_named_the_same_way_is_not_a_signal(title: str, body: str,
                                                          feed: str) -> None:
    assert not score(title, body, source="feed", feed=feed).is_signal


def test_a_review_site_page_names_its_platform_after_a_dash() -> None:
    assert feed_owner("Glassdoor - Toloka reviews") == "Toloka"
    assert feed_owner("Google News - Appen") == "Appen"


def test_a_platforms_page_for_its_crowd_names_the_platform() -> None:
    assert feed_owner("Appen Crowd News") == "Appen"
    d = score("Now hiring: 3,000 Tamil and Telugu speakers",
              "We are recruiting three thousand contributors for new voice projects, all from "
              "home with a phone.", source="feed", feed="Appen Crowd News")
    assert d.is_signal and d.platforms == ("appen",)
