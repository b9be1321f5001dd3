"""Decoding any audio or video file to 16 kHz float32 samples, chunk by chunk, with PyAV.

PyAV ships its own FFmpeg, so wav, flac, ogg/opus, mp3, m4a/mp4/aac and webm all decode the same
way. Its resampler converts to 16 kHz planar float32 while keeping the channels (a stereo file
with one speaker per channel stays two channels); ``iter_chunks`` yields ``(channels, samples)``
arrays of about ``chunk_s`` seconds so a two-hour recording never sits in memory whole.

Every failure (no such file, not a media file, no audio stream, a decoder error half way) is an
``InputError`` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twoway.errors import InputError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]

SAMPLE_RATE = 16_000
"""Every model here (Silero, WebRTC VAD, resemblyzer, pocketsphinx, Whisper) works at 16 kHz."""

CHUNK_S = 30.0


def import_av() -> Any:
    try:
        import av
    except ImportError:
        raise MissingExtraError("reading audio", "audio", "av") from None
    return av


@dataclass(frozen=True)
class AudioInfo:
    """What the container says about its first audio stream (before decoding)."""

    path: str
    channels: int
    sample_rate: int
    duration_s: float | None
    codec: str
    has_video: bool


def _open(path: str) -> Any:
    av = import_av()
    if not Path(path).exists():
        raise InputError("no such file", path=path)
    if Path(path).is_dir():
        raise InputError("is a folder, not an audio file", path=path)
    try:
        return av.open(path, metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise InputError(f"not a readable audio or video file ({_reason(exc)})", path=path) from exc


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).split(":")[0].strip() or type(exc).__name__


def _audio_stream(container: Any, path: str) -> Any:
    if not container.streams.audio:
        kinds = sorted({s.type for s in container.streams}) or ["none"]
        container.close()
        raise InputError(f"has no audio stream (streams: {', '.join(kinds)})", path=path)
    return container.streams.audio[0]


def probe(path: str) -> AudioInfo:
    """The first audio stream's channels, rate and duration, without decoding."""
    container = _open(path)
    with container:
        stream = _audio_stream(container, path)
        duration: float | None = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        return AudioInfo(
            path=path,
            channels=int(stream.codec_context.channels or 1),
            sample_rate=int(stream.codec_context.sample_rate or 0),
            duration_s=duration,
            codec=str(stream.codec_context.name),
            has_video=bool(container.streams.video),
        )


def iter_chunks(path: str, *, chunk_s: float = CHUNK_S, mono: bool = False) -> Iterator[Samples]:
    """The file's audio as 16 kHz float32 arrays of shape ``(channels, n)``, about ``chunk_s`` each.

    ``mono=True`` averages the channels (shape ``(1, n)``). The last chunk is shorter; an empty file
    yields nothing (the caller reports it). Raises ``InputError`` for unreadable input.
    """
    import numpy as np

    av = import_av()
    container = _open(path)
    with container:
        stream = _audio_stream(container, path)
        channels = int(stream.codec_context.channels or 1)
        layout = "mono" if mono or channels == 1 else ("stereo" if channels == 2 else None)
        if layout is None:
            layout = stream.codec_context.layout.name
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
        target = int(chunk_s * SAMPLE_RATE)
        pending: list[Samples] = []
        pending_n = 0
        try:
            for frame in _frames(container, stream):
                for out in resampler.resample(frame):
                    block = out.to_ndarray().astype(np.float32, copy=False)
                    pending.append(block)
                    pending_n += block.shape[1]
                    if pending_n >= target:
                        yield np.concatenate(pending, axis=1)
                        pending, pending_n = [], 0
            for out in resampler.resample(None):
                pending.append(out.to_ndarray().astype(np.float32, copy=False))
        except av.error.FFmpegError as exc:
            raise InputError(
                f"the audio cannot be decoded ({_reason(exc)}); the file may be damaged",
                path=path,
            ) from exc
        if pending:
            block = np.concatenate(pending, axis=1)
            if block.shape[1]:
                yield block


def _frames(container: Any, stream: Any) -> Iterator[Any]:
    # Decoding packet by packet (instead of container.decode) lets a damaged packet in the middle
    # of a long recording be skipped, as players do, while a file that is damaged throughout
    # still fails: more than a few bad packets in a row raise the decoder's error.
    av = import_av()
    bad_in_a_row = 0
    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.error.InvalidDataError:
            bad_in_a_row += 1
            if bad_in_a_row > 8:
                raise
            continue
        bad_in_a_row = 0
        yield from frames


def read_all(path: str, *, mono: bool = False) -> Samples:
    """The whole file at 16 kHz, shape ``(channels, n)``: only for short clips (tests)."""
    import numpy as np

    chunks = list(iter_chunks(path, mono=mono))
    if not chunks:
        raise InputError("has no audio samples (empty or truncated)", path=path)
    return np.concatenate(chunks, axis=1)
