"""CTM word timings (NIST sclite, Kaldi, NeMo, MFA): one recognized word per line.

::

    ;; comments start with two semicolons
    interview A 11.34 0.20 YES 0.98
    interview B 12.00 0.34 hello

Fields are split on white space: recording (file) id, channel, start (s), duration (s), word,
and an optional confidence; the NIST RT extension adds a token type and a speaker (``file 1
1.26 0.24 IT 0.98 lex spk1``). What is read:

* **speakers**: the speaker field where there is one; else, when the file has two or more
  channels (a stereo call, one side per channel), ``Channel A``/``Channel 1``; else one unknown
  speaker. Words become turns through ``words.turns_from_words``;
* **one recording**: a CTM may hold many recordings (a whole test set, or Kaldi's per-utterance
  CTMs whose times restart at 0 in each), which are not one conversation. The first file id is
  read and a note names how many others were left out;
* NIST alternations (``<ALT_BEGIN>``, ``<ALT>``, ``<ALT_END>`` with ``*`` times) keep their first
  alternative; ``<...>`` tokens (``<eps>``, ``<unk>``, ``<sil>``) and ``[noise]``-style tags are
  not words, and neither are RT ``non-lex`` tokens; sclite's optionally-deletable ``(WORD)``
  reads as ``WORD``. A negative duration, which real system output has (``101.23 -0.01 AND``
  in NIST's own test data, before ``101.22 0.07 THEY``), is the span before the start time;
* a word ends at start + duration rounded to the microsecond; words are taken in start order
  (channels interleaved), ties in file order.

There is no library for CTM (sctk is a C program); the format is one line per word.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Iterable, Iterator

from twoway.errors import FormatError
from twoway.formats._source import strip_bom
from twoway.formats.words import Word, turns_from_words
from twoway.model import Turn

NAME = "ctm"

_ALT_BEGIN, _ALT, _ALT_END = "<ALT_BEGIN>", "<ALT>", "<ALT_END>"
_NOT_WORDS = frozenset(("non-lex",))  # RT token types that are sounds, not words


def looks_like(lines: list[str]) -> bool:
    """True when the first (up to five) non-comment lines are all CTM word lines.

    A word line has 5 to 8 fields, a channel of at most 3 characters (``A``, ``1``) and numeric
    start and duration, and at least one time has a decimal point, so a line of prose with two
    numbers in it is not taken for one.

    >>> looks_like(["7654 A 11.34 0.2 YES -6.763", "7654 A 12.00 0.34 YOU"])
    True
    >>> looks_like(["I have 2 3 cats and dogs"]), looks_like(["SPEAKER f 1 0 1 <NA> <NA> x"])
    (False, False)
    """
    checked = 0
    decimals = False
    for line in lines:
        if line.startswith(";;"):
            continue
        fields = line.split()
        if not 5 <= len(fields) <= 8 or fields[0] in ("SPEAKER", "SPKR-INFO") or len(fields[1]) > 3:
            return False
        if not (_is_time(fields[2]) and _is_time(fields[3])):
            return False
        decimals = decimals or "." in fields[2] or "." in fields[3]
        checked += 1
        if checked == 5:
            break
    return decimals


def _is_time(field: str) -> bool:
    if field == "*":
        return True
    try:
        return math.isfinite(float(field))
    except ValueError:
        return False


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The words of the first recording in a CTM file, as turns (see the module docstring)."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), path, notes if notes is not None else [])


def _parse(lines: Iterator[str], path: str, notes: list[str]) -> Iterator[Turn]:
    words: list[tuple[float, float, str, str | None, str]] = []
    channels: dict[str, None] = {}
    recordings: dict[str, None] = {}
    alternative = 0  # 0 outside a NIST alternation, else the number of the alternative
    for lineno, line in enumerate(lines, 1):
        fields = line.split()
        if not fields or fields[0].startswith(";;"):
            continue
        if len(fields) < 5:
            raise FormatError(
                f"CTM line with {len(fields)} fields, expected at least 5 "
                "(file channel start duration word)",
                path=path,
                line=lineno,
            )
        recordings.setdefault(fields[0], None)
        if len(recordings) > 1 and fields[0] != next(iter(recordings)):
            continue
        token = fields[4]
        if token in (_ALT_BEGIN, _ALT, _ALT_END):
            alternative = {_ALT_BEGIN: 1, _ALT: alternative + 1, _ALT_END: 0}[token]
            continue
        word = _word(token)
        if alternative > 1 or not word or (len(fields) >= 7 and fields[6].lower() in _NOT_WORDS):
            continue
        start = _seconds(fields[2], "start", line, path, lineno)
        duration = _seconds(fields[3], "duration", line, path, lineno, signed=True)
        # end = start + duration to the microsecond (no 2.2399999999999998); a negative
        # duration is the word's span before its start time.
        start, end = sorted((start, max(0.0, round(start + duration, 6))))
        channel = sys.intern(fields[1])
        channels.setdefault(channel, None)
        speaker = sys.intern(fields[7]) if len(fields) >= 8 and fields[7] != "<NA>" else None
        words.append((start, end, word, speaker, channel))
    if len(recordings) > 1:
        first, *others = recordings
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        notes.append(
            f"The file holds {len(recordings)} recordings; only the first, {first}, "
            f"was read (not {shown})."
        )
    by_channel = len(channels) > 1
    words.sort(key=lambda item: item[0])
    yield from turns_from_words(
        Word(speaker or (f"Channel {channel}" if by_channel else None), start, end, word)
        for start, end, word, speaker, channel in words
    )


def _word(token: str) -> str:
    """The word a CTM token stands for: ``(IT)`` → ``IT``; ``<unk>``, ``[noise]`` → ``""``."""
    if token.startswith(("<", "[")):
        return ""
    if token.startswith("(") and token.endswith(")") and len(token) > 2:
        return token[1:-1]
    return token


def _seconds(
    field: str, what: str, line: str, path: str, lineno: int, *, signed: bool = False
) -> float:
    try:
        value = float(field)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (value < 0 and not signed):
        shown = line.strip() if len(line) <= 120 else line.strip()[:117] + "..."
        raise FormatError(
            f"bad {what} {field[:40]!r} in {shown!r} (expected seconds"
            f"{'' if signed else ', 0 or more'})",
            path=path,
            line=lineno,
        )
    return value
