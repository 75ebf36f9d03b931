"""Workers let go, told with a rough count or in a company's soft words, and a customer leaving
its vendor: the rules alone read these (the model is left out so a rule is what they check)."""

from __future__ import annotations

import pytest

from bot.scoring.rules import Rules
from tests.bot.scoring._posts import post, rules_scorer


def _rules() -> Rules:
    return rules_scorer().rules


@pytest.mark.parametrize(("title", "body", "sub"), [
    ("Appen trims ~150 jobs as its search unit merges - Reuters", "", None),
    ("Outlier just cut most of the general audio raters", "half the discord is gone, same email",
     "WorkOnline"),
    ("TELUS let go about 400 of the Manila map raters today", "everyone on our floor got the call",
     "WorkOnline"),
    ("TELUS to let go of hundreds of PH AI data annotators - Rappler", "", None),
    ("the 'realigning our contributor base' email", "Everyone on the writing roster got it, "
                                                    "contracts end Friday.", "outlier_ai"),
    ("Mercor is 'right-sizing' the generalist tutor pool", "the whole pod of 60 is out",
     "mercor_ai"),
    ("got the email", "'your role is no longer needed'. all of us on the general team got it.",
     "xai_tutors"),
    ("'your current engagement will conclude on June 2'", "Every Dutch linguist in our group "
                                                          "chat got the same mail.", "Appen"),
])
def test_workers_let_go_are_a_layoff(title: str, body: str, sub: str | None) -> None:
    source, feed = ("reddit", None) if sub else ("feed", "Google News: vendors")
    r = _rules().run(post(title, body, sub, source, feed))
    assert r.lead is not None and r.lead.event_type == "layoff", r.reasons
    assert r.score >= 50.0, r.reasons


def test_a_soft_word_for_something_else_is_no_layoff() -> None:
    r = _rules().run(post("Outlier realigned its priorities for the quarter",
                          "The roadmap post says onboarding gets faster.", "outlier_ai"))
    assert r.lead is None or r.lead.event_type != "layoff", r.reasons


@pytest.mark.parametrize("body", [
    "Appen Limited advises that a global technology customer has informed the Company it will "
    "significantly reduce the scope of its rating program.",
    "TELUS Digital said it has been notified by a large U.S. technology customer that its "
    "contracts will end in March.",
])
def test_a_vendors_notice_that_its_customer_leaves_is_a_client_loss(body: str) -> None:
    r = _rules().run(post("Notice to the market", body, None, "feed", "Google News: vendors"))
    assert r.lead is not None and r.lead.event_type == "client_loss", r.reasons
