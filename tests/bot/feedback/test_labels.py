"""Feedback folded into signals.md labels: the latest verdict decides, corrections per field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.feedback.labels import NOT_A_SIGNAL, export_line, labels_for
from storage.queries.feedback import NOT_SIGNAL, WRONG_DETAILS, FeedbackView
from storage.queries.postviews import PostView

T = datetime(2026, 11, 2, 9, tzinfo=UTC)
POST = PostView(id=5, source_kind="reddit", external_id="t3_abc", title="Outlier cut rates",
                body="For everyone.", url="https://www.reddit.com/r/outlier_ai/comments/abc/x/",
                subreddit="outlier_ai", feed=None, author="a", created_utc=T,
                scored_at=T, is_signal=True, score=90.0, event_type="pay_cut",
                direction="contraction", tier="generalist", platforms=("outlier",))


def row(n: int, verdict: str, guild: int = 1, **fields: object) -> FeedbackView:
    return FeedbackView(id=n, guild_id=guild, post_id=5, event_id=None, user_id=100 + n,
                        verdict=verdict, created_at=T + timedelta(minutes=n),
                        **fields)  # type: ignore[arg-type]


def test_not_a_signal_labels_it_a_non_signal() -> None:
    assert labels_for(POST, [row(1, NOT_SIGNAL)]) == NOT_A_SIGNAL


def test_corrections_keep_the_scorers_values_for_fields_nobody_corrected() -> None:
    labels = labels_for(POST, [row(1, WRONG_DETAILS, event_type="layoff"),
                               row(2, WRONG_DETAILS, guild=2, tier="expert"),
                               row(3, WRONG_DETAILS, event_type="pay_raise")])
    assert labels == {"is_signal": True, "event_type": "pay_raise", "direction": "expansion",
                      "tier": "expert", "platforms": ["outlier"]}


def test_the_latest_verdict_wins() -> None:
    rows = [row(1, WRONG_DETAILS, platforms=("mercor",)), row(2, NOT_SIGNAL)]
    assert labels_for(POST, rows)["is_signal"] is False
    # A correction after a rejection says it is a signal after all; older corrections
    # (before the rejection) no longer count.
    labels = labels_for(POST, [*rows, row(3, WRONG_DETAILS, tier="all")])
    assert labels["is_signal"] is True and labels["platforms"] == ["outlier"]
    assert labels["tier"] == "all"


def test_an_export_line_is_scoring_input_plus_labels() -> None:
    line = export_line(POST, [row(1, NOT_SIGNAL), row(2, NOT_SIGNAL, guild=2)])
    assert (line["id"], line["source"], line["subreddit"], line["title"], line["body"],
            line["created_utc"]) == ("t3_abc", "reddit", "outlier_ai", "Outlier cut rates",
                                     "For everyone.", "2026-11-02T09:00:00Z")
    assert line["labels"] == NOT_A_SIGNAL
    assert line["feedback"] == {"verdict": NOT_SIGNAL, "rows": 2, "guilds": 2,
                                "given_at": "2026-11-02T09:02:00Z"}


def test_no_feedback_is_no_label() -> None:
    with pytest.raises(ValueError):
        labels_for(POST, [])
