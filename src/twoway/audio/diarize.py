"""Who spoke when in one mixed track: speaker embeddings over the speech, then clustering.

The embeddings come from resemblyzer's voice encoder (a 3-layer LSTM trained on speaker
verification, Apache-2.0; its weights, ``pretrained.pt``, ship inside the ``resemblyzer`` wheel).
The encoder is rebuilt here from those weights instead of importing ``resemblyzer``, whose
``__init__`` imports librosa and webrtcvad: the mel features it needs are computed during decoding
(``features.py``), so the waveform is never held whole.

As resemblyzer's ``embed_utterance(..., return_partials=True)`` does, the whole file's speech is
embedded in one pass: its speech frames are put end to end and cut into overlapping 1.6 s partials
(every ``STEP_S``); each partial gets a 256-d unit vector. The partials are clustered (scikit-learn
agglomerative clustering, Ward linkage, on at most ``MAX_CLUSTERED`` of them,
then spherical k-means over all), and each speech frame takes the speaker whose centroid the
partials covering it resemble most. Ward linkage on the unit vectors (Euclidean distance between
unit vectors is a monotone function of cosine distance) is used rather than average linkage, which
on a recording dominated by one voice split off a handful of outlying partials as the "second
speaker" (seen on examples/mock_interview.ogg: 8% instead of about 30%).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twoway.errors import MissingExtraError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]
    Ints = npt.NDArray[np.intp]

PARTIAL_FRAMES = 160
"""1.6 s of 10 ms mel frames per partial embedding (resemblyzer's ``partials_n_frames``)."""
STEP_S = 0.4
"""A new partial every 0.4 s of speech (resemblyzer's default is 0.77 s; finer turns here)."""
MAX_CLUSTERED = 1500
"""Agglomerative clustering is quadratic in memory: cluster an even sample, assign the rest."""
MAX_SPEAKERS = 6
SMOOTH_S = 0.5
"""A speaker change must last this long to count (partials cannot resolve shorter ones)."""

ProgressFn = Callable[[int, int], None]


def _import_torch() -> Any:
    try:
        import torch
    except ImportError:
        raise MissingExtraError("telling voices apart", "diarize", "torch") from None
    return torch


def encoder_weights() -> Path:
    """``pretrained.pt`` inside the installed resemblyzer package (found without importing it)."""
    try:
        spec = importlib.util.find_spec("resemblyzer")
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "pretrained.pt"
        if candidate.is_file():
            return candidate
    raise MissingExtraError("telling voices apart", "diarize", "resemblyzer")


@cache
def load_encoder() -> Any:
    """resemblyzer's VoiceEncoder network with its shipped weights, on the CPU, in eval mode."""
    torch = _import_torch()
    nn = torch.nn

    class VoiceEncoder(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.lstm = nn.LSTM(40, 256, 3, batch_first=True)
            self.linear = nn.Linear(256, 256)
            self.relu = nn.ReLU()

        def forward(self, mels: Any) -> Any:
            _, (hidden, _) = self.lstm(mels)
            raw = self.relu(self.linear(hidden[-1]))
            return raw / torch.norm(raw, dim=1, keepdim=True).clamp_min(1e-8)

    # One thread: the LSTM runs several times slower with two on a two-core laptop (measured:
    # 200 partials/s with one thread, 22-37 with two), and one core stays free for the rest.
    torch.set_num_threads(1)
    model = VoiceEncoder()
    checkpoint = torch.load(encoder_weights(), map_location="cpu", weights_only=True)
    state = {k: v for k, v in checkpoint["model_state"].items() if not k.startswith("similarity")}
    model.load_state_dict(state)
    model.eval()
    return model


TARGET_DBFS = -30.0
"""resemblyzer's ``preprocess_wav`` brings speech to -30 dBFS; its encoder reads raw mel power."""


def level_mels(mels: Floats, energy_db: Floats, speech: npt.NDArray[np.bool_]) -> Floats:
    """``mels`` scaled, in place, as if the waveform's speech had been normalised to -30 dBFS."""
    import numpy as np

    n = min(len(energy_db), len(speech))
    frames = energy_db[:n][speech[:n]]
    if not len(frames):
        return mels
    level = 10 * np.log10(float(np.mean(10 ** (frames.astype(np.float64) / 10))))
    mels *= np.float32(10 ** ((TARGET_DBFS - level) / 10))
    return mels


def embed_partials(
    mels: Floats, *, step_s: float = STEP_S, progress: ProgressFn | None = None
) -> tuple[Floats, Ints]:
    """Unit embeddings of overlapping 1.6 s partials of ``mels`` and each partial's first frame.

    ``mels`` are consecutive speech frames (shape ``(n, 40)``); shorter than one partial, the whole
    is embedded once (resemblyzer pads the same way).
    """
    import numpy as np

    torch = _import_torch()
    model = load_encoder()
    step = max(1, round(step_s / 0.01))
    n = len(mels)
    if n == 0:
        return np.zeros((0, 256), np.float32), np.zeros(0, np.intp)
    if n <= PARTIAL_FRAMES:
        starts = np.array([0], np.intp)
    else:
        starts = np.arange(0, n - PARTIAL_FRAMES + 1, step, dtype=np.intp)
        if starts[-1] + PARTIAL_FRAMES < n:
            starts = np.append(starts, n - PARTIAL_FRAMES)
    out = np.empty((len(starts), 256), np.float32)
    batch = 64
    with torch.inference_mode():
        for b in range(0, len(starts), batch):
            idx = starts[b : b + batch]
            if n <= PARTIAL_FRAMES:
                windows = np.zeros((1, PARTIAL_FRAMES, 40), np.float32)
                windows[0, :n] = mels
            else:
                windows = np.stack([mels[s : s + PARTIAL_FRAMES] for s in idx])
            out[b : b + len(idx)] = model(torch.from_numpy(windows)).numpy()
            if progress is not None:
                progress(min(b + batch, len(starts)), len(starts))
    return out, starts


def mean_embedding(embeddings: Floats) -> Floats:
    """The normalised mean of unit embeddings (resemblyzer's utterance embedding)."""
    import numpy as np

    mean = embeddings.mean(axis=0)
    unit: Floats = (mean / max(float(np.linalg.norm(mean)), 1e-8)).astype(np.float32)
    return unit


@dataclass(frozen=True)
class Diarization:
    """Per-frame speaker indices (-1: no speech) and each speaker's mean embedding."""

    labels: Ints
    centroids: Floats
    estimated: bool


def cluster(embeddings: Floats, speakers: int | None) -> tuple[Ints, Floats, bool]:
    """Cluster unit embeddings into ``speakers`` groups (estimated when ``None``).

    Returns labels, unit centroids, and whether the count was estimated. Clusters are numbered
    by first appearance.
    """
    import numpy as np

    n = len(embeddings)
    if n == 0:
        return np.zeros(0, np.intp), np.zeros((0, 256), np.float32), speakers is None
    estimated = speakers is None
    sample_idx = np.linspace(0, n - 1, min(n, MAX_CLUSTERED)).round().astype(np.intp)
    sample = embeddings[sample_idx]
    k = _estimate_speakers(sample) if speakers is None else max(1, min(speakers, len(sample)))
    if k == 1:
        labels = np.zeros(n, np.intp)
    else:
        from sklearn.cluster import AgglomerativeClustering

        sample_labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(sample)
        centroids = np.stack([_unit(sample[sample_labels == c].mean(0)) for c in range(k)])
        labels = _kmeans(embeddings, centroids)
    labels = _renumber(labels)
    k_final = int(labels.max()) + 1 if n else 0
    centroids = np.stack([_unit(embeddings[labels == c].mean(0)) for c in range(k_final)])
    return labels, centroids.astype(np.float32), estimated


def _estimate_speakers(sample: Floats) -> int:
    """The count with the best silhouette (cosine) among 2..MAX_SPEAKERS; 1 if none is clear."""
    try:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.metrics import silhouette_score
    except ImportError:
        raise MissingExtraError("telling voices apart", "diarize", "scikit-learn") from None
    import numpy as np

    if len(sample) < 4:
        return 1
    best_k, best_score = 1, 0.1  # below this silhouette, one voice is the better explanation
    for k in range(2, min(MAX_SPEAKERS, len(sample) - 1) + 1):
        labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(sample)
        sizes = np.bincount(labels)
        if sizes.min() < max(3, 0.03 * len(sample)):
            continue  # a "speaker" of a few partials is an outlier, not a person
        score = float(silhouette_score(sample, labels, metric="cosine"))
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def _unit(v: Floats) -> Floats:
    import numpy as np

    return (v / max(float(np.linalg.norm(v)), 1e-8)).astype(np.float32)


def _kmeans(embeddings: Floats, centroids: Floats, rounds: int = 10) -> Ints:
    import numpy as np

    labels = np.argmax(embeddings @ centroids.T, axis=1)
    for _ in range(rounds):
        new_centroids = np.stack(
            [
                _unit(embeddings[labels == c].mean(0)) if np.any(labels == c) else centroids[c]
                for c in range(len(centroids))
            ]
        )
        new_labels = np.argmax(embeddings @ new_centroids.T, axis=1)
        centroids = new_centroids
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return np.asarray(labels, np.intp)


def _renumber(labels: Ints) -> Ints:
    import numpy as np

    order: dict[int, int] = {}
    for label in labels.tolist():
        order.setdefault(label, len(order))
    return np.array([order[label] for label in labels.tolist()], np.intp)


def diarize(
    mels: Floats,
    speech: npt.NDArray[np.bool_],
    speakers: int | None,
    *,
    progress: ProgressFn | None = None,
) -> Diarization:
    """Label each 10 ms frame with a speaker index (``-1`` where ``speech`` is False).

    Partials never cross a pause: each stretch of speech (as the VAD bridged it) is cut into its
    own partials, and a stretch shorter than one partial is repeated to fill it. Partials across
    a pause would mix the end of one person's answer with the other's next question, and credit
    the short turns to the long-winded speaker.
    """
    import numpy as np

    from twoway.audio.vad import mask_runs

    labels = np.full(len(speech), -1, np.intp)
    runs = mask_runs(speech)
    if not runs:
        return Diarization(labels, np.zeros((0, 256), np.float32), speakers is None)
    windows: list[tuple[int, int, int]] = []  # (run start, partial start, partial end) frames
    step = max(1, round(STEP_S / 0.01))
    for run_start, run_end in runs:
        length = run_end - run_start
        if length <= PARTIAL_FRAMES:
            windows.append((run_start, run_start, run_end))
            continue
        starts = list(range(run_start, run_end - PARTIAL_FRAMES + 1, step))
        if starts[-1] + PARTIAL_FRAMES < run_end:
            starts.append(run_end - PARTIAL_FRAMES)
        windows.extend((run_start, s, s + PARTIAL_FRAMES) for s in starts)
    embeddings = embed_windows(mels, [(a, b) for _, a, b in windows], progress=progress)
    del mels  # the caller passed the only reference: free it before clustering
    _, centroids, estimated = cluster(embeddings, speakers)
    k = len(centroids)
    if k <= 1:
        labels[speech] = 0
        return Diarization(labels, centroids, estimated)
    # Each speech frame: the summed similarity to each centroid of the partials covering it.
    votes = np.zeros((len(speech) + 1, k), np.float32)
    sims = embeddings @ centroids.T
    firsts = np.array([a for _, a, _ in windows], np.intp)
    lasts = np.array([b for _, _, b in windows], np.intp)
    np.add.at(votes, firsts, sims)
    np.add.at(votes, lasts, -sims)
    per_frame = np.cumsum(votes, axis=0)[: len(speech)]
    speech_idx = np.flatnonzero(speech)
    frame_labels = np.argmax(per_frame[speech_idx], axis=1)
    labels[speech_idx] = _smooth(frame_labels, speech_idx, int(SMOOTH_S / 0.01))
    return Diarization(labels, centroids, estimated)


def embed_windows(
    mels: Floats, windows: list[tuple[int, int]], *, progress: ProgressFn | None = None
) -> Floats:
    """Unit embeddings of ``mels[a:b]`` for each window; short windows are repeated to 1.6 s."""
    import numpy as np

    torch = _import_torch()
    model = load_encoder()
    out = np.empty((len(windows), 256), np.float32)
    batch = 64
    with torch.inference_mode():
        for b in range(0, len(windows), batch):
            block = np.empty((len(windows[b : b + batch]), PARTIAL_FRAMES, 40), np.float32)
            for i, (first, last) in enumerate(windows[b : b + batch]):
                frames = mels[first:last]
                if len(frames) < PARTIAL_FRAMES:
                    frames = np.resize(frames, (PARTIAL_FRAMES, 40))  # repeats the rows
                block[i] = frames
            out[b : b + len(block)] = model(torch.from_numpy(block)).numpy()
            if progress is not None:
                progress(min(b + batch, len(windows)), len(windows))
    return out


def _smooth(frame_labels: Ints, speech_idx: Ints, min_frames: int) -> Ints:
    """Absorb runs shorter than ``min_frames`` into the previous speaker (within one stretch)."""
    import numpy as np

    out = frame_labels.copy()
    if len(out) == 0:
        return out
    # A new stretch of speech starts wherever consecutive speech frames are not adjacent in time.
    stretch_start = np.concatenate([[True], np.diff(speech_idx) > 1])
    run_start = 0
    for i in range(1, len(out) + 1):
        if i == len(out) or out[i] != out[i - 1] or stretch_start[i]:
            if (
                i - run_start < min_frames
                and run_start > 0
                and not stretch_start[run_start]
                and (i == len(out) or stretch_start[i] or out[i] == out[run_start - 1])
            ):
                out[run_start:i] = out[run_start - 1]
            run_start = i
    return out
