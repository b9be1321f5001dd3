"""Asking which speaker you are, on a terminal (``twoway analyze`` without ``--me``).

Only when both standard input and standard output are a terminal: a pipe, a redirect, a
script or a test runner gets today's answer (every speaker shown, no share or score for you),
never a prompt that waits. The question and the choices go to standard error, so a report on
standard output stays clean.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

TRIES = 3


def interactive() -> bool:
    """Whether a person is at the terminal: stdin and stdout both a TTY."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def ask_me(
    speakers: Sequence[str],
    source: str,
    *,
    default: str | None = None,
    stdin: TextIO | None = None,
    stderr: TextIO | None = None,
) -> str | None:
    """Which of ``speakers`` you are: a number, or a name as ``--me`` takes it (a prefix
    works); an empty answer takes ``default`` (else none); ``0`` or end of input, none.

    >>> import io
    >>> answer, shown = io.StringIO("2\\n"), io.StringIO()
    >>> ask_me(["Dana Lee", "Alex Rivera"], "a.vtt", stdin=answer, stderr=shown)
    'Alex Rivera'
    """
    from twoway.analysis.analyze import resolve_speaker
    from twoway.errors import SpeakerError
    from twoway.report.text_safety import safe_text

    stdin = stdin if stdin is not None else sys.stdin
    out = stderr if stderr is not None else sys.stderr
    out.write(f"Which speaker are you in {safe_text(source)}?\n")
    for number, name in enumerate(speakers, start=1):
        out.write(f"  {number}. {safe_text(name)}\n")
    out.write("  0. none of them: show every speaker\n")
    hint = f"Enter for {speakers.index(default) + 1}" if default in speakers else "Enter for 0"
    for _ in range(TRIES):
        out.write(f"Your choice (1-{len(speakers)}, or a name; {hint}): ")
        out.flush()
        line = stdin.readline()
        if not line:  # end of input (Ctrl-D)
            out.write("\n")
            return None
        answer = line.strip()
        if not answer:
            return default if default in speakers else None
        if answer.isdigit():
            number = int(answer)
            if number == 0:
                return None
            if 1 <= number <= len(speakers):
                return speakers[number - 1]
            out.write(f"There is no speaker {number}.\n")
            continue
        try:
            return resolve_speaker(answer, speakers)
        except SpeakerError as exc:
            out.write(f"{safe_text(str(exc)).removeprefix('--me ')}\n")
    out.write("No speaker chosen: the report shows every speaker (give --me NAME next time).\n")
    return None


def ask_me_on_a_terminal(speakers: Sequence[str], source: str) -> str | None:
    """:func:`ask_me` when a person is at the terminal and there is a choice to make (two
    named speakers or more), preselecting the ``me`` setting (``TWOWAY_ME``, config.toml)."""
    if len(speakers) < 2 or not interactive():
        return None
    from twoway.analysis.analyze import resolve_speaker
    from twoway.errors import SpeakerError
    from twoway.store.config import my_name

    default = None
    setting = my_name()
    if setting:
        try:
            default = resolve_speaker(setting, speakers)
        except SpeakerError:
            default = None
    return ask_me(speakers, source, default=default)
