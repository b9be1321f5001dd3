"""Clock strings (``01:02:03.456``) to seconds and back, shared by every caption-like reader.

Times are computed from whole milliseconds with a single division, so ``"00:00:01.100"`` becomes
exactly ``1100 / 1000``: compose-then-parse gives back the same float, which the round-trip
property tests rely on.
"""

from __future__ import annotations

import re

# Hours may exceed two digits (long recordings, concatenated streams); at most 9 digits keeps
# int() away from Python's huge-integer guard. Minutes and seconds are one or two digits and
# checked below 60; the fraction is 1-3 digits (SRT writes a comma, WebVTT a dot, tools either).
CLOCK = r"(?:(\d{1,9}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_CLOCK_RE = re.compile(CLOCK, re.ASCII)

# A cue timing line: start, arrow, end, then optional cue settings (``align:start position:0%``).
TIMING_RE = re.compile(rf"[ \t]*{CLOCK}[ \t]*-->[ \t]*{CLOCK}(?:[ \t]|$)", re.ASCII)

_FRACTION_SCALE = ("", "00", "0", "")  # pad "5" -> "500" ms, "05" -> "050" ms


def clock_ms(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> int | None:
    """Whole milliseconds from regex groups, or ``None`` when minutes or seconds are 60 or more.

    A fraction is a decimal fraction of a second (``1.5`` is 1500 ms), except behind unpadded
    seconds: Microsoft Teams' older WebVTT (and Graph API examples) write the fields of a .NET
    time span unpadded, milliseconds included, so ``0:4:6.80`` is 6.080 s (its cue ends at
    ``0:4:6.530``), not 6.8 s.

    >>> clock_ms("0", "4", "6", "80"), clock_ms("00", "04", "06", "80")
    (246080, 246800)
    """
    m = int(minutes)
    s = int(seconds)
    if s >= 60 or (hours is not None and m >= 60):
        return None
    ms = 0
    if fraction:
        if len(seconds) == 1 and len(fraction) < 3:
            ms = int(fraction)
        else:
            ms = int(fraction + _FRACTION_SCALE[len(fraction)])
    h = int(hours) if hours else 0
    return ((h * 60 + m) * 60 + s) * 1000 + ms


def parse_clock(text: str) -> float | None:
    """Seconds for ``[h...h:]mm:ss[.ttt]`` (dot or comma), or ``None`` if ``text`` is not one.

    Without hours the minutes may run past 59 (``75:02`` is how some tools write 1h15m).

    >>> parse_clock("01:02:03.5")
    3723.5
    >>> parse_clock("00:61:00.000") is None
    True
    """
    match = _CLOCK_RE.fullmatch(text.strip())
    if match is None:
        return None
    ms = clock_ms(*match.groups())
    return None if ms is None else ms / 1000


def format_clock(seconds: float, *, sep: str = ".", always_hours: bool = True) -> str:
    """``hh:mm:ss.ttt`` for ``seconds`` (rounded to the millisecond); ``sep`` is ``,`` for SRT.

    >>> format_clock(3723.5)
    '01:02:03.500'
    >>> format_clock(62.0, sep=",")
    '00:01:02,000'
    """
    total_ms = round(seconds * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    if hours or always_hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{ms:03d}"
    return f"{minutes:02d}:{secs:02d}{sep}{ms:03d}"


# Readers that only know when each turn starts (Zoom's saved captions, Otter, Rev, Meet, timestamped
# plain text) estimate when it ends: when its words could have been said at an ordinary speaking
# rate (150 words a minute), at least one second (a lone "Okay." still takes a moment), and never
# later than 0.1 s before the next turn starts. The time after that is silence, not talk: a single
# "Okay." followed by five minutes of nothing is a one-second turn, not a five-minute monologue.
START_ONLY_GAP_S = 0.1
WORDS_PER_S = 2.5
MIN_TURN_S = 1.0
MIN_LAST_TURN_S = MIN_TURN_S  # the old name, kept for callers


def ends_from_starts(starts: list[float], word_counts: list[int]) -> list[float]:
    """End times for turns of which only the starts are known.

    Turn *i* ends ``max(1.0, words / 2.5)`` seconds after it starts, or 0.1 s before turn *i+1*
    starts if that comes first (never before its own start).

    >>> ends_from_starts([0.0, 5.0, 5.0, 8.0], [3, 1, 10, 1])
    [1.2, 5.0, 7.9, 9.0]
    >>> ends_from_starts([0.0, 340.0], [1, 20])  # "Okay." then 5 minutes of silence
    [1.0, 348.0]
    """
    ends: list[float] = []
    last = len(starts) - 1
    for i, start in enumerate(starts):
        said = start + max(MIN_TURN_S, word_counts[i] / WORDS_PER_S)
        if i < last:
            said = min(said, max(start, starts[i + 1] - START_ONLY_GAP_S))
        ends.append(round(said, 3))
    return ends
