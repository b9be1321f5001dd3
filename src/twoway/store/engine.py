"""Opening the database safely: URLs, SQLite settings, migrations, retries, error mapping.

SQLite (the default) runs in WAL mode with a busy timeout, foreign keys on, and every write in
``BEGIN IMMEDIATE`` so two writers queue up instead of failing half-way. WAL is switched on
(``use_wal``) only once the file is known to be a twoway store: it is a lasting change to the
file, and another program's database must be left exactly as it was. Every transaction goes
through ``run``: a busy database is retried with backoff until the retry budget
(``TWOWAY_DB_TIMEOUT_S``, default 10 s) runs out, then reported as one clear line.

Start-up stays cheap: when the stored schema version is already the newest (read with one
``SELECT``; the newest read from the migration files' headers), alembic is not even imported.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from twoway.errors import MissingExtraError
from twoway.store.errors import DatabaseBusyError, SchemaTooNewError, StoreError

T = TypeVar("T")

SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MIGRATION_LOCK = 0x7477_6F77  # "twow": one migrator at a time on a server


def retry_budget_s() -> float:
    try:
        return max(0.0, float(os.environ.get("TWOWAY_DB_TIMEOUT_S", "10")))
    except ValueError:
        return 10.0


@dataclass(frozen=True)
class Target:
    """Where the database is: its URL, and its file for SQLite."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def where(self) -> str:
        """How errors name the database: the file, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve(url: str) -> Target:
    """A URL or a plain file path -> ``Target``; ``postgresql://`` means psycopg 3."""
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        return Target(URL.create("sqlite", database=str(path)), path)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if parsed.get_driver_name() not in ("psycopg",):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return Target(parsed, None)
    if backend == "sqlite":
        database = parsed.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return Target(parsed, None)
        path = Path(database).expanduser().resolve()
        return Target(parsed.set(database=str(path)), path)
    raise StoreError(
        f"unsupported database {backend!r}: use a file path, sqlite:///PATH or "
        "postgresql+psycopg://USER@HOST/DB"
    )


def check_sqlite_file(target: Target) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database at all."""
    if target.path is None:
        return
    try:
        with target.path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        if not target.path.parent.is_dir():
            raise StoreError(
                f"the folder {target.path.parent} does not exist", where=str(target.path)
            ) from None
        return
    except IsADirectoryError:
        raise StoreError("is a folder, not a database file", where=target.where) from None
    except OSError as exc:
        raise StoreError(f"cannot read the database ({exc.strerror})", where=target.where) from exc
    if head and head != SQLITE_MAGIC:
        raise StoreError(
            "not a twoway database (not an SQLite file; damaged or something else): "
            "nothing was changed; restore a backup or choose another --db",
            where=target.where,
        )


def make_engine(target: Target) -> Engine:
    budget = retry_budget_s()
    if target.is_sqlite:
        engine = create_engine(
            target.url, connect_args={"timeout": budget, "check_same_thread": False}
        )
        _sqlite_events(engine, busy_ms=int(budget * 1000))
        return engine
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise MissingExtraError("a PostgreSQL store", "postgres", "psycopg") from None
    return create_engine(target.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_events(engine: Engine, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below): pysqlite's implicit transactions would start too
        # late for BEGIN IMMEDIATE and would not cover DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # Settings of this connection only: nothing here writes to the file (WAL, which
            # does, waits for use_wal, once the file is known to be ours).
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: no corruption on crash
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("twoway_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _retryable(exc: SQLAlchemyError, attempt: int) -> bool:
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return True
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if sqlstate in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock
        return True
    # Two writers creating the same person or conversation at once on a server: the loser's
    # retry finds the winner's row.
    return isinstance(exc, IntegrityError) and sqlstate == "23505" and attempt < 5


def run(engine: Engine, target: Target, work: Callable[[Session], T], *, write: bool) -> T:
    """Run ``work`` in one transaction (committed when it returns), retrying a busy database."""
    budget = retry_budget_s()
    deadline = time.monotonic() + budget
    delay = 0.02
    attempt = 0
    while True:
        attempt += 1
        try:
            with engine.connect() as conn:
                if write:
                    conn = conn.execution_options(twoway_write=True)
                with conn.begin(), Session(bind=conn, expire_on_commit=False) as session:
                    result = work(session)
                    session.flush()
                return result
        except UnicodeEncodeError as exc:
            # A lone surrogate (undecodable bytes of a command-line argument, "\ud800" from a
            # JSON file) has no UTF-8 form: the transaction is rolled back, nothing is kept.
            bad = exc.object[exc.start : exc.end]
            raise StoreError(
                f"cannot store text with an undecodable character ({bad!r}); nothing was saved"
            ) from None
        except SQLAlchemyError as exc:
            if not _retryable(exc, attempt):
                raise map_error(exc, target) from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    f"the database is locked by another program (waited {budget:g} s); "
                    "try again when it has finished",
                    where=target.where,
                ) from exc
            time.sleep(min(delay * random.uniform(0.5, 1.5), max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 0.5)


def map_error(exc: BaseException, target: Target) -> StoreError:
    """A database driver's error as one line a person can act on."""
    orig = getattr(exc, "orig", exc)
    message = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = message.lower()
    if "readonly" in low or "read-only" in low:
        return StoreError(
            "the database is read-only (check the permissions of the file and its folder); "
            "nothing was saved",
            where=target.where,
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StoreError(
            f"the database is damaged ({message}): nothing was changed; "
            "restore a backup or choose another --db",
            where=target.where,
        )
    if "unable to open database file" in low:
        return StoreError(
            "cannot open the database file (does its folder exist, and may you write there?)",
            where=target.where,
        )
    if "locked" in low or "busy" in low:
        return DatabaseBusyError(
            "the database is locked by another program; try again when it has finished",
            where=target.where,
        )
    if (isinstance(exc, DBAPIError) and exc.connection_invalidated) or "connection" in low:
        return StoreError(f"cannot reach the database ({message})", where=target.where)
    return StoreError(f"database error ({message})", where=target.where)


def use_wal(engine: Engine, target: Target) -> None:
    """Switch a twoway SQLite store to WAL (lasting: stored in the file; a no-op when it is).

    Called only after ``migrate`` has checked that the file is a twoway store.
    """
    if not target.is_sqlite or target.path is None:
        return
    try:
        raw = engine.raw_connection()
    except SQLAlchemyError as exc:
        raise map_error(exc, target) from exc
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()
    except sqlite3.OperationalError as exc:
        # A read-only file cannot switch to WAL; reading it still works.
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise map_error(exc, target) from exc
    finally:
        raw.close()


# --- migrations ---------------------------------------------------------------------------

_VERSIONS = Path(__file__).parent / "migrations" / "versions"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def head_revision() -> str:
    """The newest schema version this twoway knows, read from the migration files' headers
    (``revision = "0002"``, ``down_revision = "0001"``) without importing alembic.

    The head is the one revision no other revises; ``tests/store`` checks it against alembic's.
    Anything unexpected (several heads, a header it cannot read) asks alembic itself.
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in _VERSIONS.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down is not None:
            revised.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - revised
    if len(heads) == 1:
        return heads.pop()
    return _alembic_head()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "twoway.store:migrations")
    return config


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def table_names(conn: Connection) -> list[str]:
    """The database's tables (SQLite: straight from ``sqlite_master``, no reflection)."""
    if conn.dialect.name == "sqlite":
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
        )
        return [str(name) for name in conn.exec_driver_sql(query).scalars()]
    return list(inspect(conn).get_table_names())


