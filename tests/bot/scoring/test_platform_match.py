"""Platform names in text, built from the registry (so config-file platforms count too)."""

from __future__ import annotations

import pytest

from bot.platforms import PlatformRegistry
from bot.records import PostRecord
from bot.scoring import Scorer
from bot.scoring.platform_match import PlatformMatcher


@pytest.fixture(scope="module")
def matcher() -> PlatformMatcher:
    return PlatformMatcher(PlatformRegistry())


def ids(matcher: PlatformMatcher, text: str) -> list[str]:
    return [m.platform_id for m in matcher.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("DA and DAT both cut", ["dataannotation", "dataannotation"]),
    ("I do DataAnnotation.tech and outlier", ["dataannotation", "outlier"]),
    ("Surge/DA lost a lab", ["surge_ai", "dataannotation"]),
    ("TELUS International and Telus Digital", ["telus_digital", "telus_digital"]),
    ("Hive Micro is closing", ["other"]),
    ("Handshake AI and Snorkel AI", ["handshake_ai", "snorkel"]),
    ("xAI tutors", ["xai"]),
    # GlobalLogic's raters call their employer "GL", and write "gl raters" in lower case.
    ("Email from GL: raters move to per-task pay", ["globallogic"]),
    ("gl raters get $1.50 more next period", ["globallogic"]),
    # People write Turing's name in lower case too, as they do Outlier's.
    ("turing is onboarding 300 devs this month", ["turing"]),
    # An everyday-word name opening a terse lower-case post, before what the platform did.
    ("surge cut the writing rate to $18", ["surge_ai"]),
    ("telus raters in manila got a raise", ["telus_digital"]),
    ("invisible slack says the account ends friday", ["invisible"]),
    ("surge in layoffs across tech", []),
    ("the invisible workforce behind the models", []),
])
def test_names(matcher: PlatformMatcher, text: str, expected: list[str]) -> None:
    assert ids(matcher, text) == expected


@pytest.mark.parametrize("text", [
    "on a scale of 1 to 10", "the Turing test", "an outlier in my data",
    "a prolific writer", "da best project", "surge pricing", "invisible work of AI",
    "https://example.com/outlier_stats",
    # "GL" wishing good luck, and a lower-case "gl" alone.
    "GL everyone, the new batch is hard", "GL with the assessment!", "gl",
    "Passed the test today. GL!",
    "a turing machine", "passes the turing test", "alan turing's paper",
])
def test_everyday_words(matcher: PlatformMatcher, text: str) -> None:
    assert ids(matcher, text) == []


def test_config_platform_is_scored() -> None:
    registry = PlatformRegistry().with_overrides([
        {"id": "pareto", "name": "Pareto", "aliases": ["Pareto AI"], "subreddits": ["pareto"]},
    ])
    scorer = Scorer(registry)
    d = scorer.score(PostRecord("reddit", "x", "Pareto AI cut expert pay from $60 to $45/hr",
                                "Every expert on the team got the email.",
                                subreddit="WorkOnline"))
    assert d.is_signal and d.platforms == ("pareto",)
    d = scorer.score(PostRecord("reddit", "y", "Rates cut from $30 to $22/hr on every project",
                                "Everyone in the channel confirms.", subreddit="pareto"))
    assert d.platforms == ("pareto",)


@pytest.mark.parametrize(("text", "expected"), [
    # Google's AI raters are GlobalLogic's workforce even when only Google is named ...
    ("Google let go of about 300 AI contractors on Friday.", ["globallogic"]),
    ("Google has quietly laid off 150 contractors who worked on its Gemini chatbot.",
     ["globallogic"]),
    # ... but not beside another platform in the sentence, nor when another vendor employs them.
    ("Appen said Google laid off 300 contractors working on its AI tools.", ["appen"]),
    ("Google fired 40 AI contractors. They were employed through Accenture.", []),
    # GlobalLogic written as its owner's unit or vendor, not by name.
    ("A Hitachi-owned vendor told 120 ad raters their work had ended.", ["globallogic"]),
    ("The Hitachi unit is trimming its rater pool again.", ["globallogic"]),
    ("Hitachi reported higher profits this quarter.", []),
    # Search raters of old with no vendor named are an unlisted vendor's.
    ("Google search raters saw their weekly hours halved.", ["other"]),
    # A hyphenated word is not the platform.
    ("a full-scale AI push", []),
    ("Uber is paying drivers for AI data tasks", ["other"]),
])
def test_names_by_phrase(matcher: PlatformMatcher, text: str, expected: list[str]) -> None:
    assert ids(matcher, text) == expected


