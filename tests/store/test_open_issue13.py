"""Issue 13 in the store: another program's SQLite file is left byte-identical (defect 11), ids
past 64 bits are "not found" (defect 12), start-up does no migration work on a current schema,
and what the web app reads (who "me" usually is, record kinds for its hints)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import twoway
import twoway.store
from twoway.store import NotFoundError, StoreError

from .conftest import EXAMPLES

HUGE_ID = 2**63  # one past SQLite's largest integer


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign_database(path: Path) -> None:
    """Another program's database: a table of its own, rollback journal (SQLite's default)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.executemany("INSERT INTO invoices (total) VALUES (?)", [(9.5,), (12.0,)])
    conn.commit()
    conn.close()


def test_a_foreign_sqlite_file_is_left_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "accounts.db"
    _foreign_database(db)
    before = _digest(db)
    with pytest.raises(StoreError) as caught:
        twoway.store.open(str(db))
    assert str(caught.value) == (
        f"{db}: not a twoway database (it has other tables: invoices); nothing was changed; "
        "choose another --db"
    )
    # Before the fix the file had been switched to WAL (bytes 18-19 of its header went 1 -> 2).
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.db"]  # no -wal, -shm
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_the_cli_leaves_a_foreign_file_alone_too(tmp_path: Path) -> None:
    db = tmp_path / "accounts.db"
    _foreign_database(db)
    before = _digest(db)
    result = subprocess.run(
        [sys.executable, "-m", "twoway", "people", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "nothing was changed" in result.stderr
    assert _digest(db) == before


def test_a_twoway_store_runs_in_wal_mode(sqlite_path: Path) -> None:
    with twoway.store.open(str(sqlite_path)) as store:
        store.add_person("Dana Lee")
    conn = sqlite3.connect(sqlite_path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_head_revision_from_the_files_is_alembics() -> None:
    from twoway.store.engine import _alembic_head, head_revision

    assert head_revision() == _alembic_head()


def test_opening_a_current_store_does_not_load_alembic(sqlite_path: Path) -> None:
    with twoway.store.open(str(sqlite_path)):
        pass  # created and migrated: alembic's job
    code = (
        "import sys, twoway.store\n"
        f"with twoway.store.open({str(sqlite_path)!r}) as store:\n"
        "    store.people()\n"
        "print(sorted(m for m in ('alembic', 'mako') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_an_older_schema_is_still_migrated(sqlite_path: Path) -> None:
    # The fast path must not skip real work: a store at 0001 goes to the head.
    with twoway.store.Store.open(str(sqlite_path), migrate_to="0001") as store:
        assert store.schema_version == "0001"
    with twoway.store.open(str(sqlite_path)) as store:
        assert store.schema_version == "0003"
        store.add_person("Dana Lee")
        store.add_note("Dana", "likes data contracts")


def test_ids_past_64_bits_are_not_found(db_url: str) -> None:
    with twoway.store.open(db_url) as store:
        with pytest.raises(NotFoundError) as caught:
            store.conversation(HUGE_ID)
        assert str(caught.value) == (
            f"no conversation with id {HUGE_ID} (twoway conversations lists them)"
        )
        assert caught.value.kind == "conversation"
        assert caught.value.detail == f"no conversation with id {HUGE_ID}"
        with pytest.raises(NotFoundError, match="no conversation with id 1"):
            store.conversation("1" + "0" * 30)
        with pytest.raises(NotFoundError, match=f"no follow-up with id {HUGE_ID}"):
            store.complete_followup(HUGE_ID)


def test_not_found_errors_carry_their_kind_and_a_hint_apart(db_url: str) -> None:
    with twoway.store.open(db_url) as store:
        store.add_person("Dana Lee")
        with pytest.raises(NotFoundError) as caught:
            store.person("Zed")
    error = caught.value
    assert str(error) == "no person named 'Zed' (twoway people lists them)"
    assert (error.kind, error.detail, error.command) == (
        "person",
        "no person named 'Zed'",
        "twoway people lists them",
    )


def test_data_dir_follows_twoway_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from twoway.store.config import data_dir, default_url

    monkeypatch.setenv("TWOWAY_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    assert default_url() == str(tmp_path / "elsewhere" / "twoway.db")


def test_my_names_most_often_first(sqlite_path: Path) -> None:
    conversation = twoway.load(EXAMPLES / "coffee_chat.txt")  # Jordan Patel and Sam Okafor
    others = [
        twoway.load(EXAMPLES / name)
        for name in ("monologue_interview.vtt", "second_round_interview.srt")
    ]
    with twoway.store.open(str(sqlite_path)) as store:
        store.save(conversation, twoway.analyze(conversation, me="Sam"), date=dt.date(2026, 11, 1))
        for conv in others:  # Alex Rivera twice: more often than Sam Okafor
            store.save(conv, twoway.analyze(conv, me="Alex"), date=dt.date(2026, 10, 1))
        assert store.my_names() == ["Alex Rivera", "Sam Okafor"]


def test_my_name_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from twoway.store.config import my_name

    assert my_name() is None
    config = tmp_path / "config.toml"
    config.write_text('me = "Sam Patel"\n', encoding="utf-8")
    monkeypatch.setenv("TWOWAY_CONFIG", str(config))
    assert my_name() == "Sam Patel"
    monkeypatch.setenv("TWOWAY_ME", "Jordan")
    assert my_name() == "Jordan"


def test_a_transcript_with_a_lone_surrogate_is_saved(sqlite_path: Path) -> None:
    from twoway.model import Conversation, Turn

    dana = "Dana \x1b]0;x\x07Lee\ud800"
    conversation = Conversation(
        (
            Turn(dana, 0.0, 10.0, "Hello \ud800. Why this role?"),
            Turn("Alex", 10.0, 30.0, "I like data. What is the team like?"),
        ),
        source="hostile\ud800.json",
        format="whisperx",
    )
    analysis = twoway.analyze(conversation, me="Alex")
    with twoway.store.open(str(sqlite_path)) as store:
        # Before: an internal UnicodeEncodeError. The surrogate becomes U+FFFD; the control
        # characters are data and stay (every renderer replaces them when it shows them).
        result = store.save(conversation, analysis, with_people=[dana])
        stored = store.conversation(result.conversation_id)
        assert stored.summary.source == "hostile\ufffd.json"
        assert stored.conversation.turns[0].speaker == "Dana \x1b]0;x\x07Lee\ufffd"
        assert stored.conversation.turns[0].text == "Hello \ufffd. Why this role?"
        assert [p.name for p in store.people()] == ["Dana \x1b]0;x\x07Lee\ufffd"]


def test_undecodable_command_line_text_is_a_clear_error(sqlite_path: Path) -> None:
    with twoway.store.open(str(sqlite_path)) as store:
        with pytest.raises(StoreError) as caught:
            store.add_person("Dana \udcff")  # a byte of a name that was not UTF-8
        assert str(caught.value) == (
            "cannot store text with an undecodable character ('\\udcff'); nothing was saved"
        )
        assert store.people() == []
