"""Turn-taking over time: turns, floors and monologues, switches, latency, interruptions, balance.

All definitions are those of ``docs/metrics.md``; change both together.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from twoway.analysis.lexicon import count_words
from twoway.analysis.result import Balance, BalanceLabel, BalanceWindow, Interruption, Side
from twoway.model import Conversation, Coverage, Turn

UNKNOWN_SPEAKER = "(unknown)"
TURN_GAP_S = 2.0
INTERRUPTION_OVERLAP_S = 0.3
BACKCHANNEL_MAX_WORDS = 3
BACKCHANNEL_MAX_S = 1.0  # without text, a turn this short is taken for a backchannel
WINDOW_S = 150.0
WINDOW_STEP_S = 30.0
# More windows than this (a span of about a week) and only the windows that hold speech are kept.
MAX_WINDOWS = 20_000
# A window is dominated by one side when my share is this far beyond the target band: 70% and 30%
# for a one-to-one interview (40-60%); 40% and 0% for networking (10-30%), where "them" talking
# most is the target, not dominance.
DOMINANCE_MARGIN = 0.10
DOMINANT_SHARE = 0.70  # the one-to-one interview's level (its band's top, 60%, plus the margin)


@dataclass(frozen=True, slots=True)
class SpeechTurn:
    """Consecutive speech by one speaker: the source's segments ``first`` to ``stop - 1``.

    The text is joined from the segments when asked for, not kept: on a long transcript a copy
    of every word would double the memory the analysis needs.
    """

    speaker: str
    start: float | None
    end: float | None
    words: int
    segments: Sequence[Turn] = field(repr=False, compare=False)
    first: int
    stop: int

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.segments[self.first : self.stop] if t.text)

    @property
    def duration_s(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


def speaker_name(turn: Turn) -> str:
    return turn.speaker if turn.speaker is not None else UNKNOWN_SPEAKER


def merge_turns(
    segments: Sequence[Turn], word_counts: Sequence[int] | None = None, gap_s: float = TURN_GAP_S
) -> list[SpeechTurn]:
    """Consecutive segments of one speaker separated by less than ``gap_s`` are one turn.

    Without timing, consecutive segments of one speaker are always one turn. ``word_counts``,
    when given, holds each segment's number of words (saves counting them again).
    """
    counts = word_counts if word_counts is not None else [count_words(s.text) for s in segments]
    merged: list[SpeechTurn] = []
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    first = words = 0
    for i, (seg, seg_words) in enumerate(zip(segments, counts, strict=True)):
        name = speaker_name(seg)
        joins = name == speaker and (seg.start is None or end is None or seg.start - end < gap_s)
        if not joins:
            if speaker is not None:
                merged.append(SpeechTurn(speaker, start, end, words, segments, first, i))
            speaker, start, end, first, words = name, seg.start, seg.end, i, 0
        elif seg.end is not None and end is not None and seg.end > end:
            end = seg.end
        words += seg_words
    if speaker is not None:
        merged.append(SpeechTurn(speaker, start, end, words, segments, first, len(segments)))
    return merged


def backchannels(turns: Sequence[SpeechTurn], asks: Sequence[bool], has_text: bool) -> list[bool]:
    """Which turns are backchannels: short listener responses ("yeah", "uh-huh", "right").

    ``asks[i]`` tells whether turn ``i`` contains a question that counts. A short reply to a
    question ("Four weeks.") is an answer, not a backchannel.
    """
    flags: list[bool] = []
    for i, turn in enumerate(turns):
        if has_text:
            answers = i > 0 and asks[i - 1] and turns[i - 1].speaker != turn.speaker
            flags.append(turn.words <= BACKCHANNEL_MAX_WORDS and not asks[i] and not answers)
        else:
            duration = turn.duration_s
            flags.append(duration is not None and duration < BACKCHANNEL_MAX_S)
    return flags


@dataclass(frozen=True, slots=True)
class Floor:
    """A stretch where one speaker holds the floor: their turns, backchannels aside."""

    speaker: str
    start: float | None
    end: float | None
    words: int

    @property
    def duration_s(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


def floors(
    turns: Sequence[SpeechTurn], backchannel: Sequence[bool], gap_s: float = TURN_GAP_S
) -> tuple[list[Floor], list[int]]:
    """Who holds the floor: turns with backchannels left out, merged again like turns.

    A floor is the unit of a monologue: an "uh-huh" from the listener does not end a speech.
    A backchannel counts as sound, not as holding the floor: a turn joins the floor before it
    (same speaker) when no silence of ``gap_s`` or more lies between them, so "...the results.
    [1 s] Mm-hmm. [1 s] And then..." is one floor although 2.5 s pass between the two halves.
    Returns the floors and, for each turn, the index of its floor (-1 for a backchannel).
    """
    result: list[Floor] = []
    floor_of: list[int] = []
    # The end of the last floor, pushed on by each backchannel that starts less than gap_s
    # after it: where the silence a next turn of the floor's speaker must bridge begins.
    reach: float | None = None
    for turn, is_bc in zip(turns, backchannel, strict=True):
        if is_bc:
            floor_of.append(-1)
            if (
                reach is not None
                and turn.start is not None
                and turn.end is not None
                and turn.start - reach < gap_s
            ):
                reach = max(reach, turn.end)
            continue
        last = result[-1] if result else None
        if (
            last is not None
            and last.speaker == turn.speaker
            and (turn.start is None or reach is None or turn.start - reach < gap_s)
        ):
            end = last.end if turn.end is None or last.end is None else max(last.end, turn.end)
            result[-1] = Floor(last.speaker, last.start, end, last.words + turn.words)
            if reach is not None and end is not None:
                reach = max(reach, end)
        else:
            result.append(Floor(turn.speaker, turn.start, turn.end, turn.words))
            reach = turn.end
        floor_of.append(len(result) - 1)
    return result, floor_of


def switches(turns: Sequence[Floor]) -> int:
    """How many times the floor passes to another speaker (count floors, so that a listener's
    "mm-hmm" in the middle of a speech is not taken for turn-taking)."""
    return sum(1 for a, b in pairwise(turns) if a.speaker != b.speaker)


def reply_gaps(turns: Sequence[Floor]) -> list[tuple[str, float]]:
    """(replying speaker, gap) for every change of speaker; a negative gap is an overlap."""
    gaps: list[tuple[str, float]] = []
    for prev, turn in pairwise(turns):
        if turn.speaker != prev.speaker and turn.start is not None and prev.end is not None:
            gaps.append((turn.speaker, turn.start - prev.end))
    return gaps


def median(values: Iterable[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); ``None`` for none.

    >>> median([3.0, 1.0, 2.0]), median([4.0, 1.0, 2.0, 3.0]), median([])
    (2.0, 2.5, None)
    """
    data = list(values)
    return statistics.median(data) if data else None


