"""RTTM diarization output (pyannote, VoxConverse, NIST): who spoke when, with no words.

::

    SPEAKER interview 1 12.340 3.500 <NA> <NA> spk00 <NA> <NA>

Fields are split on whitespace: type, file id, channel, start (s), duration (s), two ``<NA>``,
the speaker name, and more ``<NA>``. Only ``SPEAKER`` lines become turns (``SPKR-INFO`` and
other types are skipped); lines starting with ``;;`` or ``#`` are comments. A speaker written as
``<NA>`` is unknown. Turns have no text.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Iterable, Iterator

from twoway.errors import ComposeError, FormatError
from twoway.formats._source import strip_bom
from twoway.model import Turn

NAME = "rttm"


def _seconds(field: str, what: str, line: str, path: str, lineno: int) -> float:
    try:
        value = float(field)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise FormatError(
            f"bad {what} {field!r} in {line.strip()!r} (expected seconds, 0 or more)",
            path=path,
            line=lineno,
        )
    return value


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The ``SPEAKER`` lines of an RTTM file as text-less turns, in file order."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), path, notes if notes is not None else [])


def _parse(lines: Iterator[str], path: str, notes: list[str]) -> Iterator[Turn]:
    recordings: dict[str, None] = {}
    other = 0  # the first line that is neither a comment nor a SPEAKER line
    for lineno, line in enumerate(lines, 1):
        fields = line.split()
        if not fields or fields[0].startswith((";;", "#")):
            continue
        if fields[0] != "SPEAKER":
            other = other or lineno
            continue
        if len(fields) < 8:
            raise FormatError(
                f"SPEAKER line with {len(fields)} fields, expected at least 8 "
                "(SPEAKER file channel start duration <NA> <NA> name)",
                path=path,
                line=lineno,
            )
        start = _seconds(fields[3], "start", line, path, lineno)
        duration = _seconds(fields[4], "duration", line, path, lineno)
        end = start + duration
        if not math.isfinite(end):
            raise FormatError(f"turn ends too late: {line.strip()!r}", path=path, line=lineno)
        recordings.setdefault(fields[1], None)
        name = fields[7]
        yield Turn(None if name == "<NA>" else sys.intern(name), start, end, None)
    if not recordings and other:
        # Lines, and not one of them a SPEAKER record: some other kind of file.
        raise FormatError(
            "no SPEAKER line (SPEAKER file 1 start duration <NA> <NA> name ...) in the file: "
            "not RTTM",
            path=path,
            line=other,
        )
    if len(recordings) > 1:
        notes.append(
            f"The file holds {len(recordings)} recordings ({', '.join(recordings)}); "
            "they were read as one conversation."
        )


def compose(turns: Iterable[Turn], *, file_id: str = "recording") -> str:
    """RTTM ``SPEAKER`` lines for timed ``turns`` (text is dropped; unknown speakers are ``<NA>``).

    Times are written with ``repr`` precision, so parsing gives the starts back exactly and the
    ends to within float rounding (``start + duration``).

    >>> print(compose([Turn("spk00", 1.5, 4.0)]), end="")
    SPEAKER recording 1 1.5 2.5 <NA> <NA> spk00 <NA> <NA>
    """
    out: list[str] = []
    for turn in turns:
        if turn.start is None or turn.end is None:
            raise ComposeError("RTTM needs turns with timing")
        name = "<NA>" if turn.speaker is None else turn.speaker
        if not name or name != "".join(name.split()):
            raise ComposeError(f"speaker {name!r} cannot be an RTTM field (empty or has spaces)")
        duration = turn.end - turn.start
        out.append(f"SPEAKER {file_id} 1 {turn.start!r} {duration!r} <NA> <NA> {name} <NA> <NA>\n")
    return "".join(out)
