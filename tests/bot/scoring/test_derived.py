"""Derived clauses kept between processes: the same answers, read back, never trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.scoring.derived import DerivedClauses, cache_folder
from bot.scoring.prefilter import alternatives_of

PATTERNS = [r"\blaid off\b|\bpay cut\b", r"(?:hiring|recruiting) freeze", r"\bpaused?\b"]


def test_clauses_are_derived_once_and_read_back_by_the_next_process(tmp_path: Path) -> None:
    first = DerivedClauses(tmp_path)
    assert [first(p) for p in PATTERNS] == [alternatives_of(p) for p in PATTERNS]
    assert first.derived == 3
    first.save()
    assert first.derived == 0 and len(list(tmp_path.iterdir())) == 1
    second = DerivedClauses(tmp_path)
    assert [second(p) for p in PATTERNS] == [alternatives_of(p) for p in PATTERNS]
    assert second.derived == 0  # read, not derived
    second(r"\bnew\b")
    assert second.derived == 1


def test_a_damaged_file_is_derived_again_and_replaced(tmp_path: Path) -> None:
    keeper = DerivedClauses(tmp_path)
    keeper(PATTERNS[0])
    keeper.save()
    (kept,) = tmp_path.iterdir()
    for damage in ("{not json", json.dumps({PATTERNS[0]: 7}), "[]"):
        kept.write_text(damage, encoding="utf-8")
        again = DerivedClauses(tmp_path)
        assert again(PATTERNS[0]) == alternatives_of(PATTERNS[0]) and again.derived == 1
        again.save()
        assert DerivedClauses(tmp_path)(PATTERNS[0]) == alternatives_of(PATTERNS[0])


def test_nothing_is_kept_where_it_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    clauses = DerivedClauses(blocked / "labelwatch")
    assert clauses(PATTERNS[1]) == alternatives_of(PATTERNS[1])
    clauses.save()  # logged, not raised
    nowhere = DerivedClauses(None)
    nowhere(PATTERNS[1])
    nowhere.save()


def test_where_they_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_folder({"LABELWATCH_CACHE_DIR": "/x/y"}) == Path("/x/y")
    assert cache_folder({"LABELWATCH_CACHE_DIR": ""}) is None
    assert cache_folder({"XDG_CACHE_HOME": "/c"}) == Path("/c/labelwatch")
    assert cache_folder({}) == Path.home() / ".cache" / "labelwatch"


    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_folder({}) is None  # a user with no home folder keeps nothing, and scores
