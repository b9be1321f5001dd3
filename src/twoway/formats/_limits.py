"""How much text one line, cue or turn may hold: the limit that keeps memory bounded.

Analysing a turn holds several times its text (its words, their counts, the question
candidates), and the readers copy a line a few times on the way (stripping, tags, entities):
before this limit one 200 MB line took 207 s and 7.4 GB, and one 200 MB caption cue 248 s and
11.2 GB. No transcript comes near it: an hour of one person talking is about 60 KB of text, and
``MAX_TEXT_CHARS`` (2 million characters) is some 40 hours of speech without a pause. A longer
line, cue, paragraph, annotation or turn is a ``FormatError`` that says where it starts. The
streaming readers refuse it before it is held more than once: line readers get their lines
through ``bounded_lines``, which stops reading a line as soon as it passes the limit, the caption
readers count a cue's text as its lines come, and the XML readers an element's text as expat
gives it; ``check_turns`` (run on every conversation) catches what the others build from parts
(JSON documents, words joined into turns).

The limit is read at call time, so a test can lower it (``monkeypatch.setattr``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import TextIO

from twoway.errors import FormatError
from twoway.model import Turn

MAX_TEXT_CHARS = 2_000_000
_TEXT = attrgetter("text")


def too_long(what: str, path: str, line: int | None = None) -> FormatError:
    """The error for ``what`` (``"the line"``, ``"the cue"``...) past ``MAX_TEXT_CHARS``.

    >>> print(too_long("the line", "big.vtt", 3))
    big.vtt:3: the line is longer than 2,000,000 characters: not a transcript's turn
    """
    return FormatError(
        f"{what} is longer than {MAX_TEXT_CHARS:,} characters: not a transcript's turn",
        path=path,
        line=line,
    )


def bounded_lines(stream: TextIO, path: str) -> Iterator[str]:
    """The lines of ``stream``; ``FormatError`` at the first one longer than ``MAX_TEXT_CHARS``,
    read no further than the limit (``readline(size)``), so it is never held whole.

    Costs about 0.2 µs a line over plain iteration: ``load`` uses it only for files larger than
    the limit, in which alone a line can pass it.
    """
    limit = MAX_TEXT_CHARS
    readline = stream.readline
    lineno = 0
    while line := readline(limit + 1):
        lineno += 1
        if len(line) > limit and line[-1] != "\n":
            raise too_long("the line", path, lineno)
        yield line


def check_lines(lines: Sequence[str], path: str) -> None:
    """``FormatError`` for the first of ``lines`` (already in memory) longer than the limit."""
    limit = MAX_TEXT_CHARS
    if lines and max(map(len, lines)) > limit:
        lineno = next(i for i, line in enumerate(lines, 1) if len(line) > limit)
        raise too_long("the line", path, lineno)


def check_turns(turns: Sequence[Turn], path: str) -> None:
    """``FormatError`` naming the first turn whose text is longer than ``MAX_TEXT_CHARS``."""
    limit = MAX_TEXT_CHARS
    if max(map(len, filter(None, map(_TEXT, turns))), default=0) <= limit:
        return  # the common case, at C speed: 0.05 s for 2 million turns
    for turn in turns:
        if turn.text is not None and len(turn.text) > limit:
            who = turn.speaker if turn.speaker is not None else "an unknown speaker"
            when = "" if turn.start is None else f" at {turn.start:.3f} s"
            raise too_long(f"a turn of {who}{when}", path)