def interruptions(turns: Sequence[SpeechTurn], backchannel: Sequence[bool]) -> list[Interruption]:
    """Turns starting over 0.3 s before another speaker's turn ends (backchannels excepted)."""
    found: list[Interruption] = []
    # For each speaker, the end of their latest turn so far (turns come in start order).
    last_end: dict[str, float] = {}
    for turn, is_bc in zip(turns, backchannel, strict=True):
        if turn.start is None or turn.end is None:
            return []
        if is_bc:
            continue  # a listener's "uh-huh" neither interrupts nor is interrupted
        ongoing = [
            (end, name)
            for name, end in last_end.items()
            if name != turn.speaker and end - turn.start > INTERRUPTION_OVERLAP_S
        ]
        if ongoing:
            end, name = max(ongoing)
            found.append(
                Interruption(turn.speaker, name, turn.start, min(end, turn.end) - turn.start)
            )
        last_end[turn.speaker] = max(turn.end, last_end.get(turn.speaker, turn.end))
    return found


def coverages(conversation: Conversation) -> dict[str, Coverage]:
    """Each speaker's coverage (``Conversation.coverages``), turns without a speaker under the
    name ``(unknown)``; empty without timing."""
    result: dict[str, Coverage] = {}
    for speaker, coverage in conversation.coverages().items():
        name = speaker if speaker is not None else UNKNOWN_SPEAKER
        known = result.get(name)
        # A speaker the source calls "(unknown)" is one with the turns that name none.
        result[name] = coverage if known is None else _union(known, coverage)
    return result


