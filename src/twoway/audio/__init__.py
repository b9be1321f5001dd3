"""Recordings in, ``Conversation`` out: the same nouns the transcript readers produce.

>>> looks_like_audio(b"RIFF\\x24\\x00\\x00\\x00WAVEfmt ", "x.bin")
True
>>> looks_like_audio(b"WEBVTT\\n\\n00:00.000 --> 00:01.000", "x.vtt")
False

``load_audio`` runs the whole pipeline (docs/audio.md): decoding with PyAV, voice activity
detection, then one of

- one speaker per track (``tracks=[("Alex", "alex.m4a"), ...]``) or per channel
  (``channels=["Alex", "Dana"]``), each track's own speech kept and the other's bleed dropped;
- one mixed track: speaker diarization with resemblyzer embeddings and clustering, speakers named
  "Speaker 1", "Speaker 2"... unless a stored voiceprint recognizes one of them;

and words from ``transcript=`` (aligned by time) or ``asr=True``. This module imports nothing heavy:
numpy, PyAV, onnxruntime and scipy load only when a recording is read; torch never does.

The pipeline's steps are public for the live meter and ``twoway voice``, which compute the same
features another way: ``analyze_file`` (a file's per-frame features), ``plan_features``,
``speaker_turns`` and ``add_words``; ``require_diarize`` says what a feature needs installed.
They load on first use (PEP 562).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from twoway._lazy import lazy_names

if TYPE_CHECKING:
    from twoway.audio._pipeline import (
        AudioResult,
        DiarizationSummary,
        FeaturePlan,
        SpeakerTurns,
        add_words,
        plan_features,
        speaker_turns,
    )
    from twoway.audio.diarize import diarize_available, require_diarize
    from twoway.audio.features import ProgressFn, analyze_file
    from twoway.model import Conversation

__all__ = [
    "AUDIO_EXTENSIONS",
    "AudioOptions",
    "AudioResult",
    "DiarizationSummary",
    "FeaturePlan",
    "ProgressFn",
    "SpeakerTurns",
    "add_words",
    "analyze_audio",
    "analyze_file",
    "diarize_available",
    "is_audio_file",
    "load_audio",
    "looks_like_audio",
    "plan_features",
    "require_diarize",
    "speaker_turns",
]

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "AudioResult": "twoway.audio._pipeline",
        "DiarizationSummary": "twoway.audio._pipeline",
        "FeaturePlan": "twoway.audio._pipeline",
        "ProgressFn": "twoway.audio.features",
        "SpeakerTurns": "twoway.audio._pipeline",
        "add_words": "twoway.audio._pipeline",
        "analyze_file": "twoway.audio.features",
        "diarize_available": "twoway.audio.diarize",
        "plan_features": "twoway.audio._pipeline",
        "require_diarize": "twoway.audio.diarize",
        "speaker_turns": "twoway.audio._pipeline",
    },
)

AUDIO_EXTENSIONS = frozenset(
    {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".mp4", ".m4v", ".aac",
     ".mov", ".webm", ".mkv", ".wma", ".aiff", ".aif", ".amr", ".3gp"}
)  # fmt: skip


@dataclass(frozen=True)
class AudioOptions:
    """How to read a recording, as ``twoway analyze`` and the web app's upload take it."""

    tracks: tuple[tuple[str, str], ...] = ()
    channels: tuple[str, ...] = ()
    speakers: int | None = None
    transcript: str | None = None
    asr: bool = False
    asr_model: str | None = None
    mode: str = "interview"
    rttm: str | None = None
    """``--rttm FILE``: write who spoke when (the turns found in the recording) as RTTM."""

    @property
    def speaker_count(self) -> int | None:
        """``--speakers``, else 2 in interview mode for one mixed track (docs/audio.md)."""
        if self.speakers is not None or self.tracks or self.channels:
            return self.speakers
        # An interview is two people unless told otherwise: estimating the count is the
        # weakest step of diarization, so interview mode does not.
        return 2 if self.mode == "interview" else None

    @property
    def given(self) -> bool:
        """True when an audio-only option was used (so a transcript input is a usage error)."""
        return (
            bool(self.tracks or self.channels or self.speakers or self.transcript or self.asr)
            or self.asr_model is not None
            or self.rttm is not None
        )


def looks_like_audio(head: bytes, path: str) -> bool:
    """True when ``head`` (the file's first bytes) is an audio/video container; else by extension.

    Magic bytes: RIFF (wav), fLaC, OggS, ID3 or an MPEG audio frame sync (mp3), ``ftyp`` at
    offset 4 (mp4/m4a/mov), EBML (webm/mkv), FORM (aiff), ADTS (aac), ASF (wma).
    """
    from twoway.formats.encoding import is_wide_text

    if is_wide_text(head):  # UTF-16's mark FF FE is also an MPEG frame sync
        return False
    if head.startswith((b"RIFF", b"fLaC", b"OggS", b"ID3", b"\x1a\x45\xdf\xa3")):
        return True
    if head.startswith(b"FORM") and head[8:12] in (b"AIFF", b"AIFC"):
        return True
    if head.startswith((b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", b"#!AMR")):
        return True
    if len(head) >= 8 and head[4:8] == b"ftyp":
        return True
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and head[1] != 0xFF:
        # MPEG audio (mp3) or ADTS (aac) frame sync; text never starts with 0xFF.
        return True
    if _is_text(head):
        return False
    return PurePath(path).suffix.lower() in AUDIO_EXTENSIONS


def _is_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def is_audio_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a file whose content (or, failing that, extension) says audio/video."""
    name = os.fspath(path)
    if name == "-" or not Path(name).is_file():
        return False
    try:
        with Path(name).open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return looks_like_audio(head, name)


def analyze_audio(
    source: str | os.PathLike[str] | None = None,
    *,
    tracks: Sequence[tuple[str, str]] = (),
    channels: Sequence[str] = (),
    speakers: int | None = None,
    transcript: str | os.PathLike[str] | None = None,
    asr: bool = False,
    asr_model: str | None = None,
    use_voiceprints: bool = True,
    vad: str = "auto",
    progress: ProgressFn | None = None,
) -> AudioResult:
    """Run the audio pipeline; the ``Conversation`` plus which speakers voiceprints recognized."""
    from twoway.audio._pipeline import run

    return run(
        None if source is None else os.fspath(source),
        tracks=tracks,
        channels=channels,
        speakers=speakers,
        transcript=None if transcript is None else os.fspath(transcript),
        asr=asr,
        asr_model=asr_model,
        use_voiceprints=use_voiceprints,
        vad=vad,
        progress=progress,
    )


def load_audio(
    source: str | os.PathLike[str] | None = None,
    *,
    tracks: Sequence[tuple[str, str]] = (),
    channels: Sequence[str] = (),
    speakers: int | None = None,
    transcript: str | os.PathLike[str] | None = None,
    asr: bool = False,
    asr_model: str | None = None,
    use_voiceprints: bool = True,
    vad: str = "auto",
    progress: ProgressFn | None = None,
) -> Conversation:
    """The conversation in a recording (or in one recording per speaker, ``tracks``).

    Turns have speaker and timing; text only with ``transcript`` or ``asr``. See
    ``analyze_audio`` for the arguments and docs/audio.md for the pipeline.
    """
    return analyze_audio(
        source,
        tracks=tracks,
        channels=channels,
        speakers=speakers,
        transcript=transcript,
        asr=asr,
        asr_model=asr_model,
        use_voiceprints=use_voiceprints,
        vad=vad,
        progress=progress,
    ).conversation
