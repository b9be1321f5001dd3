"""The domain nouns: a `Turn` of speech and the `Conversation` it belongs to.

Pure data: nothing here reads files, prints or looks at the clock. Times are seconds (floats)
from the start of the recording.

>>> conv = Conversation((Turn("Dana", 0.0, 4.0, "Tell me about yourself."),
...                     Turn("Alex", 4.5, 9.5, "Sure. I build data pipelines.")))
>>> conv.speakers
('Dana', 'Alex')
>>> conv.talk_s("Alex")
5.0
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Mode(StrEnum):
    """What kind of conversation it is; each mode has its targets (``twoway.analysis.targets``).

    Here, beside the nouns, so the command line can type ``--mode`` without loading the analysis.
    """

    INTERVIEW = "interview"
    NETWORKING = "networking"


@dataclass(frozen=True, slots=True)
class Turn:
    """One stretch of speech as the source gives it (a caption cue, a transcript paragraph).

    ``speaker`` is ``None`` when the source does not say who spoke (Google Meet captions);
    ``start``/``end`` are ``None`` when it has no timing (plain text); ``text`` is ``None`` when
    it has no words (RTTM, audio without a transcript). ``end_estimated`` is true when the
    source gives only when the turn starts (Zoom's saved captions, Otter, Rev, Meet) and the
    reader estimated its end (docs/formats.md, "Start times only").
    """

    speaker: str | None
    start: float | None
    end: float | None
    text: str | None = None
    end_estimated: bool = False

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a turn has both start and end, or neither")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"turn ends ({self.end}) before it starts ({self.start})")

    @property
    def has_timing(self) -> bool:
        return self.start is not None

    @property
    def duration_s(self) -> float:
        """Length in seconds; 0.0 without timing."""
        if self.start is None or self.end is None:
            return 0.0
        return self.end - self.start


def _start_key(turn: Turn) -> float:
    return turn.start if turn.start is not None else 0.0


class Coverage:
    """The union of one speaker's intervals, and how much of the time axis it covers.

    Built in one pass over intervals that come in start order (a conversation's turns do), in
    compact float arrays: on a long transcript this is the largest structure the analysis keeps.

    >>> coverage = Coverage()
    >>> for start, end in [(0.0, 2.0), (1.0, 3.0), (5.0, 6.0)]:
    ...     coverage.add(start, end)
    >>> coverage.total, coverage.within(2.5, 5.5)
    (4.0, 1.0)
    """

    __slots__ = ("_before", "_ends", "_starts")

    def __init__(self) -> None:
        self._starts = array("d")
        self._ends = array("d")
        self._before = array("d", [0.0])  # covered length before each interval; last = total

    def add(self, start: float, end: float) -> None:
        """Add an interval starting no earlier than the previous one."""
        ends = self._ends
        if ends and start <= ends[-1]:
            if end > ends[-1]:
                self._before[-1] += end - ends[-1]
                ends[-1] = end
        else:
            self._starts.append(start)
            ends.append(end)
            # The length first: added to a total, a far-off time would swallow what came before.
            self._before.append(self._before[-1] + (end - start))

    @property
    def total(self) -> float:
        """The covered length: overlapping intervals count once."""
        return self._before[-1]

    def upto(self, t: float) -> float:
        """Covered length in (-inf, t]."""
        i = bisect_right(self._starts, t)  # intervals starting at or before t
        if i == 0:
            return 0.0
        return self._before[i - 1] + (min(t, self._ends[i - 1]) - self._starts[i - 1])

    def within(self, a: float, b: float) -> float:
        return self.upto(b) - self.upto(a)

    def intervals(self) -> Iterator[tuple[float, float]]:
        """The covered intervals, in start order."""
        return zip(self._starts, self._ends, strict=True)


@dataclass(frozen=True)
class Conversation:
    """An ordered sequence of turns and where it came from.

    Turns with timing are kept sorted by start time (stable: the source's order breaks ties);
    either every turn has timing or none has.
    """

    turns: tuple[Turn, ...]
    source: str = "<memory>"
    format: str = "unknown"
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        turns = tuple(self.turns)
        timed = sum(1 for t in turns if t.has_timing)
        if timed not in (0, len(turns)):
            raise ValueError("either every turn has timing or none has")
        if timed and any(turns[i].start > turns[i + 1].start for i in range(len(turns) - 1)):  # type: ignore[operator]
            turns = tuple(sorted(turns, key=_start_key))
        object.__setattr__(self, "turns", turns)
        object.__setattr__(self, "notes", tuple(self.notes))

    @cached_property
    def speakers(self) -> tuple[str, ...]:
        """Named speakers in order of first appearance (turns without a speaker are not listed)."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            if turn.speaker is not None:
                seen.setdefault(turn.speaker, None)
        return tuple(seen)

    @property
    def speakers_known(self) -> bool:
        """True when every turn says who spoke."""
        return bool(self.turns) and all(t.speaker is not None for t in self.turns)

    @property
    def has_timing(self) -> bool:
        return bool(self.turns) and self.turns[0].has_timing

    @property
    def has_text(self) -> bool:
        return any(t.text for t in self.turns)

    @property
    def start_s(self) -> float | None:
        return self.turns[0].start if self.has_timing else None

    @property
    def end_s(self) -> float | None:
        if not self.has_timing:
            return None
        return max(t.end for t in self.turns if t.end is not None)

    @property
    def duration_s(self) -> float | None:
        """From the first turn's start to the last turn's end; ``None`` without timing."""
        if self.start_s is None or self.end_s is None:
            return None
        return self.end_s - self.start_s

    def turns_of(self, speaker: str | None) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.speaker == speaker)

    def coverages(self) -> dict[str | None, Coverage]:
        """Each speaker's coverage of the time axis, in one pass (``None``: turns without a
        speaker); empty without timing."""
        result: dict[str | None, Coverage] = {}
        for turn in self.turns:
            if turn.start is not None and turn.end is not None:
                coverage = result.get(turn.speaker)
                if coverage is None:
                    coverage = result[turn.speaker] = Coverage()
                coverage.add(turn.start, turn.end)  # turns are kept in start order
        return result

    def talk_s(self, speaker: str | None) -> float | None:
        """``speaker``'s talk time: the length of the union of their turns' intervals (their own
        overlapping turns count once); 0.0 for someone who never spoke, ``None`` without timing.

        The one definition of talk time (docs/metrics.md, "Per speaker"): the analysis reads it
        from the same ``coverages``.
        """
        if not self.has_timing:
            return None
        coverage = self.coverages().get(speaker)
        return coverage.total if coverage is not None else 0.0

    def with_turns(self, turns: Sequence[Turn]) -> Conversation:
        """A copy holding ``turns`` instead, same source, format and notes."""
        return Conversation(tuple(turns), self.source, self.format, self.notes)
