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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property


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


def union_length(intervals: Iterable[tuple[float, float]]) -> float:
    """Total length covered by ``intervals`` (overlaps counted once).

    >>> union_length([(0, 2), (1, 3), (5, 6)])
    4.0
    """
    total = 0.0
    cur_start: float | None = None
    cur_end = 0.0
    for start, end in sorted(intervals):
        if cur_start is None:
            cur_start, cur_end = start, end
        elif start <= cur_end:
            cur_end = max(cur_end, end)
        else:
            total += cur_end - cur_start
            cur_start, cur_end = start, end
    if cur_start is not None:
        total += cur_end - cur_start
    return float(total)


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

    def talk_s(self, speaker: str | None) -> float | None:
        """Length of the union of ``speaker``'s speech intervals; ``None`` without timing."""
        if not self.has_timing:
            return None
        return union_length(
            (t.start, t.end)
            for t in self.turns
            if t.speaker == speaker and t.start is not None and t.end is not None
        )

    def with_turns(self, turns: Sequence[Turn]) -> Conversation:
        """A copy holding ``turns`` instead, same source, format and notes."""
        return Conversation(tuple(turns), self.source, self.format, self.notes)
