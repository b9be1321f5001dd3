"""One streaming pass over a channel: per-frame energy, speech probability and mel features.

Everything downstream works on a common grid of 10 ms frames (``FRAME_S``), so only per-frame
numbers are kept, never the waveform: a two-hour channel is 720,000 frames, about 3 MB of energy
and probabilities, plus 115 MB of mel features when speakers must be told apart.

The mel features are exactly resemblyzer's (librosa's ``melspectrogram`` with a 25 ms Hann window,
10 ms hop, 40 Slaney mel bands, power 2, centred frames with zero padding), computed here in numpy
chunk by chunk so resemblyzer's encoder can embed the whole file's speech without its waveform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from twoway.audio.decode import SAMPLE_RATE, iter_chunks, probe
from twoway.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.audio.vad import Vad

    Floats = npt.NDArray[np.float32]

HOP = 160
"""10 ms at 16 kHz: the frame step of every per-frame feature."""
WINDOW = 400
"""25 ms analysis window (resemblyzer's ``mel_window_length``)."""
N_MELS = 40
FRAME_S = HOP / SAMPLE_RATE
SILENCE_DB = -100.0

ProgressFn = Callable[[str, float, float | None], None]
"""``progress(stage, done, total)``: called as each stage advances (``total`` may be unknown)."""


@dataclass
class ChannelFeatures:
    """Per-frame features of one channel; all arrays have one row per 10 ms frame."""

    energy_db: Floats
    speech_prob: Floats
    mels: Floats | None
    vad_name: str

    @property
    def frames(self) -> int:
        return len(self.energy_db)

    def padded(self, frames: int) -> ChannelFeatures:
        """The same features lengthened with silence to ``frames`` (tracks of different lengths)."""
        import numpy as np

        extra = frames - self.frames
        if extra <= 0:
            return self
        mels = None
        if self.mels is not None:
            mels = np.concatenate([self.mels, np.zeros((extra, N_MELS), np.float32)])
        return ChannelFeatures(
            np.concatenate([self.energy_db, np.full(extra, SILENCE_DB, np.float32)]),
            np.concatenate([self.speech_prob, np.zeros(extra, np.float32)]),
            mels,
            self.vad_name,
        )


@cache
def mel_filters() -> Floats:
    """Slaney-style mel filterbank (librosa's default): shape ``(N_MELS, WINDOW // 2 + 1)``."""
    import numpy as np

    def hz_to_mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        f_sp = 200.0 / 3
        mel = hz / f_sp
        min_log_hz = 1000.0
        logstep = np.log(6.4) / 27.0
        log_region = hz >= min_log_hz
        mel[log_region] = min_log_hz / f_sp + np.log(hz[log_region] / min_log_hz) / logstep
        return mel

    def mel_to_hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        f_sp = 200.0 / 3
        hz = mel * f_sp
        min_log_mel = 1000.0 / f_sp
        logstep = np.log(6.4) / 27.0
        log_region = mel >= min_log_mel
        hz[log_region] = 1000.0 * np.exp(logstep * (mel[log_region] - min_log_mel))
        return hz

    fft_freqs = np.fft.rfftfreq(WINDOW, 1.0 / SAMPLE_RATE)
    mel_edges = np.linspace(
        hz_to_mel(np.array([0.0]))[0], hz_to_mel(np.array([SAMPLE_RATE / 2.0]))[0], N_MELS + 2
    )
    hz_edges = mel_to_hz(mel_edges)
    fdiff = np.diff(hz_edges)
    ramps = hz_edges[:, None] - fft_freqs[None, :]
    weights = np.zeros((N_MELS, len(fft_freqs)))
    for i in range(N_MELS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (hz_edges[2 : N_MELS + 2] - hz_edges[:N_MELS]))[:, None]
    return weights.astype(np.float32)


@cache
def _hann() -> Floats:
    import numpy as np

    # Periodic Hann, as scipy.signal.get_window("hann", n, fftbins=True) gives librosa.
    return (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WINDOW) / WINDOW)).astype(np.float32)


