"""``labelwatch eval``: how the scorer does on a labelled file, per part and combined.

The first block is the combined scorer (what the bot runs); the table after it
puts the rules alone, the model alone and the combination side by side, so a
change to either part shows what it does to the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from bot.records import PostRecord
from bot.scoring.scorer import MODES, Analysis, Scorer

FIELDS = ("event_type", "direction", "tier", "platforms")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    on_signals: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def precision(self) -> float:
        return self.ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field(self, name: str) -> float:
        return self.ratio(self.right[name], self.on_signals)


def _count(tally: Tally, labels: dict[str, Any], got: Any) -> list[str]:
    expected = bool(labels["is_signal"])
    problems: list[str] = []
    if expected and got.is_signal:
        tally.tp += 1
    elif got.is_signal:
        tally.fp += 1
        problems.append("is_signal")
    elif expected:
        tally.fn += 1
        problems.append("is_signal")
    else:
        tally.tn += 1
    if expected:
        tally.on_signals += 1
        pairs = {
            "event_type": (labels.get("event_type"), got.event_type),
            "direction": (labels.get("direction"), got.direction),
            "tier": (labels.get("tier"), got.tier),
            "platforms": (sorted(labels.get("platforms") or []), list(got.platforms)),
        }
        for name, (want, have) in pairs.items():
            if want == have:
                tally.right[name] += 1
            elif got.is_signal:
                problems.append(name)
    return problems


def evaluate(rows: Sequence[tuple[PostRecord, dict[str, Any]]], scorer: Scorer, out: TextIO,
             show_errors: bool = False) -> dict[str, Tally]:
    tallies = {mode: Tally() for mode in MODES}
    wrong: list[tuple[PostRecord, dict[str, Any], Analysis, list[str]]] = []
    for post, labels in rows:
        analysis = scorer.analyse(post)
        for mode in MODES:
            decision = analysis.by_mode.get(mode, analysis.decision)
            problems = _count(tallies[mode], labels, decision)
            if mode == scorer.mode and problems:
                wrong.append((post, labels, analysis, problems))
    _report(out, len(rows), tallies[scorer.mode], scorer.threshold)
    _side_by_side(out, tallies, scorer.model is not None)
    if show_errors:
        _errors(out, wrong)
    return tallies


def _report(out: TextIO, total: int, t: Tally, threshold: float) -> None:
    out.write(f"posts: {total}  true signals: {t.on_signals}  threshold: {threshold:g}\n")
    out.write(f"is_signal   precision {t.precision:.3f}  recall {t.recall:.3f}  f1 {t.f1:.3f}"
              f"  (tp {t.tp}, fp {t.fp}, fn {t.fn}, tn {t.tn})\n")
    out.write(f"on the {t.on_signals} true signals (a missed signal counts as wrong):\n")
    for name in FIELDS:
        label = "platforms (exact set)" if name == "platforms" else name
        out.write(f"  {label:<22}{t.field(name):.3f}  ({t.right[name]}/{t.on_signals})\n")


def _side_by_side(out: TextIO, tallies: dict[str, Tally], has_model: bool) -> None:
    out.write("\n              " + "".join(f"{m:>10}" for m in MODES) + "\n")
    rows: list[tuple[str, Any]] = [
        ("precision", lambda t: t.precision), ("recall", lambda t: t.recall),
        ("f1", lambda t: t.f1), ("false alerts", lambda t: float(t.fp)),
        *((name, lambda t, n=name: t.field(n)) for name in FIELDS)]
    for label, get in rows:
        cells = "".join(f"{get(tallies[m]):>10.3f}" if label != "false alerts"
                        else f"{int(get(tallies[m])):>10d}" for m in MODES)
        out.write(f"  {label:<12}{cells}\n")
    if not has_model:
        out.write("  (no model file: model and combined are the rules alone; "
                  "run `labelwatch train`)\n")


def _errors(out: TextIO, wrong: list[tuple[PostRecord, dict[str, Any], Analysis, list[str]]]
            ) -> None:
    out.write(f"\n{len(wrong)} posts with errors:\n")
    for post, labels, analysis, problems in wrong:
        d = analysis.decision
        out.write(f"\n[{post.external_id}] {post.title[:90]}\n")
        out.write(f"  wrong: {', '.join(problems)}\n")
        out.write(f"  expected: signal={labels.get('is_signal')} {labels.get('event_type')} "
                  f"{labels.get('tier')} {labels.get('platforms')}\n")
        out.write(f"  got:      signal={d.is_signal} {d.event_type} {d.tier} "
                  f"{list(d.platforms)} score={d.score:.1f}\n")
        if d.evidence:
            out.write(f"  evidence: {'; '.join(d.evidence)}\n")
        if analysis.reasons:
            out.write(f"  why: {' | '.join(analysis.reasons)}\n")
