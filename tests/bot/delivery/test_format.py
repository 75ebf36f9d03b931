from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.delivery.format import (
    alert_embed,
    allowed_mentions,
    console_line,
    magnitude_text,
    ping_content,
)
from bot.delivery.text import (
    ELLIPSIS,
    ZWSP,
    cut,
    embed_size,
    escape_block,
    escape_inline,
    fit_embed,
    safe_url,
)
from bot.platforms import PlatformRegistry
from tests.bot.delivery.views import WHEN, outbox, post

REGISTRY = PlatformRegistry()
LIVE_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


def _texts(embed: dict[str, Any]) -> list[str]:
    out = [embed.get("title", ""), embed.get("description", ""),
           embed.get("footer", {}).get("text", "")]
    for f in embed.get("fields", []):
        out += [f["name"], f["value"]]
    return out


def _assert_limits(embed: dict[str, Any]) -> None:
    assert len(embed.get("title", "")) <= 256
    assert len(embed.get("description", "")) <= 4096
    assert len(embed.get("footer", {}).get("text", "")) <= 2048
    assert len(embed.get("fields", [])) <= 25
    for f in embed.get("fields", []):
        assert 0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024
    assert embed_size(embed) <= 6000


def test_alert_embed_fields() -> None:
    embed = alert_embed(outbox(), REGISTRY)
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert embed["title"] == "▼ Pay cut: Outlier, Scale AI"
    assert embed["url"] == "https://www.reddit.com/r/outlier_ai/comments/1abc2de/rates/"
    assert embed["description"].startswith("**Outlier cut generalist rates today**")
    assert embed["color"] == 0xD64545
    assert embed["timestamp"] == WHEN.isoformat()
    assert fields["Platforms"] == "Outlier, Scale AI"
    assert fields["Event"] == "Pay cut"
    assert fields["Tier"] == "Generalists"
    assert fields["Direction"] == "▼ Contraction"
    assert fields["Score"] == "87/100"
    assert fields["Magnitude"] == "$40/hr → $26/hr (-35%)"
    assert fields["Evidence"].startswith("> “rates dropped from $40/hr to $26/hr”")
    assert fields["Source"].startswith(r"r/outlier\_ai · [open the post](https://www.reddit.com/")
    assert "outlier_ai" in embed["footer"]["text"]
    json.dumps(embed)  # the API's JSON shape, nothing discord.py-specific


def test_expansion_colour_and_missing_link() -> None:
    embed = alert_embed(post(direction="expansion", event_type="pay_raise", url=None,
                             magnitude=None, evidence=()), REGISTRY)
    assert embed["color"] == 0x2E9E5B and embed["title"].startswith("▲ Pay raise")
    assert embed["url"] == "https://redd.it/1abc2de"
    names = [f["name"] for f in embed["fields"]]
    assert "Magnitude" not in names and "Evidence" not in names
    feed = alert_embed(post(source_kind="feed", external_id="guid-1", url="javascript:alert(1)",
                            subreddit=None, feed="Example *News*"), REGISTRY)
    assert "url" not in feed
    assert {f["name"]: f["value"] for f in feed["fields"]}["Source"] == r"Example \*News\*"


def test_untrusted_text_is_escaped_and_cannot_ping() -> None:
    hostile = "**FAKE** @everyone @here <@&123> <@!45678> <@9> [click](https://evil.example) `x`"
    embed = alert_embed(post(title=hostile, body=hostile + "\n# Header\n> quote",
                             evidence=(hostile,), subreddit="x_y_z"), REGISTRY)
    for text in _texts(embed):
        assert not LIVE_MENTION.search(text), text
    assert f"@{ZWSP}everyone" in embed["description"]
    assert f"<@{ZWSP}&123>" in embed["description"]
    assert r"\*\*FAKE\*\*" in embed["description"]
    assert r"\[click\]" not in embed["description"]  # markdown link disarmed
    assert r"\[click](https://evil.example)" in embed["description"]
    assert r"\# Header" in embed["description"] and r"\> quote" in embed["description"]
    assert allowed_mentions(None) == {"parse": []}


