"""The audio pipeline behind ``twoway.audio.load_audio`` (see docs/audio.md).

``run`` reads the files into per-frame features (``features.analyze_file``), then
``speaker_turns`` finds who spoke when in them and ``add_words`` gives the turns their words.
The live meter (``twoway.live``) computes the same features as the audio arrives and calls the
same two steps when it stops (``plan_features`` decides beforehand what the features must hold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from twoway.audio.decode import probe
from twoway.audio.diarize import diarize_available, require_diarize
from twoway.audio.features import FRAME_S, ChannelFeatures, ProgressFn, analyze_file
from twoway.audio.vad import BRIDGE_S, clean_mask, describe, mask_runs, speech_mask
from twoway.errors import InputError, UsageError
from twoway.model import Conversation, Turn

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.audio.voiceprint import Match, Voiceprint

    Bools = npt.NDArray[np.bool_]
    Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class DiarizationSummary:
    """How a mixed track's speakers were found, for the report and ``--rttm``."""

    speakers: int
    estimated: bool
    separation: float | None
    """Cosine similarity of the two closest voices (``diarize.Diarization.separation``)."""
    overlap_s: float
    """Speech credited to two speakers at once."""


@dataclass(frozen=True)
class AudioResult:
    """What ``analyze_audio`` found in a recording."""

    conversation: Conversation
    matches: tuple[Match, ...]
    """Speakers a stored voiceprint recognized (their ``name`` is the speaker's name now)."""
    diarization: DiarizationSummary | None = None
    """Set when the shares rest on telling voices apart in one mixed track."""


@dataclass(frozen=True)
class FeaturePlan:
    """What the per-frame features must hold, decided before the first sample."""

    prints: tuple[Voiceprint, ...]
    """The stored voiceprints to recognize (none when voiceprints are not used)."""
    want_embeddings: bool
    """The voiceprints can be compared with the speakers' voices (the diarize extra is here)."""
    want_mels: bool
    """Keep mel bands: voices are to be embedded (voiceprints, or one mixed track to split)."""


def plan_features(
    *, mixed: bool, speakers: int | None, use_voiceprints: bool = True
) -> FeaturePlan:
    """Raises ``MissingExtraError`` when a mixed source needs the diarize extra and lacks it."""
    prints = tuple(_stored_voiceprints(use_voiceprints))
    if mixed and speakers != 1:
        require_diarize("telling voices apart in one mixed track")
    want_embeddings = bool(prints) and diarize_available()
    return FeaturePlan(prints, want_embeddings, want_embeddings or mixed)


def _stored_voiceprints(use: bool) -> list[Voiceprint]:
    if not use:
        return []
    from twoway.audio import voiceprint

    if not voiceprint.voiceprint_dir().is_dir():
        return []
    return list(voiceprint.load_all())


def run(
    source: str | None,
    *,
    tracks: Sequence[tuple[str, str]],
    channels: Sequence[str],
    speakers: int | None,
    transcript: str | None,
    asr: bool,
    asr_model: str | None,
    use_voiceprints: bool,
    vad: str,
    progress: ProgressFn | None,
) -> AudioResult:
    if tracks and source is not None:
        raise UsageError("give either one recording or --track NAME=FILE options, not both")
    if tracks and channels:
        raise UsageError("--channels names the channels of one recording; --track takes files")
    if source is None and not tracks:
        raise UsageError("no recording given")
    if speakers is not None and not 1 <= speakers <= 10:
        raise UsageError(f"--speakers takes 1 to 10; got {speakers}")
    if len(tracks) == 1:
        raise UsageError("--track needs one file per speaker: give two or more")
    names = [name for name, _ in tracks] or list(channels)
    if len({n.casefold() for n in names}) != len(names):
        raise UsageError(f"speaker names must differ: {', '.join(names)}")

    mixed = not (tracks or channels)
    plan = plan_features(mixed=mixed, speakers=speakers, use_voiceprints=use_voiceprints)
    features: list[ChannelFeatures]
    if tracks:
        features = []
        for name, path in tracks:
            features.extend(
                analyze_file(path, vad, plan.want_mels, mono=True, progress=progress, label=name)
            )
        display = " + ".join(path for _, path in tracks)
    else:
        assert source is not None
        if channels:
            info = probe(source)
            if info.channels != len(channels):
                raise UsageError(
                    f"{source} has {info.channels} channel(s) but --channels names "
                    f"{len(channels)}: {', '.join(channels)}"
                )
        features = analyze_file(
            source, vad, plan.want_mels, mono=mixed, progress=progress, label=None
        )
        display = source

    found = speaker_turns(
        names,
        features,
        mixed=mixed,
        speakers=speakers,
        plan=plan,
        display=display,
        progress=progress,
    )
    notes = list(found.notes)
    turns = add_words(
        list(found.turns),
        source=source,
        tracks=tracks,
        channels=channels,
        transcript=transcript,
        asr=asr,
        asr_model=asr_model,
        notes=notes,
        progress=progress,
    )
    conversation = Conversation(tuple(turns), source=display, format="audio", notes=tuple(notes))
    return AudioResult(conversation, found.matches, found.diarization)


