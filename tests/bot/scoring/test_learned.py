"""The learned second opinion: its features, its JSON, how it combines with the rules,
and ``labelwatch train`` changing a decision."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot.cli import main
from bot.scoring import Scorer
from bot.scoring.learned import FORMAT, LinearModel, features
from tests.bot.scoring._posts import post


def _model(bias: float, weights: dict[str, float] | None = None,
           types: dict[str, list[float]] | None = None) -> LinearModel:
    return LinearModel({
        "format": FORMAT,
        "signal": {"bias": bias, "weights": weights or {}},
        "types": {"classes": ["layoff", "pay_cut"], "bias": [0.0, 0.0],
                  "weights": types or {}},
    })


def test_features_are_words_pairs_title_words_source_and_cues() -> None:
    f = features("Rates CUT", "to $15 today", "reddit", ["pay_cut.1"], "pay_cut")
    assert {"rates", "cut", "rates cut", "t:rates", "$0", "to zmoney", "src:reddit",
            "cue:pay_cut.1", "lead:pay_cut"} <= f


def test_names_and_figures_are_placeholders_beside_the_words_as_written() -> None:
    """"Scale cuts" and "Appen cuts" teach the model one thing: "zplatform cuts"."""
    f = features("Scale cuts rates 20%", "RaterLabs ends work at scale", "feed", [], None)
    assert {"zplatform cuts", "t:zplatform", "scale", "raterlabs", "rates zpct",
            "zplatform ends", "at scale"} <= f
    assert "at zplatform" not in f


def test_counts_of_people_are_one_placeholder_pair() -> None:
    """"500 workers" and "hundreds of its contractors" teach one thing: "lays off znumber"."""
    for body in ("Outlier lays off 500 workers", "Outlier lays off hundreds of its contractors",
                 "Outlier lays off a third of its staff"):
        f = features("", body, "feed", [], None)
        assert {"off znumber", "znumber zworkers"} <= f, body


def test_placeholders_alone_are_never_evidence() -> None:
    model = _model(-1.0, {"znumber zworkers": 2.0, "zworkers": 2.0, "lays off": 0.5})
    opinion = model.opinion(features("", "Scale lays off 500 workers", "feed", [], None))
    assert opinion.ngrams == ("lays off",)


def test_a_model_reads_its_json_and_refuses_another_format() -> None:
    model = _model(-1.0, {"cut": 3.0}, {"cut": [0.0, 2.0]})
    yes = model.opinion({"cut", "rates"})
    no = model.opinion({"hello"})
    assert yes.probability > 0.8 > 0.3 > no.probability
    assert yes.event_type == "pay_cut" and yes.ngrams == ("cut",)
    with pytest.raises(ValueError, match="format"):
        LinearModel({"format": 99})


def test_weights_in_whole_units_of_a_scale_read_as_the_decimals() -> None:
    """The file keeps "123" at scale 1000 for 0.123: the same model, in fewer bytes."""
    decimal = _model(-1.0, {"cut": 0.123, "rates": -0.07}, {"cut": [0.05, -0.12]})
    scaled = LinearModel({
        "format": FORMAT,
        "signal": {"bias": -1.0, "scale": 1000, "weights": {"cut": 123, "rates": -70}},
        "types": {"classes": ["layoff", "pay_cut"], "bias": [0.0, 0.0], "scale": 100,
                  "weights": {"cut": [5, -12]}},
    })
    feats = {"cut", "rates"}
    assert scaled.opinion(feats).probability == decimal.opinion(feats).probability
    assert scaled.type_probabilities(feats) == decimal.type_probabilities(feats)


def test_the_packaged_model_loads_and_is_small() -> None:
    path = Path(__file__).resolve().parents[3] / "bot" / "scoring" / "cues" / "model.json"
    assert path.stat().st_size < 1_000_000
    model = LinearModel.load()
    assert model is not None and "layoff" in model.types
    assert Scorer().model is not None


def test_the_model_catches_what_no_rule_covers() -> None:
    p = post("the zorblax queue evaporated", "", subreddit="outlier_ai")
    sure = _model(4.0)
    assert not Scorer(mode="rules").score(p).is_signal
    combined = Scorer(model=sure).score(p)
    assert combined.is_signal and combined.platforms == ("outlier",)
    assert Scorer(model=sure, mode="model").score(p).is_signal


@pytest.mark.parametrize(("title", "body"), [
    ("Outlier is NOT cutting pay", "The rumour is fake, rates are unchanged."),
    ("How to restructure your resume for AI training jobs", ""),
    ("PSA: phishing email claiming Outlier pay cut", "Do not click the link."),
])
def test_rules_veto_denials_and_other_senses_whatever_the_model_says(title: str,
                                                                     body: str) -> None:
    p = post(title, body, subreddit="outlier_ai")
    assert not Scorer(model=_model(8.0)).score(p).is_signal


def test_a_model_sure_the_rules_are_wrong_drops_their_signal() -> None:
    p = post("Everyone on Hydra got offboarded today", "", subreddit="outlier_ai")
    assert Scorer(mode="rules").score(p).is_signal
    assert not Scorer(model=_model(-9.0)).score(p).is_signal


def test_the_model_proposes_the_type_when_the_rules_lead_is_weak() -> None:
    p = post("I think everyone on Hydra might get offboarded", "", subreddit="outlier_ai")
    rules = Scorer(mode="rules").analyse(p)
    types = {"everyone": [0.0, 9.0]}
    combined = Scorer(model=_model(9.0, types=types)).score(p)
    assert combined.is_signal and combined.event_type == "pay_cut"
    assert rules.decision.event_type in ("none", "layoff")


def _labelled(path: Path, rows: list[tuple[str, bool]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, (title, signal) in enumerate(rows):
            labels = {"is_signal": signal, "event_type": "project_pause" if signal else "none",
                      "direction": "contraction" if signal else "neutral", "tier": "all",
                      "platforms": ["outlier"] if signal else []}
            fh.write(json.dumps({"id": f"f{i}", "source": "reddit", "subreddit": "outlier_ai",
                                 "title": title, "body": "", "labels": labels}) + "\n")


def test_train_learns_from_feedback_and_changes_the_decision(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    """Labelled feedback (signals.md JSONL) is another input file; after training on it the
    post it taught scores differently."""
    feedback = tmp_path / "feedback.jsonl"
    _labelled(feedback, [(f"the zorblax queue evaporated on team {n}", True) for n in range(12)]
              + [(f"my cat likes team {n} photos", False) for n in range(12)])
    out = tmp_path / "model.json"
    taught = post("the zorblax queue evaporated again", "", subreddit="outlier_ai")
    assert not Scorer(use_model=False).score(taught).is_signal
    assert main(["train", "--only-input", "--input", str(feedback), "--output", str(out),
                 "--folds", "2"]) == 0
    printed = capsys.readouterr().out
    assert "trained on 24 posts (12 signals)" in printed and "cross-validated" in printed
    assert Scorer(model_path=out).score(taught).is_signal
    assert json.loads(out.read_text())["trained_on"]["files"] == ["feedback.jsonl"]


def test_train_refuses_a_frozen_set_and_reports_bad_files(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    frozen = tmp_path / "real_frozen.jsonl"
    _labelled(frozen, [("x", True)])
    out = tmp_path / "m.json"
    assert main(["train", "--only-input", "--input", str(frozen), "--output", str(out)]) == 2
    assert "frozen" in capsys.readouterr().err and not out.exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "x"}\n')
    assert main(["train", "--only-input", "--input", str(bad), "--output", str(out)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_a_configured_model_is_checked_at_start_up(tmp_path: Path) -> None:
    from bot.config import ConfigError, load_settings

    missing = tmp_path / "config.toml"
    missing.write_text('[scoring]\nmodel = "/nonexistent/model.json"\n')
    with pytest.raises(ConfigError, match=r"scoring\.model: no such file"):
        load_settings(missing)
    broken = tmp_path / "model.json"
    broken.write_text("{}")
    with pytest.raises(ValueError, match="not a labelwatch model"):
        Scorer(model_path=broken)
    good = tmp_path / "good.toml"
    good.write_text(f'[scoring]\nmodel = "{broken}"\n')
    assert load_settings(good).scoring.model == broken


def _at(probability: float) -> LinearModel:
    """A model that puts every post at ``probability``."""
    return _model(math.log(probability / (1.0 - probability)))


def test_the_model_makes_a_signal_from_its_signal_at_probability() -> None:
    """Combined, 0.45 is a signal (over ``signal_at``, 0.40), though the model alone wants
    0.5; 0.35 is not; and ``--threshold`` raises the bar for the model's score too."""
    p = post("the zorblax queue evaporated", "", subreddit="outlier_ai")
    assert Scorer(model=_at(0.45)).score(p).is_signal
    assert not Scorer(model=_at(0.45), mode="model").score(p).is_signal
    assert not Scorer(model=_at(0.35)).score(p).is_signal
    assert not Scorer(model=_at(0.45), threshold=80).score(p).is_signal
    assert Scorer(model=_at(0.9), threshold=80).score(p).is_signal


