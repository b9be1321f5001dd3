"""Plain-text transcripts: ``Name: text`` lines and the layouts meeting tools export as text.

Recognized lines (each tool's full layout is in ``docs/formats.md``)::

    Dana: Tell me about yourself.             a turn by Dana (no timing)
    [00:01:02] Dana: Tell me about yourself.  a turn starting at 62 s ((00:01:02) works too)
    Dana Whitfield  0:05                      Otter, Teams: a header; the lines below are the turn
    Agrawal, Mayurika [External]   1:02:03    (Teams names may be "Last, First", with markers)
    Speaker 1 (00:05):                        Rev: a header ("Speaker 1 (00:05): text" inline)
    Speaker 1: (00:00:05) text                Rev's other layout
    **Dana Whitfield**  0:05                  Otter or Rev pasted as Markdown (bold removed)
    00:05:00                                  a time on its own line: the next turn starts then
    0:00:04.120 --> 0:00:07.900               Teams' older layout: a timing line, the name on
    Agrawal, Mayurika                         the next line, then the words
    and the rest of it...                     any other line continues the turn above

Dropped: Teams' ``X started transcription`` / ``stopped transcription`` lines, Otter's
``Transcribed by https://otter.ai`` and Google Meet's ``Meeting ended after 00:31:02`` and
``This editable transcript was computer generated...`` lines.

Which ``Name:`` prefixes are names is decided over the whole file (``_speakers``): with most
paragraphs prefixed, any name-like prefix is one (``potuz:``); otherwise it needs to recur, or the
file to name speakers another way. In a header's paragraph (up to a blank line or the next
header) a ``Note:`` is words, never a speaker. Lines with no turn to continue start an unnamed
turn per paragraph, so prose without names still reads. Unnamed lines before the first named or
timed turn (a title, Google Meet's attendee list) are skipped with a note.

Timing: a Teams timing line gives start and end. Otherwise only starts exist and ends follow
``_timestamps.ends_from_starts``. Either every turn has a time or none does: a file where only
some turns have one (Google Meet stamps the time every five minutes) is read without timing.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator

from twoway.display import plural
from twoway.errors import ComposeError
from twoway.formats._source import strip_bom
from twoway.formats._speakers import (
    CASED,
    NOT_A_PREFIX,
    PHRASE,
    UNCASED,
    PrefixEvidence,
    looks_like_name,
    prefix_kind,
    quote_prefixes,
    split_prefix,
    unnamed_notes,
)
from twoway.formats._timestamps import (
    CLOCK,
    TIMING_RE,
    WORDS_PER_S,
    clock_ms,
    ends_from_starts,
    format_clock,
)
from twoway.model import Turn

NAME = "text"

START_ONLY_NOTE = (
    "The transcript gives start times only; each turn is taken to end when its words could "
    "have been said (150 words a minute, at least 1 s), or 0.1 s before the next turn starts "
    "if that comes first."
)

STAMPED_RE = re.compile(rf"[\[(]{CLOCK}[\])][ \t]*(.*)", re.ASCII | re.DOTALL)
_CLOCK_RE = re.compile(CLOCK, re.ASCII)
# A full clock and a blank at the start of a line: "12:31:10 words" (hours required, so "10:30 we
# met" stays words).
_LEADING_CLOCK_RE = re.compile(r"(\d{1,2}):(\d\d):(\d\d)(?:[.,](\d{1,3}))?[ \t]+(?=\S)", re.ASCII)
_CLOCK_CHARS = frozenset("0123456789:.,")
_MAX_CLOCK_CHARS = 16

# Line kinds (``classify`` returns the first four; the reader uses them all). ``END``: Google
# Meet's "Transcription ended after 00:46:43" (its start is when the meeting ended); ``HEADING``:
# a Markdown heading that is not a time (a title, "## Notes", "## Meeting - Transcript").
PLAIN, PREFIX, STAMP, HEADER, CLOCK_LINE, TIMING, SKIP, END, HEADING = 0, 1, 2, 3, 4, 5, 6, 7, 8
_ENDED = ("Transcription ended after ", "Meeting ended after ")

# A line as read: kind, speaker or prefix, the prefix's kind, start, end, words, whether a blank
# line came before it, and the words as written (with the prefix) in case it is not a name.
_Line = tuple[int, str | None, int, float | None, float | None, str, bool, str]


def _clock(text: str) -> float | None:
    """Seconds for a bare clock (``1:02:03``, ``0:05``, ``00:00:04.120``), else ``None``."""
    if not 3 <= len(text) <= _MAX_CLOCK_CHARS or ":" not in text:
        return None
    match = _CLOCK_RE.fullmatch(text)
    if match is None:
        return None
    ms = clock_ms(*match.groups())
    return None if ms is None else ms / 1000


def _bracketed_clock(text: str) -> tuple[float, int] | None:
    """The time in a ``(00:05)`` or ``[00:05]`` at the start of ``text`` and where it ends."""
    if text[:1] not in ("(", "["):
        return None
    close = text.find(")" if text[0] == "(" else "]", 1, _MAX_CLOCK_CHARS + 2)
    if close < 0:
        return None
    seconds = _clock(text[1:close])
    return None if seconds is None else (seconds, close + 1)


def _boilerplate(line: str) -> bool:
    """Lines meeting tools add that are nobody's speech (see the module docstring)."""
    if line.endswith(("started transcription", "stopped transcription")):
        return prefix_kind(line.rsplit(None, 2)[0]) in (CASED, UNCASED)
    return line.lstrip("*_").startswith(
        ("Transcribed by https://otter.ai", "This editable transcript was computer generated")
    )


