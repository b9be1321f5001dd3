"""The live meter: running talk share, the current floor, turn-taking, from 10 ms frames.

Pure and incremental: ``Meter.push`` takes, per 10 ms frame, a bit mask of who is speaking
(``twoway.live.activity`` decides it) and updates a constant amount of state per frame; nothing
is re-analysed and nothing grows with the conversation except a few counters. ``Meter.view``
gives a frozen ``MeterView`` for a display (terminal or browser).

The definitions follow docs/metrics.md as closely as a stream allows:

- a speaker's speech is bridged over pauses shorter than 0.4 s and must last 0.2 s to count
  (as the offline voice detection); until then it counts provisionally, so the meter moves at
  the first frame of speech;
- a *turn* is one speaker's speech with pauses under ``TURN_GAP_S``; a turn shorter than
  ``BACKCHANNEL_MAX_S`` ("mm-hm") does not take the floor; the *floor* is held by one speaker
  until another's turn reaches that length or the holder is silent for ``TURN_GAP_S``; a floor
  longer than the mode's monologue limit is a monologue (the nudge);
- a switch is a change of speaker between consecutive stretches of speech.

>>> from twoway.analysis.targets import targets_for
>>> meter = Meter(("Alex", "Dana"), me=0, targets=targets_for("networking"))
>>> meter.push([1] * 300 + [0] * 100 + [2] * 100)  # Alex 3 s, a pause, Dana 1 s
>>> view = meter.view()
>>> round(view.share, 2), view.holder, view.switches
(0.75, 1, 1)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from twoway.analysis.targets import Targets
from twoway.analysis.timeline import BACKCHANNEL_MAX_S, TURN_GAP_S

FRAME_S = 0.01
BRIDGE_FRAMES = 40
"""Pauses shorter than 0.4 s do not split speech (``audio.vad.BRIDGE_S``)."""
MIN_SPEECH_FRAMES = 20
"""Speech must last 0.2 s to count (``audio.vad.MIN_SPEECH_S``)."""
TURN_GAP_FRAMES = round(TURN_GAP_S / FRAME_S)
BACKCHANNEL_FRAMES = round(BACKCHANNEL_MAX_S / FRAME_S)
CELL_FRAMES = 100
"""The recent timeline has one cell per second..."""
TIMELINE_CELLS = 60
"""...for the last minute."""
NEARING = 0.75
"""The floor bar turns amber at this fraction of the monologue limit."""
RECENT_QUESTIONS = 3


@dataclass(frozen=True)
class Question:
    """A question one speaker asked, heard by live transcription."""

    speaker: int
    at_s: float
    text: str


@dataclass(frozen=True)
class MeterView:
    """What the meter shows at one moment; every time is in seconds of conversation."""

    elapsed_s: float
    names: tuple[str, ...]
    me: int | None
    talk_s: tuple[float, ...]
    speaking: tuple[bool, ...]
    targets: Targets
    holder: int | None
    """Who holds the floor now (``None`` in a silence of ``TURN_GAP_S`` or more)."""
    floor_s: float
    """How long the holder has held it."""
    longest_floor_s: tuple[float, ...]
    switches: int
    questions_on: bool
    """True when words are transcribed live (``--asr``): questions can be counted."""
    questions: tuple[Question, ...] = ()
    """The user's most recent questions, newest last."""
    my_questions: int = 0
    since_question_s: float | None = None
    timeline: tuple[int, ...] = ()
    """The last minute, one bit mask of speakers per second, oldest first."""
    notices: tuple[str, ...] = field(default=())
    deciding: bool = False
    """One mixed source: someone is speaking whose voice is not told apart yet."""

    @property
    def total_talk_s(self) -> float:
        return sum(self.talk_s)

    @property
    def share(self) -> float | None:
        """The user's share of all talk time so far (``None`` before anyone spoke)."""
        total = self.total_talk_s
        if self.me is None or total <= 0:
            return None
        return self.talk_s[self.me] / total

    @property
    def status(self) -> str | None:
        """``"low"``, ``"on"`` or ``"high"`` against the mode's band."""
        share = self.share
        if share is None:
            return None
        if share < self.targets.share_low:
            return "low"
        return "high" if share > self.targets.share_high else "on"

    @property
    def my_floor(self) -> bool:
        return self.me is not None and self.holder == self.me

    @property
    def nudge(self) -> bool:
        """The user has held the floor past the monologue limit: time to pause and ask."""
        return self.my_floor and self.floor_s >= self.targets.monologue_s

    @property
    def nearing(self) -> bool:
        return self.my_floor and self.floor_s >= NEARING * self.targets.monologue_s

    @property
    def switches_per_min(self) -> float | None:
        return self.switches / (self.elapsed_s / 60) if self.elapsed_s >= 10 else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, with the derived values, for a browser (docs/live.md).

        >>> from twoway.analysis.targets import targets_for
        >>> meter = Meter(("Alex", "Dana"), me=0, targets=targets_for("interview"))
        >>> meter.push([1] * 100)
        >>> view = meter.view().to_dict()
        >>> view["share"], view["status"], view["speakers"][0]
        (1.0, 'high', {'name': 'Alex', 'talk_s': 1.0, 'speaking': True, 'longest_floor_s': 1.0})
        """
        return {
            "elapsed_s": round(self.elapsed_s, 2),
            "me": self.me,
            "speakers": [
                {
                    "name": name,
                    "talk_s": round(talk, 2),
                    "speaking": speaking,
                    "longest_floor_s": round(longest, 2),
                }
                for name, talk, speaking, longest in zip(
                    self.names, self.talk_s, self.speaking, self.longest_floor_s, strict=True
                )
            ],
            "share": None if self.share is None else round(self.share, 4),
            "status": self.status,
            "band": {
                "target": self.targets.share,
                "low": self.targets.share_low,
                "high": self.targets.share_high,
            },
            "floor": {
                "holder": self.holder,
                "seconds": round(self.floor_s, 2),
                "limit_s": self.targets.monologue_s,
                "nearing": self.nearing,
                "nudge": self.nudge,
            },
            "switches": self.switches,
            "switches_per_min": (
                None if self.switches_per_min is None else round(self.switches_per_min, 2)
            ),
            "questions_on": self.questions_on,
            "my_questions": self.my_questions,
            "since_question_s": (
                None if self.since_question_s is None else round(self.since_question_s, 1)
            ),
            "questions": [q.text for q in self.questions],
            "timeline": list(self.timeline),
            "notices": list(self.notices),
            "deciding": self.deciding,
        }


class _Voice:
    """One speaker's stream state, in frames."""

    __slots__ = ("closed", "confirmed", "last_on", "now", "open_start", "turn_end", "turn_start")

    def __init__(self) -> None:
        self.open_start: int | None = None
        self.last_on = 0
        self.confirmed = False
        self.closed = 0
        self.now = False
        self.turn_start = 0
        self.turn_end = -TURN_GAP_FRAMES

    def talk(self) -> int:
        return self.closed + (self.last_on - self.open_start if self.open_start is not None else 0)


