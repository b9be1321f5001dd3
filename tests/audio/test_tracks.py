"""One speaker per track: talk share within 2 points of the truth, bleed not credited."""

from __future__ import annotations

import pytest

from twoway.audio import load_audio
from twoway.model import Conversation

from .conftest import Recording


def shares(conv: Conversation) -> dict[str, float]:
    talk = {s: conv.talk_s(s) or 0.0 for s in conv.speakers}
    return {s: t / sum(talk.values()) for s, t in talk.items()}


def test_two_microphones_with_bleed(recording: Recording) -> None:
    conv = load_audio(
        tracks=[("Alex", str(recording.mics["Alex"])), ("Dana", str(recording.mics["Dana"]))]
    )
    assert conv.format == "audio" and set(conv.speakers) == {"Alex", "Dana"}
    assert shares(conv)["Alex"] == pytest.approx(recording.scene.share("Alex"), abs=0.02)
    # Bleed is not speech: each person's talk time is close to their own, not to the total.
    for name in ("Alex", "Dana"):
        assert conv.talk_s(name) == pytest.approx(recording.scene.truth[name], rel=0.08)
    assert any("bleed measured at -2" in note for note in conv.notes)


def test_stereo_file_one_speaker_per_channel(recording: Recording) -> None:
    conv = load_audio(recording.stereo, channels=["Alex", "Dana"])
    assert shares(conv)["Alex"] == pytest.approx(recording.scene.share("Alex"), abs=0.02)


def test_true_overlaps_stay_overlaps(dissimilar: Recording) -> None:
    # The script has Dana's "Mm hm." over Alex and Alex's "That is great to hear." over Dana.
    conv = load_audio(
        tracks=[("Alex", str(dissimilar.mics["Alex"])), ("Dana", str(dissimilar.mics["Dana"]))]
    )
    alex = [(t.start, t.end) for t in conv.turns_of("Alex")]
    dana = [(t.start, t.end) for t in conv.turns_of("Dana")]
    overlap = sum(max(0.0, min(a[1], d[1]) - max(a[0], d[0])) for a in alex for d in dana)
    assert overlap > 0.5


def test_tracks_of_different_lengths(dissimilar: Recording, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from .synth import RATE, mic_tracks, write_wav

    mics = mic_tracks(dissimilar.scene)
    short = write_wav(tmp_path / "dana-short.wav", mics["Dana"][: len(mics["Dana"]) - 3 * RATE])
    long = write_wav(
        tmp_path / "alex-long.wav", np.concatenate([mics["Alex"], np.zeros(5 * RATE, np.float32)])
    )
    conv = load_audio(tracks=[("Alex", str(long)), ("Dana", str(short))])
    assert set(conv.speakers) == {"Alex", "Dana"}
    assert any("differ in length" in note for note in conv.notes)


def test_a_quiet_recording_is_heard(dissimilar: Recording, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # 40 dB down (speech near -65 dBFS, a far laptop microphone): Silero alone missed about half
    # of the speech; levelled for the detector, the shares stay within 2 points.
    from .synth import mic_tracks, write_wav

    mics = mic_tracks(dissimilar.scene)
    quiet = {n: write_wav(tmp_path / f"{n}.wav", x * 10 ** (-40 / 20)) for n, x in mics.items()}
    conv = load_audio(tracks=[(n, str(p)) for n, p in quiet.items()])
    assert shares(conv)["Alex"] == pytest.approx(dissimilar.scene.share("Alex"), abs=0.02)
    for name in ("Alex", "Dana"):
        assert conv.talk_s(name) == pytest.approx(dissimilar.scene.truth[name], rel=0.1)


def test_energy_rescues_only_what_the_detector_doubted() -> None:
    import numpy as np

    from twoway.audio.vad import THRESHOLD, combine_with_energy

    probs = np.array([0.05, 0.3, 0.3, 0.9, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02], np.float32)
    energy = np.array([-30, -30, -70, -30, -70, -70, -70, -70, -70, -70], np.float32)
    # Noise floor -70 dB: frame 1 (doubted, loud) is rescued; frame 0 (loud, not voice-like)
    # and frame 2 (doubted, quiet) are not.
    assert combine_with_energy(probs, energy).tolist()[:4] == pytest.approx(
        [0.05, THRESHOLD, 0.3, 0.9]
    )