def _ended_at(line: str) -> float | None:
    """When Google Meet says the transcript ended: ``Transcription ended after 00:46:43``."""
    for lead in _ENDED:
        if line.startswith(lead):
            rest = line[len(lead) :].split(None, 1)
            return _clock(rest[0].rstrip(".")) if rest else None
    return None


def _heading(line: str) -> str | None:
    """The text of a Markdown heading (``### 00:02:10`` -> ``00:02:10``), else ``None``."""
    hashes = len(line) - len(line.lstrip("#"))
    if 1 <= hashes <= 6 and line[hashes : hashes + 1] in (" ", "\t"):
        return line[hashes:].strip().strip("#").strip()
    return None


def _unbold(line: str) -> str:
    """``Dana  0:05`` for Markdown's ``**Dana**  0:05`` (Otter and Rev text pasted as Markdown)."""
    for mark in ("**", "__"):
        if line.startswith(mark):
            close = line.find(mark, 2)
            if close > 2:
                return (line[2:close] + line[close + 2 :]).strip()
    return line


def _header(line: str) -> tuple[str, int, float] | None:
    """Name, name kind and start of a header line: ``Name  0:05``, ``Speaker 1 (00:05):``."""
    body = line[:-1].rstrip() if line.endswith(":") else line
    if body.endswith((")", "]")):
        reach = max(0, len(body) - _MAX_CLOCK_CHARS - 3)
        opener = body.rfind("(" if body[-1] == ")" else "[", reach, len(body) - 1)
        if opener <= 0 or len(body) - opener > _MAX_CLOCK_CHARS + 2:
            return None
        seconds = _clock(body[opener + 1 : -1])
        name = body[:opener].strip()
        tight = False
    elif line[-1].isdigit():
        cut = len(line)
        floor = max(0, cut - _MAX_CLOCK_CHARS - 1)  # a clock is short: never scan a long line
        while cut > floor and line[cut - 1] in _CLOCK_CHARS:
            cut -= 1
        if cut == 0 or not line[cut - 1].isspace():
            return None
        seconds = _clock(line[cut:])
        name = line[:cut].rstrip()
        tight = cut - len(name) < 2  # one blank before the time
    else:
        return None
    if seconds is None:
        return None
    kind = prefix_kind(name)
    # Otter and Teams put two or three blanks before the time; after one ("We met at 10:30",
    # "12 March 2026 14:02") the name must be capitalized and hold no bare number.
    if tight and (kind != CASED or any(word.isdigit() for word in name.split())):
        return None
    if kind in (CASED, UNCASED):
        return sys.intern(name), kind, seconds
    return None


def _timed_prefix(line: str) -> tuple[str, int, float, str] | None:
    """Rev's ``Speaker 1 (00:05): words``: name, name kind, start and words."""
    for opener in ("(", "["):
        at = line.find(" " + opener, 0, 66)
        while at > 0:
            found = _bracketed_clock(line[at + 1 : at + 1 + _MAX_CLOCK_CHARS + 2])
            if found is not None:
                seconds, length = found
                rest = line[at + 1 + length :]
                if rest.startswith(":"):
                    name = line[:at].strip()
                    kind = prefix_kind(name)
                    if kind in (CASED, UNCASED):
                        return sys.intern(name), kind, seconds, rest[1:].strip()
                return None
            at = line.find(" " + opener, at + 1, 66)
    return None


