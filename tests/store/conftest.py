"""Every store test runs against SQLite and, when ``TWOWAY_TEST_PG_URL`` is set (see
``scripts/setup/postgres.sh``), against the same suite on a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import twoway
from twoway.analysis import Analysis
from twoway.model import Conversation

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
PG_URL = os.environ.get("TWOWAY_TEST_PG_URL")


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL for each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'twoway.db'}"
        return
    if not PG_URL:
        pytest.skip("TWOWAY_TEST_PG_URL is not set (scripts/setup/postgres.sh sets it)")
    _reset_postgres(PG_URL)
    yield PG_URL


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "twoway.db"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the developer's own store or configuration.
    monkeypatch.delenv("TWOWAY_DB", raising=False)
    monkeypatch.delenv("TWOWAY_STAY_IN_TOUCH_DAYS", raising=False)
    monkeypatch.delenv("TWOWAY_DATA_DIR", raising=False)
    monkeypatch.delenv("TWOWAY_ME", raising=False)
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def example(name: str, me: str, mode: str = "interview") -> tuple[Conversation, Analysis]:
    conversation = twoway.load(EXAMPLES / name)
    return conversation, twoway.analyze(conversation, me=me, mode=mode)


@pytest.fixture(scope="session")
def balanced() -> tuple[Conversation, Analysis]:
    return example("balanced_interview.vtt", "Priya")


@pytest.fixture(scope="session")
def monologue() -> tuple[Conversation, Analysis]:
    return example("monologue_interview.vtt", "Alex")
