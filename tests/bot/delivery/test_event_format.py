"""The event's embed, reply and console lines: what they show, and Discord's limits held
whatever the event holds (500 reports of hostile text)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.event_format import (
    event_console_line,
    event_embed,
    reply_text,
    source_links,
)
from bot.platforms import PlatformRegistry
from storage.queries.event_views import load_events
from tests.bot.delivery.test_format import LIVE_MENTION, _assert_limits, _texts
from tests.bot.delivery.views import WHEN, event, post, report
from tests.doubles.discord.validation import check_message
from tests.storage.event_data import join_event, open_event
from tests.storage.signal_data import T0, Decision, add_post

REGISTRY = PlatformRegistry()
HOSTILE = ("@everyone @here <@&123> <@!456> **bold** __u__ `code` [click](https://evil.example) "
           "# head\n> quote \x1b[31m \u202e 𝕏𝕏𝕏 ") * 12


def _fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


def test_event_embed_shows_the_event_and_its_sources() -> None:
    embed = event_embed(event(), REGISTRY)
    fields = _fields(embed)
    assert embed["title"] == "▼ Pay cut: Outlier"
    assert embed["description"].startswith("**Outlier cut generalist rates**\nLatest: [Latest one]")
    assert fields["Status"] == "🟠 Corroborated"
    assert fields["Score"] == "84/100"
    assert fields["Reports"] == "3 posts · 2 sources · 3 authors"
    assert fields["Figures"] == "$40/hr → $26/hr (-35%)"
    assert fields["Seen"].startswith(f"first <t:{int(WHEN.timestamp())}:f>")
    # The first report, then the newest from another source: one link per source.
    assert fields["Sources"].count("](") == 2
    assert fields["Sources"].splitlines()[1].startswith("[Latest one](https://news.example/9)")
    assert embed["footer"]["text"] == "labelwatch · event e17 · updated as reports arrive"
    assert embed["url"].startswith("https://www.reddit.com/r/outlier_ai/comments/1abc2de/")
    assert embed["color"] == 0xD64545
    json.dumps(embed)


def test_a_single_report_event_has_no_latest_line() -> None:
    embed = event_embed(event(post_count=1, source_count=1, author_count=0, latest=(report(),),
                              magnitude=None), REGISTRY)
    assert embed["description"] == "**Outlier cut generalist rates**"
    assert "Figures" not in _fields(embed)
    assert _fields(embed)["Reports"] == "1 post · 1 source"


def test_source_links_are_five_at_most_one_per_source() -> None:
    reports = tuple(report(post(id=100 + i, title=f"r{i}"), source_key=f"s{i % 7}")
                    for i in range(40))
    chosen = source_links(event(first=report(post(id=1)), latest=reports))
    assert len(chosen) == 5 and len({r.source_key for r in chosen}) == 5
    assert chosen[0].post.id == 1


async def test_an_event_of_500_hostile_reports_fits_discords_limits(
    db_sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db_sessions.begin() as s:
        first = await add_post(s, "t3_h0", title=HOSTILE, body=HOSTILE, decision=Decision(),
                               url="https://example.com/" + "a" * 1900, subreddit="x" * 21)
        opened = await open_event(s, first, title=HOSTILE * 3,
                                  magnitude={"text": HOSTILE, "currency": HOSTILE})
        for i in range(1, 500):
            pid = await add_post(s, f"t3_h{i}", title=f"{i} {HOSTILE}", decision=Decision(),
                                 created=T0 + timedelta(minutes=i), source_kind="feed",
                                 feed=f"{HOSTILE} outlet {i}",
                                 url=f"https://news{i}.example/{'p' * 1500}")
            await join_event(s, opened.event_id, pid, source_key=f"outlet{i}",
                             status="confirmed" if i == 499 else None)
        view = (await load_events(s, [opened.event_id]))[opened.event_id]
    assert view.post_count == 500 and len(view.latest) == 12
    embed = event_embed(view, REGISTRY)
    _assert_limits(embed)
    check_message({"embeds": [embed], "allowed_mentions": {"parse": []}})  # Discord's own checks
    for text in _texts(embed):
        assert not LIVE_MENTION.search(text), text
        assert "\x1b" not in text and "\u202e" not in text
    sources = _fields(embed)["Sources"]
    assert 1 <= sources.count("](") <= 5
    assert all(line.count("[") - line.count("\\[") == 1 for line in sources.splitlines())
    assert _fields(embed)["Reports"] == "500 posts · 500 sources"
    assert r"\*\*bold\*\*" in embed["description"]
    for status in ("confirmed", "disputed"):
        text = reply_text(view, status, REGISTRY)
        assert len(text) <= 2000 and "\n" not in text
        assert not LIVE_MENTION.search(text)


def test_replies_are_short_and_say_why() -> None:
    confirmed = reply_text(event(status="confirmed", source_count=5, post_count=6), "confirmed",
                           REGISTRY)
    assert confirmed == ("✅ **Confirmed** · e17 · Outlier: Outlier cut generalist rates "
                         "(5 independent sources, 6 posts)")
    denial = report(post(id=30, title="Outlier denies cuts", source_kind="feed",
                         subreddit=None, feed="Wire"), role="denial")
    disputed = reply_text(event(status="disputed", latest=(denial,)), "disputed", REGISTRY)
    assert disputed.startswith("⚠️ **Disputed** · e17 · Outlier: a credible denial arrived "
                               "(Wire).")


def test_console_lines_say_new_or_update_on_one_clean_line() -> None:
    dirty = event(title="Rates cut\n\x1b[2J\x1b[31mred\x07")
    new = event_console_line(dirty, REGISTRY, change=False)
    update = event_console_line(dirty, REGISTRY, change=True)
    for line in (new, update):
        assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert new.startswith("2026-05-04 12:30Z NEW e17 ▼ Pay cut [Outlier] corroborated score 84")
    assert "(3 posts, 2 sources) — Rates cut [2J[31mred [$40/hr → $26/hr (-35%)]" in new
    assert update.startswith("2026-05-04 12:30Z UPDATE e17")
    assert "latest: Latest one (Example News) https://news.example/9" in update
