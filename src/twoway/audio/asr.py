"""Offline speech recognition for ``--asr``: words for each turn the audio pipeline found.

Two engines, both local:

- **faster-whisper**, when the user points ``--asr-model DIR`` (or ``TWOWAY_ASR_MODEL``) at a
  CTranslate2 Whisper model folder they already have. Good transcripts; twoway never downloads one.
- **PocketSphinx** otherwise (``twoway[asr]``), with the small US English acoustic and language
  model that ships inside the ``pocketsphinx`` wheel (BSD licence). It is rough: expect around half
  the words wrong on conversational speech. twoway labels such a transcript as rough and uses it
  only to spot questions by their opening words.

The audio is decoded a second time and cut turn by turn, so only one turn's samples are held.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twoway.audio.decode import SAMPLE_RATE, iter_chunks
from twoway.errors import InputError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

ROUGH_NOTE = (
    "Words come from PocketSphinx's small English model: a rough transcript (about half the words "
    "wrong), used only to spot questions by their opening words. For real words, pass "
    "--transcript FILE or --asr-model DIR (a faster-whisper model you have)."
)


@dataclass(frozen=True)
class Span:
    """A stretch of one channel of one file to transcribe."""

    path: str
    channel: int | None  # None: the channels mixed down
    start: float
    end: float


class Engine:
    name = "engine"
    rough = False

    def transcribe(self, samples: Floats) -> str:
        raise NotImplementedError


class SphinxEngine(Engine):
    name = "pocketsphinx"
    rough = True

    def __init__(self) -> None:
        try:
            from pocketsphinx import Config, Decoder
        except ImportError:
            raise MissingExtraError("--asr", "asr", "pocketsphinx") from None
        config = Config(loglevel="FATAL")  # default model: the en-us one inside the wheel
        self._decoder = Decoder(config)

    def transcribe(self, samples: Floats) -> str:
        import numpy as np

        pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
        self._decoder.start_utt()
        self._decoder.process_raw(pcm, full_utt=True)
        self._decoder.end_utt()
        hyp = self._decoder.hyp()
        return "" if hyp is None else str(hyp.hypstr)


class WhisperEngine(Engine):
    name = "faster-whisper"

    def __init__(self, model_dir: str) -> None:
        if not Path(model_dir).is_dir():
            raise InputError("--asr-model: no such folder", path=model_dir)
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise MissingExtraError("--asr-model", "asr", "faster-whisper") from None
        try:
            self._model: Any = WhisperModel(model_dir, device="cpu", compute_type="int8")
        except Exception as exc:  # ctranslate2 raises plain RuntimeError/ValueError
            raise InputError(
                f"--asr-model: not a faster-whisper model ({exc})", path=model_dir
            ) from exc

    def transcribe(self, samples: Floats) -> str:
        segments, _info = self._model.transcribe(
            samples, beam_size=1, condition_on_previous_text=False
        )
        return " ".join(s.text.strip() for s in segments).strip()


def make_engine(model_dir: str | None) -> Engine:
    model_dir = model_dir or os.environ.get("TWOWAY_ASR_MODEL") or None
    return WhisperEngine(model_dir) if model_dir else SphinxEngine()


def spans_audio(spans: Sequence[Span]) -> Iterator[tuple[int, Floats]]:
    """Each span's samples ``(index, samples)``, decoding each file once, in order of start."""
    import numpy as np

    by_file: dict[tuple[str, int | None], list[int]] = {}
    for i, span in enumerate(spans):
        by_file.setdefault((span.path, span.channel), []).append(i)
    for (path, channel), indices in by_file.items():
        indices.sort(key=lambda i: spans[i].start)
        pending = list(indices)
        offset = 0  # samples before the buffer
        buffer = np.zeros(0, np.float32)
        for chunk in iter_chunks(path, mono=channel is None):
            row = chunk[0 if channel is None else min(channel, chunk.shape[0] - 1)]
            buffer = np.concatenate([buffer, row])
            end_of_buffer = offset + len(buffer)
            while pending and int(spans[pending[0]].end * SAMPLE_RATE) <= end_of_buffer:
                i = pending.pop(0)
                yield i, _cut(buffer, offset, spans[i])
            keep_from = int(spans[pending[0]].start * SAMPLE_RATE) if pending else end_of_buffer
            drop = max(0, min(keep_from - offset, len(buffer)))
            buffer = buffer[drop:]
            offset += drop
        for i in pending:
            yield i, _cut(buffer, offset, spans[i])


def _cut(buffer: Floats, offset: int, span: Span) -> Floats:
    start = max(0, int(span.start * SAMPLE_RATE) - offset)
    end = max(start, int(span.end * SAMPLE_RATE) - offset)
    return buffer[start:end]


def transcribe_spans(
    spans: Sequence[Span],
    engine: Engine,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """The words of each span (empty string when nothing was recognized)."""
    texts = [""] * len(spans)
    for done, (i, samples) in enumerate(spans_audio(spans), start=1):
        if len(samples) >= SAMPLE_RATE // 10:
            texts[i] = engine.transcribe(samples)
        if progress is not None:
            progress(done, len(spans))
    return texts
