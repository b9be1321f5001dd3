"""Reliability with real processes: killed writers, concurrent writers, migrations, bad files.

Numbers that matter are printed (``pytest -s``) and recorded in docs/store.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import twoway.store
from twoway.analysis import Analysis
from twoway.model import Conversation
from twoway.store import SchemaTooNewError, Store
from twoway.store.engine import resolve

SAVER = Path(__file__).with_name("_saver.py")
KILLS = 8
KILL_TURNS = 5000
Example = tuple[Conversation, Analysis]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWOWAY_")}
    env.update(extra)
    return env


def _check_whole(url: str, turns: int) -> dict[str, int]:
    """Every conversation is whole: all its turns, its questions, its analysis, its person."""
    engine = create_engine(resolve(url).url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            rows = conn.execute(
                text(
                    "SELECT c.id,"
                    " (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id),"
                    " (SELECT count(*) FROM questions q WHERE q.conversation_id = c.id),"
                    " (SELECT data FROM analyses a WHERE a.conversation_id = c.id),"
                    " (SELECT count(*) FROM conversation_people p WHERE p.conversation_id = c.id)"
                    " FROM conversations c"
                )
            ).all()
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM turns"
                    " WHERE conversation_id NOT IN (SELECT id FROM conversations)"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert orphans == 0
    for cid, n_turns, n_questions, data, n_people in rows:
        assert n_turns == turns, f"conversation {cid} has {n_turns} of {turns} turns"
        assert data is not None, f"conversation {cid} has no analysis"
        assert n_questions == len(json.loads(data)["questions"])
        assert n_people == 1
    return {"conversations": len(rows)}


@pytest.mark.slow
def test_sigkill_while_saving_leaves_whole_conversations_or_nothing(db_url: str) -> None:
    with twoway.store.open(db_url):
        pass  # create the schema first, so kills land in saves, not in the first migration
    rng = random.Random(20261120)
    mid_save = 0
    saved_lines = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(SAVER), "loop", db_url, str(KILL_TURNS)],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        assert proc.stdout is not None
        # Wait until it is in its save loop (one save done, the next begun), then kill it at a
        # random moment. Waiting for that "begin" keeps a garbage collection between two saves
        # (its timing moves with whatever the process imported) from eating the short delays.
        line = proc.stdout.readline()
        while line and not line.startswith("saved"):
            line = proc.stdout.readline()
        assert line.startswith("saved"), "the saver died before saving anything"
        saved = line.strip()
        line = proc.stdout.readline()
        assert line.startswith("begin"), "the saver stopped after one save"
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read().split("\n")
        proc.wait()
        lines = [saved, line.strip(), *[r for r in rest if r]]
        saved_lines += sum(1 for x in lines if x.startswith("saved"))
        if lines[-1].startswith("begin"):
            mid_save += 1  # killed after "begin N" and before "saved N"
        assert proc.returncode == -signal.SIGKILL
        _check_whole(db_url, KILL_TURNS)
    counts = _check_whole(db_url, KILL_TURNS)
    print(f"\n{KILLS} kills, {mid_save} in the middle of a save; {counts} intact")
    assert mid_save >= KILLS // 2, "too few kills landed inside a save to mean anything"
    assert counts["conversations"] >= KILLS


@pytest.mark.slow
def test_two_processes_saving_at_once_both_succeed(db_url: str) -> None:
    with twoway.store.open(db_url):
        pass
    count = 15
    start = time.time() + 3.0  # both are imported and waiting by then
    procs = [
        subprocess.Popen(
            [sys.executable, str(SAVER), "batch", db_url, str(count), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.count("saved") == count
    with twoway.store.open(db_url) as store:
        counts = store.info().counts
        followups = store.followups()
    assert counts["conversations"] == 2 * count  # no lost rows
    assert counts["turns"] == 2 * count * 50
    assert counts["people"] == 1 and counts["companies"] == 1  # no duplicates either
    assert counts["conversation_people"] == 2 * count
    assert sum(f.kind == "thank_you" for f in followups) == 2 * count
    assert sum(f.kind == "stay_in_touch" for f in followups) == 1


def test_an_older_schema_is_migrated(db_url: str, balanced: Example) -> None:
    old = Store.open(db_url, migrate_to="0001")
    assert old.schema_version == "0001"
    old.close()
    engine = create_engine(resolve(db_url).url)
    with engine.begin() as conn:
        tables = set(
            conn.execute(text("SELECT * FROM alembic_version")).scalars()
        )  # a real 0001 database
        assert tables == {"0001"}
        conn.execute(
            text(
                "INSERT INTO people (id, name, key, created_at) "
                "VALUES (1, 'Dana Lee', 'dana lee', '2026-01-05 10:00:00')"
            )
        )
    engine.dispose()
    with twoway.store.open(db_url) as store:
        assert store.schema_version == "0003"
        assert [p.name for p in store.people()] == ["Dana Lee"]
        store.add_note("Dana", "Met at the meetup")  # a table 0002 added
        store.save(*balanced, with_people=["Dana Lee"])
        assert store.info().counts["followups"] == 2
    if db_url.startswith("sqlite"):
        path = resolve(db_url).path
        assert path is not None
        backups = list(path.parent.glob("twoway.db.before-0001-*.bak"))
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert copy.execute("SELECT name FROM people").fetchall() == [("Dana Lee",)]


def test_a_newer_schema_is_refused(db_url: str) -> None:
    with twoway.store.open(db_url) as store:
        store.add_person("Dana Lee")
    engine = create_engine(resolve(db_url).url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    before = _digest(db_url)
    with pytest.raises(SchemaTooNewError) as caught:
        twoway.store.open(db_url)
    assert caught.value.message == (
        "the database's schema version '0099' is newer than this twoway knows (its newest is "
        "'0003'): upgrade twoway (pip install -U twoway); nothing was changed"
    )
    assert _digest(db_url) == before


def _digest(url: str) -> str | None:
    path = resolve(url).path
    if path is None:
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- SQLite files that are locked, read-only or damaged ----------------------------------------


def _cli(
    *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "twoway", *args],
        capture_output=True,
        text=True,
        env=env or _env(),
        timeout=60,
    )


def test_a_locked_database_fails_clearly_after_the_retry_budget(sqlite_path: Path) -> None:
    with twoway.store.open(str(sqlite_path)) as store:
        store.add_person("Dana Lee")
    locker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"db = sqlite3.connect({str(sqlite_path)!r}, isolation_level=None)\n"
            "db.execute('BEGIN EXCLUSIVE')\n"
            "db.execute(\"UPDATE people SET title = 'half-written'\")\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        began = time.monotonic()
        result = _cli(
            "people",
            "add",
            "Sam Ortiz",
            "--db",
            str(sqlite_path),
            env=_env(TWOWAY_DB_TIMEOUT_S="1.5"),
        )
        waited = time.monotonic() - began
    finally:
        locker.kill()
        locker.wait()
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"twoway: error: {sqlite_path}: the database is locked by another program "
        "(waited 1.5 s); try again when it has finished\n"
    )
    assert waited >= 1.5
    with twoway.store.open(str(sqlite_path)) as store:
        people = store.people()
    assert [(p.name, p.title) for p in people] == [
        ("Dana Lee", None)
    ]  # nothing written, nothing lost


def _drop_root_powers() -> tuple[str, ...]:
    """As root, file permissions do not bind: run the command without the capabilities that
    bypass them (as a normal user, nothing to do)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file read-only for us")
    prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return prefix