def _union(a: Coverage, b: Coverage) -> Coverage:
    both = Coverage()
    for start, end in heapq.merge(a.intervals(), b.intervals()):
        both.add(start, end)
    return both


def dominance_levels(share_low: float, share_high: float) -> tuple[float, float]:
    """(me dominate at or above, them at or below): the target band widened by 10 points."""
    return share_high + DOMINANCE_MARGIN, share_low - DOMINANCE_MARGIN


def balance(
    coverage: dict[str, Coverage],
    me: str,
    start_s: float,
    end_s: float,
    band: tuple[float, float] = (0.40, 0.60),
) -> Balance | None:
    """The share of "me" in 2.5-minute windows every 30 s, and a label for the conversation.

    ``band`` is the talk-share target band (low, high): dominance is judged beyond it.
    """
    if not coverage:
        return None
    me_cov = coverage.get(me)
    bounds: list[tuple[float, float]] = []
    last_k = math.floor((end_s - start_s - WINDOW_S + 1e-9) / WINDOW_STEP_S)
    if last_k < MAX_WINDOWS:
        ks: Iterable[int] = range(last_k + 1)
    else:
        # A span far longer than any conversation (a far-off timestamp): only the windows that
        # hold speech, so the windows grow with what was said, not with the span.
        ks = sorted(_windows_with_speech(coverage, start_s, last_k))
    for k in ks:
        a = start_s + k * WINDOW_STEP_S
        bounds.append((a, a + WINDOW_S))
    if not bounds:
        bounds.append((start_s, end_s))
    elif bounds[-1][1] < end_s - 1e-9:
        # The last 30 s step may stop short of the end: one more window ends with the conversation.
        bounds.append((end_s - WINDOW_S, end_s))
    windows: list[BalanceWindow] = []
    for a, b in bounds:
        total = sum(cov.within(a, b) for cov in coverage.values())
        mine = me_cov.within(a, b) if me_cov is not None else 0.0
        windows.append(BalanceWindow(a, b, mine / total if total > 0 else None))
    me_at, them_at = dominance_levels(*band)
    label, dominant = balance_label((w.me_share for w in windows), me_at, them_at)
    return Balance(label, dominant, tuple(windows), me_at, them_at)


def _windows_with_speech(coverage: dict[str, Coverage], start_s: float, last_k: int) -> set[int]:
    found: set[int] = set()
    for cov in coverage.values():
        for a, b in cov.intervals():
            first = max(0, math.ceil((a - start_s - WINDOW_S) / WINDOW_STEP_S))
            last = min(last_k, math.floor((b - start_s) / WINDOW_STEP_S))
            found.update(range(first, min(last, first + MAX_WINDOWS) + 1))
    return found


def balance_label(
    shares: Iterable[float | None],
    me_at: float = DOMINANT_SHARE,
    them_at: float = 1 - DOMINANT_SHARE,
) -> tuple[BalanceLabel, Side | None]:
    """back_and_forth, dominated (by "me" or "them") or alternating; see docs/metrics.md.

    A window is dominated by me when my share is at least ``me_at``, by them when at most
    ``them_at`` (``dominance_levels`` of the target band).
    """
    known = [s for s in shares if s is not None]
    me_dominant = sum(1 for s in known if s >= me_at)
    them_dominant = sum(1 for s in known if s <= them_at)
    dominated = me_dominant + them_dominant
    if not known or dominated < len(known) / 2:
        return "back_and_forth", None
    if me_dominant >= 0.8 * dominated:
        return "dominated", "me"
    if them_dominant >= 0.8 * dominated:
        return "dominated", "them"
    return "alternating", None
