"""Interview-like test recordings made with espeak-ng, with exact ground truth.

Each line of a script is rendered by espeak-ng on its own (voice, speed and pitch per speaker),
placed on a timeline after a pause (or before the previous line ends: an overlap), and mixed with
numpy: one clean track per speaker, microphone tracks with the other speaker's bleed, and a mono
mix with background noise. The truth for each speaker is where its own clean signal is speech: 10 ms
frames above -45 dBFS, with pauses shorter than 0.4 s bridged (the same rule twoway uses).
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

RATE = 16_000


@dataclass(frozen=True)
class Voice:
    name: str
    espeak: str  # espeak-ng voice, such as "en-us+m3"
    speed: int = 165  # words per minute
    pitch: int = 50  # 0-99


@dataclass(frozen=True)
class Line:
    speaker: str
    text: str
    gap_s: float = 0.6  # pause after the previous line ends; negative: overlap


@dataclass
class Scene:
    tracks: dict[str, np.ndarray]  # clean signal of each speaker, same length
    truth: dict[str, float] = field(default_factory=dict)  # talk seconds per speaker

    @property
    def duration_s(self) -> float:
        return len(next(iter(self.tracks.values()))) / RATE

    def share(self, name: str) -> float:
        return self.truth[name] / sum(self.truth.values())


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def render(text: str, voice: Voice) -> np.ndarray:
    """One line spoken by ``voice``, float32 at 16 kHz, leading/trailing silence trimmed."""
    wav = subprocess.run(
        [
            "espeak-ng",
            "-v",
            voice.espeak,
            "-s",
            str(voice.speed),
            "-p",
            str(voice.pitch),
            "--stdout",
            text,
        ],
        capture_output=True,
        check=True,
    ).stdout
    import io

    with wave.open(io.BytesIO(wav)) as handle:
        rate = handle.getframerate()
        pcm = np.frombuffer(handle.readframes(handle.getnframes()), "<i2")
    x = pcm.astype(np.float32) / 32768
    # 22050 -> 16000 by linear interpolation after a crude low-pass (espeak has little above 8k).
    kernel = np.ones(3, np.float32) / 3
    x = np.convolve(x, kernel, mode="same")
    n_out = int(len(x) * RATE / rate)
    y = np.interp(np.arange(n_out) * rate / RATE, np.arange(len(x)), x).astype(np.float32)
    loud = np.flatnonzero(np.abs(y) > 0.01)
    return y[loud[0] : loud[-1] + 1] if len(loud) else y


def speech_truth(clean: np.ndarray, bridge_s: float = 0.4) -> float:
    """Seconds of speech in a clean track: 10 ms frames above -45 dBFS, short pauses bridged."""
    hop = RATE // 100
    n = len(clean) // hop
    frames = clean[: n * hop].reshape(n, hop)
    db = 10 * np.log10(np.maximum((frames**2).mean(axis=1), 1e-10))
    on = db > -45
    idx = np.flatnonzero(on)
    if not len(idx):
        return 0.0
    gaps = np.diff(idx)
    total = len(idx)
    total += int(sum(g - 1 for g in gaps if 1 < g <= bridge_s * 100))
    return total / 100


def build(lines: list[Line], voices: dict[str, Voice], lead_s: float = 0.8) -> Scene:
    clips = [(line, render(line.text, voices[line.speaker])) for line in lines]
    cursor = int(lead_s * RATE)
    placed = []
    for line, clip in clips:
        start = max(0, cursor + int(line.gap_s * RATE)) if placed else cursor
        placed.append((line.speaker, start, clip))
        cursor = max(cursor, start + len(clip))
    length = cursor + int(lead_s * RATE)
    tracks = {name: np.zeros(length, np.float32) for name in voices}
    for speaker, start, clip in placed:
        tracks[speaker][start : start + len(clip)] += clip
    scene = Scene(tracks)
    scene.truth = {name: speech_truth(track) for name, track in tracks.items()}
    return scene


def noise(n: int, db: float, seed: int) -> np.ndarray:
    """Pink-ish background noise at ``db`` dBFS RMS."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(n).astype(np.float32)
    pink = np.convolve(white, np.ones(8, np.float32) / 8, mode="same")
    pink /= np.sqrt((pink**2).mean())
    return (pink * 10 ** (db / 20)).astype(np.float32)


def mic_tracks(
    scene: Scene, bleed_db: float = -26.0, noise_db: float = -55.0
) -> dict[str, np.ndarray]:
    """Each speaker's microphone: own voice, the others at ``bleed_db``, and room noise."""
    gain = 10 ** (bleed_db / 20)
    out = {}
    for i, (name, own) in enumerate(scene.tracks.items()):
        others = sum(t for n, t in scene.tracks.items() if n != name)
        out[name] = (own + gain * others + noise(len(own), noise_db, seed=i)).astype(np.float32)
    return out


def mono_mix(scene: Scene, noise_db: float = -50.0) -> np.ndarray:
    mix = sum(scene.tracks.values())
    return (mix + noise(len(mix), noise_db, seed=99)).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """16-bit PCM wav; ``samples`` shape ``(n,)`` or ``(channels, n)``."""
    data = np.atleast_2d(samples)
    pcm = (np.clip(data, -1, 1) * 32767).astype("<i2").T.copy()
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(data.shape[0])
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(pcm.tobytes())
    return path
