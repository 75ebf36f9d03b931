"""The later real training collections (``real_train_*.jsonl``) are well-formed.

They hold real posts and press items kept for training only, labelled by hand as
``README_real.md`` describes; a label outside signals.md, an id that does not follow
the collection's rule or a URL already held by another real set would teach the
model something wrong or count one item twice. The frozen half is never opened here.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from tests.data_checks.labels import DATA, check_labels, check_source, read_rows

EXTRA = sorted(p.name for p in DATA.glob("real_train_*.jsonl"))
FIELDS = {"id", "source", "subreddit", "feed", "title", "body", "created_utc", "url", "labels"}


def _rows(name: str) -> list[dict[str, Any]]:
    return read_rows(DATA / name)


def test_there_is_a_later_collection() -> None:
    assert EXTRA


@pytest.mark.parametrize("name", EXTRA)
def test_rows_are_scoring_input_with_valid_labels(name: str) -> None:
    for row in _rows(name):
        where = row.get("id")
        assert set(row) == FIELDS, where
        digest = hashlib.sha256(row["url"].encode("utf-8")).hexdigest()[:10]
        assert row["id"] == "ry" + digest, where
        assert re.match(r"^https?://\S+$", row["url"]), where
        assert row["title"] or row["body"], where
        assert len(row["body"]) <= 1600, where
        check_source(row, where)
        if row["created_utc"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", row["created_utc"]), where
        check_labels(row["labels"], where)


def test_no_url_or_id_shared_with_the_other_open_real_sets() -> None:
    """Checked against the development half and the first training file; the frozen
    half was checked before the items were kept, without opening it here."""
    seen_urls: set[str] = set()
    seen_ids: set[str] = set()
    for name in ("real_dev.jsonl", "real_train.jsonl", *EXTRA):
        for row in _rows(name):
            assert row["url"] not in seen_urls, (name, row["id"])
            assert row["id"] not in seen_ids, (name, row["id"])
            seen_urls.add(row["url"])
            seen_ids.add(row["id"])
