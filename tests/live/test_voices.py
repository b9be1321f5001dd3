"""One mixed source: the user's voice told apart live by their voiceprint (twoway[diarize]).

The conversation alternates read speech of two people from ``../shared/data/voices``
(LibriSpeech 1688, enrolled as "Alex" from four other utterances, and 1998), with pauses.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from twoway.audio import diarize_available
from twoway.cli import main
from twoway.live.voices import threshold

from .conftest import SHARED

VOICES = SHARED / "voices" / "speakers"
pytestmark = [
    pytest.mark.skipif(not VOICES.is_dir(), reason=f"{VOICES} is not there (../shared/data)"),
    pytest.mark.skipif(
        not diarize_available(),
        reason="telling voices apart needs twoway[diarize]",
    ),
]


def test_threshold_grows_with_the_window() -> None:
    assert threshold(10) == 0.60
    assert threshold(100) == 0.70
    assert threshold(130) == 0.71
    assert threshold(1000) == 0.72


@pytest.fixture(scope="module")
def enrolled_conversation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data folder with Alex's voiceprint, the mixed recording)."""
    from twoway.audio import voiceprint
    from twoway.audio.decode import read_all
    from twoway.audio.diarize import embed_partials, level_mels, mean_embedding
    from twoway.audio.features import ChannelAnalyzer
    from twoway.audio.vad import make_vad, speech_mask

    folder = tmp_path_factory.mktemp("voices")
    alex = sorted((VOICES / "librispeech-1688").glob("*.flac"))
    dana = sorted((VOICES / "librispeech-1998").glob("*.flac"))
    partials = []
    for path in alex[:4]:
        analyzer = ChannelAnalyzer(make_vad(), want_mels=True)
        analyzer.feed(read_all(str(path), mono=True)[0])
        f = analyzer.finish()
        assert f.mels is not None
        mask = speech_mask(f.speech_prob, 0.01)
        n = min(len(mask), len(f.mels))
        mels = level_mels(f.mels[:n].copy(), f.energy_db[:n], mask[:n])[mask[:n]]
        partials.append(embed_partials(mels)[0])
    data = folder / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TWOWAY_DATA_DIR", str(data))
        voiceprint.save("Alex", mean_embedding(np.concatenate(partials)), source="t", speech_s=40)
    pieces = []
    for k in range(3):
        for path in (dana[4 + k], alex[4 + k]):
            pieces += [np.zeros(9600, np.float32), read_all(str(path), mono=True)[0]]
    recording = folder / "mixed.wav"
    with wave.open(str(recording), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        pcm = np.clip(np.concatenate(pieces), -1, 1) * 32767
        out.writeframes(pcm.astype("<i2").tobytes())
    return data, recording


def test_live_share_follows_the_voiceprint(
    enrolled_conversation: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from twoway.analysis.targets import targets_for
    from twoway.audio.decode import iter_chunks
    from twoway.live import LiveSession, Source

    data, recording = enrolled_conversation
    monkeypatch.setenv("TWOWAY_DATA_DIR", str(data))
    session = LiveSession(
        [Source(None, str(recording))], me="Alex", targets=targets_for("interview")
    )
    assert session.names == ("Alex", "Others")
    for chunk in iter_chunks(str(recording), chunk_s=0.02, mono=True):
        session.push(0, chunk[0])
    live_share = session.view().share
    # The final analysis (the offline diarization and voiceprint match) ...
    assert main(["live", "--input", str(recording), "--me", "Alex", "--json"]) == 0
    live_json = capsys.readouterr().out
    assert main(["analyze", str(recording), "--me", "Alex", "--json"]) == 0
    assert live_json == capsys.readouterr().out  # ... is analyze's, voiceprint note and all
    final = {s["name"]: s["talk_share"] for s in json.loads(live_json)["speakers"]}
    assert live_share is not None
    assert abs(live_share - final["Alex"]) <= 0.03, (live_share, final)