class ChannelAnalyzer:
    """Feeds one channel's samples through energy, VAD and (optionally) mel features."""

    def __init__(self, vad: Vad, *, want_mels: bool, expected_s: float | None = None) -> None:
        import numpy as np

        self._vad = vad
        self._want_mels = want_mels
        # Centred frames: frame k covers samples [k*HOP - WINDOW/2, k*HOP + WINDOW/2).
        self._buffer = np.zeros(WINDOW // 2, dtype=np.float32)
        self._samples = 0
        self._energy: list[Floats] = []
        self._probs: list[Floats] = []
        self._loudest_db = -200.0
        # Samples waiting for the detector until their level block is complete (see ``feed``).
        self._block: list[Floats] = []
        self._block_n = 0
        self._mels: list[Floats] = []
        # With the duration known, mel frames go straight into one array: concatenating 115 MB
        # of chunks at the end of a 2-hour file would briefly need twice that.
        self._mel_array: Floats | None = None
        self._mel_count = 0
        if want_mels and expected_s and expected_s < 12 * 3600:
            self._mel_array = np.empty((int(expected_s / FRAME_S) + 200, N_MELS), np.float32)

    def feed(self, samples: Floats) -> None:
        """Take the next samples, in blocks of any size: the features do not depend on them.

        The detector hears the samples one level block (``vad.LEVEL_BLOCK_S``, counted from the
        start) at a time, each levelled as a whole (``_levelled``): levelling whatever chunk the
        caller passed made the speech found depend on the chunking (measured: up to 2 s of
        speech in 140 s moved between 30 s and 1 s chunks; docs/audio.md).
        """
        import numpy as np

        from twoway.audio.vad import LEVEL_BLOCK_S

        block = round(LEVEL_BLOCK_S * SAMPLE_RATE)
        rest = samples
        while len(rest):
            part, rest = rest[: block - self._block_n], rest[block - self._block_n :]
            self._block.append(np.array(part, dtype=np.float32))  # a copy: callers reuse buffers
            self._block_n += len(part)
            if self._block_n == block:
                self._detect()
        self._samples += len(samples)
        self._frames(samples, final=False)

    def _detect(self) -> None:
        """Run the detector on the waiting block."""
        import numpy as np

        if not self._block:
            return
        samples = np.concatenate(self._block)
        self._block, self._block_n = [], 0
        self._probs.append(self._vad.feed(self._levelled(samples)))

    def _levelled(self, samples: Floats) -> Floats:
        """``samples`` (one level block) brought up toward ``VAD_LEVEL_DB`` for the voice
        detector (see ``vad.level_gain_db``); the loudest block so far is the reference, so a
        quiet stretch of a loud recording (room noise between answers) is not amplified into
        "speech"."""
        import numpy as np

        from twoway.audio.vad import level_gain_db, loud_level_db

        self._loudest_db = max(self._loudest_db, loud_level_db(samples))
        gain_db = level_gain_db(self._loudest_db)
        if gain_db <= 0.0:
            return samples
        return (samples * np.float32(10 ** (gain_db / 20))).astype(np.float32)

    def _frames(self, samples: Floats, *, final: bool) -> None:
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view

        buffer = np.concatenate([self._buffer, samples])
        if final:
            buffer = np.concatenate([buffer, np.zeros(WINDOW // 2, np.float32)])
        if len(buffer) < WINDOW:
            self._buffer = buffer
            return
        count = (len(buffer) - WINDOW) // HOP + 1
        if final:
            # librosa's frame count with centring: 1 + samples // HOP.
            count = min(count, 1 + self._samples // HOP - self.frames_done)
        frames = sliding_window_view(buffer, WINDOW)[::HOP][:count]
        power = np.einsum("ij,ij->i", frames, frames) / WINDOW
        self._energy.append((10 * np.log10(np.maximum(power, 1e-10))).astype(np.float32))
        if self._want_mels:
            spectrum = np.fft.rfft(frames * _hann(), axis=1)
            power_spec = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
            mel = power_spec @ mel_filters().T
            array = self._mel_array
            if array is not None and self._mel_count + len(mel) <= len(array):
                array[self._mel_count : self._mel_count + len(mel)] = mel
            else:
                if array is not None:  # longer than the container said: fall back to a list
                    self._mels.append(array[: self._mel_count].copy())
                    self._mel_array = None
                self._mels.append(mel)
            self._mel_count += len(mel)
        self._buffer = buffer[count * HOP :]

    @property
    def frames_done(self) -> int:
        return sum(len(e) for e in self._energy)

    def finish(self) -> ChannelFeatures:
        import numpy as np

        self._detect()
        self._frames(np.zeros(0, np.float32), final=True)
        energy = np.concatenate(self._energy) if self._energy else np.zeros(0, np.float32)
        window_probs = np.concatenate(self._probs) if self._probs else np.zeros(0, np.float32)
        n = len(energy)
        if len(window_probs):
            index = np.minimum(np.arange(n) * HOP // self._vad.window, len(window_probs) - 1)
            probs = window_probs[index]
        else:
            probs = np.zeros(n, np.float32)
        from twoway.audio.vad import combine_with_energy

        probs = combine_with_energy(probs, energy)
        if self._mel_array is not None:
            mels: Floats | None = self._mel_array[: self._mel_count]
        else:
            mels = np.concatenate(self._mels) if self._mels else None
        self._mels = []
        return ChannelFeatures(energy, probs.astype(np.float32), mels, self._vad.name)


def analyze_file(
    path: str,
    vad: str,
    want_mels: bool,
    *,
    mono: bool,
    progress: ProgressFn | None = None,
    label: str | None = None,
) -> list[ChannelFeatures]:
    """The features of each channel of the recording ``path`` (one when ``mono``), in one pass.

    ``vad`` names the voice activity detector (``vad.make_vad``); ``progress`` hears
    ``"Reading LABEL"`` (else the path) with the seconds decoded.
    """
    from twoway.audio.vad import make_vad

    info = probe(path)
    total = info.duration_s
    stage = f"Reading {label or path}"
    analyzers: list[ChannelAnalyzer] = []
    decoded = 0
    for chunk in iter_chunks(path, mono=mono):
        if not analyzers:
            analyzers = [
                ChannelAnalyzer(make_vad(vad), want_mels=want_mels, expected_s=total)
                for _ in range(chunk.shape[0])
            ]
        for analyzer, row in zip(analyzers, chunk, strict=True):
            analyzer.feed(row)
        decoded += chunk.shape[1]
        if progress is not None:
            progress(stage, decoded / SAMPLE_RATE, total)
    if not analyzers:
        raise InputError("has no audio samples (empty or truncated)", path=path)
    if decoded < SAMPLE_RATE // 2:
        raise InputError("the recording is shorter than half a second", path=path)
    return [a.finish() for a in analyzers]
