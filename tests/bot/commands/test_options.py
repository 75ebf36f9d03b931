"""Option parsing: canonical values out, or a message that says what is accepted."""

from __future__ import annotations

import pytest

from bot.commands.options import (
    BadArgument,
    cadence_option,
    days_option,
    event_type_option,
    hour_option,
    min_score_option,
    parse_event_types,
    parse_feed_url,
    parse_platforms,
    parse_subreddit,
    parse_tiers,
    post_ref_option,
    resolve_platform,
    shown,
    source_targets,
    split_list,
)
from bot.platforms import PlatformRegistry

REGISTRY = PlatformRegistry()


def test_numbers_in_range_and_defaults() -> None:
    assert days_option(None) == 7 and days_option(1) == 1 and days_option(365) == 365
    assert hour_option(None) == 9 and hour_option(0) == 0 and hour_option(23) == 23
    assert min_score_option(None) is None and min_score_option(0) == 0
    assert min_score_option(100) == 100


@pytest.mark.parametrize(("call", "message"), [
    (lambda: days_option(0), "`days` must be from 1 to 365; you gave 0."),
    (lambda: days_option(366), "`days` must be from 1 to 365; you gave 366."),
    (lambda: hour_option(24), "`hour_utc` must be an hour from 0 to 23 (UTC); you gave 24."),
    (lambda: min_score_option(100.5), "`min_score` must be from 0 to 100; you gave 100.5."),
    (lambda: cadence_option("hourly"), "`cadence` must be daily or weekly; you gave `hourly`."),
])
def test_out_of_range_numbers_say_the_range(call: object, message: str) -> None:
    with pytest.raises(BadArgument) as raised:
        call()  # type: ignore[operator]
    assert str(raised.value) == message


def test_split_list_drops_blanks_and_repeats() -> None:
    assert split_list(" a, b;;c , a ,") == ["a", "b", "c"]
    assert split_list(None) == [] and split_list("  ") == []


def test_platforms_resolve_by_id_name_and_alias() -> None:
    assert resolve_platform(REGISTRY, "Outlier AI") == "outlier"
    assert resolve_platform(REGISTRY, "scale_ai") == "scale_ai"
    assert resolve_platform(REGISTRY, "Data Annotation Tech") == "dataannotation"
    assert resolve_platform(REGISTRY, "Other") == "other"
    assert parse_platforms(REGISTRY, "mercor, Outlier AI,outlier") == ("mercor", "outlier")
    assert parse_platforms(REGISTRY, None) == ()


def test_unknown_platforms_are_all_named_with_the_accepted_ids() -> None:
    with pytest.raises(BadArgument) as raised:
        parse_platforms(REGISTRY, "mercor, nosuch, `x`")
    text = str(raised.value)
    assert text.startswith("Unknown platform(s) `nosuch`, `ˋxˋ`.")
    assert "mercor, scale_ai, outlier" in text and text.endswith("other.")
    with pytest.raises(BadArgument, match="Unknown platform `nosuch`"):
        resolve_platform(REGISTRY, "nosuch")
    with pytest.raises(BadArgument):
        resolve_platform(REGISTRY, "other", other=False)


def test_event_types_and_tiers_by_id_or_label() -> None:
    assert parse_event_types("Pay cut, layoff, hiring-drive") == (
        "pay_cut", "layoff", "hiring_expansion")
    assert event_type_option("Projects paused") == "project_pause"
    assert event_type_option(None) is None and event_type_option(" ") is None
    assert parse_tiers("Generalists,expert") == ("generalist", "expert")
    with pytest.raises(BadArgument, match=r"Unknown event type\(s\) `bankrupt`\. Accepted"):
        parse_event_types("layoff,bankrupt")
    with pytest.raises(BadArgument, match="takes one event type"):
        event_type_option("layoff,pay_cut")
    with pytest.raises(BadArgument, match="generalist, expert, all, unknown"):
        parse_tiers("novice")


@pytest.mark.parametrize(("text", "name"), [
    ("outlier_ai", "outlier_ai"), ("r/Outlier_AI", "Outlier_AI"), ("/r/beermoney/", "beermoney"),
    ("https://www.reddit.com/r/Appen/comments/abc/x/", "Appen"),
    ("old.reddit.com/r/mturk", "mturk"), ("  DataAnnotationTech ", "DataAnnotationTech"),
])
def test_subreddit_names(text: str, name: str) -> None:
    assert parse_subreddit(text) == name


@pytest.mark.parametrize("text", [
    "a", "_leading", "has space", "x" * 22, "r/", "https://example.org/r/outlier",
    "https://www.reddit.com/user/someone", "bad-dash",
])
def test_bad_subreddit_names(text: str) -> None:
    with pytest.raises(BadArgument, match="is not a subreddit name"):
        parse_subreddit(text)


def test_feed_urls() -> None:
    assert parse_feed_url(" <https://example.org/rss?x=1> ") == "https://example.org/rss?x=1"
    assert parse_feed_url("http://127.0.0.1:8080/feed") == "http://127.0.0.1:8080/feed"
    for bad in ("example.org/rss", "ftp://example.org/rss", "https://", "https://a b/rss",
                "https://example.org:port/rss", "javascript:alert(1)",
                "https://example.org/" + "x" * 2100):
        with pytest.raises(BadArgument, match="is not a feed URL"):
            parse_feed_url(bad)
    with pytest.raises(BadArgument, match="user name or password"):
        parse_feed_url("https://me:secret@example.org/rss")


def test_source_targets_need_one_of_the_two() -> None:
    assert source_targets("r/newsub", None) == [("reddit", "newsub")]
    assert source_targets(" ", "https://example.org/rss") == [("feed", "https://example.org/rss")]
    with pytest.raises(BadArgument, match="Give a `subreddit`"):
        source_targets(None, "  ")


def test_post_refs_and_quoting_user_input() -> None:
    assert post_ref_option("  t3_abc ") == "t3_abc"
    with pytest.raises(BadArgument):
        post_ref_option("   ")
    assert shown("a`b\u202e\x00c") == "`aˋbc`"
    assert shown("x" * 100) == "`" + "x" * 79 + "…`"
    assert shown("") == "(nothing)"
