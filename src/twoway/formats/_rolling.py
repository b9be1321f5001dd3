"""Captions that show a word more than once, or one word at a time: every word must count once.

**Rolling captions.** YouTube's automatic captions (the ``.en.vtt`` yt-dlp saves, and SRT made
from it) roll up like a teleprompter: each cue shows the line before it again above the new one,
and between two of them a 10 ms cue shows the finished line alone::

    00:00:00.030 --> 00:00:02.350 align:start position:0%
    (a line of one space)
    hello<00:00:00.359><c> everyone</c><00:00:00.690><c> and</c><00:00:00.840><c> welcome</c>

    00:00:02.350 --> 00:00:02.360 align:start position:0%
    hello everyone and welcome
    (a line of one space)

    00:00:02.360 --> 00:00:05.030 align:start position:0%
    hello everyone and welcome
    to<00:00:02.600><c> the</c><00:00:02.720><c> channel</c>

Read cue by cue, every word would count two or three times (pace, word counts, questions).

*Detection*, by content, over the first ``WINDOW`` cues (held back until decided). Lines are
compared as the viewer reads them (tags removed, entities decoded, single spaces). A cue
*repeats* when its first line(s) equal the last line(s) of the cue before it: a *rolling* cue if
it has more lines after them, a *static* cue if that is all it has. The file rolls when two cues
are rolling cues, or when one cue repeats and the file has inline word timestamps
(``<00:00:01.234>``, which only YouTube's automatic captions write).

*Rule*, for a rolling file: the lines a cue shares with the end of the cue before it are
dropped; a cue with nothing left (a static cue) is dropped whole. The cue keeps its own start
and end, which for the new line are the time it was spoken.

**One word per cue.** whisper-timestamped's ``.words.vtt`` has a cue for every word; a turn per
word would make every word a turn. When the first ``WORD_WINDOW`` cues (at least
``MIN_WORD_CUES``) each hold a single word, the cues are read as timed words and joined into
turns by ``words.turns_from_words`` (same speaker, pauses under 0.5 s).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain, islice

from twoway.formats.words import PAUSE_S, Word, turns_from_words
from twoway.model import Turn

WINDOW = 20
# Captions roll up two or three lines; bounding the overlap keeps a cue of thousands of lines
# from costing a quadratic comparison.
MAX_ROLLED_LINES = 4
WORD_WINDOW = 20
MIN_WORD_CUES = 10

_INLINE_TIME_RE = re.compile(r"<(?:\d+:)?\d\d:\d\d[.,]\d{3}>", re.ASCII)

# A cue as the readers pass it on: start, end, payload lines as written, out-of-band speaker.
Cue = tuple[float, float, list[str], str | None]


class RollingCues:
    """Detects rolling captions and drops the lines each cue repeats (module docstring).

    ``feed`` returns the cues that are ready, deduplicated when the file rolls; ``finish``
    the rest. ``clean`` turns a payload line into the text the viewer reads.
    """

    def __init__(self, clean: Callable[[str], str]) -> None:
        self._clean = clean
        self.decided = False
        self.active = False  # decided, and the file rolls
        self._held: list[tuple[Cue, list[str]]] = []
        self._previous: list[str] = []
        self._rolling = 0
        self._repeats = 0
        self._inline_times = False
        self.dropped_lines = 0
        self.dropped_cues = 0

    def feed(self, start: float, end: float, parts: list[str], speaker: str | None) -> list[Cue]:
        cue: Cue = (start, end, parts, speaker)
        if self.decided:
            return self._dedupe(cue, self._lines(parts)) if self.active else [cue]
        lines = self._lines(parts)
        if not self._inline_times and any("<" in part for part in parts):
            self._inline_times = any(_INLINE_TIME_RE.search(part) for part in parts)
        full, partial = _overlap(self._previous, lines)
        # A line the cue before left half-written (YouTube's live three-line layout) counts as a
        # repeat only behind a whole shared line: "Yes." then "Yes. And..." is no evidence.
        shared = full + (1 if partial and full else 0)
        if shared:
            self._repeats += 1
            if shared < sum(1 for line in lines if line):
                self._rolling += 1
        self._previous = lines
        self._held.append((cue, lines))
        if self._rolls():
            return self._release(rolls=True)
        if len(self._held) >= WINDOW:
            return self._release(rolls=False)
        return []

    def finish(self) -> list[Cue]:
        if self.decided:
            return []
        return self._release(rolls=self._rolls())

    def notes(self) -> Iterator[str]:
        if self.active:
            yield (
                "Rolling captions (each cue repeats the line before it, as YouTube's automatic "
                f"captions do): {self.dropped_lines} repeated lines were dropped, so each word "
                "counts once."
            )

    def _rolls(self) -> bool:
        return self._rolling >= 2 or (self._inline_times and self._repeats >= 1)

    def _release(self, *, rolls: bool) -> list[Cue]:
        self.decided = True
        self.active = rolls
        held, self._held = self._held, []
        if not rolls:
            return [cue for cue, _ in held]
        self._previous = []
        released: list[Cue] = []
        for cue, lines in held:
            released.extend(self._dedupe(cue, lines))
        return released

    def _lines(self, parts: list[str]) -> list[str]:
        clean = self._clean
        return [clean(part) for part in parts]

    def _dedupe(self, cue: Cue, lines: list[str]) -> list[Cue]:
        start, end, parts, speaker = cue
        kept = [(part, line) for part, line in zip(parts, lines, strict=True) if line]
        visible = [line for _, line in kept]
        shared, partial = _overlap(self._previous, visible)
        self._previous = visible
        self.dropped_lines += shared
        new = [part for part, _ in kept[shared:]]
        if partial:  # the line the cue before had begun: keep only what this cue adds to it
            rest = kept[shared][1][partial:].strip()
            new = ([rest] if rest else []) + new[1:]
        if not new:
            self.dropped_cues += 1
            return []
        return [(start, end, new, speaker)]


def _overlap(previous: list[str], lines: list[str]) -> tuple[int, int]:
    """How much of the end of ``previous`` the non-empty ``lines`` start with: ``(k, 0)`` when
    their first k lines are the last k of ``previous`` (k at most ``MAX_ROLLED_LINES``), or
    ``(k, n)`` when their first k are the k before ``previous``'s last line and their next line
    continues that last line, whose n characters were already shown (a half-written line).

    >>> _overlap(["a b", "c d"], ["c d", "e f"]), _overlap(["a b", "c"], ["a b", "c d"])
    ((1, 0), (1, 1))
    """
    visible = [line for line in lines if line]
    before = [line for line in previous if line]
    for k in range(min(len(before), len(visible), MAX_ROLLED_LINES), 0, -1):
        if visible[:k] == before[-k:]:
            return k, 0
        if (
            visible[: k - 1] == before[len(before) - k : -1]
            and len(visible[k - 1]) > len(before[-1])
            and visible[k - 1].startswith(before[-1])
            # a cut mid-word ("Mr. C" then "Mr. Clerk") only behind a whole shared line
            and (k >= 2 or visible[k - 1][len(before[-1])] == " ")
        ):
            return k - 1, len(before[-1])
    return 0, 0


def merge_word_cues(turns: Iterator[Turn], notes: list[str]) -> Iterator[Turn]:
    """``turns`` as they are, or joined into phrases when the file has one word per cue."""
    held = list(islice(turns, WORD_WINDOW))
    if len(held) < MIN_WORD_CUES or not all(_one_word(turn) for turn in held):
        yield from held
        yield from turns
        return
    counted = 0

    def words() -> Iterator[Word]:
        nonlocal counted
        for turn in chain(held, turns):
            counted += 1
            yield Word(turn.speaker, turn.start, turn.end, turn.text or "")

    merged = 0
    for turn in turns_from_words(words()):
        merged += 1
        yield turn
    notes.append(
        f"One word per cue: the {counted} cues were joined into {merged} "
        f"{'turn' if merged == 1 else 'turns'} of one speaker with pauses under {PAUSE_S:g} s."
    )


def _one_word(turn: Turn) -> bool:
    return turn.text is not None and turn.start is not None and len(turn.text.split()) == 1
