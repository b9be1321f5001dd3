"""Real recordings for the live tests, and an isolated data folder.

The two-speaker recording is SpokenWOZ MUL1011 from ``../shared/data`` (a real phone call, one
party per channel; its licence is in ``../shared/data/voices/SOURCES.md``): each channel becomes
one speaker's file, as ``--input NAME=FILE`` and ``analyze --track`` take them. Tests that need
it skip cleanly where the folder is absent; ``examples/mock_interview.ogg`` ships with twoway.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("av")
np = pytest.importorskip("numpy")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
CALL = SHARED / "voices" / "conversations" / "spokenwoz_MUL1011" / "MUL1011.opus"
MOCK_INTERVIEW = ROOT / "examples" / "mock_interview.ogg"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No stored voiceprints, and the consent marker in a folder of the test's own."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TWOWAY_DATA_DIR", str(folder))
    yield folder


def _write_wav(path: Path, samples: object) -> Path:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(pcm.tobytes())
    return path


@pytest.fixture(scope="session")
def call_tracks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole call (183 s): Caller and Agent, one WAV each."""
    if not CALL.is_file():
        pytest.skip(f"{CALL} is not there (../shared/data)")
    from twoway.audio.decode import read_all

    both = read_all(str(CALL))
    folder = tmp_path_factory.mktemp("call")
    return {
        "Caller": _write_wav(folder / "caller.wav", both[0]),
        "Agent": _write_wav(folder / "agent.wav", both[1]),
    }


@pytest.fixture(scope="session")
def quiet_call(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole call 30 dB down: the detectors' input is then levelled up (audio.vad)."""
    if not CALL.is_file():
        pytest.skip(f"{CALL} is not there (../shared/data)")
    from twoway.audio.decode import read_all

    both = read_all(str(CALL)) * np.float32(10 ** (-30 / 20))
    folder = tmp_path_factory.mktemp("quiet_call")
    return {
        "Caller": _write_wav(folder / "caller.wav", both[0]),
        "Agent": _write_wav(folder / "agent.wav", both[1]),
    }


@pytest.fixture(scope="session")
def short_call(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Six seconds of the call from 20 s on (both parties speak), one WAV each."""
    if not CALL.is_file():
        pytest.skip(f"{CALL} is not there (../shared/data)")
    from twoway.audio.decode import read_all

    both = read_all(str(CALL))[:, 20 * 16_000 : 26 * 16_000]
    folder = tmp_path_factory.mktemp("short_call")
    return {
        "Caller": _write_wav(folder / "caller.wav", both[0]),
        "Agent": _write_wav(folder / "agent.wav", both[1]),
    }
