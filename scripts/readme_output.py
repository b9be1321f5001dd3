"""Keep the README's example output real: re-run each marked command and paste its output.

A block in README.md looks like::

    <!-- output: twoway analyze examples/balanced_interview.vtt --me Priya -->
    ```text
    ...whatever the command printed...
    ```
    <!-- /output -->

``python scripts/readme_output.py`` rewrites every block in place; ``--check`` exits 1 when one is
out of date (the test suite runs it). Commands run with a 100-column terminal and no colors.
``| head -N`` (``| tail -N``) at the end of a command keeps the first (last) N lines.
All commands share one fresh
store (``TWOWAY_DB`` in a temporary folder) and "today" is pinned (``TWOWAY_TODAY``), so the
follow-up walk-through prints the same thing on any day.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-24"  # the README's walk-through happens on this day (TWOWAY_TODAY)
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(<!-- output: (?P<cmd>.+?) -->\n)(?P<fence>```\w*\n)(?P<body>.*?)(```\n<!-- /output -->)",
    re.DOTALL,
)


def run(command: str, extra_env: dict[str, str]) -> str:
    head = tail = None
    match = re.fullmatch(r"(.+?)\s*\|\s*(head|tail) -(\d+)", command)
    if match:
        command = match.group(1)
        if match.group(2) == "head":
            head = int(match.group(3))
        else:
            tail = int(match.group(3))
    args = shlex.split(command)
    if args[0] == "twoway":
        args = [sys.executable, "-m", "twoway", *args[1:]]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", **extra_env}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    out = result.stdout + result.stderr  # stderr after stdout: a stable order
    lines = [line.rstrip() for line in out.splitlines()]
    if head is not None:
        lines = lines[:head]
    if tail is not None:
        lines = lines[-tail:]
    return "\n".join(lines).rstrip() + "\n"


def render(text: str) -> str:
    """Every block's command, in order, against one fresh store and a pinned "today"."""
    with tempfile.TemporaryDirectory() as tmp:
        extra_env = {"TWOWAY_DB": str(Path(tmp) / "twoway.db"), "TWOWAY_TODAY": TODAY}

        def replace(m: re.Match[str]) -> str:
            output = run(m.group("cmd"), extra_env)
            return f"{m.group(1)}{m.group('fence')}{output}{m.group(5)}"

        return BLOCK.sub(replace, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print("README.md example output is out of date: run python scripts/readme_output.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
