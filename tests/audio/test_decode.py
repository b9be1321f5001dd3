"""Every container decodes to the same 16 kHz samples; bad input is one clear line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from twoway.audio import is_audio_file, load_audio, looks_like_audio
from twoway.audio.decode import SAMPLE_RATE, probe, read_all
from twoway.cli import main
from twoway.errors import InputError

from .conftest import Recording
from .synth import write_wav

ENCODINGS = {  # extension: (container format, codec)
    "flac": ("flac", "flac"),
    "ogg": ("ogg", "libopus"),
    "mp3": ("mp3", "libmp3lame"),
    "m4a": ("ipod", "aac"),
    "webm": ("webm", "libopus"),
}


def encode(samples: np.ndarray, path: Path, fmt: str, codec: str, rate: int = 48_000) -> Path:
    """Write mono float samples at 16 kHz as ``path`` with PyAV (resampled to ``rate``)."""
    import av

    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout="mono", rate=rate
        )
        frame = av.AudioFrame.from_ndarray(
            samples[None, :].astype(np.float32), format="fltp", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(resampled):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


@pytest.fixture(scope="module")
def clip(dissimilar: Recording) -> np.ndarray:
    return read_all(str(dissimilar.mono), mono=True)[0][: 20 * SAMPLE_RATE]


@pytest.mark.parametrize("ext", sorted(ENCODINGS))
def test_containers_decode_to_the_same_audio(ext: str, clip: np.ndarray, tmp_path: Path) -> None:
    fmt, codec = ENCODINGS[ext]
    path = encode(clip, tmp_path / f"clip.{ext}", fmt, codec)
    assert is_audio_file(path)
    decoded = read_all(str(path), mono=True)[0]
    assert abs(len(decoded) - len(clip)) < 0.15 * SAMPLE_RATE  # encoder delay and padding
    assert 10 * np.log10(np.mean(decoded**2)) == pytest.approx(
        10 * np.log10(np.mean(clip**2)), abs=1.0
    )


@pytest.mark.parametrize("rate", [8_000, 48_000])
def test_any_sample_rate_becomes_16_khz(rate: int, clip: np.ndarray, tmp_path: Path) -> None:
    path = encode(clip, tmp_path / f"clip-{rate}.wav", "wav", "pcm_s16le", rate=rate)
    assert probe(str(path)).sample_rate == rate
    decoded = read_all(str(path), mono=True)[0]
    assert len(decoded) == pytest.approx(len(clip), abs=SAMPLE_RATE // 50)
    conv = load_audio(path, speakers=1)
    assert conv.speakers == ("Speaker 1",) and (conv.talk_s("Speaker 1") or 0) > 10


def test_a_video_file_gives_its_audio(clip: np.ndarray, tmp_path: Path) -> None:
    import av

    path = tmp_path / "call.mp4"
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("mpeg4", rate=5)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = out.add_stream("aac", rate=SAMPLE_RATE, layout="mono")
        for i in range(20 * 5):
            image = np.full((48, 64, 3), (i * 2) % 255, np.uint8)
            for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                out.mux(packet)
        frame = av.AudioFrame.from_ndarray(
            clip[None, :].astype(np.float32), format="fltp", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=SAMPLE_RATE)
        for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in audio.encode(chunk):
                out.mux(packet)
        for stream in (video, audio):
            for packet in stream.encode(None):
                out.mux(packet)
    assert probe(str(path)).has_video
    assert load_audio(path, speakers=1).speakers == ("Speaker 1",)


def test_sniffing_by_content_then_extension(tmp_path: Path) -> None:
    assert looks_like_audio(b"fLaC\x00\x00\x00\x22", "x")
    assert looks_like_audio(b"\x00\x00\x00\x20ftypM4A ", "x")
    assert looks_like_audio(b"\x1a\x45\xdf\xa3\x9f", "x")
    assert looks_like_audio(b"ID3\x04\x00", "x") and looks_like_audio(b"OggS\x00\x02", "x")
    assert not looks_like_audio(b"WEBVTT\n\n1\n00:00.000 --> 00:01.000", "talk.mp3")
    assert not looks_like_audio(b"Dana: Hello\nAlex: Hi\n", "notes.txt")
    assert looks_like_audio(b"\x00\x01\x02\xfe\xfd\x80\x81\x82", "raw.wav")
    text = tmp_path / "t.txt"
    text.write_text("Dana: Hello\n")
    assert not is_audio_file(text)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_corrupt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.wav"
    path.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4)
    code, out, err = run(capsys, "analyze", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"twoway: error: {path}: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_truncated_file(
    dissimilar: Recording, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = dissimilar.mono.read_bytes()
    for keep in (30, 2000):
        path = tmp_path / f"cut-{keep}.wav"
        path.write_bytes(data[:keep])
        code, _, err = run(capsys, "analyze", str(path))
        assert code == 1 and err.startswith(f"twoway: error: {path}: ") and err.count("\n") == 1


def test_no_audio_stream(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import av

    path = tmp_path / "silent-film.mp4"
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("mpeg4", rate=5)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        for _ in range(5):
            for packet in video.encode(
                av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            ):
                out.mux(packet)
        for packet in video.encode(None):
            out.mux(packet)
    code, _, err = run(capsys, "analyze", str(path))
    assert (code, err) == (1, f"twoway: error: {path}: has no audio stream (streams: video)\n")


def test_silence_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_wav(tmp_path / "silence.wav", np.zeros(5 * SAMPLE_RATE, np.float32))
    code, _, err = run(capsys, "analyze", str(path), "--speakers", "1")
    assert (code, err) == (
        1,
        f"twoway: error: {path}: no speech found in the recording (silence or noise only)\n",
    )


def test_missing_file_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no such file"):
        load_audio("does-not-exist.wav", tracks=(), speakers=1)