def _read(line: str, after_blank: bool) -> _Line:
    """One stripped, non-blank line as a ``_Line`` (see the module docstring)."""
    heading = _heading(line) if line[:1] == "#" else None
    if heading is not None:
        seconds = _clock(heading)
        if seconds is not None:
            return (CLOCK_LINE, None, NOT_A_PREFIX, seconds, None, "", after_blank, "")
        ended = _ended_at(heading)
        if ended is not None:
            return (END, None, NOT_A_PREFIX, ended, None, "", after_blank, heading)
        return (HEADING, None, NOT_A_PREFIX, None, None, "", after_blank, heading)
    line = _unbold(line)
    if not line or _boilerplate(line):
        return (SKIP, None, NOT_A_PREFIX, None, None, "", after_blank, line)
    if line[0] in "TM":
        ended = _ended_at(line)
        if ended is not None:
            return (END, None, NOT_A_PREFIX, ended, None, "", after_blank, line)
    first = line[0]
    if first in "[(":
        match = STAMPED_RE.fullmatch(line)
        if match is not None:
            ms = clock_ms(*match.groups()[:4])
            if ms is not None:
                rest = match.group(5)
                if not rest:
                    return (CLOCK_LINE, None, NOT_A_PREFIX, ms / 1000, None, "", after_blank, "")
                found = split_prefix(rest)
                if found is None:
                    return (STAMP, None, NOT_A_PREFIX, ms / 1000, None, rest, after_blank, rest)
                name, kind, offset = found
                words = rest[offset:].strip()
                return (STAMP, name, kind, ms / 1000, None, words, after_blank, rest)
    elif first.isdigit():
        seconds = _clock(line)
        if seconds is not None:
            return (CLOCK_LINE, None, NOT_A_PREFIX, seconds, None, "", after_blank, "")
        stamped = _LEADING_CLOCK_RE.match(line)
        if stamped is not None:  # Zoom's older saved captions: "12:31:10 words", no name
            ms = clock_ms(*stamped.groups())
            if ms is not None:
                rest = line[stamped.end() :].strip()
                found = split_prefix(rest)
                if found is None or found[1] == PHRASE:
                    return (STAMP, None, NOT_A_PREFIX, ms / 1000, None, rest, after_blank, rest)
                name, kind, offset = found
                words = rest[offset:].strip()
                return (STAMP, name, kind, ms / 1000, None, words, after_blank, rest)
        if "-->" in line:
            timing = TIMING_RE.match(line)
            if timing is not None:
                start, end = clock_ms(*timing.groups()[:4]), clock_ms(*timing.groups()[4:])
                if start is not None and end is not None:
                    times = (start / 1000, max(start, end) / 1000)
                    return (TIMING, None, NOT_A_PREFIX, *times, "", after_blank, "")
    timed = None
    if line[-1].isdigit() or line[-1] in ":)]":
        header = _header(line)
        if header is not None:
            return (HEADER, header[0], header[1], header[2], None, "", after_blank, line)
        timed = _timed_prefix(line)
    elif " (" in line[:66] or " [" in line[:66]:
        timed = _timed_prefix(line)
    if timed is not None:
        return (HEADER, timed[0], timed[1], timed[2], None, timed[3], after_blank, line)
    found = split_prefix(line)
    if found is not None:
        name, kind, offset = found
        words = line[offset:].strip()
        stamp = _bracketed_clock(words) if kind != PHRASE else None
        if stamp is not None:  # "Speaker 1: (00:00:05) words"
            words = words[stamp[1] :].strip()
            return (HEADER, name, kind, stamp[0], None, words, after_blank, line)
        return (PREFIX, name, kind, None, None, words, after_blank, line)
    return (PLAIN, None, NOT_A_PREFIX, None, None, line, after_blank, line)


