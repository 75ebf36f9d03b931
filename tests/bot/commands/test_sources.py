"""Source health for /platforms list: batches share their state."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands.sources import describe_source, source_statuses, state_key
from bot.poller import FeedJob, RedditJob, SourcePlan, SourceRef
from bot.records import SourceState
from storage.queries.guilds import GuildSourceView

WHEN = datetime(2026, 5, 6, 12, tzinfo=UTC)
PLAN = SourcePlan(reddit=(RedditJob(("Outlier_AI", "newsub"), 60),),
                  feeds=(FeedJob("https://example.org/rss", "appen", 300),))


def test_state_keys_follow_the_plan() -> None:
    assert state_key(PLAN, "reddit", "outlier_ai") == "reddit:newsub+outlier_ai"
    assert state_key(PLAN, "reddit", "unplanned") == "reddit:unplanned"
    assert state_key(PLAN, "feed", "https://example.org/rss") == "feed:https://example.org/rss"


def test_statuses_carry_health_and_who_added_them() -> None:
    states = [
        SourceState("reddit:newsub+outlier_ai", last_success=WHEN),
        SourceState("feed:https://example.org/rss", failures=1, last_error="HTTP 500"),
    ]
    configured = [SourceRef("reddit", "Outlier_AI", "outlier"),
                  SourceRef("reddit", "outlier_ai", "outlier"),
                  SourceRef("feed", "https://example.org/rss", "appen")]
    own = [GuildSourceView(1, 10, "reddit", "newsub", "mercor", WHEN),
           GuildSourceView(2, 10, "feed", "https://example.org/new", "mercor", WHEN)]
    subreddit, feed, added, unpolled = source_statuses(PLAN, configured, own, states)
    assert (subreddit.target, subreddit.failing, subreddit.last_success) == \
        ("Outlier_AI", False, WHEN)
    assert (feed.failing, feed.last_error, feed.guild_added) == (True, "HTTP 500", False)
    assert (added.target, added.platform, added.last_success, added.guild_added) == \
        ("newsub", "mercor", WHEN, True)
    assert (unpolled.last_success, unpolled.failing) == (None, False)
    assert describe_source("reddit", "newsub") == "r/newsub"
