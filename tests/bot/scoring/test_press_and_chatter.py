"""Hard cases from press coverage and community chatter: the same event told many ways,
and the talk around an event that is not news of one."""

from __future__ import annotations

import pytest

from tests.bot.scoring._posts import score

# --- press: commentary, look-backs and settings are not news of an event -------------

@pytest.mark.parametrize(("title", "body"), [
    ("What Scale AI's layoffs tell us about the future of human data - Fortune",
     "What Scale AI's layoffs tell us about the future of human data  Fortune"),
    ("Scale AI's rough year: a timeline of layoffs, lawsuits and lost clients",
     "From the Remotasks exits in 2024 to this summer's job cuts, here is how the year unfolded."),
    ("A year after xAI's layoffs, former AI tutors say they are still looking for work",
     "Hundreds of Grok tutors were let go last year. We caught up with several of them."),
    ("Former xAI Tutors Describe Chaotic Final Days Before Mass Layoff",
     "A dozen former AI tutors recount the weeks that preceded their dismissal."),
    ("After Layoffs, Scale AI Bets on Government and Enterprise",
     "Weeks after cutting 14% of its staff, Scale AI is pushing into defense contracts."),
    ("Kenyan court rules Meta can be sued over Sama moderator layoffs",
     "The ruling lets former moderators who lost their jobs in 2023 pursue their case."),
    ("Scale AI layoffs: what happened, who was affected and what's next",
     "Scale AI layoffs: what happened, who was affected and what's next  TechRadar"),
    ("Data annotation jobs are disappearing. Or are they?",
     "Reports of mass layoffs at AI training platforms have spread, writes our columnist."),
    ("TELUS Digital reports revenue decline as AI data demand shifts",
     "TELUS Digital reported a 4% drop in quarterly revenue, citing lower volumes."),
])
def test_press_about_an_event_is_not_the_event(title: str, body: str) -> None:
    assert not score(title, body, source="feed", feed="google-news:ai training jobs").is_signal


def test_news_in_a_sentence_that_also_names_an_earlier_event() -> None:
    d = score("Musk's xAI plans to grow its specialist AI tutor team tenfold after layoffs",
              "xAI said it will expand its team of specialist AI tutors by 10 times.",
              source="feed", feed="techcrunch")
    assert d.is_signal and d.event_type == "hiring_expansion" and d.tier == "expert"


def test_google_news_body_repeating_its_title_is_not_a_second_report() -> None:
    title = "What Scale AI's layoffs tell us about synthetic data - Fortune"
    d = score(title, title.replace(" - ", "  "), source="feed", feed="google-news:scale ai")
    assert not d.is_signal


@pytest.mark.parametrize(("title", "body", "kind"), [
    ("TELUS Digital to cut jobs in AI data solutions unit",
     "TELUS Digital is cutting an undisclosed number of jobs in its AI data unit.", "layoff"),
    ("Invisible Technologies parts ways with hundreds of contractors after Microsoft project ends",
     "Invisible has parted ways with several hundred AI trainers, contractors say.", "layoff"),
    ("Exclusive: Mercor trims contractor rates as OpenAI renegotiates",
     "Mercor told contractors working on OpenAI projects their rates will be reduced.",
     "pay_cut"),
    ("OpenAI dials back spending on human data, hitting Scale and Surge",
     "OpenAI has reduced the volume of data-labeling work it sends to Scale AI and Surge AI.",
     "client_loss"),
    ("Surge AI's DataAnnotation Is Quietly Shrinking Its Workforce, Contractors Say",
     "Many long-time contributors have been removed from the platform, workers say.", "layoff"),
    ("Handshake AI expands MOVE fellowship to 10,000 students",
     "Handshake said it will grow the programme that pays graduate students to train AI.",
     "hiring_expansion"),
])
def test_press_news_told_in_other_words(title: str, body: str, kind: str) -> None:
    d = score(title, body, source="feed", feed="reuters")
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body", "kind", "tier"), [
    ("Outlier AI workers hit with sweeping pay reductions - Fast Company",
     "Outlier AI workers hit with sweeping pay reductions  Fast Company", "pay_cut", "unknown"),
    ("Mercor is cutting ties with hundreds of contractors as OpenAI work slows",
     "Mercor ended its relationship with several hundred contract workers.", "layoff",
     "unknown"),
    ("Google pulls back from GlobalLogic's rater program",
     "Google will reduce the number of AI raters it pays for, people familiar said.",
     "client_loss", "generalist"),
    ("TELUS Digital to close its AI data centre in Ireland, 150 roles at risk",
     "The company confirmed the proposal to staff.", "layoff", "unknown"),
    ("Clickworker opens UHRS to new workers in 12 more countries",
     "The company said demand for AI training data keeps growing.", "hiring_expansion", "all"),
    ("The gig workers teaching AI to code are being replaced by cheaper contractors",
     "Workers say Turing moved the work abroad.", "tier_shift", "expert"),
])
def test_press_news_in_words_seen_last(title: str, body: str, kind: str, tier: str) -> None:
    d = score(title, body, source="feed", feed="google-news:ai training jobs")
    assert d.is_signal and d.event_type == kind and d.tier == tier


