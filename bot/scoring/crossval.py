"""Out-of-fold figures for the rules, the model and the combination (``labelwatch crossval``).

Every post is scored by a model that never saw it nor any rewrite of its story:
posts are grouped into stories (files written as rewrites of one another share
long word runs, so posts sharing enough 5-word shingles are one story), and a
story's posts fall in one fold together. A second view holds out whole files:
the model is trained on every other file and scored on the one held out, which
is closest to how an unseen collection behaves. The rules run as they are (they
were tuned on these sets, so their own figures here flatter them).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.records import PostRecord
from bot.scoring.evaluate import FIELDS, Tally, _count
from bot.scoring.learned import LinearModel, post_features
from bot.scoring.rules import RuleResult
from bot.scoring.scorer import MODES, Analysis, Scorer

HELD_OUT = ("real_", "dev")
"""Files the per-file view holds out in turn, by how their names start: every real
collection (``real_dev``, ``real_train``, ``real_train_*``), every events development set
(``dev.jsonl``, ``dev_2.jsonl``, ...) and the shared development set (``dev_set.jsonl``)."""
_WORD = re.compile(r"[a-z0-9]+")
_SHARE = 0.5
"""Two posts sharing this share of the smaller one's 5-word shingles tell one story."""


@dataclass
class Item:
    post: PostRecord
    labels: dict[str, Any]
    file: str
    rules: RuleResult
    feats: set[str]


def load(paths: Sequence[Path], scorer: Scorer) -> list[Item]:
    """Every labelled post of ``paths`` (measurement sets refused, as for training) with
    the rules' result and the model's features, worked out once for every fold."""
    from bot.scoring.train import read_sets

    items = []
    for path in paths:
        for post, labels in read_sets([path]):
            r = scorer.rules.run(post)
            items.append(Item(post, labels, Path(path).name, r, post_features(post, r)))
    return items


def _shingles(post: PostRecord) -> set[str]:
    words = _WORD.findall(f"{post.title} {post.body}".lower())
    return {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}


def stories(items: Sequence[Item]) -> list[int]:
    """A story number per item: items joined when they share enough shingles."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sets = [_shingles(it.post) for it in items]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            index[sh].append(i)
    for i, s in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for sh in s:
            for j in index[sh]:
                if j > i:
                    shared[j] += 1
        for j, n in shared.items():
            if n >= _SHARE * min(len(s), len(sets[j])):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(items))]


def _fold(story: int, items: Sequence[Item], k: int) -> int:
    key = f"{items[story].file}:{items[story].post.external_id}"
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % k


def _score(scorer: Scorer, train: Sequence[Item], test: Sequence[Item],
           tallies: dict[str, dict[str, Tally]], predictions: TextIO | None = None) -> None:
    from bot.scoring.train import fit

    scorer.model = LinearModel(fit([it.feats for it in train], [it.labels for it in train]))
    for it in test:
        analysis = scorer.analyse(it.post, rules=it.rules)
        for name in (it.file, "all"):
            for mode in MODES:
                _count(tallies[name].setdefault(mode, Tally()), it.labels, analysis.by_mode[mode])
        if predictions is not None:
            predictions.write(json.dumps(prediction(scorer, it, analysis)) + "\n")


def prediction(scorer: Scorer, it: Item, analysis: Analysis) -> dict[str, Any]:
    """One post's out-of-fold line: its labels, the decision of every mode, the rules' lead
    cue and the model's type probabilities, so errors can be sorted by what caused them."""
    labels = {k: it.labels.get(k) for k in ("is_signal", "event_type", "tier", "platforms")}
    modes = {mode: {"is_signal": d.is_signal, "score": round(d.score, 1),
                    "event_type": d.event_type, "tier": d.tier,
                    "platforms": list(d.platforms)}
             for mode, d in analysis.by_mode.items()}
    lead = it.rules.lead
    model: dict[str, Any] = {}
    if scorer.model is not None:
        opinion = scorer.model.opinion(it.feats)
        top = sorted(opinion.types.items(), key=lambda kv: -kv[1])[:3]
        model = {"probability": round(opinion.probability, 3),
                 "types": {t: round(p, 3) for t, p in top}}
    return {"id": it.post.external_id, "file": it.file, "title": it.post.title,
            "labels": labels, **modes,
            "lead": None if lead is None else {"event_type": lead.event_type,
                                               "weight": lead.weight, "cue": lead.cue},
            "rules_platforms": list(it.rules.platforms), "cues": it.rules.cues,
            "model_opinion": model, "reasons": analysis.reasons}


def run(paths: Sequence[Path], out: TextIO, folds: int = 5,
        predictions: TextIO | None = None) -> dict[str, dict[str, Tally]]:
    """Print story-grouped k-fold figures per file and overall, then per-file-held-out ones.

    ``predictions``: where to write one JSON line per post of the k-fold view (each post
    scored once, by the model of the fold that left its story out)."""
    scorer = Scorer(use_model=False)
    items = load(paths, scorer)
    story = stories(items)
    groups = len(set(story))
    tallies: dict[str, dict[str, Tally]] = defaultdict(dict)
    for k in range(folds):
        held = [_fold(s, items, folds) == k for s in story]
        _score(scorer, [it for it, h in zip(items, held, strict=True) if not h],
               [it for it, h in zip(items, held, strict=True) if h], tallies, predictions)
    out.write(f"{len(items)} posts in {groups} stories, {folds} folds by story\n")
    _table(out, tallies)
    held_out: dict[str, dict[str, Tally]] = defaultdict(dict)
    for name in sorted({it.file for it in items if it.file.startswith(HELD_OUT)}):
        _score(scorer, [it for it in items if it.file != name],
               [it for it in items if it.file == name], held_out)
    held_out.pop("all", None)
    out.write("\neach file held out, the model trained on every other file\n")
    _table(out, held_out)
    return tallies


def _table(out: TextIO, tallies: dict[str, dict[str, Tally]]) -> None:
    out.write(f"  {'file':<22}{'mode':<10}{'prec':>7}{'recall':>7}{'f1':>7}"
              + "".join(f"{f[:8]:>10}" for f in FIELDS) + "\n")
    for name in sorted(tallies, key=lambda n: (n == "all", n)):
        for mode in MODES:
            t = tallies[name][mode]
            out.write(f"  {name:<22}{mode:<10}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
                      + "".join(f"{t.field(f):>10.3f}" for f in FIELDS) + "\n")

