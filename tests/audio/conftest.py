"""Synthetic interview recordings, made once per test session and cached in a temporary folder.

Skips cleanly where espeak-ng or the audio extra is missing (CI installs both:
scripts/setup/audio.sh).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .scripts import ENROLL_ALEX, INTERVIEW
from .synth import Scene, Voice, build, have_espeak, mic_tracks, mono_mix, render, write_wav

pytest.importorskip("av")
pytest.importorskip("numpy")
if not have_espeak():
    pytest.skip("espeak-ng is not installed (scripts/setup/audio.sh)", allow_module_level=True)


def diarize_installed() -> bool:
    """twoway[diarize] is there (found, not imported: resemblyzer's own imports need more)."""
    from twoway.audio import diarize_available

    return diarize_available()


needs_diarize = pytest.mark.skipif(
    not diarize_installed(), reason="twoway[diarize] is not installed"
)

# Voice pairs: the interviewer Dana and the candidate Alex.
PAIRS = {
    # different timbre: a British female voice and an American male voice
    "dissimilar": {
        "Dana": Voice("Dana", "en-gb+f2", 160, 55),
        "Alex": Voice("Alex", "en-us+m3", 170, 45),
    },
    # similar timbre: two male voices, different accents, same pitch
    "similar": {
        "Dana": Voice("Dana", "en-gb+m2", 150, 50),
        "Alex": Voice("Alex", "en-us+m3", 170, 50),
    },
}
# Alex enrolls speaking other words, a little faster and lower than in the interviews.
ENROLL_VOICE = Voice("Alex", "en-us+m3", 180, 40)


@dataclass(frozen=True)
class Recording:
    scene: Scene
    mono: Path  # both voices mixed, with room noise
    mics: dict[str, Path]  # one microphone per speaker, the other at -26 dB, room noise
    stereo: Path  # the two microphones as the left and right channels (Alex, Dana)


@pytest.fixture(scope="session")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("audio")


@pytest.fixture(scope="session", params=sorted(PAIRS))
def recording(request: pytest.FixtureRequest, audio_dir: Path) -> Recording:
    return _recording(request.param, audio_dir)


@pytest.fixture(scope="session")
def dissimilar(audio_dir: Path) -> Recording:
    return _recording("dissimilar", audio_dir)


_CACHE: dict[str, Recording] = {}


def _recording(pair: str, folder: Path) -> Recording:
    if pair not in _CACHE:
        import numpy as np

        scene = build(INTERVIEW, PAIRS[pair])
        mics = mic_tracks(scene, bleed_db=-26.0)
        paths = {name: write_wav(folder / f"{pair}-{name}.wav", x) for name, x in mics.items()}
        stereo = write_wav(folder / f"{pair}-stereo.wav", np.stack([mics["Alex"], mics["Dana"]]))
        mono = write_wav(folder / f"{pair}-mono.wav", mono_mix(scene))
        _CACHE[pair] = Recording(scene, mono, paths, stereo)
    return _CACHE[pair]


@pytest.fixture(scope="session")
def enrollment(audio_dir: Path) -> Path:
    """About 20 s of Alex alone, other words than in the interviews."""
    return write_wav(audio_dir / "enroll-alex.wav", render(ENROLL_ALEX, ENROLL_VOICE))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty twoway data folder (voiceprints) for one test."""
    monkeypatch.setenv("TWOWAY_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``twoway ARGS...`` in this process: exit code, stdout, stderr."""
    from twoway.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def tracks(rec: Recording) -> list[str]:
    """The ``--track`` options for a recording's two microphone tracks."""
    return ["--track", f"Alex={rec.mics['Alex']}", "--track", f"Dana={rec.mics['Dana']}"]
