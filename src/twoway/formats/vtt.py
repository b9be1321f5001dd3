"""WebVTT captions: Zoom, Microsoft Teams, Google Meet, YouTube and podcast transcripts.

Zoom writes ``Name: text`` payloads under numeric cue ids; Teams writes ``<v Name>text</v>``
voice spans under ids like ``3f1c1a2b-.../12-0`` and splits a sentence over several cues; Meet
and YouTube captions name nobody; podcast hosts name a speaker only when it changes. The parsing
itself is the state machine in ``_cues``; speaker rules are in ``_speakers``.

>>> [t.speaker for t in parse("WEBVTT\\n\\n1\\n00:01.000 --> 00:02.500\\n<v Dana>Hi</v>\\n")]
['Dana']
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from twoway.errors import ComposeError
from twoway.formats._cues import parse_cues
from twoway.formats._source import strip_bom
from twoway.formats._timestamps import format_clock
from twoway.model import Turn

NAME = "vtt"


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The cues of a WebVTT file as turns, in file order.

    ``source`` is the text or an iterable of its lines (an open text file). Sentences about what
    the reader had to assume are appended to ``notes``.
    """
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return parse_cues(iter(lines), path, notes if notes is not None else [], webvtt=True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def compose(turns: Iterable[Turn]) -> str:
    """A WebVTT file for timed ``turns``; named speakers become ``<v Name>`` voice spans.

    Raises ``ComposeError`` (a ``ValueError``) for a turn without timing or a speaker name that a
    voice span cannot hold (``>`` or a line break).

    >>> print(compose([Turn("Dana", 0.0, 1.5, "Hi & welcome")]), end="")
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:01.500
    <v Dana>Hi &amp; welcome</v>
    """
    out = ["WEBVTT", ""]
    for number, turn in enumerate(turns, 1):
        if turn.start is None or turn.end is None:
            raise ComposeError("WebVTT needs turns with timing")
        text = _escape(turn.text or "")
        if turn.speaker is not None:
            if any(c in turn.speaker for c in "<>&\r\n") or not turn.speaker.strip():
                raise ComposeError(f"speaker {turn.speaker!r} cannot go in a WebVTT voice span")
            text = f"<v {turn.speaker}>{text}</v>"
        out += [str(number), f"{format_clock(turn.start)} --> {format_clock(turn.end)}", text, ""]
    return "\n".join(out)
