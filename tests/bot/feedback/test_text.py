"""How feedback reads: the alert's note, explain's lines, the counts, the select choices."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.feedback.restore import Restored
from bot.feedback.text import (
    MAX_OPTIONS,
    choices,
    counts_text,
    marked_embed,
    max_values,
    not_signal_answer,
    restored_answer,
    with_counts,
    with_feedback,
)
from bot.platforms import PlatformRegistry
from bot.scoring.model import EVENT_TYPES
from storage.queries.feedback import FeedbackView

T = datetime(2026, 11, 2, 9, tzinfo=UTC)
REGISTRY = PlatformRegistry()


def test_the_alert_note_replaces_an_earlier_one_and_never_pings() -> None:
    base = {"title": "▼ Layoff: Mercor", "fields": [{"name": "Status", "value": "x"}]}
    once = marked_embed(base, 7, T)
    twice = marked_embed(once, 8, T)
    assert [f["name"] for f in twice["fields"]] == ["Status", "Feedback"]
    assert twice["fields"][-1]["value"].startswith("🚫 Marked not a signal by <@8>")
    assert base["fields"] == [{"name": "Status", "value": "x"}]  # not changed in place


def test_explain_lists_the_servers_feedback_with_corrections() -> None:
    rows = [FeedbackView(1, 1, 5, None, 7, "not_signal", T),
            FeedbackView(2, 1, 5, None, 8, "wrong_details", T, event_type="layoff",
                         platforms=("mercor", "other"), tier="expert")]
    embed = with_feedback({"fields": []}, rows, REGISTRY)
    value = embed["fields"][0]["value"]
    assert "🚫 not a signal · <@7>" in value
    assert "type → Layoff; platforms → Mercor, Other platform; tier → Expert" in value
    assert with_feedback({"fields": []}, [], REGISTRY) == {"fields": []}


def test_counts_read_plainly_and_stay_out_of_an_empty_server() -> None:
    assert counts_text({"not_signal": 1, "wrong_details": 2}) == \
        "1 post marked not a signal, 2 with corrected details."
    assert counts_text({}).startswith("No feedback yet")
    empty = {"description": "No alert routes yet"}
    assert with_counts(empty, {"not_signal": 0}) == empty
    assert with_counts(empty, {"not_signal": 2})["footer"]["text"].startswith(
        "Feedback: 2 posts marked not a signal")


def test_choices_fit_discords_limits_and_keep_other() -> None:
    platforms = choices("plat", REGISTRY, EVENT_TYPES, current=("toloka",))
    assert len(platforms) <= MAX_OPTIONS
    assert platforms[0][1] == "toloka" and platforms[-1][1] == "other"
    assert "none" not in [v for _, v in choices("type", REGISTRY, EVENT_TYPES)]
    assert [v for _, v in choices("tier", REGISTRY, EVENT_TYPES)] == \
        ["generalist", "expert", "all", "unknown"]
    assert max_values("plat", len(platforms)) == 3 and max_values("tier", 4) == 1


def test_the_answer_says_whether_the_event_closed_for_everyone_or_for_this_server() -> None:
    everyone = not_signal_answer(2, True)
    here = not_signal_answer(2, False, True)
    neither = not_signal_answer(1, False)
    assert everyone.startswith("Recorded, thank you: 2 posts marked not a signal.")
    assert "the event is closed." in everyone and "this server" not in everyone
    assert "closed for this server" in here and "Other servers still receive it" in here
    assert "closed" not in neither and "1 post marked" in neither


def test_restore_answers_say_which_of_the_three_things_happened() -> None:
    public = restored_answer(Restored(5, public=True, status="corroborated", withdrawn=1))
    reopened = restored_answer(Restored(5, public=False, status="confirmed", withdrawn=2,
                                        reopened=True, edits_queued=1))
    quiet = restored_answer(Restored(5, public=False, status="closed"))
    assert public.startswith("e5 is no longer marked not a signal in this server")
    assert reopened.startswith("e5 is no longer marked not a signal: it is open again (")
    assert "Confirmed" in reopened and "its alerts here are edited" in reopened
    assert reopened.endswith(' 2 "not a signal" verdicts of this server withdrawn.')
    assert quiet.startswith("e5 is no longer marked not a signal, but it stays closed")
    assert "A new report about it reopens it." in quiet and quiet.endswith("reopens it.")
    for answer in (reopened, quiet):
        assert "in this server" not in answer and "not sent again" not in answer
    assert "stays closed" not in reopened and "open again" not in quiet
