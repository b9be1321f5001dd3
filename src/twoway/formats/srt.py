"""SubRip (``.srt``) subtitles, as Otter, Descript, Rev and WhisperX export them.

Speakers come as ``Name:`` prefixes (Otter, Descript, Rev) or WhisperX's ``[SPEAKER_00]:``
(the name is ``SPEAKER_00``); milliseconds may follow a comma (the standard) or a dot. Blocks are
the same as WebVTT cues without the header, so the state machine in ``_cues`` reads both; the
speaker rules (name test, speaker named only when it changes) are in ``_speakers``.

>>> [(t.speaker, t.text) for t in parse("1\\n00:00:01,000 --> 00:00:02,000\\nDana: Hi\\n")]
[('Dana', 'Hi')]
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from twoway.errors import ComposeError
from twoway.formats._cues import parse_cues
from twoway.formats._source import strip_bom
from twoway.formats._speakers import looks_like_name
from twoway.formats._timestamps import format_clock
from twoway.model import Turn

NAME = "srt"


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The subtitles of an SRT file as turns, in file order (index numbers are not checked).

    ``source`` is the text or an iterable of its lines (an open text file).
    """
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return parse_cues(iter(lines), path, notes if notes is not None else [], webvtt=False)


def compose(turns: Iterable[Turn]) -> str:
    """An SRT file for timed ``turns``: ``Name: text``, or ``[Name]: text`` for names that do not
    look like one (``speaker_0``), so that parsing gives the speakers back.

    Raises ``ComposeError`` (a ``ValueError``) for a turn without timing or a name that fits
    neither form.

    >>> print(compose([Turn("Dana", 0.0, 1.5, "Hi")]), end="")
    1
    00:00:00,000 --> 00:00:01,500
    Dana: Hi
    """
    out: list[str] = []
    for number, turn in enumerate(turns, 1):
        if turn.start is None or turn.end is None:
            raise ComposeError("SRT needs turns with timing")
        text = (turn.text or "").replace("\n", " ")
        if turn.speaker is not None:
            name = turn.speaker
            if looks_like_name(name):
                text = f"{name}: {text}"
            elif name.strip() == name and name and not any(c in name for c in "[]\r\n"):
                text = f"[{name}]: {text}"
            else:
                raise ComposeError(f"speaker {name!r} cannot be written as an SRT prefix")
        timing = f"{format_clock(turn.start, sep=',')} --> {format_clock(turn.end, sep=',')}"
        out += [str(number), timing, text, ""]
    return "\n".join(out)