def test_a_client_named_as_the_work_is_not_the_actor() -> None:
    d = score("Mercor trims contractor rates",
              "Mercor has told hundreds of contractors working on OpenAI projects that their "
              "hourly rates will be reduced next month.", source="feed", feed="reuters")
    assert d.is_signal and d.platforms == ("mercor",)


def test_platforms_the_work_moves_to_are_not_hit() -> None:
    d = score("OpenAI shifts data work from Scale AI to Surge and Mercor",
              "OpenAI has moved much of its human data work away from Scale AI, people "
              "familiar said.", source="feed", feed="the-information")
    assert d.is_signal and d.event_type == "client_loss" and d.platforms == ("scale_ai",)


def test_parent_staff_layoffs_relayed_in_a_brand_community() -> None:
    d = score("Just saw TechCrunch: Scale cutting 14% of staff",
              "says 200 employees and 500 contractors. wonder if QMs are part of it",
              subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "layoff" and d.platforms == ("scale_ai",)


# --- chatter: the ways workers write a group event ---------------------------------

@pytest.mark.parametrize(("title", "body", "sub", "kind"), [
    ("Entire Mint attempter pool gone??", "looks like every attempter got moved to 'inactive'. "
     "the whole channel is going insane.", "outlier_ai", "layoff"),
    ("Telus AI Community let go a ton of us today", "Got the 'your participation in the program "
     "has ended' email along with basically everyone in my market.", "TelusInternational",
     "layoff"),
    ("we got cut to 10 hours a week on Aether", "QM posted that everyone on Aether is capped at "
     "10 hrs/week from now on (was 40). about 200 of us.", "outlier_ai", "project_pause"),
    ("The $40 coding rate is now $35??", "both my coding projects show $35/hr since this "
     "morning, same for my two coworkers.", "DataAnnotationTech", "pay_cut"),
    ("Cypress got paused for everyone yesterday", "QM says no ETA.", "outlier_ai",
     "project_pause"),
    ("HIT volume dead since the big requester left", "The big survey requester pulled out last "
     "week and everyone's earnings are down.", "mturk", "project_pause"),
    ("Prolific is removing a ton of accounts", "Another wave of bans today, dozens of posts "
     "from long-time participants.", "ProlificAc", "layoff"),
    ("Mercor and micro1 both recruiting doctors hard rn", "my residency group chat is full of "
     "people getting the same recruiter emails.", "WorkOnline", "hiring_expansion"),
    ("So Outlier just wiped the entire reviewer tier on Helix??", "every reviewer I know got "
     "demoted to attempter overnight, at attempter pay. at least 50 ppl in the channel.",
     "outlier_ai", "pay_cut"),
    ("DA is onboarding a ton of people right now", "Three of my friends got accepted this week "
     "and the sub is full of 'just got in' posts.", "DataAnnotationTech", "hiring_expansion"),
    ("remotasks closed my country lol", "remotasks is no longer operating in Nigeria, all "
     "accounts will be closed by end of month. So many of us relied on this.", "remotasks",
     "shutdown"),
])
def test_chatter_reports(title: str, body: str, sub: str, kind: str) -> None:
    d = score(title, body, subreddit=sub)
    assert d.is_signal and d.event_type == kind


@pytest.mark.parametrize(("title", "body"), [
    ("lol the 'pay cut' today", "everyone freaking out about the pay cut but it's literally "
     "just the new project having a different rate. all the old projects are the same. chill"),
    ("lol 'mass layoffs' at outlier", "someone on tiktok saying outlier did mass layoffs. nah "
     "bro i just got 3 new projects, calm down"),
    ("Update: Mercor reinstated everyone from the paused project", "the client resumed and "
     "everyone got re-added today."),
    ("Hot take: the pay cuts are because of synthetic data", "we all know why rates dropped "
     "last year. change my mind"),
    ("Outlier replacing generalists with experts?? anyone else seeing this", "noticed all the "
     "generalist projects i had are gone. feels like they're moving everything to experts."),
    ("Dashboard empty for me since Friday", "My dashboard has been empty since Friday. "
     "Everyone I know still has plenty of work."),
    ("Prolific letting people off the waitlist?", "My sister and two friends got accepted this "
     "week after months on the waitlist."),
    ("Is Mercor pausing projects or is it just my team?", "no tasks since Tuesday. Anyone know?"),
])
def test_chatter_that_is_not_a_report(title: str, body: str) -> None:
    assert not score(title, body, subreddit="outlier_ai").is_signal


def test_an_exclaimed_question_reports_but_an_asked_one_does_not() -> None:
    body = "Every project on my dashboard, and the same for a few people in the discord."
    assert score("Rates raised across the board?? not complaining", body,
                 subreddit="DataAnnotationTech").is_signal
    assert not score("Are rates being raised?", body, subreddit="DataAnnotationTech").is_signal


def test_the_first_of_two_events_in_a_title_leads() -> None:
    d = score("Multimodal team got cut AND the rates on the new one are lower",
              "our whole pod (~30 people) got removed, then some of us got invited to a "
              "different one at $17 instead of $22", subreddit="outlier_ai")
    assert d.is_signal and d.event_type == "layoff"


@pytest.mark.parametrize(("text", "signal"), [
    ("Mercor's new project pays less for the same work, everyone on it says", True),
    ("DA pays less than Mercor for the same work, everyone says", False),
])
def test_pays_less_is_a_cut_but_not_a_comparison(text: str, signal: bool) -> None:
    assert score(text, subreddit="mercor_ai").is_signal is signal


def test_home_platform_wins_over_a_passing_mention() -> None:
    d = score("Rates raised across the board?? not complaining",
              "Every project on my dashboard went up $2/hr today, and my discord buddies are "
              "seeing the same. Maybe competition from Mercor lol",
              subreddit="DataAnnotationTech")
    assert d.platforms == ("dataannotation",) and d.tier == "all"


@pytest.mark.parametrize(("title", "body", "tier"), [
    ("Toloka cuts 10% of staff as it refocuses on expert data",
     "Toloka is laying off about 10% of its employees, the company said.", "unknown"),
    ("Remotasks to shut down, directs taskers to Outlier",
     "Scale AI is closing its Remotasks platform, according to an email to users.", "all"),
    ("Outlier to pause all Spanish-language projects", "Contributors were told a client "
     "reduced demand.", "expert"),
])
def test_tier_from_who_is_hit(title: str, body: str, tier: str) -> None:
    d = score(title, body, source="feed", feed="reuters")
    assert d.is_signal and d.tier == tier
