"""``twoway analyze`` without ``--me`` asks which speaker you are, on a terminal only.

The terminal is a real pseudo-terminal (``pty``): the command runs in a subprocess whose stdin,
stdout and stderr are the pty's other end, as in a shell. Without a terminal (a pipe, the
test runner's captured output) nothing is asked, as before.
"""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from twoway.cli import main
from twoway.cli._ask import ask_me

EXAMPLES = Path(__file__).parents[2] / "examples"
BALANCED = EXAMPLES / "balanced_interview.vtt"  # Marcus Chen asks, Priya Nair answers
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def run_on_a_terminal(args: list[str], answer: str | None, env: dict[str, str]) -> str:
    """Run ``python -m twoway ARGS`` on a pty; type ``answer`` once asked (``None``: Ctrl-D)."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "twoway", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", **env},
        close_fds=True,
    )
    os.close(terminal)
    seen, asked = b"", False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the child closed the terminal (Linux: EIO)
                    break
                if not chunk:
                    break
                seen += chunk
            if not asked and b"Your choice" in seen:
                os.write(controller, b"\x04" if answer is None else answer.encode() + b"\n")
                asked = True
            if process.poll() is not None and not ready:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        os.close(controller)
    assert process.returncode == 0, seen.decode(errors="replace")
    return ANSI.sub("", seen.decode(errors="replace")).replace("\r\n", "\n")


def test_on_a_terminal_it_asks_and_reports_for_the_speaker_picked(tmp_path: Path) -> None:
    out = run_on_a_terminal(["analyze", str(BALANCED)], "2", {"TWOWAY_ME": ""})
    assert f"Which speaker are you in {BALANCED}?" in out
    assert "  1. Marcus Chen\n  2. Priya Nair\n  0. none of them: show every speaker" in out
    assert "Your choice (1-2, or a name; Enter for 0): " in out
    assert "you: Priya Nair" in out  # the report is Priya's: share, score, feedback
    assert "Two-way score" in out


def test_a_name_or_a_prefix_is_an_answer_too(tmp_path: Path) -> None:
    out = run_on_a_terminal(["analyze", str(BALANCED)], "marc", {"TWOWAY_ME": ""})
    assert "you: Marcus Chen" in out


def test_enter_takes_the_me_setting_and_ctrl_d_takes_no_one(tmp_path: Path) -> None:
    out = run_on_a_terminal(["analyze", str(BALANCED)], "", {"TWOWAY_ME": "Priya"})
    assert "Enter for 2" in out and "you: Priya Nair" in out
    nobody = run_on_a_terminal(["analyze", str(BALANCED)], None, {"TWOWAY_ME": ""})
    assert "you: " not in nobody
    assert "Which speaker are you?" in nobody  # the report's own notice, as without a terminal


def test_with_me_it_never_asks(tmp_path: Path) -> None:
    out = run_on_a_terminal(["analyze", str(BALANCED), "--me", "Priya"], None, {})
    assert "Your choice" not in out and "you: Priya Nair" in out


def test_without_a_terminal_nothing_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    # The test runner's stdin and stdout are not a terminal: today's behaviour, unchanged.
    assert main(["analyze", str(BALANCED)]) == 0
    captured = capsys.readouterr()
    assert "Your choice" not in captured.out + captured.err
    assert "you: " not in captured.out
    piped = subprocess.run(
        [sys.executable, "-m", "twoway", "analyze", str(BALANCED)],
        input="1\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0
    assert "Your choice" not in piped.stdout + piped.stderr


def test_ask_me_answers() -> None:
    speakers = ["Dana Lee", "Alex Rivera"]

    def asked(typed: str, default: str | None = None) -> tuple[str | None, str]:
        shown = io.StringIO()
        return ask_me(speakers, "a.vtt", default=default, stdin=io.StringIO(typed), stderr=shown), (
            shown.getvalue()
        )

    assert asked("1\n")[0] == "Dana Lee"
    assert asked("0\n")[0] is None
    assert asked("\n")[0] is None
    assert asked("\n", default="Alex Rivera")[0] == "Alex Rivera"
    assert asked("al\n")[0] == "Alex Rivera"
    assert asked("")[0] is None  # end of input
    # A wrong answer is said and asked again; three wrong ones give up.
    chosen, shown = asked("7\nzed\n2\n")
    assert chosen == "Alex Rivera"
    assert "There is no speaker 7.\n" in shown
    assert "'zed' is not a speaker here; speakers: Dana Lee, Alex Rivera\n" in shown
    chosen, shown = asked("7\n8\n9\n")
    assert chosen is None
    assert shown.endswith(
        "No speaker chosen: the report shows every speaker (give --me NAME next time).\n"
    )
