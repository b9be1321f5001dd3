"""Make examples/mock_interview.ogg: a short synthetic interview recording (espeak-ng voices).

    python scripts/make_example_audio.py

Two espeak-ng voices (an interviewer, en-gb+f2, and a candidate, en-us+m3) speak an interview
with pauses and one overlap, mixed to one mono track with quiet room noise, encoded as Opus at
24 kb/s (about 200 KB). Needs espeak-ng and twoway[audio] (PyAV). The output is deterministic for
a given espeak-ng version.
"""

from __future__ import annotations

import io
import subprocess
import wave
from pathlib import Path

import av
import numpy as np

RATE = 16_000
OUT = Path(__file__).parents[1] / "examples" / "mock_interview.ogg"
VOICES = {"Interviewer": ("en-gb+f2", 160, 55), "Candidate": ("en-us+m3", 170, 45)}
SCRIPT = [  # speaker, pause before (negative: overlap), words
    ("Interviewer", 0.0, "Thanks for joining us. Could you walk me through your background?"),
    ("Candidate", 0.7, "Of course. I studied statistics, then spent four years as a data analyst "
     "at a retail chain. For the last three years I have led a small data engineering team. We "
     "moved our reporting from nightly batch jobs to streaming, which cut the delay for store "
     "managers from a day to a few minutes. I also started a mentoring program for new analysts, "
     "and I run our internal training on SQL and testing."),
    ("Interviewer", 0.6, "That is impressive. Why are you interested in this role?"),
    ("Candidate", 0.8, "I want to be closer to product decisions. In my current job the data "
     "team sits far from the customer, and I miss seeing what happens with our work."),
    ("Interviewer", -0.5, "Right."),
    ("Candidate", 0.7, "What does success look like in the first six months?"),
    ("Interviewer", 0.6, "In the first six months we would expect you to own the ingestion "
     "pipelines and to help us hire two more engineers."),
    ("Candidate", 0.6, "Great. And how does the team share knowledge?"),
    ("Interviewer", 0.7, "We write short design notes and review them together every Thursday."),
]  # fmt: skip


def speak(text: str, voice: str, speed: int, pitch: int) -> np.ndarray:
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout", text],
        capture_output=True,
        check=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as handle:
        rate = handle.getframerate()
        x = np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype(np.float32) / 32768
    n = int(len(x) * RATE / rate)
    y = np.interp(np.arange(n) * rate / RATE, np.arange(len(x)), x).astype(np.float32)
    loud = np.flatnonzero(np.abs(y) > 0.01)
    return y[loud[0] : loud[-1] + 1]


def main() -> None:
    pieces = []
    cursor = int(0.8 * RATE)
    for speaker, gap, text in SCRIPT:
        clip = speak(text, *VOICES[speaker])
        start = max(0, cursor + int(gap * RATE)) if pieces else cursor
        pieces.append((start, clip))
        cursor = max(cursor, start + len(clip))
    mix = np.zeros(cursor + RATE, np.float32)
    for start, clip in pieces:
        mix[start : start + len(clip)] += clip
    rng = np.random.default_rng(7)
    mix += (rng.standard_normal(len(mix)) * 10 ** (-55 / 20)).astype(np.float32)
    with av.open(str(OUT), "w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=48_000, layout="mono")
        stream.bit_rate = 24_000
        frame = av.AudioFrame.from_ndarray(mix[None, :], format="fltp", layout="mono")
        frame.sample_rate = RATE
        resampler = av.AudioResampler(format=stream.codec_context.format.name, rate=48_000)
        for block in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(block):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    print(f"{OUT}: {len(mix) / RATE:.1f} s, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
