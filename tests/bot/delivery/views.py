"""Plain records for formatting tests (test data, built the way storage builds them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from storage.queries.event_views import EventView, ReportView
from storage.queries.outbox import OutboxView, RouteTarget
from storage.queries.postviews import PostView

WHEN = datetime(2026, 5, 4, 12, 30, tzinfo=UTC)

BASE = PostView(
    id=7, source_kind="reddit", external_id="t3_1abc2de",
    title="Outlier cut generalist rates today", body="Everyone on my project got the email.",
    url="https://www.reddit.com/r/outlier_ai/comments/1abc2de/rates/", subreddit="outlier_ai",
    feed=None, author="someone", created_utc=WHEN, scored_at=WHEN, scorer_version="rules-1",
    is_signal=True, score=87.4, event_type="pay_cut", direction="contraction",
    tier="generalist", platforms=("outlier", "scale_ai"),
    evidence=("rates dropped from $40/hr to $26/hr", "everyone on my project"),
    magnitude={"pay_before": 40, "pay_after": 26, "pay_unit": "hr", "currency": "USD",
               "percent": -35, "headcount": None, "text": "from $40/hr to $26/hr"},
)


def post(**changes: Any) -> PostView:
    return replace(BASE, **changes)


def outbox(p: PostView | None = None, *, kind: str = "channel", sink_id: str = "10",
           ping_role_id: int | None = None, item_id: int = 1) -> OutboxView:
    return OutboxView(
        id=item_id, attempts=0, created_at=WHEN,
        route=RouteTarget(route_id=1, kind=kind, sink_id=sink_id, guild_id=1,
                          ping_role_id=ping_role_id),
        post=p or BASE,
    )


def report(p: PostView | None = None, *, role: str = "report", source_key: str = "r/outlier_ai",
           reason: str = "same platform and pay figures") -> ReportView:
    return ReportView(post=p or BASE, role=role, reason=reason, source_key=source_key,
                      independent=True, syndicated_of=None, similarity=0.8, joined_at=WHEN)


EVENT = EventView(
    id=17, guild_id=None, origin="reports", title="Outlier cut generalist rates",
    platforms=("outlier",), parents=("scale_ai",), event_type="pay_cut",
    direction="contraction", tier="generalist",
    magnitude={"pay_before": 40, "pay_after": 26, "pay_unit": "hr", "currency": "USD"},
    first_seen=WHEN, last_seen=WHEN, status="corroborated", status_changed_at=WHEN,
    confirmed_at=None, score=84.0, post_count=3, source_count=2, author_count=3, revision=4,
    first=report(), latest=(report(post(id=9, title="Latest one", url="https://news.example/9",
                                        source_kind="feed", subreddit=None,
                                        feed="Example News"), source_key="Example News"),
                            report()),
)


def event(**changes: Any) -> EventView:
    return replace(EVENT, **changes)


def event_item(e: EventView | None = None, *, kind: str = "new", sink_id: str = "10",
               route_kind: str = "channel", message_id: str | None = None,
               event_status: str = "", ping_role_id: int | None = None) -> OutboxView:
    return OutboxView(
        id=1, attempts=0, created_at=WHEN,
        route=RouteTarget(route_id=1, kind=route_kind, sink_id=sink_id, guild_id=1,
                          ping_role_id=ping_role_id),
        kind=kind, event=e or EVENT, message_id=message_id, event_status=event_status,
    )
