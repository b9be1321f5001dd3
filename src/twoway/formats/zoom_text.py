"""Zoom's newer plain-text transcript export: a ``[Name] hh:mm:ss`` header above each turn.

::

    [Dana Whitfield] 00:00:05
    Thanks for making the time today.

    [Alex Moreno] 00:00:09
    Of course, happy to be here.

Zoom gives start times only, so ends follow ``_timestamps.ends_from_starts``: a turn ends 0.1 s
before the next one starts (never before its own start), and the last turn lasts as long as its
words take at 150 words a minute, at least one second. Text above the first header is skipped.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator

from twoway.formats._source import strip_bom
from twoway.formats._speakers import plural
from twoway.formats._timestamps import CLOCK, clock_ms, ends_from_starts, format_clock
from twoway.model import Turn

NAME = "zoom-text"

HEADER_RE = re.compile(rf"\[([^\[\]]*[^\[\]\d:.,\s][^\[\]]*)\][ \t]+{CLOCK}[ \t]*")


def header(line: str) -> tuple[str, float] | None:
    """Speaker and start seconds of a ``[Name] hh:mm:ss`` line, else ``None``.

    >>> header("[Dana Whitfield] 00:01:05")
    ('Dana Whitfield', 65.0)
    """
    match = HEADER_RE.fullmatch(line.strip())
    if match is None:
        return None
    ms = clock_ms(*match.groups()[1:])
    name = match.group(1).strip()
    if ms is None or not name:
        return None
    return sys.intern(name), ms / 1000


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The turns of a Zoom text export, in file order."""
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
    joined = [" ".join(parts) for parts in texts]
    ends = ends_from_starts(starts, [len(text.split()) for text in joined])
    notes.append(
        "Zoom's text export gives start times only: each turn ends 0.1 s before the next one "
        "starts, and the last lasts as long as its words take at 150 words a minute."
    )
    for speaker, start, end, text in zip(speakers, starts, ends, joined, strict=True):
        yield Turn(speaker, start, end, text)


def compose(turns: Iterable[Turn]) -> str:
    """A Zoom text export for timed, named ``turns`` (end times are not written).

    >>> print(compose([Turn("Dana", 5.0, 8.0, "Hi")]), end="")
    [Dana] 00:00:05
    Hi
    """
    out: list[str] = []
    for turn in turns:
        if turn.start is None or turn.speaker is None:
            raise ValueError("Zoom's text export needs a speaker and a start time for each turn")
        clock = format_clock(turn.start).partition(".")[0]
        out += [f"[{turn.speaker}] {clock}", " ".join((turn.text or "").split()), ""]
    return "\n".join(out[:-1]) + "\n"
