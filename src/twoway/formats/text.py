"""Plain-text transcripts: ``Name: text`` lines, optionally timestamped, and Otter's paragraphs.

Recognized lines::

    Dana: Tell me about yourself.            a turn by Dana (no timing)
    [00:01:02] Dana: Tell me about yourself.  a turn starting at 62 s ((00:01:02) works too)
    Dana Whitfield  0:05                      Otter: a header, the paragraph below is the turn
    and the rest of it...                     any other line continues the turn above

A ``Name:`` prefix needs the same evidence as in captions (``_speakers``): two prefixed lines, or
every line prefixed, or timestamps/Otter headers that show the file is a transcript. Lines with
no turn to continue start an unnamed turn per paragraph, so prose without names still reads.

Only start times exist, so ends follow ``_timestamps.ends_from_starts`` (0.1 s before the next
start; the last turn lasts as long as its words take at 150 words a minute). Either every turn
has a time or none does: unnamed text before the first timestamp (a title) is dropped, and a file
where timestamps come and go is read without timing.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator

from twoway.formats._source import strip_bom
from twoway.formats._speakers import looks_like_name, plural, split_name_prefix
from twoway.formats._timestamps import CLOCK, clock_ms, ends_from_starts, format_clock
from twoway.model import Turn

NAME = "text"

STAMPED_RE = re.compile(rf"[\[(]{CLOCK}[\])][ \t]*(.*)", re.ASCII | re.DOTALL)
OTTER_HEADER_RE = re.compile(rf"(\S.*?)[ \t]+{CLOCK}", re.DOTALL)

# Line kinds.
PLAIN, PREFIX, STAMP, HEADER = 0, 1, 2, 3


def classify(line: str) -> tuple[int, str | None, float | None, str]:
    """Kind, speaker, start and words of one stripped, non-blank line (see the module docstring).

    >>> classify("[00:01:02] Dana: Hello")
    (2, 'Dana', 62.0, 'Hello')
    >>> classify("Dana Whitfield  0:05")
    (3, 'Dana Whitfield', 5.0, '')
    """
    if line[0] in "[(":
        match = STAMPED_RE.fullmatch(line)
        if match is not None:
            ms = clock_ms(*match.groups()[:4])
            if ms is not None:
                name, rest = split_name_prefix(match.group(5))
                return STAMP, name, ms / 1000, rest
    if line[-1].isdigit():
        match = OTTER_HEADER_RE.fullmatch(line)
        if match is not None and looks_like_name(match.group(1)):
            ms = clock_ms(*match.groups()[1:])
            if ms is not None:
                return HEADER, sys.intern(match.group(1)), ms / 1000, ""
    name, rest = split_name_prefix(line)
    if name is not None:
        return PREFIX, name, None, rest
    return PLAIN, None, None, line


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The turns of a plain-text transcript, in file order."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), notes if notes is not None else [])


# A line as read: kind, speaker, start, words, whether a blank line came before it.
_Line = tuple[int, str | None, float | None, str, bool]


def _parse(lines: Iterator[str], notes: list[str]) -> Iterator[Turn]:
    read: list[_Line] = []
    prefixed = definite = 0
    after_blank = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        kind, name, start, words = classify(strip_bom(stripped))
        prefixed += kind == PREFIX
        definite += kind in (STAMP, HEADER)
        read.append((kind, name, start, words if kind != PLAIN else stripped, after_blank))
        after_blank = False
    accept = definite > 0 or prefixed >= 2 or (prefixed > 0 and prefixed == len(read))
    if prefixed and not accept:
        rejected = next(name for kind, name, *_ in read if kind == PREFIX)
        notes.append(
            f"One line starts with {rejected!r} and a colon, but no other line names a speaker, "
            "so it was read as speech."
        )
    yield from _timed(_turns(read, accept), notes)


def _turns(
    read: list[_Line], accept_prefix: bool
) -> list[tuple[str | None, float | None, list[str]]]:
    turns: list[tuple[str | None, float | None, list[str]]] = []
    last_speaker: str | None = None
    for kind, name, start, words, after_blank in read:
        if kind == PREFIX and not accept_prefix:
            kind, name, words = PLAIN, None, f"{name}: {words}"
        if kind == PLAIN:
            if turns and not (after_blank and turns[-1][0] is None and turns[-1][1] is None):
                turns[-1][2].append(words)
                continue
            name = last_speaker
        elif kind == STAMP and name is None:
            name = last_speaker  # the speaker is named only when it changes
        last_speaker = name
        turns.append((name, start, [words] if words else []))
    return turns


def _timed(
    turns: list[tuple[str | None, float | None, list[str]]], notes: list[str]
) -> Iterator[Turn]:
    texts = [" ".join(parts) for _, _, parts in turns]
    timed = [start is not None for _, start, _ in turns]
    if any(timed) and not all(timed):
        first = timed.index(True)
        titles = all(speaker is None for speaker, _, _ in turns[:first])
        if titles and all(timed[first:]):
            notes.append(
                f"Skipped {plural(first, 'paragraph')} before the first timestamp "
                "(a title or header?)."
            )
            turns, texts = turns[first:], texts[first:]
        else:
            notes.append("Only some lines have timestamps, so the file was read without timing.")
            timed = []
    if not turns or not any(timed):
        for (speaker, _, _), text in zip(turns, texts, strict=True):
            yield Turn(speaker, None, None, text)
        return
    starts = [start for _, start, _ in turns if start is not None]
    ends = ends_from_starts(starts, [len(text.split()) for text in texts])
    notes.append(
        "The transcript gives start times only: each turn ends 0.1 s before the next one "
        "starts, and the last lasts as long as its words take at 150 words a minute."
    )
    for (speaker, _, _), text, start, end in zip(turns, texts, starts, ends, strict=True):
        yield Turn(speaker, start, end, text)


def compose(turns: Iterable[Turn]) -> str:
    """``Name: text`` paragraphs, each behind a ``[hh:mm:ss.ttt]`` start time when timed.

    End times are not written (the format has none). Raises ``ValueError`` for a speaker that
    does not look like a name, since it would read back as speech.

    >>> print(compose([Turn("Dana", None, None, "Hi"), Turn("Alex", None, None, "Hello")]))
    Dana: Hi
    <BLANKLINE>
    Alex: Hello
    <BLANKLINE>
    """
    out: list[str] = []
    for turn in turns:
        line = " ".join((turn.text or "").split())
        if turn.speaker is not None:
            if not looks_like_name(turn.speaker):
                raise ValueError(f"speaker {turn.speaker!r} does not look like a name")
            line = f"{turn.speaker}: {line}"
        if turn.start is not None:
            line = f"[{format_clock(turn.start)}] {line}"
        out += [line, ""]
    return "\n".join(out)
