"""Who spoke when in one mixed track: voice embeddings, clustering, then re-segmentation.

1. **Embeddings.** The speech frames (as voice activity detection bridged them) are cut into
   overlapping 1.6 s partials, every ``STEP_S``, that never cross a pause; a stretch shorter than
   one partial is repeated to fill it. Each partial gets a 256-d unit vector from resemblyzer's
   voice encoder, run in onnxruntime (``encoder.py``; no torch at run time).
2. **Clustering.** Average-linkage clustering on cosine distance (scipy; at most
   ``MAX_CLUSTERED`` partials, the rest assigned to the nearest centroid) is cut generously
   (``SPLIT_DISTANCE``; finer with ``--speakers``), so that every voice has clusters of its own.
3. **Merging, with re-segmentation.** Clusters merge one pair at a time, the pair with the lowest
   ``(1 - similarity) x min(smaller cluster's speech, MERGE_SIZE_CAP_S or MERGE_SIZE_CAP_SHARE
   of the speech)`` (``_cheapest_pair``): a dominant voice split in two merges back (its parts
   resemble each other most), and a small cluster that resembles nobody (an overlap, laughter)
   merges before two large, alike ones. After each merge a Viterbi pass over 0.1 s steps
   re-labels the speech: each step scores each speaker by the mean cosine similarity of the
   partials covering it to the speaker's centroid, and changing speaker costs ``SWITCH_COST``
   inside a stretch of speech (``GAP_SWITCH_COST`` across a pause); the centroids are then
   recomputed from the partials that lie within one speaker's turns. A cluster with less than
   the minimum speaker duration (``min_speaker_s``) merges first, into the one it resembles
   most: a few partials of a cough, laughter or a changed tone are not a person.
4. **The count.** ``--speakers N`` stops the merging at N. Otherwise every partition on the
   way down is a candidate and ``_choose_count`` picks one: at least as many speakers as the
   largest partition whose voices are all clearly distinct, the best silhouette among the
   partitions whose two closest speakers are told apart (``told_apart``: clearly different
   voices, or close ones that enough speech tells apart, ``merge_evidence``), one speaker when
   none is.
5. **Overlap.** Where a step's second-best speaker scores within ``OVERLAP_MARGIN`` of the best,
   both with the similarity of someone really speaking (``OVERLAP_FLOOR``), for at least
   ``MIN_OVERLAP_S``, both are credited (``Diarization.second``).

``Diarization.separation`` says how sure the split is: the cosine similarity of the two closest
speakers' centroids (on the dev benchmark, different people measured 0.52-0.85).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twoway.audio.encoder import encoder_weights
from twoway.audio.encoder import load_encoder as _load_onnx_encoder
from twoway.errors import MissingExtraError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]
    Ints = npt.NDArray[np.intp]
    Bools = npt.NDArray[np.bool_]

__all__ = [
    "Diarization",
    "diarize",
    "diarize_available",
    "embed_partials",
    "embed_windows",
    "encoder_weights",
    "level_mels",
    "load_encoder",
    "mean_embedding",
    "require_diarize",
]

_DIARIZE_MODULES = (
    ("onnxruntime", "onnxruntime", "audio"),
    ("scipy", "scipy", "diarize"),
    ("resemblyzer", "resemblyzer", "diarize"),
)


def diarize_available() -> bool:
    """True when the diarize extra is installed (voices can be embedded and clustered)."""
    return all(importlib.util.find_spec(m) is not None for m, _, _ in _DIARIZE_MODULES)


def require_diarize(feature: str) -> None:
    """Raises ``MissingExtraError`` naming ``feature`` when the diarize extra is missing.

    No torch: the voice encoder runs in onnxruntime, from resemblyzer's shipped weights.
    """
    for module, package, extra in _DIARIZE_MODULES:
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError(feature, extra, package)
    encoder_weights()


PARTIAL_FRAMES = 160
"""1.6 s of 10 ms mel frames per partial embedding (resemblyzer's ``partials_n_frames``)."""
STEP_S = 0.4
"""A new partial every 0.4 s of speech (resemblyzer's default is 0.77 s; finer turns here)."""
MAX_CLUSTERED = 1500
"""Agglomerative clustering is quadratic in memory: cluster an even sample, assign the rest."""
MAX_SPEAKERS = 6
"""The most speakers the count estimate gives (``--speakers`` takes up to 10)."""
SPLIT_DISTANCE = 0.3
"""The first cut of the average-linkage tree (cosine distance): finer than any two people."""
MERGE_SIZE_CAP_S = 5.0
MERGE_SIZE_CAP_SHARE = 0.08
ESTIMATE_MIN_INITIAL = 3
GIVEN_SPLIT_DISTANCE = 0.2
GIVEN_MIN_INITIAL = 8
MAX_INITIAL = 16
DISTINCT_SIMILARITY = 0.75
"""Speakers whose centroids are all less similar than this are surely different people
(calibrated on the dev benchmark, benchmarks/audio_eval.py: different people 0.52-0.85)."""
SAME_VOICE_SIMILARITY = 0.92
"""Centroids this similar are one voice however much speech backs them (``told_apart``): one
person's recording split in two measured up to 0.94, two people at most 0.85 on the dev
benchmark; espeak-ng's synthetic voices, closer than people, 0.89-0.91 (tests/audio)."""
SEPARATE_SIMILARITY = 0.79
"""Centroids less similar than this are two people even on little speech (``told_apart``): a
second person measured 0.52-0.77, one voice split in two 0.80 and up except in 8 dB SNR noise
(0.77-0.79; there the silhouette still chose the right count) on the dev benchmark."""
MIN_EVIDENCE = 2.5
"""Between ``SEPARATE_SIMILARITY`` and ``SAME_VOICE_SIMILARITY``, two clusters are two people
only with this much ``merge_evidence``: on the dev benchmark one voice split in two measured 2.4
at most there, two people 3.1 and up but for a panel member with 6 partials (0.9); any value from
1.75 to 3 counts as many right. A real reader split in two in tests/audio measured 2.3,
espeak-ng's two synthetic voices 2.9. About 17 partials (7 s) of the smaller cluster's own speech
at similarity 0.85."""
SILHOUETTE_MIN = 0.1
"""Below this best silhouette, one voice is the better explanation."""
MIN_SPEAKER_S = 2.5
"""A speaker with less speech than this is not a person (unless ``--speakers`` says so)."""
MIN_SPEAKER_SHARE = 0.01
"""Clusters with less of the speech than this merge before larger ones (see ``_merge_down``)."""
UNIT = 10
"""Re-segmentation steps of 10 frames (0.1 s)."""
SWITCH_COST = 0.6
GAP_SWITCH_COST = 0.15
OVERLAP_MARGIN = 0.03
OVERLAP_FLOOR = 0.75
MIN_OVERLAP_S = 0.3

ProgressFn = Callable[[int, int], None]


def load_encoder() -> Any:
    """The voice encoder (onnxruntime); built from resemblyzer's weights on first use."""
    return _load_onnx_encoder()


TARGET_DBFS = -30.0
"""resemblyzer's ``preprocess_wav`` brings speech to -30 dBFS; its encoder reads raw mel power."""


def level_mels(mels: Floats, energy_db: Floats, speech: Bools) -> Floats:
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
    is embedded once (repeated to 1.6 s).
    """
    import numpy as np

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
    windows = [(int(s), min(n, int(s) + PARTIAL_FRAMES)) for s in starts]
    return embed_windows(mels, windows, progress=progress), starts


def mean_embedding(embeddings: Floats) -> Floats:
    """The normalised mean of unit embeddings (resemblyzer's utterance embedding)."""
    import numpy as np

    mean = embeddings.mean(axis=0)
    unit: Floats = (mean / max(float(np.linalg.norm(mean)), 1e-8)).astype(np.float32)
    return unit


def embed_windows(
    mels: Floats, windows: list[tuple[int, int]], *, progress: ProgressFn | None = None
) -> Floats:
    """Unit embeddings of ``mels[a:b]`` for each window; short windows are repeated to 1.6 s."""
    import numpy as np

    model = load_encoder()
    out = np.empty((len(windows), 256), np.float32)
    batch = 64
    for b in range(0, len(windows), batch):
        block = np.empty((len(windows[b : b + batch]), PARTIAL_FRAMES, 40), np.float32)
        for i, (first, last) in enumerate(windows[b : b + batch]):
            frames = mels[first:last]
            if len(frames) < PARTIAL_FRAMES:
                frames = np.resize(frames, (PARTIAL_FRAMES, 40))  # repeats the rows
            block[i] = frames
        out[b : b + len(block)] = model.embed(block)
        if progress is not None:
            progress(min(b + batch, len(windows)), len(windows))
    return out


def speech_windows(speech: Bools) -> list[tuple[int, int]]:
    """The partials' ``(first, last)`` frames: every ``STEP_S`` within each stretch of speech."""
    from twoway.audio.vad import mask_runs

    windows: list[tuple[int, int]] = []
    step = max(1, round(STEP_S / 0.01))
    for run_start, run_end in mask_runs(speech):
        if run_end - run_start <= PARTIAL_FRAMES:
            windows.append((run_start, run_end))
            continue
        starts = list(range(run_start, run_end - PARTIAL_FRAMES + 1, step))
        if starts[-1] + PARTIAL_FRAMES < run_end:
            starts.append(run_end - PARTIAL_FRAMES)
        windows.extend((s, s + PARTIAL_FRAMES) for s in starts)
    return windows


@dataclass(frozen=True)
class Diarization:
    """Per-frame speaker indices (-1: no speech), each speaker's mean embedding, and how sure."""

    labels: Ints
    centroids: Floats
    estimated: bool
    second: Ints | None = None
    """Per frame, a second speaker credited where two voices overlap (-1 elsewhere)."""
    separation: float | None = None
    """Cosine similarity of the two closest speakers' centroids (lower: surer); None for one."""


def _unit_rows(v: Floats) -> Floats:
    import numpy as np

    norms = np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-8)
    out: Floats = (v / norms).astype(np.float32)
    return out


def initial_clusters(embeddings: Floats, speakers: int | None) -> Ints:
    """A generous first clustering: average linkage on cosine distance, cut at
    ``SPLIT_DISTANCE`` into at most ``MAX_INITIAL`` clusters.

    With the count given, the cut is finer (``GIVEN_SPLIT_DISTANCE``, at least
    ``GIVEN_MIN_INITIAL`` clusters): merging then finds N voices even when two are close (the
    synthetic voices of examples/mock_interview.ogg). When the count is estimated, such a fine
    start offers the count rule spurious partitions (measured on the dev benchmark, 2026-12-08:
    20 counts right of 25 instead of 22).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]

    n = len(embeddings)
    if n < 2:
        return np.zeros(n, np.intp)
    sample_idx = np.linspace(0, n - 1, min(n, MAX_CLUSTERED)).round().astype(np.intp)
    sample = embeddings[sample_idx].astype(np.float64)
    tree = linkage(sample, "average", metric="cosine")
    if speakers is None:
        cut = fcluster(tree, SPLIT_DISTANCE, "distance")
        k = int(np.clip(cut.max(), ESTIMATE_MIN_INITIAL, MAX_INITIAL))
    else:
        cut = fcluster(tree, GIVEN_SPLIT_DISTANCE, "distance")
        k = int(np.clip(cut.max(), max(speakers, GIVEN_MIN_INITIAL), MAX_INITIAL))
    k = min(k, len(sample))
    sample_labels = fcluster(tree, k, "maxclust") - 1
    centroids = _unit_rows(
        np.stack([sample[sample_labels == c].mean(0) for c in np.unique(sample_labels)])
    )
    labels: Ints = np.argmax(embeddings @ centroids.T, axis=1).astype(np.intp)
    return labels


def _centroids(embeddings: Floats, labels: Ints, k: int) -> Floats:
    import numpy as np

    rows = []
    for c in range(k):
        members = embeddings[labels == c]
        rows.append(members.mean(0) if len(members) else np.zeros(embeddings.shape[1]))
    return _unit_rows(np.stack(rows).astype(np.float32))


class _Scorer:
    """Per 0.1 s step of speech: the mean similarity of its covering partials to each centroid."""

    def __init__(self, speech: Bools, windows: list[tuple[int, int]], embeddings: Floats) -> None:
        import numpy as np

        self.n_frames = len(speech)
        self.embeddings = embeddings
        self.firsts = np.array([a for a, _ in windows], np.intp)
        self.lasts = np.array([b for _, b in windows], np.intp)
        speech_idx = np.flatnonzero(speech)
        self.units = np.unique(speech_idx // UNIT)  # steps holding some speech, in time order
        # A pause between two steps makes changing speaker cheap.
        self.gap_before = np.concatenate([[True], np.diff(self.units) > 1])
        unit_of_frame = speech_idx // UNIT
        self.unit_index = np.searchsorted(self.units, unit_of_frame)
        self.speech_idx = speech_idx
        counts = np.zeros(self.n_frames + 1, np.float32)
        np.add.at(counts, self.firsts, 1.0)
        np.add.at(counts, self.lasts, -1.0)
        self.cover = np.maximum(np.cumsum(counts)[: self.n_frames], 1.0)

    def scores(self, centroids: Floats) -> Floats:
        """``(steps, k)``: the mean over each step's speech frames of the covering partials'
        mean similarity to each centroid."""
        import numpy as np

        k = len(centroids)
        sims = (self.embeddings @ centroids.T).astype(np.float32)
        votes = np.zeros((self.n_frames + 1, k), np.float32)
        np.add.at(votes, self.firsts, sims)
        np.add.at(votes, self.lasts, -sims)
        per_frame = (np.cumsum(votes, axis=0)[: self.n_frames] / self.cover[:, None]).astype(
            np.float32
        )
        total = np.zeros((len(self.units), k), np.float32)
        np.add.at(total, self.unit_index, per_frame[self.speech_idx])
        count = np.bincount(self.unit_index, minlength=len(self.units)).astype(np.float32)
        out: Floats = (total / np.maximum(count, np.float32(1.0))[:, None]).astype(np.float32)
        return out


def viterbi(scores: Floats, gap_before: Bools) -> Ints:
    """The speaker path maximizing the summed scores minus the cost of each change."""
    import numpy as np

    steps, k = scores.shape
    if steps == 0 or k == 1:
        return np.zeros(steps, np.intp)
    back = np.empty((steps, k), np.intp)
    total = scores[0].astype(np.float64)
    back[0] = np.arange(k)
    costs = np.where(gap_before, GAP_SWITCH_COST, SWITCH_COST)
    switch = ~np.eye(k, dtype=bool)
    for t in range(1, steps):
        # candidate[i, j]: being in j now, having been in i.
        candidate = total[:, None] - costs[t] * switch
        back[t] = np.argmax(candidate, axis=0)
        total = candidate[back[t], np.arange(k)] + scores[t]
    path = np.empty(steps, np.intp)
    path[-1] = int(np.argmax(total))
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def _window_labels(path: Ints, scorer: _Scorer, k: int) -> Ints:
    """Each partial's speaker: the one holding most of its steps (-1 when mixed)."""
    import numpy as np

    frame_label = np.full(scorer.n_frames + 1, -1, np.intp)
    frame_label[scorer.speech_idx] = path[scorer.unit_index]
    labels = np.full(len(scorer.firsts), -1, np.intp)
    for i, (a, b) in enumerate(zip(scorer.firsts, scorer.lasts, strict=True)):
        counts = np.bincount(frame_label[a:b][frame_label[a:b] >= 0], minlength=k)
        if counts.sum() and counts.max() >= 0.8 * counts.sum():
            labels[i] = int(np.argmax(counts))
    return labels


def _talk_s(path: Ints, k: int) -> Floats:
    import numpy as np

    out: Floats = np.bincount(path, minlength=k).astype(np.float32) * UNIT * 0.01
    return out


def diarize(
    mels: Floats,
    speech: Bools,
    speakers: int | None,
    *,
    progress: ProgressFn | None = None,
) -> Diarization:
    """Label each 10 ms frame with a speaker index (``-1`` where ``speech`` is False).

    ``speakers`` is the count to find; ``None`` estimates it (1 to ``MAX_SPEAKERS``).
    """
    import numpy as np

    labels = np.full(len(speech), -1, np.intp)
    estimated = speakers is None
    windows = speech_windows(speech)
    if not windows:
        return Diarization(labels, np.zeros((0, 256), np.float32), estimated)
    embeddings = embed_windows(mels, windows, progress=progress)
    del mels  # the caller passed the only reference: free it before clustering
    return cluster_speech(speech, windows, embeddings, speakers)


def cluster_speech(
    speech: Bools, windows: list[tuple[int, int]], embeddings: Floats, speakers: int | None
) -> Diarization:
    """Steps 2-5 of the module doc, on the partials' embeddings."""
    import numpy as np

    labels = np.full(len(speech), -1, np.intp)
    estimated = speakers is None
    if speakers == 1 or len(windows) < 2:
        labels[speech] = 0
        return Diarization(labels, _unit_rows(embeddings.mean(0, keepdims=True)), estimated)
    window_labels = initial_clusters(embeddings, speakers)
    scorer = _Scorer(speech, windows, embeddings)
    path, centroids = _merge_down(embeddings, window_labels, scorer, speakers)
    k = len(centroids)
    frame_path = path[scorer.unit_index]
    order = _first_appearance(frame_path, k)
    labels[scorer.speech_idx] = order[frame_path]
    centroids = centroids[np.argsort(order)]
    second = _overlaps(scorer, centroids, labels)
    separation = None
    if k > 1:
        sims = centroids @ centroids.T
        separation = round(float(sims[~np.eye(k, dtype=bool)].max()), 2)
    return Diarization(labels, centroids, estimated, second, separation)


def _merge_down(
    embeddings: Floats, window_labels: Ints, scorer: _Scorer, speakers: int | None
) -> tuple[Ints, Floats]:
    """Merge clusters, re-segmenting after each merge, down to the count (see the module doc).

    A cluster with less than ``min_speaker_s`` of speech merges first, into the cluster its
    centroid resembles most: left in, such a cluster (a few odd partials, a cough, laughter)
    resembles nobody much, so merging the most similar pairs would merge real people before it.
    With ``speakers`` given and too few larger clusters, the small ones least like any larger one
    are kept as speakers. Otherwise the cheapest pair merges (``_cheapest_pair``), down to
    ``speakers`` or, when the count is estimated, down to one while each partition on the way is
    remembered. Both modes merge alike (the estimate merged the most similar pair until
    2026-12: the same pair order made one count right more, 22 of 25 instead of 21, and a
    far-field 75/25 conversation 4.2 pp off instead of 8.9), so a right estimate gives what
    ``--speakers`` would.
    """
    import numpy as np

    k = int(window_labels.max()) + 1
    centroids = _centroids(embeddings, window_labels, k)
    candidates: list[_Candidate] = []
    while True:
        path, centroids = _resegment(embeddings, scorer, centroids)
        k = len(centroids)
        if k <= 1:
            break
        sims = centroids @ centroids.T
        np.fill_diagonal(sims, -np.inf)
        talk = _talk_s(path, k)
        keep = talk >= min_speaker_s(float(talk.sum()))
        if not keep.any():
            keep[int(np.argmax(talk))] = True
        if speakers is not None and keep.sum() < speakers:
            # Too few large clusters: keep the small ones least like any large one.
            small = sorted(np.flatnonzero(~keep), key=lambda c: float(sims[c, keep].max()))
            keep[small[: speakers - int(keep.sum())]] = True
        target = np.arange(k)
        if not keep.all():
            kept = np.flatnonzero(keep)
            for c in np.flatnonzero(~keep):
                target[c] = kept[int(np.argmax(sims[c, kept]))]
        else:
            if speakers is not None and k <= speakers:
                return path, centroids
            if speakers is None and k <= MAX_SPEAKERS:
                candidates.append(_candidate(embeddings, scorer, path, centroids, sims))
            first, second = _cheapest_pair(sims, talk)
            target[max(first, second)] = min(first, second)
        centroids = _merged_centroids(
            embeddings, scorer, target[path], np.unique(target), centroids, talk, target
        )
    if speakers is not None or not candidates:
        return path, centroids
    return _choose_count(candidates, path, centroids)


def _cheapest_pair(sims: Floats, talk: Floats) -> tuple[int, int]:
    """The pair to merge next: the lowest ``(1 - similarity) * min(talk_i, talk_j,
    MERGE_SIZE_CAP_S)``. A cluster of a few seconds that resembles nobody well is more
    likely a fragment (overlap, laughter, a cough) than the last of N people, so it merges before
    two large, alike clusters; past ``MERGE_SIZE_CAP_S`` size no longer protects a cluster, so a
    dominant voice split in two still merges back."""
    import numpy as np

    smaller = np.minimum(talk[:, None], talk[None, :])
    cap = max(MERGE_SIZE_CAP_S, MERGE_SIZE_CAP_SHARE * float(talk.sum()))
    cost = (1.0 - sims) * np.minimum(smaller, cap)
    np.fill_diagonal(cost, np.inf)
    i, j = np.unravel_index(int(np.argmin(cost)), cost.shape)
    return int(i), int(j)


@dataclass(frozen=True)
class _Candidate:
    silhouette: float
    closest: float
    """The cosine similarity of the two most similar centroids."""
    evidence: float
    """``merge_evidence`` of those two speakers: how much their partials say they differ."""
    path: Ints
    centroids: Floats


def _candidate(
    embeddings: Floats, scorer: _Scorer, path: Ints, centroids: Floats, sims: Floats
) -> _Candidate:
    """One partition on the way down, with what ``_choose_count`` weighs."""
    import numpy as np

    window_labels = _window_labels(path, scorer, len(centroids))
    first, second = (int(x) for x in np.unravel_index(int(np.argmax(sims)), sims.shape))
    return _Candidate(
        _silhouette(embeddings, window_labels),
        float(sims[first, second]),
        merge_evidence(embeddings, window_labels, first, second),
        path,
        centroids,
    )


def _choose_count(
    candidates: list[_Candidate], path: Ints, centroids: Floats
) -> tuple[Ints, Floats]:
    """The estimated count's partition (``candidates`` go from most speakers to fewest).

    The count is at least the largest one whose speakers are all distinct (no two centroids
    more similar than ``DISTINCT_SIMILARITY``): a quiet member of a panel adds little to the
    silhouette but stays apart. From there up, the partition with the best silhouette (cosine,
    on the partials) wins, among partitions whose two closest speakers are told apart
    (``told_apart``); one speaker if there is none, or if no silhouette reaches
    ``SILHOUETTE_MIN`` and no partition is distinct.
    """
    distinct = [c for c in candidates if c.closest < DISTINCT_SIMILARITY]
    floor = len(distinct[0].centroids) if distinct else 2
    eligible = [
        c for c in candidates if len(c.centroids) >= floor and told_apart(c.closest, c.evidence)
    ]
    if not eligible:
        return path, centroids
    best = max(eligible, key=lambda c: c.silhouette)
    if best.silhouette < SILHOUETTE_MIN and not distinct:
        return path, centroids
    return best.path, best.centroids


def told_apart(similarity: float, evidence: float) -> bool:
    """Whether two clusters are two people: centroids less similar than ``SEPARATE_SIMILARITY``,
    or less than ``SAME_VOICE_SIMILARITY`` with ``MIN_EVIDENCE`` of ``merge_evidence``.

    On the dev benchmark, one person's recording split in two measured 0.80-0.94 with an
    evidence of at most 2.4 (0.77-0.79 in loud noise); a second person 0.52-0.77 however little
    they spoke, or 0.80-0.85 with an evidence of 3.1-10 (benchmarks/audio_eval.py; docs/audio.md
    has the calibration).

    >>> told_apart(0.70, 0.5), told_apart(0.84, 4.9), told_apart(0.82, 1.4), told_apart(0.93, 9)
    (True, True, False, False)
    """
    if similarity < SEPARATE_SIMILARITY:
        return True
    return similarity < SAME_VOICE_SIMILARITY and evidence >= MIN_EVIDENCE


def merge_evidence(embeddings: Floats, labels: Ints, first: int, second: int) -> float:
    """How much two clusters' partials say they are two voices: ``|S_a| + |S_b| - |S_a + S_b|``,
    where ``S`` is the sum of a cluster's unit embeddings (its partials within one speaker's
    turns, ``labels``).

    This is the log-likelihood a merge loses, over the concentration, when each voice's partials
    are von Mises-Fisher around its centroid: it grows with how far apart the centroids are and
    with how much speech backs the smaller cluster (for a small cluster b, about
    ``n_b * r_b * (1 - similarity)``, ``r_b`` its mean similarity to its own centroid). A split
    of one voice can be nearly as far apart as two people, but on few partials.

    >>> import numpy as np
    >>> e = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], np.float32)
    >>> round(merge_evidence(e, np.array([0, 0, 1, 1]), 0, 1), 3)  # 2 + 2 - 2 * sqrt(2)
    1.172
    """
    import numpy as np

    sums = [embeddings[labels == c].sum(0, dtype=np.float64) for c in (first, second)]
    together = float(np.linalg.norm(sums[0] + sums[1]))
    return float(np.linalg.norm(sums[0]) + np.linalg.norm(sums[1]) - together)


def _silhouette(embeddings: Floats, labels: Ints) -> float:
    """The mean silhouette (cosine distance) of the labelled partials (at most 2,000 of them)."""
    import numpy as np

    keep = labels >= 0
    e, lab = embeddings[keep], labels[keep]
    if len(e) > MAX_CLUSTERED:
        idx = np.linspace(0, len(e) - 1, MAX_CLUSTERED).round().astype(np.intp)
        e, lab = e[idx], lab[idx]
    k = int(lab.max()) + 1 if len(lab) else 0
    if k < 2:
        return 0.0
    distance = 1.0 - e @ e.T
    sizes = np.bincount(lab, minlength=k)
    sums = np.stack([distance[:, lab == c].sum(1) for c in range(k)], axis=1)
    own = sizes[lab]
    rows = np.arange(len(lab))
    inner = sums[rows, lab] / np.maximum(own - 1, 1)
    outer = sums / np.maximum(sizes, 1)
    outer[rows, lab] = np.inf
    nearest = outer.min(axis=1)
    score = np.where(own > 1, (nearest - inner) / np.maximum(np.maximum(inner, nearest), 1e-9), 0)
    return float(score.mean())


def min_speaker_s(speech_s: float) -> float:
    """The least speech a speaker must have: ``MIN_SPEAKER_S``, but at most a tenth of a short
    recording's speech and at least ``MIN_SPEAKER_SHARE`` of a long one's."""
    return max(min(MIN_SPEAKER_S, 0.1 * speech_s), MIN_SPEAKER_SHARE * speech_s)


def _merged_centroids(
    embeddings: Floats,
    scorer: _Scorer,
    path: Ints,
    kept: Ints,
    old: Floats,
    talk: Floats,
    target: Ints,
) -> Floats:
    """Centroids after a merge: from the partials within each speaker's turns, or where a speaker
    has none of those, the talk-weighted mean of the centroids merged into it."""
    import numpy as np

    k = len(old)
    window_labels = _window_labels(path, scorer, k)
    fresh = _centroids(embeddings, window_labels, k)
    for c in kept:
        if not np.any(window_labels == c):
            fresh[c] = _unit_rows((old[target == c] * talk[target == c, None]).sum(0))
    out: Floats = fresh[kept]
    return out


def _resegment(
    embeddings: Floats, scorer: _Scorer, centroids: Floats, rounds: int = 2
) -> tuple[Ints, Floats]:
    """Viterbi labels, then centroids from the partials within one speaker's turns; twice.
    Speakers left with no speech are dropped."""
    import numpy as np

    path = viterbi(scorer.scores(centroids), scorer.gap_before)
    for _ in range(rounds):
        k = len(centroids)
        used = np.unique(path)
        if len(used) < k:
            centroids = centroids[used]
            path = np.searchsorted(used, path)
            k = len(centroids)
        window_labels = _window_labels(path, scorer, k)
        fresh = _centroids(embeddings, window_labels, k)
        empty = ~np.isin(np.arange(k), window_labels)
        fresh[empty] = centroids[empty]
        centroids = fresh
        path = viterbi(scorer.scores(centroids), scorer.gap_before)
    used = np.unique(path)
    if len(used) < len(centroids):
        centroids = centroids[used]
        path = np.searchsorted(used, path)
    return path.astype(np.intp), centroids


def _first_appearance(path: Ints, k: int) -> Ints:
    """``order[c]``: speaker c's number when speakers are numbered by first speech."""
    import numpy as np

    order = np.full(k, -1, np.intp)
    for rank, label in enumerate(dict.fromkeys(path.tolist())):
        order[label] = rank
    return order


def _overlaps(scorer: _Scorer, centroids: Floats, labels: Ints) -> Ints | None:
    """Per frame, a second speaker where two voices are both present (see the module doc)."""
    import numpy as np

    k = len(centroids)
    if k < 2:
        return None
    scores = scorer.scores(centroids)
    frame_scores = scores[scorer.unit_index]
    first = labels[scorer.speech_idx]
    best = frame_scores[np.arange(len(first)), first]
    masked = frame_scores.copy()
    masked[np.arange(len(first)), first] = -np.inf
    runner = np.argmax(masked, axis=1)
    runner_score = masked[np.arange(len(first)), runner]
    both = (best - runner_score <= OVERLAP_MARGIN) & (runner_score >= OVERLAP_FLOOR)
    second = np.full(len(labels), -1, np.intp)
    second[scorer.speech_idx[both]] = runner[both]
    # Only overlaps that last: a step or two of doubt is not two people talking.
    from twoway.audio.vad import mask_runs

    for a, b in mask_runs(second >= 0):
        if b - a < MIN_OVERLAP_S / 0.01:
            second[a:b] = -1
    return second
