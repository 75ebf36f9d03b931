"""A post weighted W counts as W posts: in the fit and in the rare-feature cut alike."""

from __future__ import annotations

import math

from bot.scoring.learned import LinearModel
from bot.scoring.train import MIN_POSTS, fit


def _data() -> tuple[list[set[str]], list[dict[str, object]]]:
    feats = [{"pay", "cut"}, {"pay", "cut", "rates"}, {"pay", "paused"}, {"hello", "there"},
             {"hello", "novel"}]
    labels: list[dict[str, object]] = [
        {"is_signal": True, "event_type": "pay_cut"}, {"is_signal": True, "event_type": "layoff"},
        {"is_signal": True, "event_type": "project_pause"}, {"is_signal": False},
        {"is_signal": False}]
    return feats, labels


def test_unit_weights_change_nothing() -> None:
    feats, labels = _data()
    assert fit(feats, labels) == fit(feats, labels, post_weights=[1.0] * len(feats))


def test_a_weighted_posts_own_words_are_kept_and_lean_its_way() -> None:
    feats, labels = _data()
    assert MIN_POSTS > 1
    assert "novel" not in fit(feats, labels)["signal"]["weights"]
    weighted = fit(feats, labels, post_weights=[1.0, 1.0, 1.0, 1.0, 5.0])["signal"]["weights"]
    assert weighted["novel"] < 0


def test_a_rare_event_type_is_not_outvoted_by_a_common_one() -> None:
    """Words every type shares say nothing of the type: with every type weighed alike, a
    post of only those words is not named the commonest type just for being common."""
    feats = ([{"team", "gone", "cut"}] * 8 + [{"team", "gone", "client"}] * 2
             + [{"team", "gone", "paused"}] * 2 + [{"lunch", "today"}] * 3)
    labels: list[dict[str, object]] = (
        [{"is_signal": True, "event_type": "layoff"}] * 8
        + [{"is_signal": True, "event_type": "client_loss"}] * 2
        + [{"is_signal": True, "event_type": "project_pause"}] * 2
        + [{"is_signal": False}] * 3)
    model = LinearModel(fit(feats, labels))
    shared = model.type_probabilities({"team", "gone"})
    assert shared["layoff"] < 0.4
    assert model.type_probabilities({"team", "gone", "client"})["client_loss"] > 0.5


def test_two_event_types_train_and_keep_their_sides() -> None:
    """Feedback of only two types (``--only-input``) trains a type model that names each."""
    feats = [{"pay", "cut"}] * 4 + [{"team", "laid", "off"}] * 4 + [{"lunch"}] * 3
    labels: list[dict[str, object]] = (
        [{"is_signal": True, "event_type": "pay_cut"}] * 4
        + [{"is_signal": True, "event_type": "layoff"}] * 4 + [{"is_signal": False}] * 3)
    model = LinearModel(fit(feats, labels))
    assert model.type_probabilities({"pay", "cut"})["pay_cut"] > 0.5
    assert model.type_probabilities({"team", "laid", "off"})["layoff"] > 0.5


def test_the_fit_is_written_in_whole_units_of_its_scale() -> None:
    """Whole numbers keep the shipped file small; read back, they are the fitted weights."""
    feats, labels = _data()
    doc = fit(feats, labels)
    assert doc["signal"]["weights"] and doc["types"]["weights"]
    assert all(isinstance(w, int) for w in doc["signal"]["weights"].values())
    assert all(isinstance(w, int) for row in doc["types"]["weights"].values() for w in row)
    model, scale = LinearModel(doc), doc["signal"]["scale"]
    for name, w in doc["signal"]["weights"].items():
        z = doc["signal"]["bias"] + w / scale
        assert math.isclose(model.opinion({name}).probability, 1 / (1 + math.exp(-z)))
