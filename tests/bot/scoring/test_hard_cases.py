"""The cases that separate a report of an event from talk that only sounds like one."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import _scorer, post, score

# --- negation, denial, debunks -------------------------------------------------

@pytest.mark.parametrize(("title", "body"), [
    ("Rates are NOT being cut", "Asked my QM directly, rates on every project stay the same."),
    ("The layoff rumour is fake", "Community team confirmed nobody is being offboarded. "
                                  "Please stop spreading it."),
    ("Outlier is not shutting down", "Saw the TikTok. Mods checked with support and it's false."),
    ("Mercor denies it cut contractor rates", "The company said posts claiming otherwise are "
                                              "inaccurate."),
    ("No, DA did not lower pay", "The $20 projects still pay $20. Someone compared two "
                                 "different qualification tiers."),
])
def test_denials_are_not_signals(title: str, body: str) -> None:
    assert not score(title, body, subreddit="outlier_ai").is_signal


def test_same_words_without_denial_are_a_signal() -> None:
    d = score("Rates are being cut", "Everyone on the generalist projects got the email: "
              "$18 to $14/hr from Monday.", subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "pay_cut"


def test_what_stays_unchanged_beside_a_cut_is_no_denial() -> None:
    """"With no change in task length" says the work stayed the same while the pay fell."""
    d = score("Toloka pool prices fall", "Workers in Toloka's labelling pools report per-task "
              "prices dropping from $0.05 to $0.03 this week, with no change in task length.",
              source="feed", feed="Newsletter: Crowd Notes")
    assert d.is_signal and not d.denial


# --- questions vs reports ---------------------------------------------------------

def test_question_with_no_news() -> None:
    d = score("Is Mercor laying people off?", "My project has been slow. Does anyone know "
              "if layoffs are coming or is it the usual slowdown?", subreddit="mercor_ai")
    assert not d.is_signal


def test_question_title_with_a_report_in_the_body() -> None:
    d = score("Anyone else on the legal project just get cut?",
              "All 80 of us attorneys got the engagement concluded email within ten minutes "
              "tonight. The TL confirmed the project ended for everyone.", subreddit="mercor_ai")
    assert d.is_signal
    assert d.event_type in ("layoff", "project_pause")


# --- one worker vs many -------------------------------------------------------------

def test_own_deactivation_is_not_a_signal() -> None:
    d = score("My account got deactivated", "Logged in and it says deactivated. Eight months "
              "of good scores. Has anyone been reinstated?", subreddit="outlier_ai")
    assert not d.is_signal


def test_removed_alone_while_team_keeps_working() -> None:
    d = score("Removed from my project", "Got the removed from project email. Everyone else on "
              "the team is still tasking, so it's just me.", subreddit="outlier_ai")
    assert not d.is_signal


def test_a_change_on_every_project_of_a_kind_hits_many() -> None:
    """"Applies to every audio review project": the rules read that as many hit."""
    r = _scorer().rules.run(post("Audio review rate is now $14, was $18",
                                 "The pinned notice says it applies to every audio review "
                                 "project from Monday.", subreddit="outlier_ai"))
    assert r.group and r.score >= 50.0, r.reasons


def test_everyone_got_the_email_is_a_signal() -> None:
    d = score("Everyone on the project got the email",
              "Whole Math reviewer pool offboarded this morning, 140 of us posted the same "
              "screenshot.", subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "layoff" and d.platforms == ("outlier",)


def test_own_empty_queue_is_not_a_signal() -> None:
    d = score("EQ for 9 days, is it just me?", "Other people in my channel seem to be tasking "
              "fine, so I guess it's on my end.", subreddit="outlier_ai")
    assert not d.is_signal


# --- other companies' news in a platform subreddit ---------------------------------

@pytest.mark.parametrize(("title", "body", "sub"), [
    ("Meta laid off 600, time to grind Outlier?", "Saw the news that Meta is cutting about 600 "
     "roles from its AI division.", "outlier_ai"),
    ("Laid off from my tech job, DA is my lifeline", "My company laid off 20% of engineering, "
     "me included.", "DataAnnotationTech"),
    ("Tesla let go of its labelling team", "Tesla cut a chunk of its in-house data labelling "
     "team in Buffalo. Scary for annotation.", "remotasks"),
    ("My law firm cut associate pay, so more Mercor hours", "Our firm announced a 10% pay cut "
     "for associates this week.", "mercor_ai"),
])
def test_layoffs_elsewhere_are_not_signals(title: str, body: str, sub: str) -> None:
    assert not score(title, body, subreddit=sub).is_signal


def test_client_named_as_the_one_ending_a_contract_is_still_the_platforms_news() -> None:
    d = score("Appen says Google will terminate its contract", "Appen said Google will end its "
              "contract in March.", source="feed", feed="reuters")
    assert d.is_signal and d.event_type == "client_loss" and d.platforms == ("appen",)


# --- other senses of cut, fired, paused, raise, freeze ----------------------------

@pytest.mark.parametrize(("title", "body"), [
    ("Tip: cut your rationale in half", "Two tight sentences beat a 300-word essay."),
    ("Fired off six support tickets", "Six different answers. Collecting them like cards."),
    ("The model was fired up to help with a recipe", "Rated it down for tone."),
    ("Paused my account for exam season", "You can pause notifications in settings."),
    ("Mercor raises $350M", "Plans to invest in its marketplace for expert contractors."),
    ("My laptop froze three times today", "Not the hiring freeze lol. Lost my task."),
    ("Cut my hours to 15 a week", "Best decision, my scores went up."),
    ("Onboarding video keeps cutting out", "Stops at 12 minutes in every browser."),
    ("Let go of the idea of getting rich here", "It's a side income, not a career."),
])
def test_other_senses(title: str, body: str) -> None:
    assert not score(title, body, subreddit="outlier_ai").is_signal


# --- loosely written platform names, brands and parents ---------------------------

@pytest.mark.parametrize(("name", "pid"), [
    ("DA", "dataannotation"), ("DAT", "dataannotation"), ("Outlier AI", "outlier"),
    ("micro 1", "micro1"), ("TELUS Intl", "telus_digital"), ("Remotasks", "remotasks"),
    ("UHRS", "clickworker"), ("MTurk", "mturk"), ("Grok tutors", "xai"),
])
def test_loose_names(name: str, pid: str) -> None:
    d = score(f"{name} cut generalist pay from $20 to $15/hr",
              "Everyone in the discord confirms the new rate.", subreddit="WorkOnline")
    assert d.is_signal and d.platforms == (pid,)


def test_scale_alone_is_scale_ai() -> None:
    d = score("Scale is laying off 300 contractors", "The memo went to all staff.",
              source="feed", feed="techcrunch")
    assert d.platforms == ("scale_ai",)


def test_scale_the_word_is_not_a_platform() -> None:
    d = score("On a scale of 1-10 this layoff wave is an 11", "Appen let go of the whole US ads "
              "rating team, 70+ people in our group chat.", subreddit="WorkOnline")
    assert d.platforms == ("appen",)


def test_parent_as_descriptor_is_dropped() -> None:
    d = score("Alignerr, run by Labelbox, cut expert rates", "Every chemistry expert got the "
              "email: $60 to $42/hr.", subreddit="WorkOnline")
    assert d.platforms == ("alignerr",)


def test_possessive_parent_as_descriptor_is_dropped() -> None:
    d = score("Alignerr, Labelbox's expert marketplace, cuts rates for chemistry experts", "",
              source="feed", feed="Tech Daily")
    assert d.platforms == ("alignerr",)


@pytest.mark.parametrize("title", [
    "DataAnnotation, Surge AI's rater site, quietly cuts pay for chatbot raters",
    "Surge AI's worker site DataAnnotation.tech closes to new sign-ups",
    "Alignerr, Labelbox's expert network, halts onboarding of new PhD applicants",
])
def test_parent_named_as_its_brands_site_or_network_is_dropped(title: str) -> None:
    d = score(title, "", source="feed", feed="Tech Daily")
    assert d.is_signal and len(d.platforms) == 1 and d.platforms[0] in {"dataannotation",
                                                                         "alignerr"}


def test_community_named_after_its_platform_is_the_home() -> None:
    d = score("Layoff emails going out now", "Just got 'your engagement will end on Friday'. "
              "So did all of the coding advisors in my pod, 40+ people.",
              subreddit="InvisibleTech")
    assert d.platforms == ("invisible",)


def test_parent_and_brand_both_acting() -> None:
    d = score("Scale is moving Outlier's coding work in-house", "All Outlier coders on those "
              "projects are offboarded by the 15th, ~300 people on the call.",
              subreddit="WorkOnline")
    assert d.platforms == ("outlier", "scale_ai")


# --- where the post came from ----------------------------------------------------

def test_subreddit_names_the_platform() -> None:
    d = score("Generalist rates dropped from $15 to $11 on every project",
              "Four people in my channel confirm.", subreddit="outlier_ai")
    assert d.platforms == ("outlier",)


def test_platform_hint_names_the_platform() -> None:
    d = score("Rates cut for all raters", "Everyone got the notice: $14 to $12/hr.",
              source="feed", feed="https://example.org/feed", hint="telus_digital")
    assert d.platforms == ("telus_digital",)


def test_general_subreddit_names_no_platform() -> None:
    d = score("Whole team let go this morning", "All 40 of us on the rating project got "
              "termination emails.", subreddit="WorkOnline")
    assert "outlier" not in d.platforms
    assert d.platforms in ((), ("other",))


def test_named_platform_beats_the_subreddit() -> None:
    d = score("Toloka cut rewards on basic tasks by a quarter", "Dozens of people in the forum "
              "see the same new numbers.", subreddit="outlier_ai")
    assert d.platforms == ("toloka",)


# --- generalist vs expert ------------------------------------------------------------

@pytest.mark.parametrize(("who", "tier"), [
    ("PhD math reviewers", "expert"), ("STEM experts", "expert"), ("doctors", "expert"),
    ("coders", "expert"), ("domain experts", "expert"), ("specialists", "expert"),
    ("generalists", "generalist"), ("non-expert raters", "generalist"),
])
def test_tier_words(who: str, tier: str) -> None:
    d = score(f"Pay for {who} cut from $50 to $35/hr", "Everyone on the projects got the email.",
              subreddit="outlier_ai")
    assert d.is_signal and d.tier == tier


def test_generalist_projects_phrase() -> None:
    d = score("All generalist projects paused", "The banner says every English generalist "
              "project is paused. Expert projects still have tasks.", subreddit="outlier_ai")
    assert d.event_type == "project_pause" and d.tier == "generalist"


def test_tier_shift_names_the_tier_that_loses_work() -> None:
    d = score("Writing project rebuilt as expert-only", "All generalists are off it by Friday, "
              "the tasks go to specialists.", subreddit="outlier_ai")
    assert d.event_type == "tier_shift" and d.tier == "generalist"
    d = score("Rubric project replacing MDs with generalist reviewers", "All 120 physician "
              "reviewers roll off at month end.", subreddit="mercor_ai")
    assert d.event_type == "tier_shift" and d.tier == "expert"


def test_both_tiers_is_all() -> None:
    d = score("Invisible ends contracts for a third of its trainers", "Across both generalist "
              "and specialist roles, the company confirmed.", source="feed", feed="reuters")
    assert d.tier == "all"


def test_untiered_platform_is_all() -> None:
    d = score("Minimum pay going up for all studies", "Email to all participants: the minimum "
              "rises to £9/hr from £6.", subreddit="ProlificAc")
    assert d.event_type == "pay_raise" and d.tier == "all" and d.direction == "expansion"


def test_feed_named_after_a_platform() -> None:
    d = score("Company to hire 2,000 medical annotators", "The company said it will hire "
              "2,000 radiology annotators over the next year.", source="feed",
              feed="google-news:imerit")
    assert d.is_signal and d.platforms == ("imerit",)
    d = score("Company to hire 2,000 medical annotators", "The company said it will hire "
              "2,000 radiology annotators over the next year.", source="feed",
              feed="google-news:ai training jobs")
    assert d.platforms in ((), ("other",))


# --- press commentary vs news of one event ------------------------------------------

@pytest.mark.parametrize(("title", "body"), [
    ("What the Scale AI layoffs tell us about the AI data industry",
     "Commentary: the cuts reflect a shift toward synthetic and expert data, the author argues."),
    ("Inside Scale AI's turbulent year", "A look at how the company navigated lost customers, "
     "leadership changes and layoffs over the past twelve months."),
    ("Former Scale AI workers say layoffs came without warning", "Contractors describe the day "
     "last year when the company cut hundreds of roles."),
    ("Scale AI interim CEO says company is well positioned", "The company remains well "
     "positioned despite losing some customers after Meta's investment last year."),
])
def test_commentary_is_not_news(title: str, body: str) -> None:
    assert not score(title, body, source="feed", feed="techcrunch").is_signal


def test_news_of_one_event_in_the_press() -> None:
    d = score("Scale AI to lay off 14% of staff, 500 contractors", "Scale AI is laying off "
              "about 200 employees and ending work with 500 contractors, the company told staff.",
              source="feed", feed="techcrunch")
    assert d.is_signal and d.event_type == "layoff" and d.tier == "unknown"
    assert d.magnitude is not None and d.magnitude.headcount == 500 and d.magnitude.percent == 14


# --- one requester or one employer is not the platform ------------------------------

@pytest.mark.parametrize(("title", "body", "sub"), [
    ("A requester cut their pay per HIT in half", "My transcription requester dropped from $1 "
     "to $0.50 per HIT. Only one requester though, the rest are normal.", "mturk"),
    ("Company I freelance for (not annotation) cut rates 20%", "My translation agency just cut "
     "all freelancer rates by 20%. Any AI training platforms for translators?", "WorkOnline"),
])
def test_one_client_or_employer(title: str, body: str, sub: str) -> None:
    assert not score(title, body, subreddit=sub).is_signal


def test_a_pay_pair_of_another_company_is_not_the_platforms_news() -> None:
    """A before/after pay figure is weighed like any event word: when its sentence gives it
    to a requester or an outside employer, the rules alone make no pay cut of it (the model
    need not be the one to veto it)."""
    from bot.records import PostRecord
    from bot.scoring import Scorer

    rules = Scorer(mode="rules", use_model=False)
    for body in ("My transcription requester dropped from $1 to $0.50 per HIT.",
                 "My translation agency went from $20 to $14 an hour for all of us."):
        post = PostRecord(source_kind="reddit", external_id="t1", title="Rates this week",
                          body=body, subreddit="mturk")
        assert not rules.score(post).is_signal
    post = PostRecord(source_kind="reddit", external_id="t1", title="Rates this week",
                      body="Outlier dropped from $20 to $14 an hour for all of us.",
                      subreddit="outlier_ai")
    assert rules.score(post).event_type == "pay_cut"


def test_very_long_posts_are_read_up_to_a_cap() -> None:
    from bot.scoring.text import MAX_BODY

    filler = "Just chatting about my day and the weather here. " * (MAX_BODY // 40)
    news = "Everyone on the project got the email: generalist rates cut from $20 to $15/hr."
    assert score("Long post", news + " " + filler, subreddit="outlier_ai").is_signal
    assert not score("Long post", filler + " " + news, subreddit="outlier_ai").is_signal


def test_queue_empty_for_everyone_vs_for_me() -> None:
    d = score("Massive EQ across all projects", "Nobody in the discord has tasks, all projects "
              "empty since yesterday.", subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "project_pause"
    d = score("EQ for me, is it just me?", "My queue is empty, all projects look empty for me.",
              subreddit="outlier_ai")
    assert not d.is_signal
