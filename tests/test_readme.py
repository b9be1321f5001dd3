"""The README's quick start and example output stay true."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_readme_example_output_is_current() -> None:
    # The README shows a recording analyzed: that needs the audio extras (CI installs them).
    pytest.importorskip("av")
    pytest.importorskip("resemblyzer")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_output.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/check.sh" in readme
    assert "bash scripts/check.sh" in ci
