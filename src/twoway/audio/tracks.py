"""One speaker per track: keep each track's own speech, not what its microphone picked up.

Each person's microphone also hears the others (bleed), quieter by some fixed amount that depends
on the room and the distance: often 15 to 30 dB. A voice detector fires on bleed too, so a track's
speech is kept only where it is *its own*: the frame's energy must exceed what bleed from every
other track would give there by at least ``MARGIN_DB``.

The bleed level from track j into track i (``leak[i, j]``, in dB) is measured from the recording
itself: over the frames where j speaks and is the loudest track, the median of
``energy_i - energy_j``. When i speaks over j (a true overlap), i's energy is far above j's bleed
and both keep their speech, so overlaps stay overlaps. When the measured leak is implausibly high
(above ``MAX_LEAK_DB``: the "tracks" are nearly the same signal) the rule degrades to "louder than
the other track by ``-MARGIN_DB``" and a note says so. A frame must also stand ``NOISE_MARGIN_DB``
above the track's noise floor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.audio.features import ChannelFeatures

    Bools = npt.NDArray[np.bool_]
    Floats = npt.NDArray[np.float32]

MARGIN_DB = 6.0
"""A track's speech must be this much louder than the expected bleed from the other tracks."""
MAX_LEAK_DB = -6.0
"""Leaks measured above this are capped: the tracks are almost copies of each other."""
DEFAULT_LEAK_DB = -20.0
"""Assumed when too little speech is there to measure the leak."""
NOISE_MARGIN_DB = 10.0
"""...and this much above the track's own noise floor (its 10th percentile frame energy): at the
quiet edges of the other person's words, bleed is below the room noise, and the noise must not
pass for speech."""
SMOOTH_FRAMES = 5
"""Energy is averaged over 50 ms so a single quiet frame mid-word does not cut the word."""


def measure_leaks(energies: Floats, speech: Bools) -> Floats:
    """``leak[i, j]``: how loud j's voice is on track i, relative to track j (dB, <= MAX_LEAK_DB).

    ``energies`` and ``speech`` have shape ``(tracks, frames)``.
    """
    import numpy as np

    n = len(energies)
    leak = np.full((n, n), DEFAULT_LEAK_DB, np.float32)
    loudest = np.argmax(energies, axis=0)
    for j in range(n):
        frames = speech[j] & (loudest == j)
        if int(frames.sum()) < 50:  # half a second of speech at least
            continue
        for i in range(n):
            if i != j:
                diff = energies[i, frames] - energies[j, frames]
                leak[i, j] = min(float(np.median(diff)), MAX_LEAK_DB)
    np.fill_diagonal(leak, 0.0)
    return leak


def own_speech(features: list[ChannelFeatures], speech: list[Bools]) -> tuple[Bools, Floats]:
    """Each track's speech mask with bleed removed, and the leak matrix used (see module doc)."""
    import numpy as np

    frames = max(f.frames for f in features)
    energies = np.stack([_smooth(f.padded(frames).energy_db) for f in features])
    masks = np.stack([np.pad(m, (0, frames - len(m))) for m in speech])
    if len(features) == 1:
        return masks, np.zeros((1, 1), np.float32)
    leak = measure_leaks(energies, masks)
    kept = masks.copy()
    for i in range(len(features)):
        expected = np.full(frames, -np.inf, np.float32)
        for j in range(len(features)):
            if j != i:
                expected = np.maximum(expected, energies[j] + leak[i, j])
        floor = float(np.percentile(energies[i], 10))
        kept[i] &= energies[i] >= np.maximum(expected + MARGIN_DB, floor + NOISE_MARGIN_DB)
    return kept, leak


def _smooth(energy_db: Floats) -> Floats:
    import numpy as np

    power = 10 ** (energy_db.astype(np.float64) / 10)
    kernel = np.ones(SMOOTH_FRAMES) / SMOOTH_FRAMES
    smoothed = np.convolve(power, kernel, mode="same")
    return (10 * np.log10(np.maximum(smoothed, 1e-10))).astype(np.float32)
