"""The README's quick start and example output stay true."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_readme_example_output_is_current() -> None:
    # The README shows a recording analyzed: that needs the audio extras (CI installs them, so
    # there a missing one fails). Found, not imported: resemblyzer's old webrtcvad imports
    # pkg_resources, which new setuptools lacks, and twoway does not need that import.
    import importlib.util
    import os

    missing = [name for name in ("av", "resemblyzer") if importlib.util.find_spec(name) is None]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and the audio extras are missing: {', '.join(missing)}")
        pytest.skip(f"needs twoway[audio,diarize]: {', '.join(missing)}")
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


def test_relative_links_in_docs_resolve() -> None:
    import re

    pages = [
        ROOT / "README.md",
        ROOT / "examples" / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ]
    broken = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if "://" in target or target.startswith(("#", "mailto:")):
                continue
            path = (page.parent / target.split("#", 1)[0]).resolve()
            if not path.exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []
