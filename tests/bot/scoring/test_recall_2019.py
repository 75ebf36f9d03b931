"""Recall on three kinds of wording the rules set aside: a headline listing who was cut
between the count and the noun, a rate notice giving the old figure as "(previously X)"
with currency codes, and an event told with "no warning, just ..." or beside a company
statement quoted to be disputed."""

from __future__ import annotations

from bot.scoring import extract_magnitude
from bot.scoring.magnitude import pay_direction
from bot.scoring.text import feed_owner
from tests.bot.scoring._posts import rules, run_rules


def test_a_listed_group_between_the_count_and_the_workers_is_a_layoff() -> None:
    d = rules("Outlier drops hundreds of Peruvian, Chilean and Bolivian raters from map project")
    assert d.is_signal and d.event_type == "layoff"
    assert not rules("Outlier drops hundreds of tasks, so raters wait for the next batch").is_signal


def test_a_previously_figure_with_currency_codes_is_a_before_after_pair() -> None:
    cut = extract_magnitude("The hourly rate for raters will be EUR 9.50 (previously EUR 11.00).")
    assert cut is not None and (cut.pay_before, cut.pay_after, cut.currency) == (11.0, 9.5, "EUR")
    assert pay_direction(cut) == -1
    up = extract_magnitude("Participants must be paid at least £7.00 per hour (previously £6.25).")
    assert up is not None and pay_direction(up) == 1
    assert extract_magnitude("The market was valued at USD 4.2 billion in 2018") is None


def test_no_warning_just_removed_tells_the_removal() -> None:
    told = run_rules("the whole Marlpit team is gone",
                     "we all got the same email no warning no explanation just removed from "
                     "the project. about 300 of us in the group chat", "remotasks")
    assert not told.denied and told.lead is not None
    denied = run_rules("the whole Marlpit team is gone?",
                       "nobody was removed from the project, it is a display bug", "remotasks")
    assert denied.denied


def test_a_company_statement_quoted_to_be_disputed_is_their_claim() -> None:
    told = run_rules("I tagged maps for Remotasks for two years. Then Fernhill ended.",
                     "On a Tuesday the queue went empty and an email told me and about 900 other "
                     "people that Fernhill was over. The company's exchange statement said "
                     "reports of a layoff were 'inaccurate'. Nine hundred of us were let go.",
                     source="feed", feed="Medium")
    assert not told.denied


def test_cents_signs_make_a_before_after_pair() -> None:
    m = extract_magnitude("The Harrowgate HitApp goes from 4.5¢ to 3¢ per HIT for all workers")
    assert m is not None and (m.pay_before, m.pay_after) == (0.045, 0.03)


def test_faq_labels_do_not_push_the_news_in_passing() -> None:
    body = ("Q:\nWhat is new?\nA:\nThe Pellbrook project opens in Vietnam.\nQ:\nHow many "
            "people do you need?\nA:\nWe aim to onboard 1,500 new contributors by the end of "
            "March. Training is paid.\nQ:\nCan I refer friends?\nA:\nYes. Bonuses apply after "
            "ten hours.")
    d = run_rules("Crowd update: Pellbrook FAQ", body, source="feed",
                  feed="Appen contributor newsletter")
    assert not any(r.startswith("event first named") for r in d.reasons)
    assert d.lead is not None and d.lead.event_type == "hiring_expansion"


def test_waiting_lists_targets_and_terminated_lots_are_told_events() -> None:
    freeze = rules("Prolific puts new survey participants on waiting list")
    assert freeze.is_signal and freeze.event_type == "hiring_freeze"
    drive = run_rules("Bellhaven ramp is real",
                      "Outlier confirmed it: target is ~900 specialist tutors by June.")
    assert drive.lead is not None and drive.lead.event_type == "hiring_expansion"
    lot = run_rules("Modification notice: early termination of Lot 3 (RWS TrainAI)",
                    "The contracting authority has terminated Lot 3 held by RWS TrainAI.",
                    source="feed", feed="tenders")
    assert lot.lead is not None and lot.lead.event_type == "client_loss"


def test_a_platforms_job_board_careers_rater_support_and_newsletter_speak_for_it() -> None:
    assert feed_owner("OneForma job board") == "OneForma"
    assert feed_owner("Appen Careers") == "Appen"
    assert feed_owner("GlobalLogic Rater Support") == "GlobalLogic"
    assert feed_owner("Clickworker contributor newsletter") == "Clickworker"
    notice = run_rules("Pellway Evaluator - Applications paused",
                       "Applications for this project are currently paused. We are not "
                       "accepting new applicants for Pellway at this time.",
                       source="feed", feed="OneForma job board")
    assert "oneforma" in notice.platforms


def test_applications_for_a_named_programme_now_closed_is_a_freeze() -> None:
    d = run_rules("Harbourline Rater Programme: application status",
                  "Updated: 3 March 2019\nApplications for the Harbourline Rater Programme are "
                  "now closed in all markets. Anyone who applies from today joins a waitlist.",
                  source="feed", feed="GlobalLogic Rater Support")
    assert d.lead is not None and d.lead.cue == "hiring_freeze.now_closed"


def test_client_walks_students_drives_and_told_it_was_over_are_events() -> None:
    walks = rules("Appen shares fall as ads-rating client walks")
    assert walks.is_signal and walks.event_type == "client_loss"
    students = rules("Handshake AI to pay 2,500 grad students to grade AI answers")
    assert students.is_signal and students.event_type == "hiring_expansion"
    told = run_rules("Ep. 9 - the end of Quarry",
                     "[03:10] How ~300 agents on the Quarry tagging project were told it was "
                     "over\n[12:00] What comes next", source="feed", feed="Sama workers podcast")
    assert told.lead is not None and told.lead.event_type == "layoff"