def test_brand_community_adds_the_brand_only_when_its_people_are_hit() -> None:
    scorer = Scorer()
    relayed = scorer.score(PostRecord(
        "reddit", "r1", "News: Scale AI is cutting 400 contractors",
        "Business Insider says Scale AI ended contracts with 400 contractors this week.",
        subreddit="outlier_ai"))
    ours = scorer.score(PostRecord(
        "reddit", "r2", "Scale AI is cutting 400 contractors, that's us",
        "Our whole project channel got the offboarding email this morning, 60 people at least.",
        subreddit="outlier_ai"))
    assert relayed.platforms == ("scale_ai",)
    assert ours.platforms == ("outlier", "scale_ai")


def test_a_brand_named_as_where_the_hit_workers_are_joins_its_parent() -> None:
    scorer = Scorer()
    d = scorer.score(PostRecord(
        "feed", "f1", "Scale AI cuts what it pays its data labelers",
        "Scale AI lowered hourly rates on most projects this month, from $40 to $25 an hour. "
        "Annotators on its Remotasks platform say the new rates apply to everyone.",
        feed="Tech Weekly"))
    passing = scorer.score(PostRecord(
        "feed", "f2", "Scale AI cuts what it pays its data labelers",
        "Scale AI lowered hourly rates on most projects this month, from $40 to $25 an hour. "
        "Nobody knows yet whether Remotasks is affected.", feed="Tech Weekly"))
    assert d.platforms == ("remotasks", "scale_ai")
    assert passing.platforms == ("scale_ai",)


@pytest.mark.parametrize(("subreddit", "feed", "expected"), [
    (None, "Handshake blog", "handshake_ai"),
    (None, "mercor.com/blog", "mercor"),
    (None, "blog.prolific.com", "prolific"),
    (None, "google-news:toloka", "toloka"),
    (None, "TechCrunch", None),
    (None, "Glassdoor: Mercor reviews", "mercor"),  # its workers' reviews of it
    (None, "Glassdoor", None),
    (None, "X: @Outlier_AI", "outlier"),  # the platform's own account
    (None, "X: @gig_watcher", None),
    (None, "X: @AppenJobs", "appen"),  # its recruiting desk's account
    (None, "X: @mercor_careers", "mercor"),
    (None, "X: @newsdesk_jobs", None),
    ("DataAnnotationTech", None, "dataannotation"),
    ("WorkOnline", None, None),
])
def test_a_platforms_own_feed_or_community_names_it(subreddit: str | None, feed: str | None,
                                                    expected: str | None) -> None:
    assert Scorer(use_model=False).rules.home(subreddit, feed) == expected


@pytest.mark.parametrize(("title", "body", "subreddit", "expected"), [
    # A parent that only sends its brand's news is not listed beside the brand ...
    ("Labelbox email: every physics project ends Friday",
     "All 50 of us in the project channel got it, no replacement work.", "alignerr",
     ("alignerr",)),
    ("Labelbox posted that Alignerr is onboarding 300 coders for a new program",
     "Rates $60-80/hr, onboarding starts next week.", "WorkOnline", ("alignerr",)),
    ("Pay cut email from Labelbox", 'Subject line: "Alignerr rate update". Lower rates from '
     "Monday on every generalist project.", "alignerr", ("alignerr",)),
    # ... but stays when it acts, or when its own memo is the news.
    ("Labelbox is ending every Alignerr physics project Friday",
     "All 50 of us in the project channel got the email.", "WorkOnline",
     ("alignerr", "labelbox")),
    ("memo from Scale: our Manila support office closes in April",
     "Our whole team support desk is being shut down, 80 staff affected.", "remotasks",
     ("remotasks", "scale_ai")),
])
def test_a_parent_that_only_sends_its_brands_news_is_not_listed(
        title: str, body: str, subreddit: str, expected: tuple[str, ...]) -> None:
    d = Scorer().score(PostRecord("reddit", "m", title, body, subreddit=subreddit))
    assert d.is_signal and d.platforms == expected