@dataclass(frozen=True)
class SpeakerTurns:
    """Who spoke when in a recording's features, before words (``speaker_turns``)."""

    turns: tuple[Turn, ...]
    matches: tuple[Match, ...]
    notes: tuple[str, ...]
    """The notes so far: how speech was found, how speakers were told apart, voiceprints."""
    diarization: DiarizationSummary | None


def speaker_turns(
    names: Sequence[str],
    features: list[ChannelFeatures],
    *,
    mixed: bool,
    speakers: int | None,
    plan: FeaturePlan,
    display: str,
    progress: ProgressFn | None = None,
) -> SpeakerTurns:
    """The turns in per-frame ``features``: one channel per name (the bleed rule, then the
    voiceprints), or one ``mixed`` channel (diarization, ``speakers`` voices or estimated).

    Raises ``InputError`` naming ``display`` when no speech was found.
    """
    notes: list[str] = []
    prints = list(plan.prints)
    masks = [speech_mask(f.speech_prob, FRAME_S) for f in features]
    matches: list[Match] = []
    summary: DiarizationSummary | None = None
    if mixed:
        turns, matches, mono_notes, summary = _diarize_mixed(
            features[0], masks[0], speakers, prints if plan.want_embeddings else [], progress
        )
        notes.extend(mono_notes)
    else:
        turns, track_notes = _per_speaker_turns(names, features, masks)
        notes.extend(track_notes)
        if plan.want_embeddings:
            matches, match_notes = _match_tracks(names, features, masks, prints, progress)
            notes.extend(match_notes)
    if not turns:
        raise InputError("no speech found in the recording (silence or noise only)", path=display)
    if prints and not plan.want_embeddings:
        notes.append(
            "Voiceprints are stored, but recognizing them needs: pip install 'twoway[diarize]'."
        )
    notes.insert(
        0,
        f"Timing from the recording: speech found with {describe(features[0].vad_name)}; pauses "
        f"shorter than {BRIDGE_S:g} s do not split a turn.",
    )
    return SpeakerTurns(tuple(turns), tuple(matches), tuple(notes), summary)


def _segments(mask: Bools) -> list[tuple[float, float]]:
    return [(round(s * FRAME_S, 2), round(e * FRAME_S, 2)) for s, e in mask_runs(mask)]


