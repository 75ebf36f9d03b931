from datetime import UTC, datetime, timedelta

from bot.config import FeedSettings
from bot.records import SourceState
from bot.sources.backoff import backoff_seconds, is_due, record_failure, record_success

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
POLICY = FeedSettings(failing_after=3, max_backoff_seconds=200)


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, POLICY) for n in range(1, 6)] == [30, 60, 120, 200, 200]
    assert backoff_seconds(10_000, POLICY) == 200


def test_failures_mark_failing_and_push_next_attempt() -> None:
    state = SourceState(key="feed:x")
    for n in range(1, 4):
        state = record_failure(state, "HTTP 503", NOW, POLICY)
        assert state.failures == n
        assert state.last_error == "HTTP 503"
        assert state.last_attempt == NOW
    assert state.failing
    assert state.next_attempt == NOW + timedelta(seconds=120)
    assert not is_due(state, NOW + timedelta(seconds=119))
    assert is_due(state, NOW + timedelta(seconds=120))


def test_retry_after_lengthens_but_never_past_the_cap() -> None:
    state = record_failure(SourceState(key="k"), "HTTP 429 rate limited", NOW, POLICY,
                           retry_after=90)
    assert state.next_attempt == NOW + timedelta(seconds=90)
    state = record_failure(SourceState(key="k"), "HTTP 429 rate limited", NOW, POLICY,
                           retry_after=86400)
    assert state.next_attempt == NOW + timedelta(seconds=200)


def test_success_resets_everything_but_the_cursor() -> None:
    state = SourceState(key="k", cursor="t3_a@1", failures=5, failing=True,
                        last_error="timeout after 20s", next_attempt=NOW)
    state = record_success(state, NOW)
    assert (state.failures, state.failing, state.last_error) == (0, False, None)
    assert state.last_success == NOW and state.next_attempt is None
    assert state.cursor == "t3_a@1"
    assert is_due(state, NOW)
