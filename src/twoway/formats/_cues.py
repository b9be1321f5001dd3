"""The caption-cue state machine shared by the WebVTT and SRT readers.

One hand-written loop over lines, because caption files can be hundreds of megabytes and the
readers must beat general-purpose caption libraries: the only per-line work is a ``"-->" in line``
test or a ``strip``; the timing regex runs once per cue, tag and entity handling only when a
``<`` or ``&`` is present, and the ``Name:`` test is cached per distinct prefix.

Blocks without a timing line (``NOTE``, ``STYLE``, ``REGION``, stray text) are skipped as the
WebVTT parsing rules say; a timing line that does not parse, or a cue that ends before it starts,
is an error, because silently dropping speech would skew every share. Speaker rules are in
``_speakers``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain

from twoway.errors import FormatError
from twoway.formats._source import strip_bom
from twoway.formats._speakers import CueSpeakers, clean_payload, plural, split_bracket_speaker
from twoway.formats._timestamps import TIMING_RE, clock_ms
from twoway.model import Turn

_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")

# Parser states.
_BETWEEN, _AFTER_ID, _PAYLOAD, _SKIPPING = 0, 1, 2, 3


# The shape nearly every file uses (``00:01:02.345 --> 00:01:04.000``), matched and converted
# without the general path's range checks: [0-5] already keeps minutes and seconds below 60.
_COMMON_TIMING_RE = re.compile(
    r"(\d\d+):([0-5]\d):([0-5]\d)[.,](\d{3}) --> (\d\d+):([0-5]\d):([0-5]\d)[.,](\d{3})(?:[ \t]|$)",
    re.ASCII,
)


def cue_timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    """Start and end seconds of a timing line; ``FormatError`` if it is malformed or backwards."""
    common = _COMMON_TIMING_RE.match(line)
    if common is not None and len(common.group(1)) <= 9 and len(common.group(5)) <= 9:
        h1, m1, s1, f1, h2, m2, s2, f2 = common.groups()
        start_ms = ((int(h1) * 60 + int(m1)) * 60 + int(s1)) * 1000 + int(f1)
        end_ms = ((int(h2) * 60 + int(m2)) * 60 + int(s2)) * 1000 + int(f2)
        if end_ms >= start_ms:
            return start_ms / 1000, end_ms / 1000
    match = TIMING_RE.match(line)
    if match is None:
        raise FormatError(
            f"bad cue timing {line.strip()!r} (expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')",
            path=path,
            line=lineno,
        )
    groups = match.groups()
    start_or_none = clock_ms(*groups[:4])
    end_or_none = clock_ms(*groups[4:])
    if start_or_none is None or end_or_none is None:
        raise FormatError(
            f"bad cue timing {line.strip()!r} (minutes and seconds must be below 60)",
            path=path,
            line=lineno,
        )
    if end_or_none < start_or_none:
        start_text, _, rest = line.partition("-->")
        raise FormatError(
            f"cue ends ({rest.split()[0]}) before it starts ({start_text.strip()})",
            path=path,
            line=lineno,
        )
    return start_or_none / 1000, end_or_none / 1000


def cue_turns(
    speakers: CueSpeakers, start: float, end: float, parts: list[str], webvtt: bool
) -> Sequence[Turn]:
    """The turn(s) one finished cue releases (none while the speaker rule is undecided)."""
    text = parts[0] if len(parts) == 1 else " ".join(parts)
    voice, text = clean_payload(text, webvtt=webvtt)
    if voice is None and text.startswith("["):
        voice, text = split_bracket_speaker(text)
    if speakers.decided:
        return (speakers.turn(start, end, text, voice),)
    return speakers.hold(start, end, text, voice) or ()


def parse_cues(
    lines: Iterator[str], path: str, notes: list[str], *, webvtt: bool
) -> Iterator[Turn]:
    """Turns for the cues in ``lines``; ``webvtt`` expects the ``WEBVTT`` header line."""
    speakers = CueSpeakers()
    lineno = 0
    state = _BETWEEN
    skipped = 0
    start = end = 0.0
    parts: list[str] = []

    for line in lines:
        lineno += 1
        if line.strip():
            break
    else:
        return
    line = strip_bom(line)
    first_line = lineno  # the first line that is not blank
    header = timed = False
    if not webvtt:
        lines = chain((line,), lines)
        lineno -= 1
    elif line.startswith("WEBVTT") and (len(line) == 6 or line[6] in " \t\r\n"):
        state = _SKIPPING  # the header block runs to the first blank line
        header = True
    else:
        notes.append("The file has no WEBVTT header line; it was read as WebVTT anyway.")
        lines = chain((line,), lines)
        lineno -= 1

    for line in lines:
        lineno += 1
        if state == _PAYLOAD:
            stripped = line.strip()
            if not stripped:
                yield from cue_turns(speakers, start, end, parts, webvtt)
                state = _BETWEEN
            elif "-->" in stripped:  # a new cue with no blank line before it
                yield from cue_turns(speakers, start, end, parts, webvtt)
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
            else:
                parts.append(stripped)
        elif state == _BETWEEN:
            if "-->" in line:
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
                state = _PAYLOAD
                continue
            stripped = line.strip()
            if not stripped:
                continue
            if stripped[0] in "NSR" and stripped.split(None, 1)[0] in _SKIPPED_BLOCKS:
                state = _SKIPPING
            else:
                state = _AFTER_ID
        elif state == _AFTER_ID:
            if "-->" in line:
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
                state = _PAYLOAD
            else:
                skipped += 1
                state = _BETWEEN if not line.strip() else _SKIPPING
        elif "-->" in line:  # _SKIPPING: a cue right under the header, no blank line between
            start, end = cue_timing(line, path, lineno)
            timed = True
            parts = []
            state = _PAYLOAD
        elif not line.strip():
            state = _BETWEEN

    if state == _PAYLOAD:
        yield from cue_turns(speakers, start, end, parts, webvtt)
    elif state == _AFTER_ID:
        skipped += 1
    if not header and not timed:
        # Text with no header and not one "start --> end" line is some other kind of file; a
        # WebVTT file with its header and no cue is a valid, empty transcript.
        kind, example = ("WebVTT", "00:00:01.000") if webvtt else ("SubRip (SRT)", "00:00:01,000")
        raise FormatError(
            f"no cue timing line ({example} --> ...) in the file: not {kind}",
            path=path,
            line=first_line,
        )
    yield from speakers.finish()
    notes.extend(speakers.notes())
    if skipped:
        notes.append(f"Skipped {plural(skipped, 'block')} with no cue timing line.")
