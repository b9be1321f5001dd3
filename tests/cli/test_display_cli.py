"""The store's tables show a value that was not given as the report and the web app do: ``—``."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.cli import main

MONOLOGUE = str(Path(__file__).parents[2] / "examples" / "monologue_interview.vtt")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TWOWAY_DB", str(tmp_path / "twoway.db"))
    monkeypatch.setenv("TWOWAY_TODAY", "2026-11-24")
    monkeypatch.setenv("COLUMNS", "120")


def output(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_what_was_not_given_shows_as_an_em_dash(capsys: pytest.CaptureFixture[str]) -> None:
    saved = output(
        capsys, "analyze", MONOLOGUE, "--me", "Alex", "--save", "--with", "Dana Lee",
        "--date", "2026-11-02", "--json",
    )  # fmt: skip
    assert saved
    people = output(capsys, "people").splitlines()
    assert people[2].split() == ["Dana", "Lee", "—", "—", "1", "2026-11-02", "2026-11-03"]
    listed = output(capsys, "conversations").splitlines()
    row = listed[2].split()  # id, date, source, company, role, with (2 words), score, share
    assert row == ["1", "2026-11-02", "monologue_interview.vtt", "—", "—", "Dana", "Lee", "22",
                   "78%"]  # fmt: skip
    shown = output(capsys, "conversations", "show", "1")
    assert "Company:    —" in shown and "Role:       —" in shown
    assert " - " not in "\n".join([*people, *listed])