def classify(line: str) -> tuple[int, str | None, float | None, str]:
    """Kind, speaker, start and words of one stripped, non-blank line, for sniffing.

    ``PLAIN`` unless the line is transcript-like: a name-like ``Name:`` prefix (not a phrase such
    as ``So here's the thing:``), a timestamp, a header or a meeting tool's own line.

    >>> classify("[00:01:02] Dana: Hello")
    (2, 'Dana', 62.0, 'Hello')
    >>> classify("Dana Whitfield  0:05")
    (3, 'Dana Whitfield', 5.0, '')
    """
    kind, name, name_kind, start, _, words, _, _ = _read(line, False)
    if kind == PREFIX and name_kind == PHRASE:
        return PLAIN, None, None, line
    if kind == STAMP and name_kind == PHRASE:
        name = None
    return kind, name, start, words


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The turns of a plain-text transcript, in file order."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), notes if notes is not None else [])


def _parse(lines: Iterator[str], notes: list[str]) -> Iterator[Turn]:
    read: list[_Line] = []
    wall_clock = False
    after_blank = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        line_read = _read(strip_bom(stripped), after_blank)
        if line_read[0] == STAMP and stripped[:1].isdigit():
            wall_clock = True  # "12:31:10 words": Zoom's older saved captions, clock times
        read.append(line_read)
        after_blank = False
    read = _after_transcript_heading(read, notes)
    read = _words_under_headers(_name_timing_blocks(read))
    evidence = _evidence(read)
    accepted = evidence.accepted()
    turns, rejected = _turns(read, accepted)
    ended = next((line[3] for line in read if line[0] == END), None)
    # Google Meet's layout: a time on its own line every few minutes, no other timing.
    blocks = any(line[0] == CLOCK_LINE for line in read) and not any(
        line[0] in (STAMP, HEADER, TIMING) for line in read
    )
    if not accepted and not evidence.explicit:
        notes.extend(unnamed_notes(evidence.rejected_names(accepted), evidence, "line"))
    elif rejected:
        count = sum(rejected.values())
        notes.append(
            f"{plural(count, 'line')} {'starts' if count == 1 else 'start'} with words and a "
            f"colon that were not taken for a name ({quote_prefixes(list(rejected))}) and "
            f"{'was' if count == 1 else 'were'} read as the words of the speaker before."
        )
    yield from _timed(turns, notes, blocks=blocks, ended=ended, wall_clock=wall_clock)


def _transcript_heading(line: _Line) -> bool:
    """``Transcript``, ``## Weekly sync - Transcript``, ``📖 Transcript`` (Google Meet, Gemini)."""
    if line[0] not in (HEADING, PLAIN):
        return False
    text = line[7] if line[0] == HEADING else line[5]
    folded = text.strip("*_ :").casefold()
    start = next((i for i, char in enumerate(folded) if char.isalnum()), len(folded))
    folded = folded[start:]
    return folded == "transcript" or folded.endswith((" - transcript", " – transcript"))


def _after_transcript_heading(read: list[_Line], notes: list[str]) -> list[_Line]:
    """The lines after the last "Transcript" heading before the first turn (among the first 300
    lines): what comes before it (the title, attendees, Gemini's notes, ``Date:`` lines) is not
    the conversation."""
    heading = None
    for i, line in enumerate(read[:300]):
        if _transcript_heading(line):
            heading = i
        elif line[0] in (CLOCK_LINE, HEADER, STAMP, TIMING) or (
            line[0] == PREFIX and heading is not None
        ):
            break
    if heading is None:
        return read
    if heading:
        line = read[heading]
        notes.append(
            f"Skipped {plural(heading, 'line')} before the {line[7] or line[5]!r} heading."
        )
    return read[heading + 1 :]


def _name_timing_blocks(read: list[_Line]) -> list[_Line]:
    """Teams' older layout: a timing line, a line holding only the name, then the words.

    The timing line and the name become one header (with the end time); a timing line without
    such a name stays a start for whatever line follows it.
    """
    if not any(line[0] == TIMING for line in read):
        return read
    out: list[_Line] = []
    skip = False
    for i, line in enumerate(read):
        if skip:
            skip = False
            continue
        if line[0] == TIMING and i + 2 < len(read):
            name_line, words_line = read[i + 1], read[i + 2]
            kind = prefix_kind(name_line[5]) if name_line[0] == PLAIN else NOT_A_PREFIX
            if kind in (CASED, UNCASED) and words_line[0] in (PLAIN, PREFIX) and not words_line[6]:
                name = sys.intern(name_line[5])
                out.append((HEADER, name, kind, line[3], line[4], "", line[6], ""))
                skip = True
                continue
        out.append(line)
    return out