def current_revision(conn: Connection, tables: list[str] | None = None) -> str | None:
    """The schema version stored in the database (alembic's table, read with plain SQL);
    ``None`` when it has none. Several (branches, which twoway does not make) read joined by
    ``+``, which is no revision: ``migrate`` then hands over to alembic."""
    if "alembic_version" not in (table_names(conn) if tables is None else tables):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) != 1:
        return None if not rows else "+".join(sorted(str(r) for r in rows))
    return str(rows[0])


def migrate(engine: Engine, target: Target, to: str = "head") -> str:
    """Bring the schema to ``to`` (normally the newest); returns the version now in force.

    A database from a newer twoway is refused, never touched. Before an existing SQLite file
    is migrated, a copy is made beside it (``NAME.before-REV.bak``). When the schema is already
    ``to`` (the usual case), this is one read and alembic is never loaded.
    """

    def read(session: Session) -> tuple[str | None, list[str]]:
        conn = session.connection()
        tables = table_names(conn)
        return current_revision(conn, tables), tables

    current, tables = run(engine, target, read, write=False)
    if current is not None and current == (head_revision() if to == "head" else to):
        return current

    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    wanted = head if to == "head" else to
    if current == wanted:
        return current
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise SchemaTooNewError(
                f"the database's schema version {current!r} is newer than this twoway knows "
                f"(its newest is {head!r}): upgrade twoway (pip install -U twoway); "
                "nothing was changed",
                where=target.where,
            ) from None
    elif tables:
        raise StoreError(
            f"not a twoway database (it has other tables: {', '.join(sorted(tables)[:5])}); "
            "nothing was changed; choose another --db",
            where=target.where,
        )
    if current is not None and target.path is not None and target.path.exists():
        backup_sqlite(engine, target, _backup_name(target.path, current))

    def upgrade(session: Session) -> str | None:
        conn = session.connection()
        if not target.is_sqlite:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        now = current_revision(conn)  # another process may have migrated meanwhile
        if now != wanted:
            config.attributes["connection"] = conn
            if now is None or _is_ahead(script, wanted, now):
                command.upgrade(config, wanted)
            else:
                command.downgrade(config, wanted)
        return current_revision(conn)

    return run(engine, target, upgrade, write=True) or ""


def _is_ahead(script: Any, wanted: str, now: str) -> bool:
    """True when ``now`` is an ancestor of ``wanted`` (so going to ``wanted`` is an upgrade)."""
    return any(rev.revision == now for rev in script.iterate_revisions(wanted, "base"))


def _backup_name(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")


def backup_sqlite(engine: Engine, target: Target, destination: Path) -> Path:
    """A consistent copy of the SQLite database while others may be using it (backup API).

    Written to a temporary file first and renamed, so ``destination`` is whole or absent.
    """
    temporary = destination.with_name(f".{destination.name}.partial")
    try:
        raw = engine.raw_connection()
    except SQLAlchemyError as exc:
        raise map_error(exc, target) from exc
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
        finally:
            copy.close()
        temporary.replace(destination)
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        raise map_error(exc, target) from exc
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StoreError(
            f"cannot write the backup ({exc.strerror})", where=str(destination)
        ) from exc
    finally:
        raw.close()
    return destination
