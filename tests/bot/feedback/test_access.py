"""Manage Server, or the configured role by name, may give feedback; nobody else."""

from __future__ import annotations

from bot.feedback.access import may_give_feedback, refusal


def test_manage_server_always_may() -> None:
    assert may_give_feedback(True, [], None)
    assert may_give_feedback(True, ["anything"], "Trainers")


def test_the_configured_role_may_whatever_its_case() -> None:
    assert may_give_feedback(False, ["@everyone", "trainers"], "Trainers")
    assert not may_give_feedback(False, ["trainer"], "Trainers")


def test_without_a_role_configured_only_manage_server_may() -> None:
    assert not may_give_feedback(False, ["Trainers", "admins"], None)


def test_the_refusal_names_what_would_allow_it() -> None:
    assert "Manage Server" in refusal(None) and "role" not in refusal(None)
    assert "Trainers role" in refusal("Trainers")
    assert "nothing was recorded" in refusal("Trainers")