def has_named_timing_blocks(lines: list[str]) -> bool:
    """Whether ``lines`` hold Teams' older layout: timing lines, each followed by a name line.

    >>> has_named_timing_blocks(["0:0:0.0 --> 0:0:2.5", "Lee, Dana", "Hello.", ""])
    True
    """
    read = [_read(line.strip(), False) for line in lines[:400] if line.strip()]
    timing = sum(1 for line in read if line[0] == TIMING)
    named = sum(
        1 for line in _name_timing_blocks(read) if line[0] == HEADER and line[4] is not None
    )
    return timing > 0 and named * 2 > timing


def _words_under_headers(read: list[_Line]) -> list[_Line]:
    """A header's paragraph is its words: a ``Note:`` in it is text, not a speaker.

    The paragraph runs from the header to the next blank line or header.
    """
    out: list[_Line] = []
    under = False
    for line in read:
        kind, after_blank = line[0], line[6]
        if kind in (HEADER, STAMP, CLOCK_LINE, TIMING, HEADING, END) or after_blank:
            under = kind == HEADER
        elif under and kind == PREFIX:
            line = (PLAIN, None, NOT_A_PREFIX, None, None, line[7], after_blank, line[7])
        out.append(line)
    return out


def _evidence(read: list[_Line]) -> PrefixEvidence:
    """Prefix counts over the paragraph starts; headers and timestamps are explicit evidence."""
    evidence = PrefixEvidence()
    previous = SKIP
    for kind, name, name_kind, _, _, _, after_blank, _ in read:
        if kind in (HEADER, STAMP):
            evidence.explicit += 1
        if kind in (PREFIX, STAMP):
            evidence.see(name, name_kind)
        elif kind == PLAIN and (
            after_blank or previous in (SKIP, CLOCK_LINE, TIMING, HEADING, END)
        ):
            evidence.see(None, NOT_A_PREFIX)
        previous = kind
    return evidence


# A turn being built: speaker, start, end (Teams timing lines only), words.
_Turn = tuple[str | None, float | None, float | None, list[str]]


def _turns(read: list[_Line], accepted: frozenset[str]) -> tuple[list[_Turn], dict[str, int]]:
    """The turns, and the prefixes not taken for names whose words went to a named speaker."""
    turns: list[_Turn] = []
    rejected: dict[str, int] = {}
    last_speaker: str | None = None
    pending: tuple[float | None, float | None] | None = None  # a clock or timing line's times
    for kind, name, _, start, end, words, after_blank, as_written in read:
        if kind in (SKIP, HEADING, END):
            continue
        if kind in (CLOCK_LINE, TIMING):
            pending = (start, end)
            continue
        refused = None
        if kind in (PREFIX, STAMP) and name is not None and name not in accepted:
            refused, name, words = name, None, as_written
            kind = PLAIN if kind == PREFIX else STAMP
        if kind == PLAIN and pending is None:
            current = turns[-1] if turns else None
            fresh_paragraph = after_blank and current is not None and current[0] is None
            if current is not None and not (fresh_paragraph and current[1] is None):
                current[3].append(words)
            else:
                current = (last_speaker, None, None, [words])
                turns.append(current)
            if refused is not None and current[0] is not None:
                rejected[refused] = rejected.get(refused, 0) + 1
            continue
        if name is not None:
            last_speaker = name
        elif refused is not None and last_speaker is not None:
            rejected[refused] = rejected.get(refused, 0) + 1
        if pending is not None and start is None:
            start, end = pending
        pending = None
        turns.append((last_speaker, start, end, [words] if words else []))
    return turns, rejected