@pytest.mark.parametrize(("title", "body", "subreddit", "feed", "expected"), [
    # A parent named as a brand's site stands for the one brand the post names or lives in.
    ("Scale's gig site cuts Kenyan taskers' pay in half", "Taskers on Remotasks say every "
     "lidar queue now pays half of last week's rate.", None, "Tech Weekly", ("remotasks",)),
    ("Did the Scale brand just offboard every generalist writer?",
     "All of us on three writing projects got the offboarding email on Tuesday.",
     "outlier_ai", None, ("outlier",)),
    # Not a parent that acts, nor one whose two brands the post names.
    ("Scale cut pay for every generalist writer this week",
     "All of us on three writing projects got the email.", "outlier_ai", None,
     ("outlier", "scale_ai")),
    ("Scale's gig site cuts every tasker's pay in half", "Taskers on Remotasks say the "
     "queues pay half. Taskers on Outlier say the same.", None, "Tech Weekly",
     ("outlier", "remotasks", "scale_ai")),
])
def test_a_parent_named_as_its_brands_site_stands_for_the_brand(
        title: str, body: str, subreddit: str | None, feed: str | None,
        expected: tuple[str, ...]) -> None:
    post = PostRecord("reddit", "b", title, body, subreddit=subreddit) if subreddit else \
        PostRecord("feed", "b", title, body, feed=feed)
    d = Scorer().score(post)
    assert d.is_signal and d.platforms == expected


@pytest.mark.parametrize(("title", "body", "expected"), [
    # The owner named with its home or kind in front is still only the brand's descriptor.
    ("Taskers on a platform owned by Chicago's Scale AI see pay cut",
     "Remotasks cut the rate for image tasks by half this week, workers said.", ("remotasks",)),
    ("Remotasks, run by US-based Scale AI, closes its Kenya coding track",
     "About 400 developers were told the track ends in May.", ("remotasks",)),
])
def test_an_owner_described_before_its_name_is_not_listed(title: str, body: str,
                                                          expected: tuple[str, ...]) -> None:
    post = PostRecord(source_kind="feed", external_id="t1", title=title, body=body,
                      feed="reuters")
    assert Scorer(use_model=False).score(post).platforms == expected


@pytest.mark.parametrize(("feed", "body", "expected"), [
    # Staff of the brand's owner, on their employer's board, telling what "we" did.
    ("Blind: Scale AI", "We're taking every generalist off the Outlier writing queues this "
     "week, about 900 contributors, and moving the work to PhD reviewers.",
     ("outlier", "scale_ai")),
    # The same board relaying the brand's news, not speaking for it: the brand alone.
    ("Blind: Scale AI", "Saw that Outlier took every generalist off its writing queues this "
     "week, about 900 contributors, and moved the work to PhD reviewers.", ("outlier",)),
    # The owner's own newsroom speaking of its brand: the brand alone, as before.
    ("Google News: Scale AI", "We're taking every generalist off the Outlier writing queues "
     "this week, about 900 contributors, and moving the work to PhD reviewers.", ("outlier",)),
])
def test_the_owners_staff_forum_speaking_for_its_brand_lists_the_owner(
        feed: str, body: str, expected: tuple[str, ...]) -> None:
    post = PostRecord("feed", "s", "Generalists off the writing queues", body, feed=feed)
    d = Scorer(use_model=False).score(post)
    assert d.is_signal and d.platforms == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Kana, hanzi and hangul run straight on into a Latin name: no space, still the name.
    ("Appen宣布暂停项目", ["appen"]),
    ("Remotasksで新しい案件", ["remotasks"]),
    ("Outlier에서 모집", ["outlier"]),
    # The name in the script itself, with Russian case endings.
    ("Толока снизила расценки", ["toloka"]),
    ("в Яндекс.Толоке новые задания", ["toloka"]),
    ("リモタスクの案件", ["remotasks"]),
    ("لايونبريدج أوقفت المشروع", ["telus_digital"]),
    # A Latin letter or digit still marks a longer word.
    ("Appendix 表", []),
])
def test_names_in_other_scripts(matcher: PlatformMatcher, text: str, expected: list[str]) -> None:
    assert ids(matcher, text) == expected
