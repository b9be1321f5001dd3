"""The store's commands end to end (in-process), on SQLite and PostgreSQL, with exact errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from twoway.cli import main

from .conftest import EXAMPLES

BALANCED = str(EXAMPLES / "balanced_interview.vtt")
MONOLOGUE = str(EXAMPLES / "monologue_interview.vtt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def save_two(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(
        capsys, "analyze", BALANCED, "--me", "Priya", "--save", "--with", "Marcus Chen",
        "--company", "Northwind", "--role", "Product Analyst", "--date", "2026-11-20",
        "--db", db, "--json",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(
        capsys, "analyze", MONOLOGUE, "--me", "Alex", "--save", "--with", "Dana Lee",
        "--company", "Acme", "--date", "2026-11-24", "--db", db, "--json",
    )  # fmt: skip
    assert code == 0, err


def test_save_confirms_on_stderr_when_stdout_is_json(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("analyze", BALANCED, "--me", "Priya", "--save", "--with", "Marcus Chen",
            "--company", "Northwind", "--date", "2026-11-20", "--db", db_url)  # fmt: skip
    code, out, err = run(capsys, *args, "--json")
    assert code == 0
    assert json.loads(out)["schema"] == "twoway.analysis/1"  # stdout is only the JSON
    assert err == (
        "Saved conversation #1 (balanced_interview.vtt, 2026-11-20) with Marcus Chen at "
        "Northwind; 2 follow-ups added (twoway followups)\n"
    )
    code, out, err = run(capsys, *args)
    assert code == 0 and err == ""
    assert out.rstrip().endswith(
        "Updated (already saved) conversation #1 (balanced_interview.vtt, 2026-11-20) with "
        "Marcus Chen at Northwind; 0 follow-ups added"
    )


def test_save_errors(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "analyze", BALANCED, "--me", "Priya", "--save", "--date", "20/11/2026",
        "--db", db_url,
    )  # fmt: skip
    assert code == 1 and out == ""  # fails before any work
    assert err == (
        "twoway: error: --date takes a date as YYYY-MM-DD (or today, yesterday, tomorrow, "
        "+N days); got '20/11/2026'\n"
    )
    code, _, err = run(capsys, "analyze", BALANCED, "--with", "Dana")
    assert code == 1 and err == "twoway: error: --with only make sense with --save\n"


def test_people_list_show_and_unknown(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    save_two(capsys, db_url)
    code, out, _ = run(capsys, "people", "--db", db_url, "--json")
    assert code == 0
    people = json.loads(out)
    assert [(p["name"], p["last_contact"], p["next_followup"]) for p in people] == [
        ("Dana Lee", "2026-11-24", "2026-11-25"),
        ("Marcus Chen", "2026-11-20", "2026-11-21"),
    ]
    code, out, _ = run(capsys, "people", "--db", db_url)
    assert code == 0 and "Marcus Chen" in out and "Next follow-up" in out
    code, out, _ = run(capsys, "people", "show", "marcus", "--db", db_url)
    assert code == 0
    assert "What they told you about themselves" in out
    assert "what have you enjoyed most about working here?" in out
    code, out, err = run(capsys, "people", "show", "Marcos Chen", "--db", db_url)
    assert code == 1 and out == ""
    assert err == "twoway: error: no person named 'Marcos Chen'; did you mean: Marcus Chen?\n"


def test_people_add_edit_note_merge_delete(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    save_two(capsys, db_url)
    assert (
        run(capsys, "people", "add", "D. Lee", "--email", "d@example.com", "--db", db_url)[0] == 0
    )
    code, out, _ = run(capsys, "people", "note", "D. Lee", "Runs the data meetup", "--db", db_url)
    assert code == 0 and out == "Noted for D. Lee: Runs the data meetup\n"
    code, out, _ = run(capsys, "people", "merge", "D. Lee", "Dana Lee", "--db", db_url)
    assert code == 0 and out == "Merged 'D. Lee' into Dana Lee (1 conversations)\n"
    code, out, _ = run(capsys, "people", "edit", "dana", "--title", "Head of Data", "--db", db_url)
    assert code == 0 and out == "Updated Dana Lee (Head of Data, Acme, d@example.com)\n"
    code, out, _ = run(capsys, "people", "show", "dana", "--json", "--db", db_url)
    assert [n["text"] for n in json.loads(out)["notes"]] == ["Runs the data meetup"]
    code, _, err = run(capsys, "people", "delete", "Dana Lee", "--db", db_url)
    assert code == 1 and err == (
        "twoway: error: Delete Dana Lee, their notes and follow-ups, and the conversations "
        "with only them? Add --yes to confirm.\n"
    )
    code, out, _ = run(capsys, "people", "delete", "Dana Lee", "--yes", "--db", db_url)
    assert code == 0
    assert out == (
        # The thank-you, staying in touch, and what Dana said the recruiter would do.
        "Deleted Dana Lee; 1 conversation(s) with only them; 1 note(s), 3 follow-up(s)\n"
    )
    code, out, _ = run(capsys, "conversations", "--json", "--db", db_url)
    assert [c["source"] for c in json.loads(out)] == ["balanced_interview.vtt"]


def test_companies(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    save_two(capsys, db_url)
    code, out, _ = run(capsys, "companies", "--db", db_url, "--json")
    assert [c["name"] for c in json.loads(out)] == ["Acme", "Northwind"]
    code, out, _ = run(capsys, "companies", "show", "north", "--db", db_url)
    assert code == 0 and "Marcus Chen" in out and "balanced_interview.vtt" in out
    assert run(capsys, "companies", "add", "Globex", "--db", db_url)[1] == "Added Globex\n"
    assert run(capsys, "companies", "delete", "globex", "-y", "--db", db_url)[0] == 0
    code, _, err = run(capsys, "companies", "show", "Globex", "--db", db_url)
    assert code == 1 and err.startswith("twoway: error: no company named 'Globex'")


def test_followups(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    save_two(capsys, db_url)
    code, out, err = run(
        capsys, "followups", "add", "marcus", "Send the dbt article", "--due", "2099-01-01",
        "--db", db_url,
    )  # fmt: skip
    assert code == 0, err
    # #1-#4: the thank-yous and check-ins; #5: "our recruiter, Kim, will reach out within a
    # week" in the monologue interview (a commitment owed to Alex).
    assert out == "Follow-up #6 for Marcus Chen, due 2099-01-01: Send the dbt article\n"
    code, out, _ = run(capsys, "followups", "--json", "--db", db_url)
    items = json.loads(out)
    # The thank-yous of November 2026 are overdue (today is later), so they come first.
    assert [(i["kind"], i["status"]) for i in items][:2] == [
        ("thank_you", "overdue" if dt.date.today() > dt.date(2026, 11, 21) else "upcoming"),
        ("thank_you", "overdue" if dt.date.today() > dt.date(2026, 11, 25) else "upcoming"),
    ]
    assert items[-1]["what"] == "Send the dbt article"
    assert run(capsys, "followups", "done", "1", "--db", db_url)[1].startswith("Done: #1 ")
    code, out, _ = run(capsys, "followups", "snooze", "6", "--days", "3", "--db", db_url)
    assert out == "Snoozed #6 to 2099-01-04: Send the dbt article\n"
    code, _, err = run(capsys, "followups", "done", "42", "--db", db_url)
    assert code == 1
    assert err == "twoway: error: no follow-up with id 42 (twoway followups lists them)\n"
    code, _, err = run(capsys, "followups", "add", "marcus", "x", "--due", "soon", "--db", db_url)
    assert code == 1 and err.startswith("twoway: error: --due takes a date as YYYY-MM-DD")


def test_conversations_show_and_delete(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    save_two(capsys, db_url)
    code, out, _ = run(
        capsys, "conversations", "show", "balanced_interview.vtt", "--json", "--db", db_url
    )
    data = json.loads(out)
    assert data["people"] == ["Marcus Chen"] and data["analysis"]["me"] == "Priya Nair"
    assert len(data["turns"]) == 268
    code, out, _ = run(capsys, "conversations", "delete", "last", "--yes", "--db", db_url)
    assert code == 0 and out == "Deleted conversation #2 (monologue_interview.vtt)\n"
    _, out, _ = run(capsys, "db", "info", "--json", "--db", db_url)
    counts = json.loads(out)["counts"]
    assert counts["conversations"] == 1 and counts["turns"] == 268 and counts["followups"] == 2


def test_export_json_csv_and_zip(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_two(capsys, db_url)
    code, out, _ = run(capsys, "export", "--db", db_url)
    data = json.loads(out)
    assert data["schema"] == "twoway.export/1" and len(data["tables"]["conversations"]) == 2
    folder = tmp_path / "export"
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(folder), "--db", db_url)
    assert code == 0 and err == f"Exported 9 tables to {folder}\n"
    with (folder / "people.csv").open() as file:
        assert [r["name"] for r in csv.DictReader(file)] == ["Marcus Chen", "Dana Lee"]
    archive = tmp_path / "export.zip"
    assert run(capsys, "export", "-f", "csv", "-o", str(archive), "--db", db_url)[0] == 0
    with zipfile.ZipFile(archive) as z:
        assert "turns.csv" in z.namelist()
        analyses = list(csv.DictReader(z.read("analyses.csv").decode().splitlines()))
        assert json.loads(analyses[0]["data"])["schema"] == "twoway.analysis/1"
    code, _, err = run(capsys, "export", "--format", "csv", "--db", db_url)
    assert code == 1 and "give -o FOLDER or -o FILE.zip" in err


def test_db_info_and_backup(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_two(capsys, db_url)
    code, out, _ = run(capsys, "db", "info", "--db", db_url)
    assert code == 0 and "Schema version: 0003 (newest known: 0003)" in out
    copy = tmp_path / "copy.db"
    code, out, err = run(capsys, "db", "backup", str(copy), "--db", db_url)
    if db_url.startswith("postgresql"):
        assert code == 1 and "pg_dump" in err
        return
    assert code == 0 and out == f"Backed up to {copy}\n"
    code, out, _ = run(capsys, "people", "--json", "--db", str(copy))
    assert len(json.loads(out)) == 2
    code, _, err = run(capsys, "db", "backup", str(copy), "--db", db_url)
    assert code == 1 and err == f"twoway: error: {copy}: already exists; choose another name\n"


def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    db = tmp_path / "twoway.db"
    saver = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("_saver.py")), "loop", str(db), "2000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert saver.stdout is not None
        while not saver.stdout.readline().startswith("saved"):
            pass
        copies = []
        for i in range(3):
            copy = tmp_path / f"copy{i}.db"
            assert main(["db", "backup", str(copy), "--db", str(db)]) == 0
            copies.append(copy)
    finally:
        saver.kill()
        saver.wait()
    import sqlite3

    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts = conn.execute(
                "SELECT count(*), (SELECT count(*) FROM turns) FROM conversations"
            ).fetchone()
            assert counts[0] >= 1 and counts[1] == counts[0] * 2000  # whole conversations only


def test_thank_you_and_progress(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("twoway.followup.thankyou")
    pytest.importorskip("twoway.report.progress")
    save_two(capsys, db_url)
    code, out, err = run(capsys, "thank-you", "last", "--db", db_url)
    assert code == 0, err
    assert out.startswith("Hi Dana")
    code, out, err = run(capsys, "thank-you", "1", "--format", "markdown", "--db", db_url)
    assert code == 0 and "Marcus" in out
    code, out, _ = run(capsys, "progress", "--db", db_url, "--json")
    assert [p["source"] for p in json.loads(out)] == [
        "balanced_interview.vtt",
        "monologue_interview.vtt",
    ]
    code, out, err = run(capsys, "progress", "--me", "alex", "--db", db_url)
    assert code == 0, err
    assert "monologue_interview" in out


def test_help_loads_no_database_code() -> None:
    code = (
        "import sys\n"
        "import twoway, twoway.store\n"
        "from twoway.cli import main\n"
        "for args in (['--help'], ['people', '--help'], ['db', '--help']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'psycopg', 'platformdirs')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
