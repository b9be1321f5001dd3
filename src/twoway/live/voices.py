"""One mixed source (in person, one microphone): whose voice is speaking, live, by voiceprint.

Each stretch of speech (speech bridged over pauses shorter than 0.4 s, as the offline partials
never cross a longer pause) is embedded with the voice encoder the offline pipeline uses
(resemblyzer's, ``audio.diarize``) and compared with the user's voiceprint: first once it holds
``FIRST_FRAMES`` of speech, then every ``STEP_FRAMES``, on its last ``WINDOW_FRAMES`` speech
frames. At or above the threshold for that much speech it is the user, else the others. The
first decision labels the stretch from its start, so the talk share of a mixed source follows
speech about 0.6 s late; that something is being said shows at once (``deciding``).

The thresholds depend on the window's length: a short window's embedding is noisier. Measured on
read speech from ``../shared/data/voices`` (LibriSpeech 1688 enrolled from four utterances;
windows of five other utterances of his, and of 1998 and 2033): at 0.6 s his own windows scored
0.65 (5th percentile), the others' at most 0.64 (95th); at 1.0 s 0.73 against 0.67; at 1.6 s
0.76 against 0.68. A stretch shorter than ``FIRST_FRAMES`` in all (a "yeah") is decided when it
ends, with the threshold for ``SHORTEST_FRAMES``, or takes the previous label when shorter still.
"""

from __future__ import annotations

from collections import deque
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

FIRST_FRAMES = 60
STEP_FRAMES = 40
WINDOW_FRAMES = 160
SHORTEST_FRAMES = 30
PAUSE_FRAMES = 40
THRESHOLDS = ((30, 0.60), (60, 0.65), (100, 0.70), (160, 0.72))
"""(speech frames in the window, the similarity from which it is the user's voice)."""
ME, OTHERS = 0, 1


def threshold(frames: int) -> float:
    """The similarity needed for ``frames`` of speech, interpolated between ``THRESHOLDS``.

    >>> threshold(60), threshold(80), threshold(400)
    (0.65, 0.675, 0.72)
    """
    if frames <= THRESHOLDS[0][0]:
        return THRESHOLDS[0][1]
    for (n0, t0), (n1, t1) in pairwise(THRESHOLDS):
        if frames <= n1:
            return round(t0 + (t1 - t0) * (frames - n0) / (n1 - n0), 4)
    return THRESHOLDS[-1][1]


class VoiceAttributor:
    """Labels the mixed source's 10 ms frames ``ME``, ``OTHERS`` or ``None`` (no speech).

    ``step`` takes one frame and returns the labels of the frames it releases, in order: none
    while a stretch is still undecided, then all of its frames at once.
    """

    def __init__(self, voiceprint: Floats) -> None:
        self._print = voiceprint
        self._mels: deque[Floats] = deque(maxlen=WINDOW_FRAMES)
        self._energy: deque[float] = deque(maxlen=WINDOW_FRAMES)
        self._held: list[bool] = []  # the undecided stretch's frames: speech or a short pause
        self._speech_frames = 0
        self._since_decision = 0
        self._silence = PAUSE_FRAMES
        self._decided = False
        self.label = OTHERS
        self.similarity: float | None = None

    @property
    def deciding(self) -> bool:
        """Speech is under way whose speaker is not known yet."""
        return bool(self._held)

    def step(self, speech: bool, mel: Floats, energy_db: float) -> list[int | None]:
        if not speech:
            self._silence += 1
            if self._held:
                self._held.append(False)
                if self._silence >= PAUSE_FRAMES:
                    if self._speech_frames >= SHORTEST_FRAMES:
                        self._decide()
                    return self._release()
                return []
            if self._silence >= PAUSE_FRAMES:
                self._new_stretch()
            return [None]
        self._silence = 0
        self._mels.append(mel)
        self._energy.append(energy_db)
        self._speech_frames += 1
        if not self._decided:
            self._held.append(True)
            if self._speech_frames >= FIRST_FRAMES:
                self._decide()
                return self._release()
            return []
        self._since_decision += 1
        if self._since_decision >= STEP_FRAMES:
            self._decide()
        return [self.label]

    def flush(self) -> list[int | None]:
        """The conversation stopped: decide the stretch under way and release its frames."""
        if self._held and self._speech_frames >= SHORTEST_FRAMES and not self._decided:
            self._decide()
        out = [self.label if on else None for on in self._held]
        self._held = []
        return out

    def _new_stretch(self) -> None:
        self._mels.clear()
        self._energy.clear()
        self._speech_frames = 0
        self._since_decision = 0
        self._decided = False

    def _release(self) -> list[int | None]:
        out = [self.label if on else None for on in self._held]
        self._held = []
        if self._silence >= PAUSE_FRAMES:
            self._new_stretch()
        return out

    def _decide(self) -> None:
        import numpy as np

        from twoway.audio.diarize import embed_partials, level_mels

        self._decided = True
        self._since_decision = 0
        mels = np.stack(list(self._mels)).astype(np.float32)
        energy = np.array(self._energy, np.float32)
        levelled = level_mels(mels, energy, np.ones(len(mels), bool))
        embeddings, _ = embed_partials(levelled)
        self.similarity = float(embeddings[-1] @ self._print)
        self.label = ME if self.similarity >= threshold(len(mels)) else OTHERS