def _timed(
    turns: list[_Turn],
    notes: list[str],
    *,
    blocks: bool = False,
    ended: float | None = None,
    wall_clock: bool = False,
) -> Iterator[Turn]:
    texts = [" ".join(parts) for _, _, _, parts in turns]
    timed = [start is not None for _, start, _, _ in turns]
    named = [speaker is not None or start is not None for speaker, start, _, _ in turns]
    first = named.index(True) if any(named) else 0
    if first:
        lead = "timestamp" if timed[first] else "named speaker"
        skipped = sum(len(parts) for _, _, _, parts in turns[:first])
        notes.append(
            f"Skipped {plural(skipped, 'line')} before the first {lead} (a title or header?)."
        )
        turns, texts, timed = turns[first:], texts[first:], timed[first:]
    if blocks and any(timed) and not all(timed):
        yield from _spread_over_blocks(turns, texts, notes, ended)
        return
    if any(timed) and not all(timed):
        notes.append(
            f"Only {sum(timed)} of {plural(len(turns), 'turn')} "
            f"{'has' if sum(timed) == 1 else 'have'} a timestamp, so the file was read without "
            "timing."
        )
        timed = []
    if not turns or not any(timed):
        for (speaker, _, _, _), text in zip(turns, texts, strict=True):
            yield Turn(speaker, None, None, text)
        return
    starts = [start for _, start, _, _ in turns if start is not None]
    unknown = sum(1 for _, _, end, _ in turns if end is None)
    if wall_clock and unknown == len(turns):  # Zoom's clock times count from the first turn
        from twoway.formats.zoom_text import relative_starts

        starts = relative_starts(starts, notes)
        turns = [(s, new, e, p) for (s, _, e, p), new in zip(turns, starts, strict=True)]
    estimates = ends_from_starts(starts, word_counts(texts))
    if unknown == len(turns):
        notes.append(START_ONLY_NOTE)
    elif unknown:
        notes.append(
            f"{plural(unknown, 'turn')} of {len(turns)} give only a start time; "
            + START_ONLY_NOTE.partition("; ")[2]
        )
    for (speaker, start, end, _), text, estimate in zip(turns, texts, estimates, strict=True):
        assert start is not None
        if end is None:
            yield Turn(speaker, start, estimate, text, end_estimated=True)
        else:
            yield Turn(speaker, start, max(start, end), text)


def _spread_over_blocks(
    turns: list[_Turn], texts: list[str], notes: list[str], ended: float | None
) -> Iterator[Turn]:
    """Google Meet's blocks: a time every few minutes, then several turns. Each turn starts
    where its words fall in its block (the block's time to the next block's, or to "Transcription
    ended after", by words said), and ends as start-only turns do (``ends_from_starts``)."""
    counts = word_counts(texts)
    implicit = turns[0][1] is None
    if implicit:  # Google Meet's first block is at 00:00:00 and may go unstamped
        speaker, _, end, parts = turns[0]
        turns = [(speaker, 0.0, end, parts), *turns[1:]]
    anchors = [i for i, (_, start, _, _) in enumerate(turns) if start is not None]
    starts: list[float] = [0.0] * len(turns)
    for k, first in enumerate(anchors):
        stop = anchors[k + 1] if k + 1 < len(anchors) else len(turns)
        begin = turns[first][1]
        assert begin is not None
        words = counts[first:stop]
        said = sum(words) / WORDS_PER_S
        if stop < len(turns):
            finish = turns[stop][1]
        else:
            finish = ended if ended is not None and ended > begin else begin + said
        assert finish is not None
        span = max(0.0, finish - begin)
        done = 0
        for i in range(first, stop):
            starts[i] = round(begin + span * done / max(sum(words), 1), 3)
            done += counts[i]
    ends = ends_from_starts(starts, counts)
    if ended is not None:
        ends[-1] = max(starts[-1], min(ends[-1], ended))
    notes.append(
        f"The transcript gives a time only every few turns ({plural(len(anchors), 'time')} for "
        f"{plural(len(turns), 'turn')}, as Google Meet does): each turn's start is placed by the "
        "words said before it in its block, and its end estimated from its words"
        + (" (the first block, unstamped, taken to start at 0:00)." if implicit else ".")
    )
    for (speaker, _, _, _), text, start, end in zip(turns, texts, starts, ends, strict=True):
        yield Turn(speaker, start, end, text, end_estimated=True)


def word_counts(texts: list[str]) -> list[int]:
    """Words per text as the analysis counts them (docs/metrics.md), for estimated ends.

    >>> word_counts(["Mm-hmm.", "I'm here — 你好"])
    [2, 4]
    """
    from twoway.analysis.lexicon import count_words  # the one definition of a word

    return [count_words(text) for text in texts]


def compose(turns: Iterable[Turn]) -> str:
    """``Name: text`` paragraphs, each behind a ``[hh:mm:ss.ttt]`` start time when timed.

    End times are not written (the format has none). Raises ``ComposeError`` for a speaker that
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
                raise ComposeError(f"speaker {turn.speaker!r} does not look like a name")
            line = f"{turn.speaker}: {line}"
        if turn.start is not None:
            line = f"[{format_clock(turn.start)}] {line}"
        out += [line, ""]
    return "\n".join(out)
