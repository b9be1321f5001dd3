"""Commitments from the command line: ``twoway analyze`` shows them (terminal, markdown, the
``commitments`` key of the JSON), ``--save`` makes them follow-ups, ``twoway followups`` lists
who owes what, and ``done`` closes one."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

import twoway
from twoway.cli import main
from twoway.followup import find_commitments
from twoway.followup_dates import due_date

ROOT = Path(__file__).parents[2]
BLIND5 = ROOT / "benchmarks" / "data" / "notes_blind5"
ELECTRICIAN = str(BLIND5 / "01_interview_electrician.txt")  # Mateo Rinaldi, Shauna Whitehorse
CHEF = str(BLIND5 / "20_coffee_peer_chef.txt")  # Camille Roy, Youssef Benali
BALANCED = str(ROOT / "examples" / "balanced_interview.vtt")  # no commitment in it
SCHEMA = json.loads((ROOT / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TWOWAY_TODAY", "2026-12-10")
    monkeypatch.delenv("TWOWAY_DB", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_commitments_with_days_from_the_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ("analyze", ELECTRICIAN, "--me", "Mateo", "--json", "--save", "--with", "Shauna",
            "--date", "2026-12-09", "--db", str(tmp_path / "t.db"))  # fmt: skip
    code, out, err = run(capsys, *args)
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    expected = find_commitments(twoway.load(ELECTRICIAN), "Mateo Rinaldi")
    assert [c["quote"] for c in data["commitments"]] == [c.quote for c in expected]
    for item, c in zip(data["commitments"], expected, strict=True):
        assert item["mine"] is (c.by == "Mateo Rinaldi")
        day = due_date(c.due, dt.date(2026, 12, 9))
        assert item["due_date"] == (day.isoformat() if day else None)
    decision = next(c for c in data["commitments"] if "either way" in c["quote"])
    assert decision["owes"] == "Shauna Whitehorse owes you"
    assert (decision["due"], decision["due_date"]) == ("by end of next week", "2026-12-18")


def test_without_a_date_the_days_count_from_today(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", CHEF, "--me", "Camille", "--json")
    assert code == 0
    items = json.loads(out)["commitments"]
    tonight = next(c for c in items if c["due"] == "tonight")
    assert tonight["due_date"] == "2026-12-10"  # TWOWAY_TODAY
    tuesday = next(c for c in items if c["due"] == "Tuesday at two")
    assert tuesday["due_date"] == "2026-12-15" and tuesday["owes"] == "You owe Youssef Benali"


def test_a_conversation_without_commitments_has_none(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", BALANCED, "--me", "Priya", "--json")
    assert code == 0 and json.loads(out)["commitments"] == []
    code, out, _ = run(capsys, "analyze", BALANCED, "--me", "Priya", "--format", "markdown")
    assert code == 0 and "Commitments" not in out
    code, out, _ = run(capsys, "analyze", BALANCED, "--me", "Priya")
    assert code == 0 and "Commitments" not in out


def test_markdown_and_terminal_show_who_owes_what(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", CHEF, "--me", "Camille", "--format", "markdown")
    assert code == 0
    section = out.split("## Commitments", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| Who | What | Due | Said |"
    assert any(
        r.startswith("| You owe Youssef Benali | be there Tuesday at two | Tuesday at two (2026-")
        for r in rows
    )
    # The quote is the sentence as said; the action names whose number (the finder's wording).
    text_him = next(r for r in rows if "“I'll text you his number tonight.”" in r)
    assert text_him.startswith("| Youssef Benali owes you | text you ")
    assert "| tonight (2026-12-10) |" in text_him
    code, out, _ = run(capsys, "analyze", CHEF, "--me", "Camille")
    assert code == 0
    terminal = out.split("Commitments", 1)[1]
    assert "You owe Youssef Benali" in terminal and "Youssef Benali owes you" in terminal
    assert "tonight (2026-12-10)" in terminal


def test_save_then_followups_lists_who_owes_what_and_done_closes_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "t.db")
    code, _, err = run(capsys, "analyze", CHEF, "--me", "Camille", "--save", "--with", "Youssef",
                       "--date", "2026-12-09", "--db", db, "--json")  # fmt: skip
    assert code == 0
    found = list(find_commitments(twoway.load(CHEF), "Camille Roy"))
    assert f"{2 + len(found)} follow-ups added" in err
    code, out, _ = run(capsys, "followups", "--db", db, "--json")
    items = json.loads(out)
    commitments = [f for f in items if f["kind"] == "commitment"]
    assert len(commitments) == len(found)
    assert {(f["owner"], f["owed_to"]) for f in commitments} == {
        ("me", "Youssef Benali"),
        ("Youssef Benali", "me"),
    }
    text_him = next(f for f in commitments if f["owner"] == "Youssef Benali")
    assert text_him["due"] == "2026-12-09" and text_him["due_phrase"] == "tonight"
    assert text_him["quote"] in (ROOT / CHEF).read_text(encoding="utf-8")
    code, out, _ = run(capsys, "followups", "--db", db)
    assert code == 0
    lines = " ".join(out.split())  # the table wraps long lines
    assert "You owe Youssef Benali: be there Tuesday at two" in lines
    assert "Youssef Benali owes you: text you" in lines
    assert re.search(r"2026-12-09\s+overdue\s+Youssef Benali\s+Youssef Benali owes you", out)
    code, out, _ = run(capsys, "followups", "done", str(text_him["id"]), "--db", db)
    assert code == 0 and out.startswith(f"Done: #{text_him['id']} Youssef Benali owes you")
    code, out, _ = run(capsys, "followups", "--db", db, "--json")
    assert text_him["id"] not in {f["id"] for f in json.loads(out)}
