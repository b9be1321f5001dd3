"""Where live audio comes from: files (paced as live audio, or as fast as they decode) and
sound devices (a microphone and the system output's monitor, through ``soundcard``).

Each feeder pushes 16 kHz mono float32 blocks into a ``LiveSession`` until its input ends or
``stop`` is set. A device that fails or disappears does not stop the meter: the feeder says so
(``session.notice``), feeds silence in its place so the sources stay in step, and tries to open
the device again every ``RETRY_S``.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twoway.errors import InputError, MissingExtraError, TwowayError, UsageError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.live.session import LiveSession

    Floats = npt.NDArray[np.float32]

SAMPLE_RATE = 16_000
BLOCK = 320
"""20 ms: the block a device delivers and a paced file is cut into."""
RETRY_S = 2.0
CHECK_BLOCKS = 50
"""A device is looked for once a second (50 blocks of 20 ms)."""


class DeviceError(InputError):
    """A sound device that cannot be opened, listed or read: an input, named by ``path`` (the
    device asked for, or its kind: "microphone", "loopback")."""


def _blocks(path: str) -> Iterator[tuple[Floats, bool]]:
    """The file in 20 ms blocks, each with whether it ends one of the decoder's chunks (the
    offline features must be fed the same chunks as ``twoway analyze`` feeds them)."""
    from twoway.audio.decode import iter_chunks

    for chunk in iter_chunks(path, mono=True):
        row = chunk[0]
        for start in range(0, len(row), BLOCK):
            yield row[start : start + BLOCK], start + BLOCK >= len(row)


def feed_files(
    session: LiveSession,
    paths: list[str],
    *,
    realtime: bool,
    stop: threading.Event,
    duration_s: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Push each file's samples into its source, in step; paced at real time when asked;
    ``duration_s`` stops after that much audio."""
    streams = [_blocks(p) for p in paths]
    done = [False] * len(paths)
    sent = 0
    started = clock()
    limit = None if duration_s is None else int(duration_s * SAMPLE_RATE)
    while not all(done) and not stop.is_set() and (limit is None or sent < limit):
        for i, stream in enumerate(streams):
            if done[i]:
                continue
            item = next(stream, None)
            if item is None:
                done[i] = True
                session.end(i)
                continue
            block, chunk_end = item
            session.push(i, block)
            if chunk_end:
                session.chunk_done(i)
        sent += BLOCK
        if realtime:
            ahead = started + sent / SAMPLE_RATE - clock()
            if ahead > 0:
                sleep(ahead)


@dataclass(frozen=True)
class Device:
    """A capture device as ``soundcard`` lists it."""

    name: str
    id: str
    loopback: bool


def _soundcard() -> Any:
    """``soundcard``, imported with a clear error: it connects to the sound server at import."""
    try:
        soundcard = importlib.import_module("soundcard")
    except ImportError:
        raise MissingExtraError("capturing from sound devices", "live", "soundcard") from None
    except Exception as exc:  # no sound server: soundcard raises plain RuntimeError and others
        detail = f"{exc}; " if str(exc).strip() else ""
        raise DeviceError(
            f"no sound server to capture from ({detail}is PulseAudio or PipeWire running?)",
            path="sound",
        ) from exc
    return soundcard


def list_devices() -> list[Device]:
    """Microphones and loopback (monitor) devices, the default microphone first."""
    sc = _soundcard()
    try:
        mics = sc.all_microphones(include_loopback=True)
    except Exception as exc:
        raise DeviceError(f"cannot list the sound devices ({exc})", path="sound") from exc
    return [Device(str(m.name), str(m.id), bool(m.isloopback)) for m in mics]


def open_device(kind: str, wanted: str | None) -> Any:
    """The microphone (``kind="mic"``) or loopback (``"loopback"``) device; ``wanted`` is part
    of its name or id, else the default microphone, or the default speaker's monitor."""
    sc = _soundcard()
    try:
        if wanted:
            found = sc.get_microphone(wanted, include_loopback=True)
        elif kind == "mic":
            found = sc.default_microphone()
        else:
            found = sc.get_microphone(sc.default_speaker().id, include_loopback=True)
    except (IndexError, RuntimeError, ValueError) as exc:
        what = "microphone" if kind == "mic" else "loopback device (the system's output)"
        hint = f" named {wanted!r}" if wanted else ""
        raise DeviceError(
            f"no {what}{hint} ({exc}); twoway live --list-devices lists them",
            path=wanted or kind,
        ) from exc
    if kind == "loopback" and not getattr(found, "isloopback", False) and not wanted:
        raise DeviceError("no loopback device for the system's output", path=kind)
    return found


def _present(device: Any) -> bool:
    """Whether ``device`` is still listed. PulseAudio moves a stream whose device vanished to
    another one (the call's side would start hearing the microphone): so look, every second."""
    sc = _soundcard()
    try:
        return any(m.id == device.id for m in sc.all_microphones(include_loopback=True))
    except Exception:
        return False


def feed_device(
    session: LiveSession,
    index: int,
    kind: str,
    wanted: str | None,
    *,
    stop: threading.Event,
) -> None:
    """Push one device's audio into source ``index`` until ``stop``; survive its loss."""
    import numpy as np

    label = "microphone" if kind == "mic" else "call audio (loopback)"
    silence = np.zeros(BLOCK, np.float32)
    while not stop.is_set():
        try:
            device = open_device(kind, wanted)
            with device.recorder(samplerate=SAMPLE_RATE, channels=1, blocksize=BLOCK) as rec:
                blocks = 0
                while not stop.is_set():
                    data = rec.record(numframes=BLOCK)
                    session.push(index, np.ascontiguousarray(data[:, 0], dtype=np.float32))
                    blocks += 1
                    if blocks % CHECK_BLOCKS == 0 and not _present(device):
                        raise DeviceError("it disappeared", path=wanted or kind)
        except (TwowayError, RuntimeError, OSError, AssertionError) as exc:
            session.notice(f"The {label} is not available ({_reason(exc)}); the meter goes on.")
        # Silence in its place, at real time, until it can be opened again.
        until = time.monotonic() + RETRY_S
        while not stop.is_set() and time.monotonic() < until:
            session.push(index, silence)
            time.sleep(BLOCK / SAMPLE_RATE)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def check_device_names(mic: str | None, loopback: str | None) -> None:
    if mic is not None and loopback is not None and mic == loopback:
        raise UsageError("--mic and --loopback name the same device")
