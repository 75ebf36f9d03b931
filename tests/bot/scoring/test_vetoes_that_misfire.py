"""Vetoes and mark-downs that must not fire on a post that tells the news: CVs are not work
resuming, a referral link that lands on a closed page reports the closure, a rival that is
"still fine for me" is a comparison, and a question opening gives way to a body that states
the news with its reach. Referral spam stays spam."""

from __future__ import annotations

from tests.bot.scoring._posts import rules, score


def test_polishing_resumes_is_not_work_resuming() -> None:
    """"Resumes" after "your" is CVs, not a denial; the verb still says work came back."""
    d = rules("so that's it then", "Our team lead says the Kestrel search queue at Appen ends on "
              "May 2 for everyone on it. Time to dust off your resumes, all.", source="reddit")
    assert d.is_signal and not d.denial
    d = rules("false alarm", "The Kestrel search queue at Appen was paused yesterday for "
              "everyone on it. It resumes tomorrow per the coordinator.", source="reddit")
    assert not d.is_signal


def test_referral_links_landing_on_a_closed_page_report_the_closure() -> None:
    """A link said to land on a waitlist is the freeze told; a link offered is spam."""
    d = rules("Appen stopped taking new people?",
              "The Appen careers page says sign-ups are closed for everyone in the US and "
              "UK. For a week now, whatever referral link gets posted in this sub lands on "
              "a waitlist page.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_freeze"
    assert not rules("Appen is hiring!", "Appen is hiring hundreds of raters for everyone "
                     "in the US. Grab my referral link below, $50 each.",
                     source="reddit").is_signal


def test_referral_spam_naming_a_closed_bonus_or_a_failed_link_stays_spam() -> None:
    """"Before the bonus scheme is closed" or "the last one failed" says nothing about
    where the link lands: the post is still selling it."""
    for body in ("Outlier is taking on hundreds of new coders this week. Referral code in "
                 "the replies, use it before the bonus scheme is closed.",
                 "Outlier is taking on hundreds of new coders this week. New referral link "
                 "in the comments, the one from Monday failed."):
        assert not score("Outlier wants coders", body).is_signal


def test_a_rival_still_fine_for_me_is_a_comparison_not_my_own_story() -> None:
    """"For me" about the other platform does not make the dry one a personal report."""
    d = rules("Remotasks dried up over the weekend",
              "It has been empty for most taskers in our discord since Saturday. Prolific is "
              "still fine for me, so that is where I am for now.", source="reddit")
    assert d.is_signal and d.event_type == "project_pause"
    assert not rules("Remotasks dried up over the weekend",
                     "It has been empty for me since Saturday.", source="reddit").is_signal


def test_a_question_opening_gives_way_to_a_body_that_states_the_reach() -> None:
    """"Half of my department" is a group, so the body's news outweighs the asking title."""
    d = rules("Are these Quillbase messages real?",
              "Quillbase seems to be hiring hundreds of chemistry PhD students at the moment: "
              "half of my department has had recruiter emails since Monday, offering $50/hr "
              "for tutoring.", source="reddit")
    assert d.is_signal and d.event_type == "hiring_expansion"
