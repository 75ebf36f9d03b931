"""Whom a change hits: the tier words and rules that signals.md settles."""

from __future__ import annotations

from tests.bot.scoring._posts import score


def test_untiered_platform_is_all_even_when_the_work_sounds_generalist() -> None:
    d = score("Clickworker lowers pay on simple tasks",
              "The microtask apps pay about 20% less per HIT from this week.",
              subreddit="clickworker")
    assert d.is_signal and d.tier == "all"


def test_content_moderators_name_no_tier() -> None:
    d = score("Vendor lays off 400 content moderators in Manila",
              "The moderators were told on Monday that the Meta contract ends in March.",
              source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "layoff" and d.tier == "unknown"


def test_layoff_while_turning_to_experts_hits_generalists() -> None:
    d = score("Toloka lays off 300 annotators as it bets on domain experts",
              "The company said the work will move to its specialist network.",
              source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "layoff" and d.tier == "generalist"


def test_named_generalists_outweigh_the_specialists_hired() -> None:
    d = score("Outlier ends 300 contracts",
              "Outlier ended the contracts of about 300 generalist contributors on Friday. "
              "The company is recruiting specialists, STEM experts and coders.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "generalist"


def test_gig_app_workers_are_generalists() -> None:
    d = score("Uber cuts pay for digital tasks by 20%",
              "Drivers who label photos between rides now get $2 less per task.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "generalist"


def test_super_raters_are_experts() -> None:
    d = score("GlobalLogic lays off 150 super raters",
              "The cuts hit the super raters who reviewed Gemini answers.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "expert"


def test_legal_action_is_not_a_legal_expert() -> None:
    d = score("Appen lays off 300 contractors in Manila",
              "The workers say they will take legal action over the notice period.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "unknown"


def test_words_describing_the_company_name_no_tier() -> None:
    # Thiel fellows founded the vendor; the contractors let go are not said to be experts.
    d = score("Vantage, a data vendor founded by two Thiel fellows, ends 400 contracts",
              "The contractors were told on Tuesday that their work for the lab had wrapped up.",
              source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "layoff" and d.tier == "unknown"


def test_medical_information_and_the_software_are_not_experts() -> None:
    d = score("Appen lets go of 250 contractors who reviewed voice clips",
              "The clips sometimes held medical information, and the reviews were meant to "
              "improve the software.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "unknown"


def test_specialist_company_blurb_is_not_the_workers() -> None:
    d = score("Lab pauses its contract with Mercor",
              "Mercor is one of a handful of specialist firms that supply training data to labs; "
              "the lab said the pause has no end date.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier != "expert"


def test_transcription_platform_outside_the_registry_has_no_tiers() -> None:
    # Transcription is generalist work elsewhere; a transcription marketplace has no tiers.
    d = score("Transcription platform Scribely lays off 300 contractors",
              "The transcription service said it ended the contracts of 300 transcribers "
              "on Friday.",
              source="feed", feed="reuters")
    assert d.is_signal and d.platforms == ("other",) and d.tier == "all"


def test_general_tutoring_roles_cut_are_generalists() -> None:
    d = score("xAI cuts 400 tutors",
              "An email to staff said the general tutoring roles are being cut this week.",
              source="feed", feed="reuters")
    assert d.is_signal and d.tier == "generalist"


def test_layoff_while_planning_to_hire_specialists_hits_generalists() -> None:
    d = score("Grok vendor lays off 300 annotators, plans 5x hiring of specialist tutors",
              "The annotators lost access on Friday.",
              source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "layoff" and d.tier == "generalist"


def test_work_listed_as_examples_names_no_tier() -> None:
    # The kinds of work on offer describe the platform; leaving a country hits everyone there.
    d = score("Remotasks shuts down in Ghana",
              "Remotasks has ended its service in Ghana with immediate effect. Members there "
              "did tasks such as image tagging, bounding boxes and transcription.",
              source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "shutdown" and d.tier == "all"


def test_experts_named_as_spared_leave_the_generalists_hit() -> None:
    d = score("Pay on the $25 projects dropped to $21 overnight",
              "Every project that paid $25 an hour now shows $21. The $45 physics ones look "
              "untouched.",
              subreddit="dataannotation")
    assert d.is_signal and d.tier == "generalist"
