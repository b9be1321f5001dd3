"""Voice activity detection: which stretches of a channel are speech.

Two detectors, both offline and both fed 16 kHz float32 samples as they are decoded:

- **Silero VAD** (MIT licence), its ONNX model run with onnxruntime: the better one (it ignores
  most noise, music and breathing). The model file ships inside the ``silero-vad`` package; it is
  found with ``importlib.util.find_spec`` *without importing* ``silero_vad`` (whose ``__init__``
  imports torch). ``silero-vad`` declares a hard dependency on torch, so it comes with
  ``twoway[diarize]`` (which needs torch anyway); with ``twoway[audio]`` alone, install it with
  ``pip install --no-deps silero-vad`` to get it without torch. See docs/audio.md.
- **WebRTC VAD** (BSD licence, ``webrtcvad-wheels``): the fallback, always there with
  ``twoway[audio]``; more easily fooled by noise.

Each detector gives one speech probability per window; ``speech_segments`` turns the per-frame
probabilities into segments with hysteresis, bridging pauses shorter than ``BRIDGE_S``.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from twoway.errors import MissingExtraError, UsageError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

THRESHOLD = 0.5
"""A window is speech when its probability reaches this (Silero's own default)."""
NEG_THRESHOLD = 0.35
"""...and stays speech until the probability falls below this (hysteresis)."""
BRIDGE_S = 0.4
"""Pauses shorter than this do not split a segment (a breath, a comma, a stop consonant)."""
MIN_SPEECH_S = 0.2
"""Speech shorter than this on its own is dropped (a click, a cough)."""
PAD_S = 0.03
"""Each segment is widened by this on both sides: detectors start late and stop early."""

VAD_NAMES = ("auto", "silero", "webrtc")

VAD_LEVEL_DB = -26.0
"""Speech is brought up toward this level (the loud frames' dBFS) before the detector."""
MAX_GAIN_DB = 30.0
"""...by at most this much (a recording 60 dB down is silence, not quiet speech)."""
LEVEL_BLOCK_S = 30.0
"""The detector's input is levelled in blocks of this length from the start of the recording
(the decoder's chunk length), each by the loudest block so far: the same gains however the
samples arrive (``features.ChannelAnalyzer.feed``)."""
RESCUE_PROB = 0.15
"""A frame the detector gives at least this, and that stands ``RESCUE_ABOVE_FLOOR_DB`` over the
recording's noise floor, counts as speech (probability raised to ``THRESHOLD``)."""
RESCUE_ABOVE_FLOOR_DB = 20.0


def loud_level_db(samples: Floats) -> float:
    """The level of the loud 10 ms frames of ``samples`` (95th percentile, dBFS)."""
    import numpy as np

    n = len(samples) // 160
    if n == 0:
        return -200.0
    frames = samples[: n * 160].reshape(n, 160).astype(np.float64)
    db = 10 * np.log10(np.maximum((frames**2).mean(axis=1), 1e-12))
    return float(np.percentile(db, 95))


def level_gain_db(loudest_db: float) -> float:
    """Gain for the detector: quiet recordings up to ``VAD_LEVEL_DB``, never down.

    Silero and WebRTC both decide partly on loudness: a far or quiet voice (a field recording, a
    laptop microphone across the room) at -50 dBFS is missed (docs/audio.md).
    """
    if loudest_db < -90.0:
        return 0.0
    return min(max(VAD_LEVEL_DB - loudest_db, 0.0), MAX_GAIN_DB)


def combine_with_energy(probs: Floats, energy_db: Floats) -> Floats:
    """The detector's per-frame probability, with quiet speech it doubted rescued by energy.

    A frame whose probability is between ``RESCUE_PROB`` and ``THRESHOLD`` counts as speech when
    its energy stands ``RESCUE_ABOVE_FLOOR_DB`` above the recording's noise floor (its 10th
    percentile frame): the detector heard something voice-like, and it is loud for this room.
    Energy alone is never enough (a door, a keyboard), nor is a doubtful probability in noise.
    """
    import numpy as np

    n = min(len(probs), len(energy_db))
    if n == 0:
        return probs
    floor = float(np.percentile(energy_db[:n], 10))
    out = probs.copy()
    rescue = (probs[:n] >= RESCUE_PROB) & (energy_db[:n] >= floor + RESCUE_ABOVE_FLOOR_DB)
    out[:n][rescue] = np.maximum(out[:n][rescue], THRESHOLD)
    return out


class Vad(Protocol):
    """A streaming detector: ``feed`` samples, get one probability per ``window`` samples."""

    name: str
    window: int

    def feed(self, samples: Floats) -> Floats: ...


def silero_model_path() -> Path | None:
    """The Silero ONNX file inside the installed ``silero-vad`` package, or ``None``."""
    try:
        spec = importlib.util.find_spec("silero_vad")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "data" / "silero_vad.onnx"
        if candidate.is_file():
            return candidate
    return None


class SileroVad:
    """Silero VAD v5+ in onnxruntime, one thread, 512-sample windows (32 ms) with 64 of context."""

    name = "silero"
    window = 512
    _context = 64

    def __init__(self, model_path: Path) -> None:
        import numpy as np

        try:
            import onnxruntime as ort
        except ImportError:
            raise MissingExtraError("Silero voice detection", "audio", "onnxruntime") from None
        options = ort.SessionOptions()
        # One thread: the recording's channels are processed one after the other, and a laptop
        # stays responsive; the model is small enough that threads barely help.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self._state = np.zeros((2, 1, 128), dtype=np.float32)
        self._sr = np.array(16_000, dtype=np.int64)
        self._buffer = np.zeros(self._context, dtype=np.float32)

    def feed(self, samples: Floats) -> Floats:
        import numpy as np

        buffer = np.concatenate([self._buffer, samples.astype(np.float32, copy=False)])
        count = (len(buffer) - self._context) // self.window
        probs = np.empty(count, dtype=np.float32)
        run = self._session.run
        state = self._state
        for i in range(count):
            start = i * self.window
            window = buffer[start : start + self._context + self.window][None, :]
            out, state = run(None, {"input": window, "state": state, "sr": self._sr})
            probs[i] = out[0, 0]
        self._state = state
        self._buffer = buffer[count * self.window :]
        return probs


class WebrtcVad:
    """WebRTC's detector, 30 ms windows, aggressiveness 2 of 0-3; gives 0 or 1."""

    name = "webrtc"
    window = 480

    def __init__(self, aggressiveness: int = 2) -> None:
        import numpy as np

        self._vad = _webrtc_detector(aggressiveness)
        self._buffer = np.zeros(0, dtype=np.float32)

    def feed(self, samples: Floats) -> Floats:
        import numpy as np

        buffer = np.concatenate([self._buffer, samples.astype(np.float32, copy=False)])
        count = len(buffer) // self.window
        pcm = (np.clip(buffer[: count * self.window], -1.0, 1.0) * 32767).astype("<i2")
        data = pcm.tobytes()
        step = self.window * 2
        is_speech = self._vad.is_speech
        probs = np.fromiter(
            (is_speech(data[i * step : (i + 1) * step], 16_000) for i in range(count)),
            dtype=np.float32,
            count=count,
        )
        self._buffer = buffer[count * self.window :]
        return probs


class _WebrtcDetector(Protocol):
    def is_speech(self, buf: bytes, sample_rate: int) -> bool: ...


class _RawWebrtc:
    """WebRTC's detector through its C module ``_webrtcvad``, as ``webrtcvad.Vad`` does."""

    def __init__(self, module: Any, aggressiveness: int) -> None:
        self._module = module
        self._state = module.create()
        module.init(self._state)
        module.set_mode(self._state, aggressiveness)

    def is_speech(self, buf: bytes, sample_rate: int) -> bool:
        return bool(self._module.process(self._state, sample_rate, buf, len(buf) // 2))


def _webrtc_detector(aggressiveness: int) -> _WebrtcDetector:
    """``webrtcvad.Vad``, or the same C module directly: resemblyzer depends on the original
    ``webrtcvad`` 2.0.10, whose ``webrtcvad.py`` (installed over webrtcvad-wheels' copy, which
    has the same name) imports ``pkg_resources``, gone from setuptools 81 on."""
    try:
        import webrtcvad

        detector: _WebrtcDetector = webrtcvad.Vad(aggressiveness)
        return detector
    except ImportError:
        pass
    try:
        module = importlib.import_module("_webrtcvad")
    except ImportError:
        raise MissingExtraError("voice detection", "audio", "webrtcvad-wheels") from None
    return _RawWebrtc(module, aggressiveness)


def make_vad(name: str = "auto") -> Vad:
    """A fresh detector: ``silero`` when its model is installed (``auto``), else ``webrtc``.

    ``TWOWAY_VAD`` overrides ``auto`` (tests use it to exercise the fallback).
    """
    if name == "auto":
        name = os.environ.get("TWOWAY_VAD", "auto") or "auto"
    if name not in VAD_NAMES:
        raise UsageError(f"unknown voice detector {name!r}; choose one of: {', '.join(VAD_NAMES)}")
    if name in ("auto", "silero"):
        path = silero_model_path()
        if path is not None and importlib.util.find_spec("onnxruntime") is not None:
            return SileroVad(path)
        if name == "silero":
            raise MissingExtraError("Silero voice detection", "diarize", "silero-vad")
    return WebrtcVad()


@dataclass(frozen=True)
class Segment:
    """A stretch of speech, in seconds."""

    start: float
    end: float

    @property
    def duration_s(self) -> float:
        return self.end - self.start


def speech_mask(
    probs: Floats,
    frame_s: float,
    *,
    threshold: float = THRESHOLD,
    neg_threshold: float = NEG_THRESHOLD,
    bridge_s: float = BRIDGE_S,
    min_speech_s: float = MIN_SPEECH_S,
    pad_s: float = PAD_S,
) -> npt.NDArray[np.bool_]:
    """Per-frame speech decisions: hysteresis, then short pauses bridged, short blips dropped.

    >>> import numpy as np
    >>> speech_mask(np.array([0, .9, .9, .1, .9, 0, 0, 0, 0], np.float32), 0.1,
    ...             bridge_s=0.15, min_speech_s=0.2, pad_s=0).astype(int).tolist()
    [0, 1, 1, 1, 1, 0, 0, 0, 0]
    """
    import numpy as np

    mask = np.zeros(len(probs), dtype=bool)
    on = False
    # Hysteresis is inherently sequential; it runs over frame transitions only.
    above = probs >= threshold
    below = probs < neg_threshold
    for i in range(len(probs)):
        on = not below[i] if on else bool(above[i])
        mask[i] = on
    return clean_mask(mask, frame_s, bridge_s=bridge_s, min_speech_s=min_speech_s, pad_s=pad_s)


def clean_mask(
    mask: npt.NDArray[np.bool_],
    frame_s: float,
    *,
    bridge_s: float = BRIDGE_S,
    min_speech_s: float = MIN_SPEECH_S,
    pad_s: float = PAD_S,
) -> npt.NDArray[np.bool_]:
    """Fill pauses shorter than ``bridge_s``, drop speech shorter than ``min_speech_s``, pad."""
    import numpy as np

    out = mask.copy()
    runs = mask_runs(out)
    for start, end in _gaps(runs, len(out)):
        if start > 0 and end < len(out) and (end - start) * frame_s < bridge_s:
            out[start:end] = True
    for start, end in mask_runs(out):
        if (end - start) * frame_s < min_speech_s:
            out[start:end] = False
    pad = round(pad_s / frame_s)
    if pad:
        padded = out.copy()
        for start, end in mask_runs(out):
            padded[max(0, start - pad) : min(len(out), end + pad)] = True
        out = padded
    return np.asarray(out, dtype=bool)


def mask_runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """``(start, end)`` frame indices of each run of True (end exclusive)."""
    import numpy as np

    if not len(mask):
        return []
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


def _gaps(runs: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    previous_end = 0
    for start, end in runs:
        if start > previous_end:
            gaps.append((previous_end, start))
        previous_end = end
    if previous_end < length:
        gaps.append((previous_end, length))
    return gaps


def mask_segments(mask: npt.NDArray[np.bool_], frame_s: float) -> list[Segment]:
    """The runs of True as ``Segment`` objects in seconds."""
    return [Segment(round(s * frame_s, 3), round(e * frame_s, 3)) for s, e in mask_runs(mask)]


def describe(vad_name: str) -> str:
    return "Silero VAD" if vad_name == "silero" else "WebRTC VAD"


def model_info() -> dict[str, Any]:
    """Where the detectors' models come from, for docs and ``--debug`` output."""
    path = silero_model_path()
    return {"silero": str(path) if path else None}
