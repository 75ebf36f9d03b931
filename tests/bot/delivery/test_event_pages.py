"""Embeds that read events back: summaries, digests, event pages and timelines."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.delivery.event_pages import (
    digest_embed,
    event_show_embed,
    events_page_embed,
    summary_embed,
)
from bot.platforms import PlatformRegistry
from storage.queries.event_summary import EventCounts, EventSummary, PlatformEvents
from tests.bot.delivery.test_format import LIVE_MENTION, _assert_limits, _texts
from tests.bot.delivery.views import WHEN, event, post, report
from tests.doubles.discord.validation import check_message

REGISTRY = PlatformRegistry()
HOSTILE = "@everyone <@&1> **x** [y](https://evil.example) " * 20
LONG_URL = "https://example.com/" + "a" * 2000


def _fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


def _counts(events: int, posts: int, contraction: int, expansion: int, **by: int) -> EventCounts:
    return EventCounts(events, posts, by_event=by, by_tier={"generalist": events},
                       by_status={"reported": events}, contraction=contraction,
                       expansion=expansion)


def _summary(platforms: tuple[PlatformEvents, ...], overall: EventCounts,
             previous: EventCounts) -> EventSummary:
    return EventSummary(7, WHEN - timedelta(days=7), WHEN, WHEN - timedelta(days=14),
                        platforms, overall, previous)


def test_summary_counts_events_with_posts_and_the_change() -> None:
    summary = _summary(
        (PlatformEvents("outlier", _counts(2, 9, 1, 1, pay_cut=1, pay_raise=1),
                        _counts(1, 1, 1, 0, layoff=1)),
         PlatformEvents("mercor", EventCounts(), _counts(2, 4, 2, 0, layoff=2))),
        _counts(2, 9, 1, 1), _counts(3, 5, 3, 0))
    embed = summary_embed(summary, REGISTRY)
    fields = _fields(embed)
    assert embed["title"] == "Events in the last 7 days"
    assert embed["description"].startswith(
        "**2 events** (9 posts) · ▼ 1 contraction · ▲ 1 expansion\n"
        "Previous 7 days: 3 events (5 posts) → -1")
    assert fields["Outlier: 2 events (9 posts) +1"].startswith(
        "Pay cut 1 · Pay raise 1\nGeneralists 2\n🟡 Reported 2")
    assert fields["Mercor: 0 events (0 posts) -2"] == "None this period (previously 2)."
    quiet = summary_embed(_summary((), EventCounts(), EventCounts()), REGISTRY)
    assert quiet["description"].endswith("Quiet: no events.")


def test_summary_caps_platform_fields() -> None:
    rows = tuple(PlatformEvents(p.id, _counts(1, 2, 1, 0, layoff=1), EventCounts())
                 for p in REGISTRY)
    embed = summary_embed(_summary(rows, _counts(27, 54, 27, 0), EventCounts()), REGISTRY)
    assert len(embed["fields"]) == 25
    assert embed["fields"][-1]["name"] == "…and 3 more platforms"
    _assert_limits(embed)


def test_digest_lists_the_strongest_events_and_says_how_many_more() -> None:
    events = [event(id=i, score=90 - i, title=f"story {i}") for i in range(20)]
    summary = _summary((PlatformEvents("outlier", _counts(20, 40, 20, 0), EventCounts()),),
                       _counts(20, 40, 20, 0), EventCounts())
    embed = digest_embed(summary, events[:15], REGISTRY, title="Weekly digest", total=20)
    names = list(_fields(embed))
    assert len(names) == 16 and names[-1] == "…and 5 more events"
    assert "By platform: Outlier 20" in embed["description"]
    assert _fields(embed)[names[0]].startswith("**e0** [story 0](")
    _assert_limits(embed)


def test_hostile_events_keep_every_page_within_limits_and_lose_no_report() -> None:
    bad = post(title=HOSTILE, url=LONG_URL, feed=HOSTILE, source_kind="feed", subreddit=None)
    hostile = event(title=HOSTILE * 5, first=report(bad), latest=(report(bad),),
                    platforms=tuple(p.id for p in REGISTRY),
                    magnitude={"text": HOSTILE, "currency": HOSTILE})
    summary = _summary((), _counts(15, 15, 15, 0), EventCounts())
    pages = [
        events_page_embed([hostile] * 5, REGISTRY, page=1, pages=3),
        digest_embed(summary, [hostile] * 15, REGISTRY, title=HOSTILE, total=15),
        event_show_embed(hostile, [replace(report(bad), reason=HOSTILE * 10)] * 5, REGISTRY),
    ]
    for embed in pages:
        _assert_limits(embed)
        check_message({"embeds": [embed]})
        for text in _texts(embed):
            assert not LIVE_MENTION.search(text), text
    assert len(pages[0]["fields"]) == 5  # five events on the page, links dropped not cut
    assert len(pages[2]["fields"]) == 5  # and five reports: paging loses none
    assert pages[1]["fields"][-1]["name"].startswith("…and ")


def test_show_marks_copies_and_sources_that_add_nothing() -> None:
    copy = replace(report(post(id=3, title="Copy")), syndicated_of=1, independent=False)
    same = replace(report(post(id=4, title="Same author")), independent=False)
    denial = replace(report(post(id=5, title="Denied")), role="denial", reason="")
    embed = event_show_embed(event(), [report(), copy, same, denial], REGISTRY,
                             first_number=6, page=2, pages=2)
    values = [f["value"] for f in embed["fields"]]
    assert [f["name"][:2] for f in embed["fields"]] == ["6.", "7.", "8.", "9."]
    assert "(a copy of an earlier report)" in values[1]
    assert "(not an independent source)" in values[2]
    assert embed["fields"][3]["name"].startswith("9. Denial")
    assert "Why: no reason stored" in values[3]
    assert embed["footer"]["text"] == "Timeline, oldest first · page 2 of 2"
