from datetime import UTC, datetime

import pytest

from bot.records import PostRecord
from bot.sources.reddit_common import (
    Cursor,
    batch_key,
    batch_subreddits,
    drop_older,
    scan_page,
)


def post(fullname: str, ts: float) -> PostRecord:
    return PostRecord("reddit", fullname, fullname, created_utc=datetime.fromtimestamp(ts, UTC))


def test_batches_dedupe_case_insensitively_in_stable_order() -> None:
    names = ["Outlier_AI", "mercor_ai", "outlier_ai", "r/Appen", "MTurk", "appen"]
    assert batch_subreddits(names, 2) == [("Outlier_AI", "mercor_ai"), ("Appen", "MTurk")]
    assert batch_subreddits([f"s{i:02d}" for i in range(30)], 25)[1] == tuple(
        f"s{i:02d}" for i in range(25, 30)
    )
    with pytest.raises(ValueError):
        batch_subreddits(names, 0)


def test_batch_key_is_order_and_case_independent() -> None:
    assert batch_key(["Outlier_AI", "appen"]) == "reddit:appen+outlier_ai"
    assert batch_key(["appen", "outlier_ai"]) == batch_key(["OUTLIER_AI", "Appen"])


def test_cursor_round_trips_and_tolerates_a_bare_fullname() -> None:
    cursor = Cursor.of(post("t3_abc", 1718000000))
    assert cursor.encode() == "t3_abc@1718000000"
    assert Cursor.decode(cursor.encode()) == cursor
    assert Cursor.decode("t3_abc") == Cursor("t3_abc")
    assert Cursor.decode("t3_abc@junk") == Cursor("t3_abc")
    assert Cursor.decode(None) is None


def test_scan_stops_at_the_cursor() -> None:
    page = [post("t3_c", 300), post("t3_b", 200), post("t3_a", 100)]
    scan = scan_page(page, Cursor("t3_b", 200))
    assert [p.external_id for p in scan.new] == ["t3_c"]
    assert scan.found and scan.done


def test_scan_with_a_deleted_cursor_stops_once_clearly_past_its_time() -> None:
    page = [post("t3_e", 1000), post("t3_d", 990), post("t3_a", 100)]
    scan = scan_page(page, Cursor("t3_gone", 995))
    assert not scan.found and scan.done
    assert [p.external_id for p in drop_older(scan.new, Cursor("t3_gone", 995))] == ["t3_e"]
    near = scan_page([post("t3_e", 1000), post("t3_d", 990)], Cursor("t3_gone", 995))
    assert not near.done  # within the slack: look one page further


def test_scan_without_cursor_takes_the_page() -> None:
    page = [post("t3_b", 2), post("t3_a", 1)]
    scan = scan_page(page, None)
    assert scan.new == page and not scan.done
