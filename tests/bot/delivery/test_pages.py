from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.delivery.pages import (
    SourceStatus,
    explain_embed,
    platforms_embed,
    recent_page_embed,
    routes_embed,
    source_name,
)
from bot.platforms import PlatformRegistry, google_news_feed
from storage.queries.alerts import RouteView
from tests.bot.delivery.views import WHEN, post

REGISTRY = PlatformRegistry()


def _fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


def test_recent_page_lists_each_signal_with_a_link() -> None:
    posts = [post(id=i, title=f"@everyone signal {i}", created_utc=WHEN - timedelta(hours=i))
             for i in range(3)]
    embed = recent_page_embed(posts, REGISTRY, page=2, pages=5)
    assert embed["footer"]["text"] == "Page 2 of 5"
    assert len(embed["fields"]) == 3
    first = embed["fields"][0]
    assert first["name"] == "▼ Pay cut · Outlier, Scale AI · 87"
    assert first["value"].startswith("[@\u200beveryone signal 0](https://www.reddit.com/")
    assert f"<t:{int(WHEN.timestamp())}:R>" in first["value"]
    assert "$40/hr → $26/hr" in first["value"]
    empty = recent_page_embed([], REGISTRY)
    assert empty["description"] == "No signals match in this period." and "fields" not in empty


def test_explain_embed_for_scored_and_unscored_posts() -> None:
    embed = explain_embed(post(), REGISTRY, threshold=50)
    fields = _fields(embed)
    assert fields["Verdict"] == "Signal: 87/100 (threshold 50)"
    assert fields["Evidence"].count("> “") == 2
    assert fields["Scorer"].startswith("rules-1 · scored <t:")
    unscored = _fields(explain_embed(post(scored_at=None, is_signal=None, score=None), REGISTRY))
    assert unscored["Verdict"] == "Not scored yet."
    assert "Evidence" not in unscored


def test_platforms_embed_lists_sources_and_health() -> None:
    sources = [
        SourceStatus("reddit", "outlier_ai", "outlier", last_success=WHEN),
        SourceStatus("feed", google_news_feed("Outlier AI"), "outlier", failing=True,
                     last_error="HTTP 503"),
        SourceStatus("reddit", "WorkOnline", None),
        SourceStatus("reddit", "my_niche", "appen", guild_added=True, last_success=WHEN),
    ]
    embed = platforms_embed(REGISTRY, sources)
    outlier_line = next(line for line in embed["description"].split("\n")
                        if line.startswith("**Outlier**"))
    assert r"r/outlier\_ai ✅" in outlier_line
    assert "Google News: \"Outlier AI\" ⚠️ failing (HTTP 503)" in outlier_line
    fields = _fields(embed)
    assert "r/WorkOnline ⏳ not polled yet" in fields["Communities about several platforms"]
    assert fields["Added by this server"].startswith(r"r/my\_niche → Appen ✅")
    assert embed["footer"]["text"] == "4 sources, 1 failing"
    assert source_name("feed", "https://example.com/blog/feed/") == "example.com/blog/feed"


def test_routes_embed_shows_filters_and_state_without_secrets() -> None:
    routes = [
        RouteView(1, 9, "channel", "10", 60, ("outlier",), ("pay_cut",), (), 555, True, None,
                  WHEN, pending=2, failed=1, sent=5),
        RouteView(2, 9, "channel", "11", None, (), (), ("expert",), None, False,
                  "HTTP 404: Unknown Channel (code 10003)", WHEN),
        RouteView(3, None, "webhook", "https://discord.com/api/webhooks/123456/s3cr3t-token",
                  None, (), (), (), None, True, None, WHEN),
    ]
    embed = routes_embed(routes, REGISTRY)
    fields = _fields(embed)
    assert fields["Route 1"] == ("<#10>\nscore ≥ 60 · Outlier\nPay cut · all tiers\n"
                                 "Pings <@&555>\n✅ active · 2 pending · 5 sent · 1 failed")
    assert "⛔ disabled: HTTP 404: Unknown Channel" in fields["Route 2"]
    assert "every signal · all platforms\nall events · Experts" in fields["Route 2"]
    assert fields["Route 3"].startswith("webhook 1234…")
    assert "s3cr3t" not in str(embed) and "s3cr3t" not in repr(routes[2])
    assert "No alert routes" in routes_embed([], REGISTRY)["description"]
