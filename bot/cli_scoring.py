"""``labelwatch train``: rebuild the scorer's learned model from labelled posts."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from bot.cli import CommandFactory


def register(command: CommandFactory) -> None:
    train = command("train", "rebuild the scorer's learned model from labelled JSONL posts")
    train.add_argument("--input", type=Path, action="append", default=[], metavar="FILE",
                       help="a labelled JSONL file (signals.md format plus 'labels'), for "
                            "instance exported feedback; repeatable")
    train.add_argument("--data", type=Path, default=None, metavar="DIR",
                       help="folder of the project's labelled sets "
                            "(default: tests/data/scoring, frozen halves left out)")
    train.add_argument("--only-input", action="store_true",
                       help="train on the --input files alone, not the project's sets")
    train.add_argument("--output", type=Path, default=None, metavar="PATH",
                       help="where to write the model (default: the packaged model.json)")
    train.add_argument("--folds", type=int, default=5, metavar="K",
                       help="also report K-fold cross-validated figures (0: skip)")
    train.set_defaults(handler=run_train)


def packaged_model() -> Path:
    return Path(str(resources.files("bot.scoring") / "cues" / "model.json"))


def run_train(args: argparse.Namespace) -> int:
    try:
        from bot.scoring.train import DEFAULT_DIR, default_inputs, train
    except ImportError as exc:  # pragma: no cover - scikit-learn missing
        print(f"labelwatch train: needs scikit-learn ({exc}); "
              "pip install 'labelwatch[train]'", file=sys.stderr)
        return 2
    paths = [] if args.only_input else default_inputs(args.data or DEFAULT_DIR)
    paths += list(args.input)
    if not paths:
        print("labelwatch train: no labelled files found (give --data DIR or --input FILE)",
              file=sys.stderr)
        return 2
    output = args.output or packaged_model()
    try:
        report = train(paths, output, folds=args.folds)
    except ImportError as exc:
        print(f"labelwatch train: needs scikit-learn ({exc}); "
              "pip install 'labelwatch[train]'", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"labelwatch train: {exc}", file=sys.stderr)
        return 2
    print(f"trained on {report.posts} posts ({report.signals} signals) from "
          f"{len(report.files)} files: {', '.join(report.files)}")
    print(f"model: {report.features} weighted features, written to {output}")
    if report.cv:
        cv = report.cv
        print(f"model alone, {args.folds}-fold cross-validated: precision {cv['precision']:.3f}"
              f"  recall {cv['recall']:.3f}  f1 {cv['f1']:.3f}  event_type {cv['event_type']:.3f}")
    return 0
