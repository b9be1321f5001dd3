"""One live conversation: samples in, a meter out now, the full analysis at the end.

``LiveSession`` is the streaming pipeline shared by every front end (the terminal now, a web
page's WebSocket later): a capture adapter calls ``push(source, samples)`` with 16 kHz mono
float32 samples, from any thread and in blocks of any size; the display calls ``view()`` as
often as it likes; ``finish()`` gives the whole conversation as ``twoway analyze`` would read
the same audio.

Per source, two voice detectors hear each sample. The live one feeds ``activity.SpeechGate``
then ``meter.Meter`` (a constant amount of work per 10 ms frame). The offline one sits inside
``audio.features.ChannelAnalyzer``, which keeps the per-frame features the final analysis needs
(8 bytes per 10 ms per source: 5.8 MB for two hours; mel bands add 160 bytes per frame when
voices must be told apart); it is fed the same chunks ``twoway analyze`` feeds it (it levels
its detector's input per chunk), so the final features are the offline ones, bit for bit. The
waveform itself is kept only when asked (``keep_audio``), and between chunks (30 s at most).
"""

from __future__ import annotations

import threading
import wave
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from twoway.errors import InputError, UsageError
from twoway.live.activity import SILENCE_DB, SpeechGate
from twoway.live.meter import Meter, MeterView
from twoway.live.voices import VoiceAttributor
from twoway.live.words import LiveWords, Ring

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.analysis.targets import Targets
    from twoway.audio import AudioResult, FeaturePlan
    from twoway.audio.features import ChannelAnalyzer, ChannelFeatures
    from twoway.audio.voiceprint import Voiceprint
    from twoway.live._final import Words

    Floats = npt.NDArray[np.float32]
    Frame = tuple[float, float, Floats | None]

SAMPLE_RATE = 16_000
HOP = 160
WINDOW = 400
ANALYZER_BLOCK = 30 * SAMPLE_RATE
"""Without a file's chunks to follow, the offline features are fed 30 s at a time, as
``audio.decode`` chunks a file."""
LEVEL_DB = -26.0
MAX_GAIN_DB = 30.0
"""The live detector's input is levelled as ``audio.vad.level_gain_db`` levels the offline one's:
up toward ``LEVEL_DB`` by at most ``MAX_GAIN_DB``; live, the reference is the loudest second
so far instead of the loudest 30 s chunk."""
MIXED_NAME = "Speech"
"""The one voice of a mixed source in the live meter, without a voiceprint to tell the user's
voice apart (who spoke is worked out at the end)."""
OTHERS_NAME = "Others"
"""With the user's voiceprint: every voice but the user's, in the live meter."""


@dataclass(frozen=True)
class Source:
    """One audio stream: a speaker's own (``name``), or a mixed one (``name=None``).

    ``path`` is the file it is read from, when it is a file: the final analysis transcribes it
    again with ``--asr``, as ``twoway analyze`` does, and the feeder marks the decoder's chunks
    with ``LiveSession.chunk_done`` (``capture.feed_files`` does) so the offline features see
    the same chunks as ``analyze``'s.
    """

    name: str | None
    path: str | None = None
    label: str = ""
    """How to show it (a file name, a device name)."""