def test_a_read_only_database_fails_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "twoway.db"
    with twoway.store.open(str(db)) as store:
        store.add_person("Dana Lee")
    prefix = _drop_root_powers()
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = _cli("people", "add", "Sam Ortiz", "--db", str(db), prefix=prefix)
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"twoway: error: {db}: the database is read-only (check the permissions of the file "
        "and its folder); nothing was saved\n"
    )
    assert db.read_bytes() == before
    with twoway.store.open(str(db)) as store:
        assert [p.name for p in store.people()] == ["Dana Lee"]


def test_random_bytes_are_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "twoway.db"
    junk.write_bytes(random.Random(5).randbytes(8192))
    before = junk.read_bytes()
    result = _cli("people", "add", "Sam Ortiz", "--db", str(junk))
    assert result.returncode == 1
    assert result.stderr == (
        f"twoway: error: {junk}: not a twoway database (not an SQLite file; damaged or "
        "something else): nothing was changed; restore a backup or choose another --db\n"
    )
    assert junk.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twoway.db"]  # no -wal, no backup


def test_a_damaged_sqlite_file_fails_clearly(tmp_path: Path) -> None:
    db = tmp_path / "twoway.db"
    with twoway.store.open(str(db)) as store:
        store.add_person("Dana Lee")
    data = bytearray(db.read_bytes())
    data[100:] = random.Random(7).randbytes(len(data) - 100)  # keep only the 100-byte header
    db.write_bytes(bytes(data))
    result = _cli("people", "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"twoway: error: {db}: ")
    assert "nothing was changed; restore a backup or choose another --db" in result.stderr
    assert result.stderr.count("\n") == 1
    assert db.read_bytes() == bytes(data)
