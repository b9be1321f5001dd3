"""Zoom's saved captions and transcript text: a ``[Name] hh:mm:ss`` header above each turn.

::

    [Dana Whitfield] 19:00:05
    Thanks for making the time today.

    [Alex Moreno] 19:00:09
    Of course, happy to be here.

Zoom writes this layout when a meeting's captions or live transcript are saved
(``meeting_saved_closed_caption.txt``) and in its transcript text export. In saved captions the
times are **clock times** of the meeting (19:00:05); in the export they count from the start of
the recording (00:00:05). A file whose first time is an hour or more is read as clock times and
made relative to its first turn (so it starts at 0 s), and a time that falls more than 12 hours
below the one before (23:59:50, then 00:00:10) is taken as the next day: +20 s, not -24 h.

Zoom gives start times only, so ends follow ``_timestamps.ends_from_starts`` (the turns are marked
``end_estimated``). Text above the first header is skipped. The name is whatever is between the
brackets (lower case, pipes, brackets of its own: ``[sam patel | Acme [External]]``).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from itertools import pairwise

from twoway.display import plural
from twoway.errors import ComposeError
from twoway.formats._source import strip_bom
from twoway.formats._timestamps import ends_from_starts, format_clock, parse_clock
from twoway.formats.text import START_ONLY_NOTE, word_counts
from twoway.model import Turn

NAME = "zoom-text"

_CLOCK_CHARS = frozenset("0123456789:.,")
_NOT_A_NAME = frozenset("0123456789:.,; \t")
_MAX_CLOCK_CHARS = 16
WALL_CLOCK_FROM_S = 3600.0
_DAY_S = 86_400.0
_HALF_DAY_S = 43_200.0


def header(line: str) -> tuple[str, float] | None:
    """Speaker and start seconds (as written) of a ``[Name] hh:mm:ss`` line, else ``None``.

    Linear in the line's length: a 200 KB line is rejected without backtracking.

    >>> header("[Dana Whitfield] 00:01:05")
    ('Dana Whitfield', 65.0)
    >>> header("[sam patel | Acme [External]] 19:00:40")
    ('sam patel | Acme [External]', 68440.0)
    """
    line = line.strip()
    if not line.startswith("[") or not line[-1:].isdigit():
        return None
    close = line.rfind("]", 1, len(line) - 1)
    if close < 0:
        return None
    clock = line[close + 1 :]
    if not clock[:1].isspace() or len(clock) > _MAX_CLOCK_CHARS + 8:
        return None
    clock = clock.strip()
    if not 0 < len(clock) <= _MAX_CLOCK_CHARS or not set(clock) <= _CLOCK_CHARS:
        return None
    seconds = parse_clock(clock)
    name = line[1:close].strip()
    if seconds is None or not name or set(name) <= _NOT_A_NAME:
        return None
    return sys.intern(name), seconds


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The turns of a Zoom text export or saved captions, in file order."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), notes if notes is not None else [])


def _parse(lines: Iterator[str], notes: list[str]) -> Iterator[Turn]:
    speakers: list[str] = []
    starts: list[float] = []
    texts: list[list[str]] = []
    skipped = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        found = header(stripped) if stripped[0] == "[" else None
        if found is not None:
            speakers.append(found[0])
            starts.append(found[1])
            texts.append([])
        elif texts:
            texts[-1].append(stripped)
        else:
            skipped += 1
    if skipped:
        notes.append(f"Skipped {plural(skipped, 'line')} above the first '[Name] time' header.")
    if not starts:
        return
    starts = relative_starts(starts, notes)
    joined = [" ".join(parts) for parts in texts]
    ends = ends_from_starts(starts, word_counts(joined))
    notes.append(START_ONLY_NOTE)
    for speaker, start, end, text in zip(speakers, starts, ends, joined, strict=True):
        yield Turn(speaker, start, end, text, end_estimated=True)


def relative_starts(starts: list[float], notes: list[str]) -> list[float]:
    """Starts from the recording's start: clock times made relative, midnight crossed forward.

    The times are clock times when all are below 24 h and the first is at least 1 h, or when one
    falls more than 12 h below the one before it (the clock passed midnight).

    >>> relative_starts([86390.0, 5.0, 20.0], [])
    [0.0, 15.0, 30.0]
    >>> relative_starts([68440.0, 68443.5], [])
    [0.0, 3.5]
    >>> relative_starts([5.0, 9.0], [])
    [5.0, 9.0]
    """
    if any(start >= _DAY_S for start in starts):
        return starts
    wraps = sum(1 for a, b in pairwise(starts) if b < a - _HALF_DAY_S)
    first = starts[0]
    if first < WALL_CLOCK_FROM_S and not wraps:
        return starts
    days = 0.0
    previous = first
    out: list[float] = []
    for start in starts:
        if start + days < previous - _HALF_DAY_S:
            days += _DAY_S
        previous = start + days
        out.append(round(previous - first, 3))
    clock = format_clock(first).partition(".")[0]
    notes.append(
        f"The times are clock times (the first turn at {clock}); they were counted from the "
        "first turn."
        + (" The meeting passes midnight; the times after it are on the next day." if wraps else "")
    )
    return out


def compose(turns: Iterable[Turn]) -> str:
    """A Zoom text export for timed, named ``turns`` (end times are not written).

    >>> print(compose([Turn("Dana", 5.0, 8.0, "Hi")]), end="")
    [Dana] 00:00:05
    Hi
    """
    out: list[str] = []
    for turn in turns:
        if turn.start is None or turn.speaker is None:
            raise ComposeError("Zoom's text export needs a speaker and a start time for each turn")
        clock = format_clock(turn.start).partition(".")[0]
        out += [f"[{turn.speaker}] {clock}", " ".join((turn.text or "").split()), ""]
    return "\n".join(out[:-1]) + "\n"
