"""Live words (``--asr``): each stretch of speech is transcribed when it ends, off the audio
thread, and the user's questions reach the meter.

The last ``RING_S`` seconds of every source are kept in a ring buffer (3.8 MB per source), only
long enough to cut a stretch out when the meter closes it; nothing older is kept. Stretches
shorter than ``MIN_WORDS_S`` (a "mm-hm") are not transcribed. The words are kept as timed text
for the final analysis of a device session, which has no file to transcribe again (files are
transcribed again at the end, exactly as ``twoway analyze --asr`` does).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.model import Turn

    Floats = npt.NDArray[np.float32]

SAMPLE_RATE = 16_000
RING_S = 60.0
MIN_WORDS_S = 0.5


class Ring:
    """The last ``seconds`` of one source's samples, addressed by absolute sample index."""

    def __init__(self, seconds: float = RING_S) -> None:
        import numpy as np

        self._data: Floats = np.zeros(int(seconds * SAMPLE_RATE), np.float32)
        self.total = 0  # samples ever written

    def write(self, samples: Floats) -> None:
        size = len(self._data)
        samples = samples[-size:]
        start = self.total % size
        first = min(len(samples), size - start)
        self._data[start : start + first] = samples[:first]
        self._data[: len(samples) - first] = samples[first:]
        self.total += len(samples)

    def cut(self, start: int, end: int) -> Floats:
        """Samples ``[start, end)``, as much of it as is still held."""
        import numpy as np

        size = len(self._data)
        start = max(start, self.total - size, 0)
        end = min(end, self.total)
        if end <= start:
            return np.zeros(0, np.float32)
        index = np.arange(start, end) % size
        return self._data[index].copy()


class LiveWords:
    """A worker thread that transcribes closed stretches and reports questions.

    ``transcribe(samples) -> text`` is the ASR engine (``twoway.audio.asr.Engine.transcribe``);
    ``on_question(speaker, at_s, text)`` is called from the worker for each question found.
    """

    def __init__(
        self,
        transcribe: Callable[[Floats], str],
        on_question: Callable[[int, float, str], None],
    ) -> None:
        self._transcribe = transcribe
        self._on_question = on_question
        self._jobs: queue.Queue[tuple[int, float, float, Floats] | None] = queue.Queue()
        self.heard: list[tuple[int, float, float, str]] = []
        """(speaker, start_s, end_s, text) of every stretch transcribed, in order heard."""
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, daemon=True, name="twoway-live-words")
        self._thread.start()

    def submit(self, speaker: int, start_s: float, end_s: float, samples: Floats) -> None:
        if end_s - start_s >= MIN_WORDS_S and len(samples):
            self._jobs.put((speaker, start_s, end_s, samples))

    def _work(self) -> None:
        from twoway.analysis.questions import find_questions

        while True:
            job = self._jobs.get()
            if job is None:
                return
            speaker, start_s, end_s, samples = job
            text = self._transcribe(samples).strip()
            if not text:
                continue
            with self._lock:
                self.heard.append((speaker, start_s, end_s, text))
            for found in find_questions(text):
                if found.counts:
                    self._on_question(speaker, end_s, found.text)

    def close(self, timeout_s: float = 60.0) -> None:
        """Finish what is queued (the last stretches), then stop."""
        self._jobs.put(None)
        self._thread.join(timeout=timeout_s)

    def turns(self, names: tuple[str, ...]) -> list[Turn]:
        """What was heard, as timed turns (for ``audio.align``)."""
        from twoway.model import Turn

        with self._lock:
            heard = sorted(self.heard, key=lambda h: h[1])
        return [Turn(names[s], start, end, text) for s, start, end, text in heard]
