"""``--transcript``: the audio's timing with an existing transcript's words.

Each timed transcript turn gives its text to the audio turn it overlaps most (ties: the earlier);
a transcript turn that overlaps no audio turn goes to the nearest one within ``MAX_GAP_S``, else it
is left out and counted in a note. Speakers come from the audio, unless the transcript names them:
then each audio speaker takes the name of the transcript speaker it overlaps most (each name used
once), so "Speaker 1" becomes "Dana" when the transcript says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from twoway.errors import UsageError
from twoway.model import Conversation, Turn

MAX_GAP_S = 1.0


def _overlap(a: Turn, b: Turn) -> float:
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return max(0.0, min(a.end, b.end) - max(a.start, b.start))


def align(
    audio_turns: Sequence[Turn], transcript: Conversation, *, rename: bool = True
) -> tuple[list[Turn], list[str]]:
    """``audio_turns`` with the transcript's text (and speaker names); plus notes."""
    if not transcript.has_timing:
        raise UsageError(
            f"--transcript {transcript.source}: the transcript has no timestamps, so its words "
            "cannot be placed on the recording"
        )
    notes: list[str] = []
    turns = list(audio_turns)
    if rename and transcript.speakers_known:
        mapping = _speaker_names(turns, transcript.turns)
        if mapping:
            turns = [Turn(mapping.get(t.speaker or "", t.speaker), t.start, t.end) for t in turns]
            order = list(dict.fromkeys(t.speaker for t in audio_turns if t.speaker in mapping))
            named = ", ".join(f"{a} is {mapping[a]}" for a in order if a != mapping[a])
            if named:
                notes.append(f"Speaker names from the transcript: {named}.")
    texts: dict[int, list[str]] = defaultdict(list)
    unplaced = 0
    for cue in transcript.turns:
        if not cue.text:
            continue
        target = _best_turn(turns, cue)
        if target is None:
            unplaced += 1
        else:
            texts[target].append(cue.text.strip())
    if unplaced:
        notes.append(
            f"{unplaced} transcript turn(s) fell where the recording has no speech "
            "and were left out."
        )
    aligned = [
        Turn(t.speaker, t.start, t.end, " ".join(texts[i]) if i in texts else None)
        for i, t in enumerate(turns)
    ]
    notes.append(f"Words from the transcript {transcript.source}, placed by time on the recording.")
    return aligned, notes


def _best_turn(turns: Sequence[Turn], cue: Turn) -> int | None:
    best, best_overlap = None, 0.0
    for i, turn in enumerate(turns):
        overlap = _overlap(turn, cue)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is not None:
        return best
    assert cue.start is not None and cue.end is not None
    nearest, distance = None, MAX_GAP_S
    for i, turn in enumerate(turns):
        assert turn.start is not None and turn.end is not None
        gap = max(turn.start - cue.end, cue.start - turn.end)
        if gap <= distance:
            nearest, distance = i, gap
    return nearest


def _speaker_names(turns: Sequence[Turn], cues: Sequence[Turn]) -> dict[str, str]:
    overlap: dict[tuple[str, str], float] = defaultdict(float)
    for turn in turns:
        for cue in cues:
            if turn.speaker and cue.speaker:
                overlap[(turn.speaker, cue.speaker)] += _overlap(turn, cue)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for (audio, named), seconds in sorted(overlap.items(), key=lambda kv: -kv[1]):
        if seconds <= 0 or audio in mapping or named in used:
            continue
        mapping[audio] = named
        used.add(named)
    return mapping
