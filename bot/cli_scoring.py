"""``labelwatch train``: rebuild the scorer's learned model from labelled posts;
``labelwatch crossval``: how well it and the rules do on posts they were not fitted on."""

from __future__ import annotations

import argparse
import contextlib
import sys
from importlib import resources
from pathlib import Path

from bot.cli import CommandFactory


def register(command: CommandFactory) -> None:
    train = command("train", "rebuild the scorer's learned model from labelled JSONL posts")
    train.add_argument("--input", type=Path, action="append", default=[], metavar="FILE",
                       help="a labelled JSONL file (signals.md format plus 'labels'), for "
                            "instance exported feedback; repeatable")
    train.add_argument("--feedback", type=Path, action="append", default=[], metavar="FILE",
                       help="feedback exported by 'labelwatch feedback export'; each of its "
                            "posts counts --feedback-weight times; repeatable")
    train.add_argument("--feedback-weight", type=_weight, default=FEEDBACK_WEIGHT, metavar="W",
                       help="how many labelled posts one feedback post counts as "
                            f"(default {FEEDBACK_WEIGHT:g})")
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
    oof = command("crossval", "out-of-fold figures of the rules, the model and the combination "
                              "on the training sets (folds by story, each real file held out)")
    oof.add_argument("--folds", type=int, default=5, metavar="K")
    oof.add_argument("--data", type=Path, default=None, metavar="DIR",
                     help="folder of the project's labelled sets (default: tests/data/scoring)")
    oof.add_argument("--predictions", type=Path, default=None, metavar="FILE",
                     help="also write each post's out-of-fold prediction here as JSONL "
                          "(labels, the decision of each mode, the rules' lead cue, the "
                          "model's opinion)")
    oof.set_defaults(handler=run_crossval)


FEEDBACK_WEIGHT = 20.0
"""A member's verdict is on a post the scorer got wrong in the live stream, checked by a
person: it counts as this many labelled posts, enough for the model to overrule the rules
on that post and its close copies, not enough for a few verdicts to outweigh the sets."""


def _weight(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"expected a number above 0 and at most 1000, "
                                         f"got {text}")
    return value


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
    if not paths and not args.feedback:
        print("labelwatch train: no labelled files found (give --data DIR or --input FILE)",
              file=sys.stderr)
        return 2
    output = args.output or packaged_model()
    try:
        report = train(paths, output, folds=args.folds, feedback=args.feedback,
                       feedback_weight=args.feedback_weight)
    except ImportError as exc:
        print(f"labelwatch train: needs scikit-learn ({exc}); "
              "pip install 'labelwatch[train]'", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"labelwatch train: {exc}", file=sys.stderr)
        return 2
    print(f"trained on {report.posts} posts ({report.signals} signals) from "
          f"{len(report.files)} files: {', '.join(report.files)}")
    if report.feedback:
        print(f"of which {report.feedback} from feedback, each counted "
              f"{args.feedback_weight:g} times")
    print(f"model: {report.features} weighted features, written to {output}")
    if report.cv:
        cv = report.cv
        print(f"model alone, {args.folds}-fold cross-validated: precision {cv['precision']:.3f}"
              f"  recall {cv['recall']:.3f}  f1 {cv['f1']:.3f}  event_type {cv['event_type']:.3f}")
    return 0


def run_crossval(args: argparse.Namespace) -> int:
    """``labelwatch crossval``: each post scored by a model that never saw its story."""
    try:
        from bot.scoring.crossval import run
        from bot.scoring.train import DEFAULT_DIR, default_inputs
        inputs = default_inputs(args.data or DEFAULT_DIR)
        with (args.predictions.open("w", encoding="utf-8") if args.predictions is not None
              else contextlib.nullcontext()) as fh:
            run(inputs, sys.stdout, folds=max(2, args.folds), predictions=fh)
    except ImportError as exc:  # pragma: no cover - scikit-learn missing
        print(f"labelwatch crossval: needs scikit-learn ({exc})", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"labelwatch crossval: {exc}", file=sys.stderr)
        return 2
    return 0