class Meter:
    """The incremental state behind the live display (see the module doc)."""

    def __init__(
        self,
        names: Sequence[str],
        *,
        me: int | None,
        targets: Targets,
        questions_on: bool = False,
        keep_segments: bool = False,
    ) -> None:
        if not names or len(names) > 30:
            raise ValueError("a meter needs 1 to 30 speakers")
        self.names = tuple(names)
        self.me = me
        self.targets = targets
        self.questions_on = questions_on
        self._voices = [_Voice() for _ in names]
        self._t = 0
        self._last_speaker: int | None = None
        self._switches = 0
        self._holder: int | None = None
        self._floor_start = 0
        self._floor_end = 0
        self._reach = 0  # where the silence that would end the floor starts
        self._longest = [0] * len(names)
        self._cell = 0
        self._cells: deque[int] = deque(maxlen=TIMELINE_CELLS)
        self._questions: deque[Question] = deque(maxlen=RECENT_QUESTIONS)
        self._my_questions = 0
        self._last_question_s: float | None = None
        self._notices: deque[str] = deque(maxlen=3)
        self._keep_segments = keep_segments
        self._segments: deque[tuple[int, int, int]] = deque(maxlen=10_000)

    @property
    def elapsed_s(self) -> float:
        return self._t * FRAME_S

    @property
    def speaking(self) -> tuple[bool, ...]:
        """Who speaks in the latest frame (cheaper than a whole ``view``)."""
        return tuple(v.now for v in self._voices)

    def push(self, frames: Iterable[int]) -> None:
        """Advance by one 10 ms frame per item: a bit mask, bit ``i`` set when speaker ``i``
        speaks."""
        for bits in frames:
            t = self._t
            for i, voice in enumerate(self._voices):
                self._step_voice(i, voice, bool(bits >> i & 1), t)
            self._step_floor(t)
            self._cell |= bits
            self._t = t + 1
            if self._t % CELL_FRAMES == 0:
                self._cells.append(self._cell)
                self._cell = 0

    def _step_voice(self, i: int, voice: _Voice, on: bool, t: int) -> None:
        voice.now = on
        if on:
            if voice.open_start is None:
                voice.open_start = t
                voice.confirmed = False
            voice.last_on = t + 1
            if not voice.confirmed and voice.last_on - voice.open_start >= MIN_SPEECH_FRAMES:
                voice.confirmed = True
                self._speech_confirmed(i, voice)
            if voice.confirmed:
                voice.turn_end = voice.last_on
        elif voice.open_start is not None and t + 1 - voice.last_on >= BRIDGE_FRAMES:
            self._close(i, voice)

    def _close(self, i: int, voice: _Voice) -> None:
        assert voice.open_start is not None
        if voice.confirmed:
            voice.closed += voice.last_on - voice.open_start
            if self._keep_segments:
                self._segments.append((i, voice.open_start, voice.last_on))
        voice.open_start = None

    def close_all(self) -> None:
        """End every stretch of speech under way (the conversation stopped)."""
        for i, voice in enumerate(self._voices):
            if voice.open_start is not None:
                self._close(i, voice)

    def closed_segments(self) -> list[tuple[int, int, int]]:
        """The stretches of speech that ended since the last call: ``(speaker, start, end)`` in
        frames (only with ``keep_segments``; live words transcribe them)."""
        out = list(self._segments)
        self._segments.clear()
        return out

    def _speech_confirmed(self, i: int, voice: _Voice) -> None:
        assert voice.open_start is not None
        same_turn = self._last_speaker == i and voice.open_start - voice.turn_end < TURN_GAP_FRAMES
        if not same_turn:
            voice.turn_start = voice.open_start
        if self._last_speaker is not None and self._last_speaker != i:
            self._switches += 1
        self._last_speaker = i

    def _step_floor(self, t: int) -> None:
        holder = self._holder
        if holder is not None:
            voice = self._voices[holder]
            if voice.confirmed and voice.open_start is not None:
                self._floor_end = max(self._floor_end, voice.last_on)
                self._reach = max(self._reach, voice.last_on)
            elif t - self._reach < TURN_GAP_FRAMES and any(
                v.now for i, v in enumerate(self._voices) if i != holder
            ):
                # A listener's "mm-hm" is sound, not a silence: the holder has 2 s from its
                # end to go on (docs/metrics.md, floors).
                self._reach = t + 1
            if t + 1 - self._reach >= TURN_GAP_FRAMES:
                self._end_floor()
                holder = None
        best: int | None = None
        best_len = BACKCHANNEL_FRAMES - 1
        for i, voice in enumerate(self._voices):
            if i == holder or not voice.confirmed or voice.open_start is None:
                continue
            length = voice.last_on - voice.turn_start
            if length > best_len:
                best, best_len = i, length
        if best is not None:
            if holder is not None:
                self._end_floor()
            self._holder = best
            self._floor_start = self._voices[best].turn_start
            self._floor_end = self._reach = self._voices[best].last_on
        if self._holder is not None:
            h = self._holder
            self._longest[h] = max(self._longest[h], self._floor_end - self._floor_start)

    def _end_floor(self) -> None:
        self._holder = None

    def add_question(self, speaker: int, at_s: float, text: str) -> None:
        """A question heard by live transcription (only the user's are shown)."""
        if speaker != self.me:
            return
        self._questions.append(Question(speaker, at_s, text))
        self._my_questions += 1
        self._last_question_s = max(at_s, self._last_question_s or 0.0)

    def notice(self, text: str) -> None:
        """A message for the display (a device that disappeared); the last three are kept."""
        if not self._notices or self._notices[-1] != text:
            self._notices.append(text)

    def view(self) -> MeterView:
        """The state now, frozen (cheap: a few numbers and the last minute's cells)."""
        floor_s = 0.0
        if self._holder is not None:
            floor_s = (self._floor_end - self._floor_start) * FRAME_S
        since = None
        if self._last_question_s is not None:
            since = max(0.0, self.elapsed_s - self._last_question_s)
        return MeterView(
            elapsed_s=self.elapsed_s,
            names=self.names,
            me=self.me,
            talk_s=tuple(v.talk() * FRAME_S for v in self._voices),
            speaking=tuple(v.now for v in self._voices),
            targets=self.targets,
            holder=self._holder,
            floor_s=floor_s,
            longest_floor_s=tuple(n * FRAME_S for n in self._longest),
            switches=self._switches,
            questions_on=self.questions_on,
            questions=tuple(self._questions),
            my_questions=self._my_questions,
            since_question_s=since,
            timeline=(*self._cells, self._cell),
            notices=tuple(self._notices),
        )