def test_huge_post_fits_discord_limits() -> None:
    evidence = tuple(f"@everyone <@&123> phrase {i} " + "y" * 600 for i in range(40))
    embed = alert_embed(post(title="T" * 1000, body="word " * 4000, evidence=evidence,
                             subreddit="s" * 3000), REGISTRY)
    _assert_limits(embed)
    assert embed["description"].endswith(ELLIPSIS) or " …" in embed["description"]
    assert len(embed["description"]) < 1200  # an excerpt, not the whole 20,000 characters
    evidence_field = next(f for f in embed["fields"] if f["name"] == "Evidence")
    assert evidence_field["value"].endswith(ELLIPSIS)
    for text in _texts(embed):
        assert not LIVE_MENTION.search(text)


def test_fit_embed_applies_total_and_field_count() -> None:
    fields = [{"name": "n" * 300, "value": "v" * 2000} for _ in range(30)]
    embed = fit_embed({"title": "t" * 400, "description": "d" * 5000, "fields": fields,
                       "footer": {"text": "f" * 3000}})
    _assert_limits(embed)
    assert embed["title"] == "t" * 255 + ELLIPSIS
    assert embed["description"] == ZWSP  # the description goes first when over 6000
    assert 0 < len(embed["fields"]) < 25
    assert fit_embed({"title": "x", "fields": [{"name": "", "value": ""}]})["fields"] == [
        {"name": ZWSP, "value": ZWSP, "inline": False}]


def test_cut_counts_astral_characters_twice() -> None:
    assert cut("abc", 3) == "abc"
    assert cut("abcdef", 4) == "abc" + ELLIPSIS
    assert cut("😀" * 10, 5) == "😀😀" + ELLIPSIS


def test_escape_helpers() -> None:
    assert escape_inline("a\nb\tc\x1b[31m") == "a b c[31m"
    assert escape_block("line\r\n\n\n\nnext") == "line\n\nnext"
    assert escape_inline("@here") == f"@{ZWSP}here"
    assert escape_inline("mail me at a@b.com") == "mail me at a@b.com"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("http://x.org/p?q=1&r=(2)", "http://x.org/p?q=1&r=%282%29"),
    ("javascript:alert(1)", None), ("ftp://x.org/", None), ("https://", None),
    ("https://x.org/\x00", None), (None, None), ("https://x.org/" + "a" * 3000, None),
])
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(("magnitude", "expected"), [
    ({"pay_before": 40, "pay_after": 26, "pay_unit": "hour", "currency": "USD"},
     "$40/hr → $26/hr (-35%)"),
    ({"pay_before": 20.5, "pay_after": 25, "pay_unit": "hr", "currency": "EUR", "percent": 0.22},
     "€20.5/hr → €25/hr (+22%)"),
    ({"percent": -20}, "-20%"),
    ({"pay_after": 15, "currency": "PLN", "pay_unit": "task"}, "now 15 PLN/task"),
    ({"headcount": 1200}, "1,200 workers"),
    ({"text": "about *half* the team"}, r"about \*half\* the team"),
    ({"pay_before": None, "percent": None, "text": None}, None),
    (None, None),
])
def test_magnitude_text(magnitude: dict[str, Any] | None, expected: str | None) -> None:
    assert magnitude_text(magnitude) == expected


def test_views_never_show_a_webhook_token() -> None:
    item = outbox(kind="webhook", sink_id="https://discord.com/api/webhooks/1/s3cr3t")
    assert "s3cr3t" not in repr(item) and item.route.sink_id.endswith("s3cr3t")


def test_allowed_mentions_and_ping() -> None:
    assert allowed_mentions(555) == {"parse": [], "roles": [555]}
    assert ping_content(555) == "<@&555>" and ping_content(None) is None


def test_console_line_is_one_clean_line() -> None:
    line = console_line(outbox(post(title="Rates cut\n\x1b[2J\x1b[31mred\x07")), REGISTRY)
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line.startswith("2026-05-04 12:30Z ▼ Pay cut [Outlier, Scale AI] score 87")
    assert "Rates cut [2J[31mred" in line
    assert "[$40/hr → $26/hr (-35%)]" in line
    assert line.endswith("https://www.reddit.com/r/outlier_ai/comments/1abc2de/rates/")
