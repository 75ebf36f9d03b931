"""``labelwatch feedback export`` and ``labelwatch train --feedback`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'builtin_sources = false\n[database]\nurl = '
                      f'"sqlite+aiosqlite:///{tmp_path / "lw.db"}"\n', encoding="utf-8")
    return config


def test_export_without_feedback_writes_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "feedback.jsonl"
    assert main(["--config", str(_config(tmp_path)), "feedback", "export", "--output",
                 str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""
    assert "exported 0 posts with feedback" in capsys.readouterr().err


def test_export_to_a_folder_that_does_not_exist_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "missing" / "feedback.jsonl"
    assert main(["--config", str(_config(tmp_path)), "feedback", "export", "--output",
                 str(out)]) == 2
    assert f"cannot write {out}" in capsys.readouterr().err


@pytest.mark.parametrize("weight", ["0", "-1", "lots", "5000"])
def test_train_refuses_a_feedback_weight_out_of_range(
    weight: str, capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--feedback", "x.jsonl", "--feedback-weight", weight])
    assert exit_info.value.code == 2
    assert "--feedback-weight" in capsys.readouterr().err


def test_train_names_a_feedback_file_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    bad = tmp_path / "feedback.jsonl"
    bad.write_text('{"id": "t3_a", "title": "x"}\n', encoding="utf-8")
    assert main(["train", "--only-input", "--feedback", str(bad), "--output",
                 str(tmp_path / "m.json")]) == 2
    assert "feedback.jsonl:1" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["feedback"], ["feedback", "export"], ["train"]])
def test_the_commands_have_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: labelwatch" in capsys.readouterr().out
