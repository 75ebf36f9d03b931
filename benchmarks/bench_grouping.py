"""Grouping quality: B-cubed precision, recall and F1 of replayed events on a labelled set.

Each line of the set is scoring input with ``created_utc`` (``author`` and
``url`` optional) and ``event``: the hand label, shared by the posts of one
event, null for posts that belong to none. The set is replayed exactly as
``labelwatch replay`` does (fresh database, one every-signal route) and the
predicted events are scored against the hand labels with B-cubed over the
labelled posts: per post, precision is the share of its predicted event that
belongs to its true event, recall the share of its true event found in its
predicted event (a post placed in no event is an event of its own). The
baseline puts a signal post with the latest group of one of its platforms
whose last post is at most 7 days old.

With ``--missed``, each labelled post in no event is listed with why, counted by
reason: what a wider follow-up rule (scoring.toml ``[follow_up]``) could still win.

Also printed: new messages per event (``alert == "new"`` per labelled event;
the target is at most 1.2) and how many unlabelled posts were put in events.

Usage: python benchmarks/bench_grouping.py [--config FILE] [--missed] [FILE ...]
(default: tests/data/events/dev.jsonl; ``--config`` as for ``labelwatch replay``, for
instance a ``[scoring] model`` trained without the set measured). Tune on dev; holdout is measured
once per change and never read.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings, load_settings, scorer_for
from bot.events.replay import read_input, replay

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "events" / "dev.jsonl"


def bcubed(gold: dict[str, Hashable], predicted: dict[str, Hashable]) -> tuple[float, float,
                                                                             float]:
    """B-cubed precision, recall and F1 of ``predicted`` clusters against ``gold`` ones."""
    def clusters(labels: dict[str, Hashable]) -> dict[Hashable, set[str]]:
        out: dict[Hashable, set[str]] = defaultdict(set)
        for item, label in labels.items():
            out[label].add(item)
        return out

    g, p = clusters(gold), clusters(predicted)
    precision = recall = 0.0
    for item in gold:
        mine_g, mine_p = g[gold[item]], p[predicted[item]]
        both = len(mine_g & mine_p)
        precision += both / len(mine_p)
        recall += both / len(mine_g)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def baseline(rows: list[dict[str, Any]], out: dict[str, dict[str, Any]]) -> dict[str, Hashable]:
    """Same platform within 7 days of the group's latest post, on the scorer's verdicts."""
    groups: list[tuple[set[str], datetime]] = []
    latest: dict[str, int] = {}
    assigned: dict[str, Hashable] = {}
    ordered = sorted(rows, key=lambda r: r["created_utc"])
    for row in ordered:
        verdict = out[row["id"]]
        if not verdict["is_signal"]:
            assigned[row["id"]] = ("alone", row["id"])
            continue
        at = datetime.fromisoformat(row["created_utc"].replace("Z", "+00:00"))
        platforms = verdict["platforms"] or ["other"]
        chosen = None
        for p in platforms:
            g = latest.get(p)
            if g is not None and at - groups[g][1] <= timedelta(days=7) and (
                    chosen is None or groups[g][1] > groups[chosen][1]):
                chosen = g
        if chosen is None:
            groups.append((set(platforms), at))
            chosen = len(groups) - 1
        groups[chosen] = (groups[chosen][0] | set(platforms), at)
        for p in platforms:
            latest[p] = chosen
        assigned[row["id"]] = ("group", chosen)
    return assigned


async def _group_labels(rows: list[dict[str, Any]], pages: int = 100,
                        database: Path | None = None) -> dict[str, int | None]:
    """Grouping alone: each post placed with its hand labels as the verdict, as in a replay."""
    from bot.events.features import Incoming, Verdict
    from bot.events.grouping import Grouper
    from bot.platforms import PlatformRegistry
    from bot.scoring.cli import read_jsonl_post
    from storage.engine import create_engine, session_factory, upgrade
    from storage.queries.posts import insert_posts

    grouper = Grouper(PlatformRegistry())
    out: dict[str, int | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite+aiosqlite:///{database or Path(tmp) / 'labels.db'}")
        await upgrade(engine)
        sessions = session_factory(engine)
        ordered = sorted(rows, key=lambda r: r["created_utc"])
        for start in range(0, len(ordered), pages):
            page = ordered[start:start + pages]
            records = {r["id"]: replace(read_jsonl_post(r), author=r.get("author"),
                                        url=r.get("url")) for r in page}
            async with sessions.begin() as session:
                stored = {p.record.external_id: p.id
                          for p in await insert_posts(session, list(records.values()))}
                items = []
                for r in page:
                    lab = r["labels"]
                    verdict = Verdict(lab["is_signal"], 75.0, lab["event_type"], lab["tier"],
                                      tuple(lab["platforms"]), None, bool(r.get("denies")))
                    rec = records[r["id"]]
                    assert rec.created_utc is not None  # replay input has it
                    items.append(Incoming(stored[r["id"]], rec, rec.created_utc, verdict))
                grouped = await grouper.place(session, items, items[-1].at)
            for item, placement in zip(items, grouped.placements, strict=True):
                out[item.record.external_id] = placement.event_id
        await engine.dispose()
    return out


def _platforms(rows: list[dict[str, Any]], settings: Settings) -> dict[str, list[str]]:
    from bot.scoring.cli import read_jsonl_post

    scorer = scorer_for(settings)
    return {r["id"]: list(scorer.score(read_jsonl_post(r)).platforms) for r in rows}


def _missed(rows: list[dict[str, Any]], out: dict[str, dict[str, Any]],
            settings: Settings) -> None:
    """Why each labelled post is in no event, counted by reason, then listed.

    Follow-ups (scoring.toml ``[follow_up]``) decide what a widening could win: a post
    scored further below than the band, or vetoed, is out of their reach; one within it
    needs its event open at one of its platforms, within the join window, and a strong
    match.
    """
    from bot.scoring.cli import read_jsonl_post

    scorer = scorer_for(settings)
    ordered = sorted(rows, key=lambda r: r["created_utc"])
    placed: dict[str, list[dict[str, Any]]] = defaultdict(list)  # predicted event: its posts
    votes: dict[str, Counter[str]] = defaultdict(Counter)  # labelled event: predicted ones
    for r in ordered:
        if (event := out[r["id"]]["event_id"]) is not None:
            placed[event].append(r)
            if r.get("event"):
                votes[r["event"]][event] += 1
    reasons: Counter[str] = Counter()
    listed = []
    window = settings.events.join_window_days
    for r in ordered:
        if not r.get("event") or out[r["id"]]["event_id"] is not None:
            continue
        post = read_jsonl_post(r)
        decision = scorer.score(post)
        rules = scorer.rules.screened(post, scorer.rules.run(post))
        target = votes[r["event"]].most_common(1)[0][0] if votes[r["event"]] else None
        before = [p for p in placed.get(target or "", []) if p["created_utc"] < r["created_utc"]]
        if decision.is_signal:
            why = "a signal placed in no event"
        elif rules.vetoes or rules.denied or "no_platform_feed" in rules.cues:
            why = "vetoed (" + ", ".join(sorted(rules.vetoes) or ["denial" if rules.denied
                                                                    else "no_platform_feed"]) + ")"
        elif decision.score < scorer.threshold - scorer.band:
            why = "scored further below the threshold than the follow-up band"
        elif decision.borderline is None:
            why = "within the band, no platform named"
        elif target is None:
            why = "follow-up: its event was not found"
        elif not before:
            why = "follow-up: its event opens later"
        elif not set(decision.borderline.platforms) & _platforms_of(before, out):
            why = "follow-up: its event is at other platforms"
        elif _days(before[-1]["created_utc"], r["created_utc"]) > window:
            why = "follow-up: past the join window"
        else:
            why = "follow-up: match too weak (or its event closed)"
        reasons[why] += 1
        listed.append(f"    {r['id']} {decision.score:5.1f} {target or '-':>4} {why}: "
                      f"{r['title'][:70]}")
    print(f"  labelled posts in no event: {sum(reasons.values())}")
    for why, n in reasons.most_common():
        print(f"    {n:3d} {why}")
    print("\n".join(listed))


def _platforms_of(posts: list[dict[str, Any]], out: dict[str, dict[str, Any]]) -> set[str]:
    return {p for r in posts for p in out[r["id"]]["platforms"]}


def _days(earlier: str, later: str) -> float:
    start, end = (datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (earlier, later))
    return (end - start).total_seconds() / 86400


def _show(rows: list[dict[str, Any]], out: dict[str, dict[str, Any]]) -> None:
    """Every labelled event with where its posts went, for tuning on a development set."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_event[r.get("event") or "-"].append(r)
    for event, members in sorted(by_event.items()):
        print(f"\n{event}")
        for r in sorted(members, key=lambda r: r["created_utc"]):
            o = out[r["id"]]
            flag = o["event_id"] or ("-" if o["is_signal"] else "noise")
            print(f"  {flag:>6} {r['created_utc'][:10]} {r['id']} {','.join(o['platforms'])} "
                  f"{(r.get('subreddit') or r.get('feed') or '')[:18]:<18} {r['title'][:90]}")


