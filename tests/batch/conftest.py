"""Transcripts made on the spot for the batch tests, and a way to run the CLI in-process."""

from __future__ import annotations

import io
import random
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from twoway.cli import main
from twoway.formats._timestamps import format_clock

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def interview_vtt(
    me: str = "Alex Kim",
    them: str = "Dana Lee",
    *,
    exchanges: int = 6,
    my_cues: int = 2,
    their_cues: int = 2,
    my_questions: int = 1,
    seed: int = 0,
) -> str:
    """A Zoom-style VTT: ``exchanges`` rounds of their question, my answer; my questions last."""
    rng = random.Random(seed)
    lines = ["WEBVTT", ""]
    t = 0.0
    n = 0

    def cue(who: str, text: str, seconds: float) -> None:
        nonlocal t, n
        n += 1
        lines.extend(
            [str(n), f"{format_clock(t)} --> {format_clock(t + seconds)}", f"{who}: {text}", ""]
        )
        t += seconds + 0.4

    for i in range(exchanges):
        for _ in range(their_cues):
            cue(them, f"Tell me about the project number {i} you worked on", 3.0 + rng.random())
        for _ in range(my_cues):
            cue(me, "I built the ingestion pipelines and we shipped it on time", 4.0 + rng.random())
    for _ in range(my_questions):
        cue(me, "What does a typical day look like for the team?", 3.0)
        cue(them, "Mostly focused work and a design review on Thursdays.", 3.0)
    return "\n".join(lines) + "\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cohort_dir(tmp_path: Path) -> Path:
    """Six good interviews (one per student, different balances) in nested folders."""
    folder = tmp_path / "cohort"
    (folder / "week1").mkdir(parents=True)
    (folder / "week2").mkdir()
    shapes = [
        ("Alex Kim", 2, 2, 2),
        ("Sam Patel", 6, 1, 0),  # talks over 75%, asks nothing
        ("Jo Chen", 1, 2, 4),
        ("Ria Novak", 3, 2, 1),
        ("Lee Park", 2, 3, 3),
        ("Max Silva", 4, 1, 0),
        ("Bo Grant", 40, 2, 1),  # floors of over 3 minutes
    ]
    for i, (me, mine, theirs, questions) in enumerate(shapes):
        week = "week1" if i < 3 else "week2"
        (folder / week / f"{me.split()[0].lower()}.vtt").write_text(
            interview_vtt(me, my_cues=mine, their_cues=theirs, my_questions=questions, seed=i),
            encoding="utf-8",
        )
    return folder


def python() -> str:
    return sys.executable
