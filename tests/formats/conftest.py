"""Paths shared by the format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
DATA = REPO / "tests" / "data"
SHARED = REPO / ".." / "shared" / "data"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so error messages show the relative paths pinned here."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def shared_dir() -> Path:
    """The public data in ../shared/data; skips the test when the folder is not there."""
    if not SHARED.is_dir():
        pytest.skip(f"public data not available: {SHARED}")
    return SHARED