def measure(path: Path, show: bool = False, settings: Settings | None = None,
            why_missed: bool = False) -> None:
    settings = settings or Settings()
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    good, bad = read_input(lines, sys.stderr)
    if bad:
        raise SystemExit(f"{path}: {bad} bad lines")
    buffer = io.StringIO()
    started = time.perf_counter()
    asyncio.run(replay(good, settings, None, buffer))
    seconds = time.perf_counter() - started
    out = {o["id"]: o for o in map(json.loads, buffer.getvalue().splitlines())}
    platforms = _platforms(rows, settings)
    for pid, o in out.items():
        o["platforms"] = platforms[pid]
    labelled = [r for r in rows if r.get("event")]
    gold = {r["id"]: r["event"] for r in labelled}
    predicted: dict[str, Hashable] = {
        r["id"]: out[r["id"]]["event_id"] or ("alone", r["id"]) for r in labelled}
    base_all = baseline(rows, out)
    base = {r["id"]: base_all[r["id"]] for r in labelled}
    events = len(set(gold.values()))
    new = sum(1 for r in labelled if out[r["id"]]["alert"] == "new")
    noise = [r for r in rows if not r.get("event")]
    absorbed = sum(1 for r in noise if out[r["id"]]["event_id"])
    missed = sum(1 for r in labelled if not out[r["id"]]["is_signal"])
    print(f"{path.name}: {len(rows)} posts, {len(labelled)} in {events} labelled events, "
          f"{len(noise)} unlabelled; replayed in {seconds:.2f}s")
    _line("grouping", bcubed(gold, predicted))
    _line("baseline (same platform, 7 days)", bcubed(gold, base))
    found_events = len({r["event"] for r in labelled if out[r["id"]]["event_id"]})
    print(f"  new messages per event: {new / max(events, 1):.2f} ({new} new for {events} "
          f"events; {new / max(found_events, 1):.2f} per event with a post the scorer flags, "
          f"{found_events})")
    by_event: dict[str, list[str | None]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: r["created_utc"]):
        if out[r["id"]]["event_id"]:
            by_event[out[r["id"]]["event_id"]].append(out[r["id"]]["alert"])
    later = [a for alerts in by_event.values() for a in alerts[1:]]
    print(f"  later reports of a replayed event: {later.count('update')} edits, "
          f"{later.count(None)} nothing, {later.count('new')} new messages (must be 0)")
    print(f"  labelled posts the scorer missed: {missed}; unlabelled posts put in events: "
          f"{absorbed} of {len(noise)}")
    by_labels = asyncio.run(_group_labels(rows))
    _line("grouping on the hand labels", bcubed(gold, {
        r["id"]: by_labels[r["id"]] or ("alone", r["id"]) for r in labelled}))
    denials = [r for r in rows if r.get("denies")]
    right = 0
    for d in denials:
        targets = [by_labels[r["id"]] for r in labelled if r["event"] == d["denies"]]
        if targets and by_labels[d["id"]] == max(set(targets), key=targets.count):
            right += 1
    print(f"  denials placed on the event they deny (hand labels): {right} of {len(denials)}")
    gold_out = {r["id"]: {"is_signal": r["labels"]["is_signal"],
                          "platforms": r["labels"]["platforms"]} for r in rows}
    base_gold = baseline(rows, gold_out)
    _line("baseline on the hand labels", bcubed(gold, {r["id"]: base_gold[r["id"]]
                                                       for r in labelled}))
    found = [r for r in labelled if out[r["id"]]["is_signal"]]
    _line("grouping, posts the scorer flags", bcubed(
        {r["id"]: gold[r["id"]] for r in found}, {r["id"]: predicted[r["id"]] for r in found}))
    if why_missed:
        _missed(rows, out, settings)
    if show:
        _show(rows, out)


def _line(name: str, figures: Sequence[float]) -> None:
    p, r, f = figures
    print(f"  {name:<34} B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--show", action="store_true",
                        help="list every labelled event and where its posts went (dev only)")
    parser.add_argument("--missed", action="store_true",
                        help="why each labelled post is in no event, counted by reason")
    parser.add_argument("--config", type=Path, default=None,
                        help="TOML config file, as for labelwatch replay (default: built-in)")
    args = parser.parse_args()
    settings = load_settings(args.config, {}) if args.config is not None else Settings()
    for path in args.files:
        measure(path, args.show, settings, args.missed)


if __name__ == "__main__":
    main()
