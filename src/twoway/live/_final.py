"""The end of a live session: the whole conversation, exactly as ``twoway analyze`` reads it.

The live session keeps, per source, the same per-frame features the offline pipeline computes
(``audio.features.ChannelAnalyzer``, fed the same samples: energy, speech probability and, when
voices must be told apart, mel bands; never the waveform). This module runs the offline steps
after decoding on them: the bleed rule or diarization, voiceprints, words, the notes.

It reaches into ``twoway.audio._pipeline`` for those steps, on purpose in this one module:
the pipeline has no public "features to conversation" seam yet (see docs/live.md, "For the
audio pipeline"). ``tests/live/test_final_equals_analyze.py`` pins the result to
``twoway analyze``'s JSON, so a change there that breaks the equality fails a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from twoway.errors import InputError

if TYPE_CHECKING:
    from twoway.audio._pipeline import AudioResult
    from twoway.audio.features import ChannelFeatures
    from twoway.audio.voiceprint import Voiceprint
    from twoway.model import Turn


@dataclass(frozen=True)
class Plan:
    """What the features must hold, decided before the first sample (as ``_pipeline.run``)."""

    prints: tuple[Voiceprint, ...]
    want_embeddings: bool
    want_mels: bool


def plan(*, mixed: bool, speakers: int | None, use_voiceprints: bool = True) -> Plan:
    """Raises ``MissingExtraError`` when a mixed source needs the diarize extra and lacks it."""
    from twoway.audio._pipeline import _require_diarize, _stored_voiceprints, diarize_available

    prints = tuple(_stored_voiceprints(use_voiceprints))
    if mixed and speakers != 1:
        _require_diarize("telling voices apart in one mixed track")
    want_embeddings = bool(prints) and diarize_available()
    return Plan(prints, want_embeddings, want_embeddings or mixed)


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
    chosen: Plan,
    words: Words,
) -> AudioResult:
    """The ``AudioResult`` ``analyze_audio`` gives for the same audio (see the module doc)."""
    from twoway.audio import _pipeline as p
    from twoway.audio.features import FRAME_S
    from twoway.audio.vad import BRIDGE_S, describe, speech_mask
    from twoway.model import Conversation

    notes: list[str] = []
    prints = list(chosen.prints)
    masks = [speech_mask(f.speech_prob, FRAME_S) for f in features]
    if mixed:
        turns, matches, more = p._diarized_turns(
            features[0], masks[0], speakers, prints if chosen.want_embeddings else [], None
        )
        notes.extend(more)
    else:
        turns, more = p._per_speaker_turns(names, features, masks)
        notes.extend(more)
        matches = []
        if chosen.want_embeddings:
            matches, more = p._match_tracks(names, features, masks, prints, None)
            notes.extend(more)
    if not turns:
        raise InputError("no speech found in the recording (silence or noise only)", path=display)
    if prints and not chosen.want_embeddings:
        notes.append(
            "Voiceprints are stored, but recognizing them needs: pip install 'twoway[diarize]'."
        )
    notes.insert(
        0,
        f"Timing from the recording: speech found with {describe(features[0].vad_name)}; pauses "
        f"shorter than {BRIDGE_S:g} s do not split a turn.",
    )
    if words.live:
        turns = _heard_words(turns, words, notes)
    else:
        turns = p._add_words(
            turns, words.source, words.tracks, words.channels, None, words.asr, words.asr_model,
            notes, None,
        )  # fmt: skip
    conv = Conversation(tuple(turns), source=display, format="audio", notes=tuple(notes))
    return p.AudioResult(conv, tuple(matches))


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