class _Stream:
    """One source: live frames (energy, probability) and the offline features.

    Two detectors: the live one hears each block at once (its input levelled by the loudest
    second so far, see ``LEVEL_DB``); the offline ``ChannelAnalyzer`` is fed exactly the chunks
    ``twoway analyze`` feeds it (``flush`` at the decoder's chunk boundaries, for a file; every
    ``ANALYZER_BLOCK`` otherwise), because it levels its detector's input per chunk.
    """

    def __init__(self, vad: str, want_mels: bool, live_mels: bool, auto_flush: bool) -> None:
        import numpy as np

        from twoway.audio.features import ChannelAnalyzer
        from twoway.audio.vad import make_vad

        self._live_mels = live_mels
        # A file's chunks come from its decoder (``LiveSession.chunk_done``); the cap only bounds
        # the memory of a caller that never says.
        self._flush_at = ANALYZER_BLOCK if auto_flush else 2 * ANALYZER_BLOCK
        self._mels: deque[Floats] = deque()
        self._vad = make_vad(vad)
        self._analyzer: ChannelAnalyzer = ChannelAnalyzer(make_vad(vad), want_mels=want_mels)
        self.vad_name = self._vad.name
        self._pending: list[Floats] = []
        self._pending_n = 0
        self._buffer: Floats = np.zeros(WINDOW // 2, np.float32)
        self._energies: deque[float] = deque()
        self._second: list[float] = []  # this second's frame energies, for the level
        self._loudest_db = -200.0
        self._window_probs: deque[float] = deque()
        self._first_window = 0  # index of _window_probs[0]
        self._next_frame = 0
        self.samples = 0
        self.ended = False

    def _gain(self) -> float:
        """As ``audio.vad.level_gain_db``: quiet speech up toward ``LEVEL_DB``, never down."""
        if self._loudest_db < -90.0:
            return 1.0
        return float(10 ** (min(max(LEVEL_DB - self._loudest_db, 0.0), MAX_GAIN_DB) / 20))

    def feed(self, samples: Floats) -> None:
        import numpy as np

        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        gain = self._gain()
        heard = samples if gain == 1.0 else (samples * np.float32(gain)).astype(np.float32)
        probs = self._vad.feed(heard)
        self._window_probs.extend(probs.tolist())
        self.samples += len(samples)
        buffer = np.concatenate([self._buffer, samples])
        count = (len(buffer) - WINDOW) // HOP + 1 if len(buffer) >= WINDOW else 0
        if count > 0:
            frames = np.lib.stride_tricks.sliding_window_view(buffer, WINDOW)[::HOP][:count]
            power = np.einsum("ij,ij->i", frames, frames) / WINDOW
            energies = (10 * np.log10(np.maximum(power, 1e-10))).tolist()
            self._energies.extend(energies)
            self._level(energies)
            if self._live_mels:
                self._mels.extend(_mel_rows(frames))
            buffer = buffer[count * HOP :]
        self._buffer = buffer
        self._pending.append(samples)
        self._pending_n += len(samples)
        if self._pending_n >= self._flush_at:
            self.flush()

    def _level(self, energies: list[float]) -> None:
        """The loudest second so far: the 95th percentile of each second's frames."""
        self._second.extend(energies)
        if len(self._second) >= 100:
            ordered = sorted(self._second)
            self._loudest_db = max(self._loudest_db, ordered[int(0.95 * (len(ordered) - 1))])
            self._second = []

    def flush(self) -> None:
        """Feed the offline features what came since the last flush, as one chunk."""
        import numpy as np

        if self._pending:
            self._analyzer.feed(np.concatenate(self._pending))
            self._pending, self._pending_n = [], 0

    def frames(self) -> list[Frame]:
        """The frames whose energy and probability are both known, each once."""
        out: list[Frame] = []
        window = self._vad.window
        while self._energies:
            index = self._next_frame * HOP // window
            while self._first_window < index and self._window_probs:
                self._window_probs.popleft()
                self._first_window += 1
            if index >= self._first_window + len(self._window_probs):
                break
            mel = self._mels.popleft() if self._live_mels else None
            out.append((self._energies.popleft(), self._window_probs[0], mel))
            self._next_frame += 1
        return out

    def finish(self) -> ChannelFeatures:
        self.flush()
        return self._analyzer.finish()


def _mel_rows(frames: Floats) -> list[Floats]:
    """resemblyzer's mel bands of each 25 ms frame (as ``audio.features``, for the live voice)."""
    import numpy as np

    from twoway.audio.features import mel_filters

    hann = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WINDOW) / WINDOW)).astype(np.float32)
    spectrum = np.fft.rfft(frames * hann, axis=1)
    power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
    return list(power @ mel_filters().T)


