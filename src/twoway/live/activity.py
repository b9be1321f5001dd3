"""Who is speaking in each 10 ms frame, decided as the frames arrive (pure: no I/O, no numpy).

The offline pipeline (docs/audio.md) decides with the whole recording in hand: hysteresis on the
detector's probability, then, with one track per speaker, the bleed rule of ``audio/tracks.py``
with the bleed level measured over the whole recording. Live, only the past is known, so:

- hysteresis is the same (speech from ``THRESHOLD``, until below ``NEG_THRESHOLD``);
- the bleed level from track j into track i is the running median of ``energy_i - energy_j``
  over the frames where j speaks and is the loudest (``DEFAULT_LEAK_DB`` until half a second of
  such frames, capped at ``MAX_LEAK_DB``), refreshed every ``REFRESH_FRAMES``;
- a frame the detector doubts (probability from ``RESCUE_PROB``) counts as speech when it stands
  ``RESCUE_ABOVE_FLOOR_DB`` above the noise floor, as ``audio.vad.combine_with_energy`` rescues
  quiet speech offline;
- the noise floor is the running 10th percentile of the track's frame energy, used once
  ``FLOOR_AFTER_FRAMES`` frames are in and the track has shown a silence (its 10th percentile
  at least ``FLOOR_SPREAD_DB`` below its 90th): a stream that opens with speech would
  otherwise take its speech for the floor;
- energy is smoothed over the last 5 frames (the offline rule centres the 5 frames; live there
  is no future).

The running statistics are fixed-size histograms (``RunningQuantile``): memory stays flat
however long the conversation. The final analysis does not use these decisions: it reruns the
offline rule over the whole conversation (``twoway.live.session``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

THRESHOLD = 0.5
NEG_THRESHOLD = 0.35
MARGIN_DB = 6.0
NOISE_MARGIN_DB = 10.0
MAX_LEAK_DB = -6.0
DEFAULT_LEAK_DB = -20.0
MIN_LEAK_FRAMES = 50
REFRESH_FRAMES = 50
RESCUE_PROB = 0.15
RESCUE_ABOVE_FLOOR_DB = 20.0
"""As ``audio.vad.combine_with_energy``: a frame the detector doubts (from ``RESCUE_PROB``) counts
as speech when it stands this far above the noise floor."""
FLOOR_AFTER_FRAMES = 300
FLOOR_SPREAD_DB = 20.0
SMOOTH_FRAMES = 5
SILENCE_DB = -100.0


class RunningQuantile:
    """Quantiles of a stream of dB values, from a histogram of ``step_db`` bins (flat memory).

    >>> q = RunningQuantile()
    >>> for v in (-60.0, -50.0, -40.0, -30.0, -20.0):
    ...     q.add(v)
    >>> q.quantile(0.5)
    -40.0
    """

    def __init__(self, low_db: float = -120.0, high_db: float = 40.0, step_db: float = 0.25):
        self._low = low_db
        self._step = step_db
        self._bins = [0] * (int((high_db - low_db) / step_db) + 1)
        self.count = 0

    def add(self, value_db: float) -> None:
        index = int((value_db - self._low) / self._step + 0.5)
        self._bins[min(max(index, 0), len(self._bins) - 1)] += 1
        self.count += 1

    def quantile(self, q: float) -> float:
        """The value below which a fraction ``q`` of the stream lies (to ``step_db``)."""
        if not self.count:
            return math.nan
        rank = q * (self.count - 1)
        seen = 0
        for index, n in enumerate(self._bins):
            seen += n
            if seen > rank:
                return self._low + index * self._step
        return self._low + (len(self._bins) - 1) * self._step


class Hysteresis:
    """Speech from ``THRESHOLD``, until the probability falls below ``NEG_THRESHOLD``."""

    __slots__ = ("on",)

    def __init__(self) -> None:
        self.on = False

    def step(self, prob: float) -> bool:
        self.on = prob >= NEG_THRESHOLD if self.on else prob >= THRESHOLD
        return self.on


class SpeechGate:
    """Per frame, which tracks carry their own speaker's speech (bit ``i`` set for track ``i``).

    With one track, that is the hysteresis alone. With several (one per speaker), a track's
    frame counts only when it stands ``MARGIN_DB`` above the bleed the other tracks would put
    there, and ``NOISE_MARGIN_DB`` above its own noise floor (see the module doc).

    >>> gate = SpeechGate(2)
    >>> gate.step([-20.0, -46.0], [0.9, 0.9])  # Alex speaks; Dana's microphone hears him
    1
    """

    def __init__(self, tracks: int) -> None:
        self.tracks = tracks
        self._hyst = [Hysteresis() for _ in range(tracks)]
        self._recent: list[list[float]] = [[] for _ in range(tracks)]  # linear power, last 5
        self._floors = [RunningQuantile() for _ in range(tracks)]
        self._floor_db: list[float | None] = [None] * tracks
        self._leak_stats = [[RunningQuantile() for _ in range(tracks)] for _ in range(tracks)]
        self.leak_db = [[0.0 if i == j else DEFAULT_LEAK_DB for j in range(tracks)]
                        for i in range(tracks)]  # fmt: skip
        self._frames = 0

    def _smoothed(self, i: int, energy_db: float) -> float:
        recent = self._recent[i]
        recent.append(10 ** (energy_db / 10))
        if len(recent) > SMOOTH_FRAMES:
            del recent[0]
        return 10 * math.log10(max(sum(recent) / len(recent), 1e-10))

    def step(self, energies_db: Sequence[float], probs: Sequence[float]) -> int:
        """One frame of every track: its energy (dBFS) and the detector's speech probability."""
        n = self.tracks
        self._frames += 1
        for i in range(n):
            self._floors[i].add(energies_db[i])
        if self._frames % REFRESH_FRAMES == 0:
            self._refresh()
        on = [self._hyst[i].step(self._rescued(i, energies_db[i], probs[i])) for i in range(n)]
        if n == 1:
            return int(on[0])
        energy = [self._smoothed(i, e) for i, e in enumerate(energies_db)]
        self._learn(energy, on)
        bits = 0
        for i in range(n):
            if not on[i]:
                continue
            expected = max(energy[j] + self.leak_db[i][j] for j in range(n) if j != i)
            need = expected + MARGIN_DB
            floor = self._floor_db[i]
            if floor is not None:
                need = max(need, floor + NOISE_MARGIN_DB)
            if energy[i] >= need:
                bits |= 1 << i
        return bits

    def _rescued(self, i: int, energy_db: float, prob: float) -> float:
        floor = self._floor_db[i]
        doubted = RESCUE_PROB <= prob < THRESHOLD
        if doubted and floor is not None and energy_db >= floor + RESCUE_ABOVE_FLOOR_DB:
            return THRESHOLD
        return prob

    def _learn(self, energy: list[float], on: list[bool]) -> None:
        n = self.tracks
        loudest = max(range(n), key=energy.__getitem__)
        if on[loudest]:
            for i in range(n):
                if i != loudest:
                    self._leak_stats[i][loudest].add(energy[i] - energy[loudest])

    def _refresh(self) -> None:
        n = self.tracks
        for i in range(n):
            low, high = self._floors[i].quantile(0.10), self._floors[i].quantile(0.90)
            trusted = self._frames >= FLOOR_AFTER_FRAMES and high - low >= FLOOR_SPREAD_DB
            self._floor_db[i] = low if trusted else None
            for j in range(n):
                stats = self._leak_stats[i][j]
                if i != j and stats.count >= MIN_LEAK_FRAMES:
                    self.leak_db[i][j] = min(stats.quantile(0.5), MAX_LEAK_DB)
