"""A doctor's verdict on one thing, and how a list of them is printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
_MARKS = {OK: "ok  ", WARN: "WARN", FAIL: "FAIL", SKIP: "skip"}


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    """ok, warn (works, but look), fail (broken: exit code 1) or skip (not configured)."""
    detail: str
    fix: str = ""
    """What to do about it; empty when nothing needs doing."""

    def line(self) -> str:
        text = f"{_MARKS[self.status]}  {self.name}: {self.detail}"
        return f"{text} → {self.fix}" if self.fix else text


def failed(checks: Sequence[Check]) -> bool:
    return any(c.status == FAIL for c in checks)


def report_json(checks: Sequence[Check]) -> dict[str, object]:
    counts = {s: sum(c.status == s for c in checks) for s in (OK, WARN, FAIL, SKIP)}
    return {"ok": not failed(checks), "counts": counts, "checks": [asdict(c) for c in checks]}


def summary_line(checks: Sequence[Check]) -> str:
    counts = {s: sum(c.status == s for c in checks) for s in (OK, WARN, FAIL, SKIP)}
    verdict = "something needs fixing" if counts[FAIL] else "all good"
    return (f"{len(checks)} checks: {counts[OK]} ok, {counts[WARN]} warnings, "
            f"{counts[FAIL]} failed, {counts[SKIP]} skipped: {verdict}")