def _per_speaker_turns(
    names: Sequence[str], features: list[ChannelFeatures], masks: list[Bools]
) -> tuple[list[Turn], list[str]]:
    from twoway.audio.tracks import MARGIN_DB, own_speech

    own, leak = own_speech(features, masks)
    turns: list[Turn] = []
    for name, mask in zip(names, own, strict=True):
        # Fragments first (a few frames of bleed passing the rule), then the usual bridging.
        fragments_gone = clean_mask(mask, FRAME_S, bridge_s=0.0, min_speech_s=0.1, pad_s=0.0)
        cleaned = clean_mask(fragments_gone, FRAME_S, pad_s=0.0)
        turns.extend(Turn(name, start, end) for start, end in _segments(cleaned))
    notes = [
        f"One speaker per track: {', '.join(names)}. A track's speech counts only where it is at "
        f"least {MARGIN_DB:g} dB above what the other tracks' bleed would give "
        f"(bleed measured at {_leak_text(leak)})."
    ]
    if features and len({f.frames for f in features}) > 1:
        longest = max(f.frames for f in features) * FRAME_S
        notes.append(
            f"The tracks differ in length; the shorter ones count as silent up to {longest:.0f} s."
        )
    return sorted(turns, key=lambda t: t.start or 0.0), notes


def _leak_text(leak: npt.NDArray[np.float32]) -> str:
    import numpy as np

    off = leak[~np.eye(len(leak), dtype=bool)]
    if not len(off):
        return "n/a"
    return (
        f"{float(off.min()):.0f} to {float(off.max()):.0f} dB"
        if len(off) > 2
        else (f"{float(off.mean()):.0f} dB")
    )


def _match_tracks(
    names: Sequence[str],
    features: list[ChannelFeatures],
    masks: list[Bools],
    prints: list[Voiceprint],
    progress: ProgressFn | None,
) -> tuple[list[Match], list[str]]:
    import numpy as np

    from twoway.audio import voiceprint
    from twoway.audio.diarize import embed_partials, level_mels, mean_embedding

    embeddings = []
    for name, f, mask in zip(names, features, masks, strict=True):
        assert f.mels is not None
        n = min(len(f.mels), len(mask))
        speech = level_mels(f.mels[:n], f.energy_db[:n], mask[:n])[mask[:n]]
        partials, _ = embed_partials(speech, progress=_sub(progress, f"Voice of {name}"))
        embeddings.append(mean_embedding(partials) if len(partials) else np.zeros(256, np.float32))
    found, misses = voiceprint.match(np.stack(embeddings), prints)
    notes = [
        f"Track {names[m.speaker]} matched {m.name}'s voiceprint (similarity {m.similarity:.2f})."
        for m in found
    ]
    matches = [voiceprint.Match(m.speaker, names[m.speaker], m.similarity) for m in found]
    return matches, notes + _miss_notes(misses, names)


def _miss_notes(misses: list[tuple[int, str, float]], names: Sequence[str]) -> list[str]:
    from twoway.audio.voiceprint import MATCH_THRESHOLD

    return [
        f"No speaker matched {name}'s voiceprint (closest: {names[s]}, similarity {sim:.2f}; "
        f"a match needs {MATCH_THRESHOLD:.2f})."
        for s, name, sim in misses
    ]