class _Keeper:
    """``--keep-audio``: a 16-bit WAV with one channel per source, in the sources' order."""

    def __init__(self, path: Path, channels: int) -> None:
        try:
            self._file = wave.open(str(path), "wb")  # noqa: SIM115  (closed by close())
        except OSError as exc:
            reason = exc.strerror or exc
            raise InputError(f"cannot write the audio ({reason})", path=str(path)) from exc
        self._file.setnchannels(channels)
        self._file.setsampwidth(2)
        self._file.setframerate(SAMPLE_RATE)
        self._queues: list[deque[Floats]] = [deque() for _ in range(channels)]
        self._queued = [0] * channels
        self.path = path

    def add(self, index: int, samples: Floats, ended: Sequence[bool]) -> None:
        self._queues[index].append(samples)
        self._queued[index] += len(samples)
        live = [n for n, gone in zip(self._queued, ended, strict=True) if not gone]
        if live:
            self._write(min(live))

    def _take(self, index: int, count: int) -> Floats:
        import numpy as np

        queue = self._queues[index]
        parts: list[Floats] = []
        need = count
        while need and queue:
            head = queue[0]
            if len(head) <= need:
                parts.append(queue.popleft())
                need -= len(head)
            else:
                parts.append(head[:need])
                queue[0] = head[need:]
                need = 0
        self._queued[index] -= count - need
        if need:
            parts.append(np.zeros(need, np.float32))
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def _write(self, count: int) -> None:
        import numpy as np

        if count <= 0:
            return
        block = np.stack([self._take(i, count) for i in range(len(self._queues))], axis=1)
        pcm = (np.clip(block, -1.0, 1.0) * 32767).astype("<i2")
        self._file.writeframes(pcm.tobytes())

    def close(self) -> None:
        self._write(max(self._queued))
        self._file.close()


