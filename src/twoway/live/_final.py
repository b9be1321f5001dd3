"""The end of a live session: the whole conversation, exactly as ``twoway analyze`` reads it.

The live session keeps, per source, the same per-frame features the offline pipeline computes
(``audio.features.ChannelAnalyzer``, fed the same samples: energy, speech probability and, when
voices must be told apart, mel bands; never the waveform). This module runs the offline steps
after decoding on them, through the audio pipeline's own functions: ``twoway.audio.speaker_turns``
(the bleed rule or diarization, voiceprints, the notes) then ``add_words``.
``tests/live/test_final_equals_analyze.py`` pins the result to ``twoway analyze``'s JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from twoway.audio import AudioResult, FeaturePlan
    from twoway.audio.features import ChannelFeatures
    from twoway.model import Turn


@dataclass(frozen=True)
class Words:
    """Where the final turns' words come from: the files again (as ``analyze --asr``), a kept
    recording's channels, what live transcription heard (``live``: devices, no audio kept), or
    nowhere (the analysis then says questions need words)."""

    asr: bool = False
    asr_model: str | None = None
    source: str | None = None
    tracks: tuple[tuple[str, str], ...] = ()
    channels: tuple[str, ...] = ()
    live: bool = False
    heard: tuple[Turn, ...] = ()
    note: str = ""


def conversation(
    names: Sequence[str],
    features: list[ChannelFeatures],
    *,
    mixed: bool,
    speakers: int | None,
    display: str,
    chosen: FeaturePlan,
    words: Words,
) -> AudioResult:
    """The ``AudioResult`` ``analyze_audio`` gives for the same audio (see the module doc)."""
    from twoway.audio import AudioResult, add_words, speaker_turns
    from twoway.model import Conversation

    found = speaker_turns(
        names, features, mixed=mixed, speakers=speakers, plan=chosen, display=display
    )
    notes = list(found.notes)
    if words.live:
        turns = _heard_words(list(found.turns), words, notes)
    else:
        turns = add_words(
            list(found.turns),
            source=words.source,
            tracks=words.tracks,
            channels=words.channels,
            transcript=None,
            asr=words.asr,
            asr_model=words.asr_model,
            notes=notes,
            progress=None,
        )
    conv = Conversation(tuple(turns), source=display, format="audio", notes=tuple(notes))
    return AudioResult(conv, found.matches, found.diarization)


def _heard_words(turns: list[Turn], words: Words, notes: list[str]) -> list[Turn]:
    """The live transcription's words, each stretch given to the final turn it overlaps most."""
    from twoway.audio.align import align
    from twoway.model import Conversation

    heard = Conversation(words.heard, source="live transcription")
    if not words.heard:
        notes.append("Live transcription heard no words.")
        return turns
    aligned, more = align(turns, heard, rename=False)
    notes.extend(n for n in more if not n.startswith("Words from the transcript"))
    notes.append(f"{words.note} Transcribed live, one stretch of speech at a time.".strip())
    return aligned
