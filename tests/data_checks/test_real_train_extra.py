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
# Each collection's id prefix (README_real.md): a new file must name its own here,
# so two collections can never mint the same id for different URLs.
ID_PREFIX = {"real_train_2.jsonl": "ry", "real_train_3.jsonl": "rz"}


def _rows(name: str) -> list[dict[str, Any]]:
    return read_rows(DATA / name)


def _normalised(url: str) -> str:
    """The URL without scheme, "www.", query, fragment or trailing slash: one page
    read twice through slightly different links is still one item."""
    bare = re.sub(r"^[a-z]+://", "", url.strip().lower())
    bare = re.sub(r"^www\.", "", bare)
    return bare.split("#", 1)[0].split("?", 1)[0].rstrip("/")


def test_there_is_a_later_collection() -> None:
    assert EXTRA


@pytest.mark.parametrize("name", EXTRA)
def test_every_collection_has_its_own_id_prefix(name: str) -> None:
    assert name in ID_PREFIX
    assert len(set(ID_PREFIX.values())) == len(ID_PREFIX)


@pytest.mark.parametrize("name", EXTRA)
def test_rows_are_scoring_input_with_valid_labels(name: str) -> None:
    prefix = ID_PREFIX[name]
    for row in _rows(name):
        where = row.get("id")
        assert set(row) == FIELDS, where
        digest = hashlib.sha256(row["url"].encode("utf-8")).hexdigest()[:10]
        assert row["id"] == prefix + digest, where
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


def test_later_collections_repeat_no_page_under_another_link() -> None:
    """The later collections were screened by normalised URL, so none of their rows
    may point at a page already held under a link differing only in scheme, "www.",
    query or trailing slash (the earlier files predate that screen and are not
    compared with each other)."""
    held = {_normalised(row["url"]) for name in ("real_dev.jsonl", "real_train.jsonl")
            for row in _rows(name)}
    for name in EXTRA:
        for row in _rows(name):
            url = _normalised(row["url"])
            assert url not in held, (name, row["id"])
            held.add(url)