class LiveSession:
    """The streaming pipeline (see the module doc). Thread-safe: one lock guards the state."""

    def __init__(
        self,
        sources: Sequence[Source],
        *,
        me: str | None,
        targets: Targets,
        vad: str = "auto",
        speakers: int | None = None,
        use_voiceprints: bool = True,
        keep_audio: Path | None = None,
        transcribe: Callable[[Floats], str] | None = None,
    ) -> None:
        from twoway.audio import plan_features

        if not sources:
            raise UsageError("no audio source given")
        self.mixed = len(sources) == 1 and sources[0].name is None
        if not self.mixed and any(s.name is None for s in sources):
            raise UsageError("name every source (NAME=FILE) when there are several")
        names = [MIXED_NAME] if self.mixed else [s.name or "" for s in sources]
        if len({n.casefold() for n in names}) != len(names):
            raise UsageError(f"speaker names must differ: {', '.join(names)}")
        self.sources = tuple(sources)
        self.speakers = speakers
        self.plan: FeaturePlan = plan_features(
            mixed=self.mixed, speakers=speakers, use_voiceprints=use_voiceprints
        )
        self.voices: VoiceAttributor | None = None
        if self.mixed:
            mine = _my_voiceprint(self.plan, me)
            if mine is not None:
                self.voices = VoiceAttributor(mine.embedding)
                names = [mine.name, OTHERS_NAME]
        self.names = tuple(names)
        live_mels = self.voices is not None
        self._streams = [
            _Stream(vad, self.plan.want_mels, live_mels, auto_flush=s.path is None) for s in sources
        ]
        self._gate = SpeechGate(len(sources))
        me_index = _me_index(names, me) if not self.mixed else (0 if self.voices else None)
        self.meter = Meter(
            names,
            me=me_index,
            targets=targets,
            questions_on=transcribe is not None,
            keep_segments=transcribe is not None,
        )
        self.words: LiveWords | None = None
        self._rings: list[Ring] = []
        if transcribe is not None:
            self.words = LiveWords(transcribe, self._question)
            self._rings = [Ring() for _ in sources]
        self._ready: list[deque[Frame]] = [deque() for _ in sources]
        self._lock = threading.Lock()
        self.keep_audio = keep_audio
        self._keeper = _Keeper(keep_audio, len(sources)) if keep_audio is not None else None
        self._finished = False

    def push(self, index: int, samples: Floats) -> None:
        """Samples of source ``index`` (16 kHz mono float32), in order."""
        with self._lock:
            if self._finished:
                return
            stream = self._streams[index]
            stream.feed(samples)
            if self._keeper is not None:
                self._keeper.add(index, samples, [s.ended for s in self._streams])
            if self._rings:
                self._rings[index].write(samples)
            self._ready[index].extend(stream.frames())
            self._advance()

    def _question(self, speaker: int, at_s: float, text: str) -> None:
        with self._lock:
            self.meter.add_question(speaker, at_s, text)

    def _transcribe_closed(self) -> None:
        if self.words is None:
            return
        for speaker, start, end in self.meter.closed_segments():
            ring = self._rings[0 if self.mixed else speaker]
            samples = ring.cut(start * HOP, end * HOP)
            self.words.submit(speaker, start * HOP / SAMPLE_RATE, end * HOP / SAMPLE_RATE, samples)

    def chunk_done(self, index: int) -> None:
        """A file's decoder finished a chunk: the offline features take it as ``analyze`` does."""
        with self._lock:
            self._streams[index].flush()

    def end(self, index: int) -> None:
        """Source ``index`` has no more samples (a file ended): it counts as silent from now."""
        with self._lock:
            self._streams[index].ended = True
            self._advance()

    def notice(self, text: str) -> None:
        """A message for the display, such as a device that disappeared."""
        with self._lock:
            self.meter.notice(text)

    @property
    def all_ended(self) -> bool:
        return all(s.ended for s in self._streams)

    def _advance(self) -> None:
        live = [len(q) for q, s in zip(self._ready, self._streams, strict=True) if not s.ended]
        count = min(live) if live else max(len(q) for q in self._ready)
        if count <= 0:
            return
        silence: Frame = (SILENCE_DB, 0.0, None)
        bits: list[int] = []
        step = self._gate.step
        voices = self.voices
        for _ in range(count):
            frame = [q.popleft() if q else silence for q in self._ready]
            on = step([f[0] for f in frame], [f[1] for f in frame])
            if voices is None:
                bits.append(on)
                continue
            energy, _, mel = frame[0]
            assert mel is not None
            for label in voices.step(bool(on), mel, energy):
                bits.append(0 if label is None else 1 << label)
        self.meter.push(bits)
        self._transcribe_closed()

    def view(self) -> MeterView:
        with self._lock:
            view = self.meter.view()
            if self.voices is not None and self.voices.deciding:
                view = replace(view, deciding=True)
            return view

    def finish(self, words: Words | None = None, *, display: str | None = None) -> AudioResult:
        """Stop, and read the whole conversation as ``twoway analyze`` reads the same audio.

        ``display`` is the source name the analysis shows (by default the files, joined by
        " + " as ``analyze --track`` joins them). Raises ``InputError`` when nothing was said.
        """
        from twoway.live import _final

        with self._lock:
            self._finished = True
            if self._keeper is not None:
                self._keeper.close()
            if self.voices is not None:
                self.meter.push(0 if label is None else 1 << label for label in self.voices.flush())
            self.meter.close_all()
            self._transcribe_closed()
            features = [s.finish() for s in self._streams]
        if self.words is not None:
            self.words.close()
        for source, stream in zip(self.sources, self._streams, strict=True):
            if stream.samples < SAMPLE_RATE // 2:
                raise InputError(
                    "the audio is shorter than half a second", path=source.label or "live"
                )
        shown = display or " + ".join(s.path or s.label for s in self.sources)
        words = words or _final.Words()
        if words.live and self.words is not None:
            words = replace(words, heard=tuple(self.words.turns(self.names)))
        return _final.conversation(
            self.names,
            features,
            mixed=self.mixed,
            speakers=self.speakers,
            display=shown,
            chosen=self.plan,
            words=words,
        )


def _my_voiceprint(chosen: FeaturePlan, me: str | None) -> Voiceprint | None:
    """The voiceprint of ``me`` (or the only one stored), when voices can be compared here."""
    if not chosen.want_embeddings:
        return None
    if me is None:
        return chosen.prints[0] if len(chosen.prints) == 1 else None
    wanted = me.strip().casefold()
    return next((p for p in chosen.prints if p.name.casefold() == wanted), None)


def _me_index(names: Sequence[str], me: str | None) -> int | None:
    if me is None:
        return None
    from twoway.analysis.analyze import resolve_speaker

    return list(names).index(resolve_speaker(me, names))