def _sub(progress: ProgressFn | None, stage: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        progress(stage, float(done), float(total))

    return report


def _take_mels(features: ChannelFeatures, mask: Bools) -> Floats:
    """The levelled mel features, leaving ``features`` without them: ``diarize`` then holds the
    only reference and frees them (115 MB for 2 hours) before scikit-learn loads and clusters."""
    from twoway.audio.diarize import level_mels

    mels, features.mels = features.mels, None
    assert mels is not None
    return level_mels(mels, features.energy_db, mask)


def _diarize_mixed(
    features: ChannelFeatures,
    mask: Bools,
    speakers: int | None,
    prints: list[Voiceprint],
    progress: ProgressFn | None,
) -> tuple[list[Turn], list[Match], list[str], DiarizationSummary | None]:
    notes: list[str] = []
    if speakers == 1:
        notes.append("One speaker, as asked (--speakers 1).")
        return [Turn("Speaker 1", s, e) for s, e in _segments(mask)], [], notes, None
    from twoway.audio.diarize import diarize

    result = diarize(
        _take_mels(features, mask),
        mask,
        speakers,
        progress=_sub(progress, "Telling voices apart"),
    )
    k = len(result.centroids)
    names = [f"Speaker {i + 1}" for i in range(k)]
    matches: list[Match] = []
    if prints and k:
        from twoway.audio import voiceprint

        found, misses = voiceprint.match(result.centroids, prints)
        for m in found:
            notes.append(
                f"{names[m.speaker]} matched {m.name}'s voiceprint (similarity {m.similarity:.2f})."
            )
        renamed = {m.speaker: m.name for m in found}
        notes.extend(_miss_notes(misses, names))
        names = [renamed.get(i, n) for i, n in enumerate(names)]
        matches = list(found)
    turns: list[Turn] = []
    labels = result.labels
    second = result.second
    overlap_frames = 0 if second is None else int((second >= 0).sum())
    for label in range(k):
        said = labels == label
        if second is not None:
            said = said | (second == label)  # overlapping speech counts for both speakers
        own = clean_mask(said, FRAME_S, pad_s=0.0, min_speech_s=0.0)
        # Bridging must not paint over another speaker's speech.
        own &= said | (labels == -1)
        turns.extend(Turn(names[label], s, e) for s, e in _segments(own))
    summary = DiarizationSummary(k, result.estimated, result.separation, overlap_frames * FRAME_S)
    notes.append(_diarization_note(summary))
    return sorted(turns, key=lambda t: t.start or 0.0), matches, notes, summary


SURE_BELOW = 0.75
"""Voices whose centroids are less similar than this were told apart surely (docs/audio.md)."""
UNSURE_ABOVE = 0.82


def _diarization_note(summary: DiarizationSummary) -> str:
    """Says that the shares rest on diarization, how sure it is, and how to do without it."""
    how = "estimated from the voices" if summary.estimated else "as given"
    text = f"One mixed track: talk shares rest on telling {summary.speakers} voice(s) apart ({how})"
    if summary.separation is not None:
        sure = (
            "clearly different"
            if summary.separation < SURE_BELOW
            else "fairly different"
            if summary.separation <= UNSURE_ABOVE
            else "close: shares may be off by several points"
        )
        text += f"; the two closest voices are {sure} (similarity {summary.separation:.2f})"
    if summary.overlap_s >= 0.5:
        text += f"; {summary.overlap_s:.0f} s of overlapping speech credited to both speakers"
    return (
        text + ". For exact shares, record one track per person (Zoom's local recording and most "
        "podcast tools can save a file per participant) and pass them with --track NAME=FILE."
    )


def add_words(
    turns: list[Turn],
    *,
    source: str | None,
    tracks: Sequence[tuple[str, str]],
    channels: Sequence[str],
    transcript: str | None,
    asr: bool,
    asr_model: str | None,
    notes: list[str],
    progress: ProgressFn | None,
) -> list[Turn]:
    """``turns`` with words: from ``transcript`` (aligned by time), from speech recognition
    (``asr``, on ``source``'s channels or the ``tracks``' files), or none; appends its notes."""
    if transcript is not None and asr:
        raise UsageError("--transcript and --asr both give words: choose one")
    if transcript is not None:
        from twoway.audio.align import align
        from twoway.formats import load

        aligned, align_notes = align(turns, load(transcript))
        notes.extend(align_notes)
        return aligned
    if asr:
        from twoway.audio.asr import Span, make_engine, transcribe_spans

        engine = make_engine(asr_model)
        files = dict(tracks)
        spans = [
            Span(
                path=files.get(t.speaker or "", source or ""),
                channel=(
                    list(channels).index(t.speaker) if t.speaker and t.speaker in channels else None
                ),
                start=t.start or 0.0,
                end=t.end or 0.0,
            )
            for t in turns
        ]
        texts = transcribe_spans(spans, engine, _sub(progress, "Transcribing"))
        notes.append(engine.note)
        return [
            Turn(t.speaker, t.start, t.end, text or None)
            for t, text in zip(turns, texts, strict=True)
        ]
    notes.append(
        "For questions, pace and fillers from a recording, add --transcript FILE or --asr."
    )
    return turns