def test_a_rule_signal_stands_unless_the_model_is_under_veto_below() -> None:
    p = post("Everyone on Hydra got offboarded today", "", subreddit="outlier_ai")
    assert Scorer(model=_at(0.45)).score(p).is_signal
    assert not Scorer(model=_at(0.3)).score(p).is_signal


def test_a_strong_rule_signal_needs_a_surer_model_to_be_vetoed() -> None:
    """A press item whose title leads with its platform's cut and figures (94 points)
    stays a signal with the model at 0.2, under ``veto_below`` but over
    ``veto_below_strong``; a group report the rules score 72 is dropped at 0.2; a model
    under the lower bar drops both."""
    strong = post("Outlier cuts 500 trainers",
                  "Outlier ended the contracts of 500 AI trainers this week, the company said.",
                  source="feed", feed="https://techcrunch.com/feed/")
    weak = post("Everyone on Hydra got offboarded today", "", subreddit="outlier_ai")
    rules = Scorer(mode="rules", use_model=False)
    assert rules.rules.run(strong).score >= rules.m["veto_below_strong"]["points"]
    assert Scorer(model=_at(0.2)).score(strong).is_signal
    assert not Scorer(model=_at(0.2)).score(weak).is_signal
    assert not Scorer(model=_at(0.05)).score(strong).is_signal


def test_a_press_item_naming_no_platform_is_not_made_a_signal_by_the_model() -> None:
    p = post("Acme Corp cuts contractor pay", "", source="feed",
             feed="https://news.example.com/rss")
    assert not Scorer(mode="rules").score(p).is_signal
    assert not Scorer(model=_at(0.99)).score(p).is_signal
    assert Scorer(model=_at(0.99), mode="model").score(p).is_signal
