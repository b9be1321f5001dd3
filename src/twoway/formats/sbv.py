"""YouTube's SubViewer captions (``.sbv``), as YouTube Studio downloads them.

A cue is a timing line ``H:MM:SS.mmm,H:MM:SS.mmm``, its text lines, and a blank line; there are
no numbers, no header and no escapes. Speakers come as in SRT (``Name: text``, ``[SPEAKER_00]:``,
``>> NAME:`` as broadcast captions write a new speaker). Finished cues go through the same
``CueSink`` as WebVTT and SRT (rolling captions, speaker rules).

>>> [(t.speaker, t.start, t.text) for t in parse("0:00:01.000,0:00:02.500\\nDana: Hi\\n")]
[('Dana', 1.0, 'Hi')]
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from twoway.display import plural
from twoway.errors import ComposeError, FormatError
from twoway.formats import _limits
from twoway.formats._cues import CueSink
from twoway.formats._limits import too_long
from twoway.formats._rolling import merge_word_cues
from twoway.formats._source import strip_bom
from twoway.formats._speakers import looks_like_name
from twoway.formats._timestamps import clock_ms
from twoway.model import Turn

NAME = "sbv"

_CLOCK = r"(\d{1,9}):(\d{1,2}):(\d{1,2})\.(\d{1,3})"
TIMING_RE = re.compile(rf"[ \t]*{_CLOCK}[ \t]*,[ \t]*{_CLOCK}[ \t]*", re.ASCII)
# What a timing line with a typo looks like (``0:00:13.f89,0:00:15.489``): an error, not text.
_TIMING_LIKE_RE = re.compile(r"[ \t]*\d+:\d+:[^,\s]*,[ \t]*\d+:", re.ASCII)


def is_timing(line: str) -> bool:
    """Whether ``line`` is an SBV timing line (the sniffer's test).

    >>> is_timing("0:00:00.378,0:00:11.378"), is_timing("00:00:01,000 --> 00:00:02,000")
    (True, False)
    """
    return TIMING_RE.fullmatch(line.rstrip("\r\n")) is not None


def _timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    match = TIMING_RE.fullmatch(line.rstrip("\r\n"))
    if match is None:
        raise FormatError(
            f"bad SBV timing {line.strip()!r} (expected 'h:mm:ss.ttt,h:mm:ss.ttt')",
            path=path,
            line=lineno,
        )
    groups = match.groups()
    start_ms = clock_ms(*groups[:4])
    end_ms = clock_ms(*groups[4:])
    if start_ms is None or end_ms is None:
        raise FormatError(
            f"bad SBV timing {line.strip()!r} (minutes and seconds must be below 60)",
            path=path,
            line=lineno,
        )
    if end_ms < start_ms:
        first, _, second = line.strip().partition(",")
        raise FormatError(
            f"cue ends ({second.strip()}) before it starts ({first.strip()})",
            path=path,
            line=lineno,
        )
    return start_ms / 1000, end_ms / 1000


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The cues of an SBV file as turns, in file order.

    A block whose first line is not a timing line is skipped with a note, unless that line
    looks like a broken timing line (``FormatError`` at its line).
    """
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    found = notes if notes is not None else []
    return merge_word_cues(_parse(iter(lines), path, found), found)


def _parse(lines: Iterator[str], path: str, notes: list[str]) -> Iterator[Turn]:
    sink = CueSink(webvtt=False)
    parts: list[str] = []
    in_cue = skipping = timed = False
    start = end = 0.0
    skipped = 0
    first_text = 0
    lineno = 0
    cue_line = cue_chars = 0  # where the caption's timing line is, and its text so far
    limit = _limits.MAX_TEXT_CHARS
    for line in lines:
        lineno += 1
        if lineno == 1:
            line = strip_bom(line)
        stripped = line.strip()
        if not stripped:
            if in_cue:
                yield from sink.cue(start, end, parts)
                in_cue = False
            skipping = False
            continue
        if in_cue:
            parts.append(stripped)
            cue_chars += len(stripped)
            if cue_chars > limit:
                raise too_long("the caption", path, cue_line)
        elif skipping:
            continue
        elif "," in stripped and stripped[0].isdigit() and _TIMING_LIKE_RE.match(line):
            start, end = _timing(line, path, lineno)
            in_cue = timed = True
            parts = []
            cue_line, cue_chars = lineno, 0
        else:
            skipping = True
            skipped += 1
            first_text = first_text or lineno
    if in_cue:
        yield from sink.cue(start, end, parts)
    if not timed:
        raise FormatError(
            "no SBV timing line (0:00:01.000,0:00:03.000) in the file: not SBV",
            path=path,
            line=first_text or 1,
        )
    yield from sink.finish()
    notes.extend(sink.notes())
    if skipped:
        notes.append(f"Skipped {plural(skipped, 'block')} with no timing line.")


def _clock(seconds: float) -> str:
    total_ms = round(seconds * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{secs:02d}.{ms:03d}"


def compose(turns: Iterable[Turn]) -> str:
    """An SBV file for timed ``turns``: ``Name: text``, or ``[Name]: text`` for a label that does
    not look like a name, so that parsing gives the speakers back.

    Raises ``ComposeError`` (a ``ValueError``) for a turn without timing or a name that fits
    neither form.

    >>> print(compose([Turn("Dana", 0.0, 1.5, "Hi")]), end="")
    0:00:00.000,0:00:01.500
    Dana: Hi
    """
    out: list[str] = []
    for turn in turns:
        if turn.start is None or turn.end is None:
            raise ComposeError("SBV needs turns with timing")
        text = " ".join((turn.text or "").split())
        if turn.speaker is not None:
            name = turn.speaker
            if looks_like_name(name):
                text = f"{name}: {text}"
            elif name.strip() == name and name and not any(c in name for c in "[]\r\n"):
                text = f"[{name}]: {text}"
            else:
                raise ComposeError(f"speaker {name!r} cannot be written as an SBV prefix")
        out += [f"{_clock(turn.start)},{_clock(turn.end)}", text, ""]
    return "\n".join(out)
