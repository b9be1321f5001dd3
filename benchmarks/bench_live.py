"""Latency, CPU and memory of ``twoway live``'s streaming pipeline (docs/live.md).

    taskset -c 0 python benchmarks/bench_live.py               # a 30-minute stream, one core
    taskset -c 0 python benchmarks/bench_live.py --quick       # 3 minutes
    taskset -c 0 python benchmarks/bench_live.py --minutes 120 # memory over two hours
    python benchmarks/bench_live.py --demo DIR                 # docs/live.md's screenshot tracks

The stream is a two-person conversation built from real read speech in ``../shared/data/voices``
(LibriSpeech speakers 1688 and 1998): turns of one to three utterances, pauses of 0.3-1.2 s, an
occasional "mm-hm" (a short clip of the listener) and overlap. Each speaker has a microphone
track: their own voice, the other's at -26 dB (bleed) and room noise at -65 dBFS. The tracks
are pushed into a ``LiveSession`` in 20 ms blocks, as a sound device delivers them, as fast as
the machine goes; the meter is drawn into an off-screen terminal ten times per second of audio,
as ``twoway live`` draws it.

- **Latency**: for each turn, from the speech onset (in the speaker's clean signal, the first of
  150 ms of frames above -45 dBFS and within 30 dB of the utterance's loud frames) to the end of
  the 20 ms block after which the meter first shows that speaker speaking, plus the time to
  process that block. The display redraws every 0.1 s, so a person sees it up to 0.1 s later:
  the figure to hold under 0.5 s is latency + 0.1 s. The same is measured against the
  detector's own onsets (the turn starts of the final analysis, what ``twoway analyze`` calls
  speech).
- **CPU**: process CPU seconds (user + system) over seconds of audio: the share of one core
  ``twoway live`` needs (voice detection on both tracks, the meter, the drawing).
- **Memory**: the process's resident size after each tenth of the stream, and its growth per hour.
- **Stop**: the time to analyze the whole conversation at the end (as ``twoway analyze``).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
VOICES = ROOT.parent / "shared" / "data" / "voices" / "speakers"
SPEAKERS = {"Alex": "librispeech-1688", "Dana": "librispeech-1998"}
RATE = 16_000
BLOCK = 320
BLEED_DB = -26.0
NOISE_DBFS = -65.0
ONSET_DBFS = -45.0
ONSET_RANGE_DB = 30.0
ONSET_FRAMES = 15


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_clips(speaker: str) -> list:  # type: ignore[type-arg]
    from twoway.audio.decode import read_all

    return [read_all(str(p), mono=True)[0] for p in sorted((VOICES / speaker).glob("*.flac"))]


def onset_offset(clip) -> int:  # type: ignore[no-untyped-def]
    """Samples from the clip's start to its speech onset: the first 10 ms frame of 150 ms in a
    row above ONSET_DBFS and within ONSET_RANGE_DB of the clip's loud frames (95th percentile).

    A single frame over a threshold would be a click or the tail of the word before, which
    LibriSpeech's segments often start with; 150 ms of sound is a syllable."""
    import numpy as np

    frames = clip[: len(clip) // 160 * 160].reshape(-1, 160)
    level = 10 * np.log10(np.maximum((frames**2).mean(axis=1), 1e-10))
    loud = level > max(ONSET_DBFS, float(np.percentile(level, 95)) - ONSET_RANGE_DB)
    run = np.convolve(loud.astype(int), np.ones(ONSET_FRAMES, int), mode="valid")
    starts = np.flatnonzero(run == ONSET_FRAMES)
    return int(starts[0]) * 160 if len(starts) else 0


def _piece(clips, rng):  # type: ignore[no-untyped-def]
    """The first two to six seconds of one of the speaker's utterances (turns of 2-18 s).

    From the utterance's start: a slice from the middle of a word begins where no voice
    detector (nor a listener) would say speech starts."""
    clip = clips[rng.integers(len(clips))]
    return clip[: int(rng.uniform(2.0, 6.0) * RATE)]


def conversation(minutes: float, seed: int = 7):  # type: ignore[no-untyped-def]
    """Yield (alex_block, dana_block, onsets) per 20 ms; onsets lists (speaker, sample) that
    start in that block. Generated on the fly: the stream is never held whole."""
    import numpy as np

    rng = np.random.default_rng(seed)
    clips = [load_clips(SPEAKERS["Alex"]), load_clips(SPEAKERS["Dana"])]
    bleed = 10 ** (BLEED_DB / 20)
    noise = 10 ** (NOISE_DBFS / 20)
    total = int(minutes * 60 * RATE)
    tracks = [np.zeros(0, np.float32), np.zeros(0, np.float32)]  # clean voices, pending
    onsets: list[tuple[int, int]] = []
    written = 0  # samples already generated
    speaker = 0
    out_at = 0
    while out_at < total:
        while min(len(t) for t in tracks) < BLOCK * 50 and written < total + RATE * 30:
            gap = int(rng.uniform(0.3, 1.2) * RATE)
            speech = np.concatenate(
                [_piece(clips[speaker], rng) for _ in range(rng.integers(1, 4))]
            ).astype(np.float32)
            start = written + gap
            onsets.append((speaker, start + onset_offset(speech)))
            segment = [np.zeros(gap + len(speech), np.float32) for _ in range(2)]
            segment[speaker][gap:] = speech
            if rng.random() < 0.2:  # the listener's "mm-hm" half way, overlapping
                short = clips[1 - speaker][rng.integers(len(clips[1 - speaker]))][: int(0.4 * RATE)]
                at = gap + len(speech) // 2
                segment[1 - speaker][at : at + len(short)] += short
            for i in range(2):
                tracks[i] = np.concatenate([tracks[i], segment[i]])
            written += len(segment[0])
            speaker = 1 - speaker
        block = [t[:BLOCK] for t in tracks]
        tracks = [t[BLOCK:] for t in tracks]
        mics = [
            block[i] + bleed * block[1 - i] + noise * rng.standard_normal(BLOCK).astype(np.float32)
            for i in range(2)
        ]
        starting = [(s, at) for s, at in onsets if out_at <= at < out_at + BLOCK]
        onsets = [(s, at) for s, at in onsets if at >= out_at + BLOCK]
        yield mics[0], mics[1], starting
        out_at += BLOCK


def run(minutes: float) -> dict[str, object]:
    from rich.console import Console

    from twoway.analysis import analyze
    from twoway.analysis.targets import targets_for
    from twoway.cli.live import REFRESH_S
    from twoway.live import LiveSession, Source
    from twoway.live.display import render

    session = LiveSession(
        [Source("Alex", None, "alex"), Source("Dana", None, "dana")],
        me="Alex",
        targets=targets_for("interview"),
        use_voiceprints=False,
    )
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    stream = conversation(minutes)
    # Decoding the clips and building the first blocks is the benchmark's, not twoway's.
    first = next(stream)
    cpu0 = time.process_time()
    rss = [(0.0, rss_mb())]
    waiting: list[tuple[int, int]] = []  # onsets not yet shown: (speaker, sample)
    latencies: list[float] = []
    shown: list[tuple[int, float, float]] = []  # (speaker, audio s, processing s) as it shows
    before = (False, False)
    at = 0
    redraw = int(RATE * REFRESH_S)
    total = int(minutes * 60 * RATE)
    tenth = total // 10
    generating = 0.0  # CPU spent making the stream: not twoway's, subtracted
    items = _chain([first], stream)
    while True:
        made = time.process_time()
        item = next(items, None)
        generating += time.process_time() - made
        if item is None:
            break
        alex, dana, onsets = item
        block_start = time.perf_counter()
        session.push(0, alex)
        session.push(1, dana)
        speaking = session.meter.speaking
        spent = time.perf_counter() - block_start
        at += BLOCK
        for i in range(2):
            if speaking[i] and not before[i]:
                shown.append((i, at / RATE, spent))
        before = speaking
        waiting.extend(onsets)
        still = []
        for speaker, onset in waiting:
            if at <= onset:
                still.append((speaker, onset))
            elif speaking[speaker]:
                latencies.append((at - onset) / RATE + spent)
            elif (at - onset) / RATE < 3.0:  # never shown (a dropped blip): give up at 3 s
                still.append((speaker, onset))
        waiting = still
        if at % redraw < BLOCK:
            console.file = io.StringIO()
            console.print(render(session.view(), title="twoway live · interview"))
        if at % tenth < BLOCK:
            rss.append((at / RATE / 60, rss_mb()))
    cpu = time.process_time() - cpu0 - generating
    audio_s = at / RATE
    view = session.view()
    stop0 = time.perf_counter()
    result = session.finish()
    final = analyze(result.conversation, me="Alex", mode="interview")
    stop_s = time.perf_counter() - stop0
    detector = _against_turns(result.conversation.turns, shown)
    final_share = final.speakers[[s.name for s in final.speakers].index("Alex")].talk_share
    growth = (rss[-1][1] - rss[1][1]) / max((rss[-1][0] - rss[1][0]) / 60, 1e-9)
    latencies.sort()
    if "--debug" in sys.argv:
        print([round(x, 3) for x in latencies], file=sys.stderr)
    return {
        "minutes": round(audio_s / 60, 1),
        "vad": session.plan and result.conversation.notes[0].split("with ")[1].split(";")[0],
        "turns_measured": len(latencies),
        "latency_s": {
            "median": round(statistics.median(latencies), 3),
            "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
            "max": round(latencies[-1], 3),
        },
        "latency_vs_detector_s": detector,
        "redraw_s": REFRESH_S,
        "cpu_share_of_one_core": round(cpu / audio_s, 4),
        "rss_mb": [(round(m, 1), round(r, 1)) for m, r in rss],
        "rss_growth_mb_per_hour": round(growth, 1),
        "live_share": round(view.share or 0.0, 4),
        "final_share": final_share,
        "stop_s": round(stop_s, 2),
    }


def _against_turns(turns, shown):  # type: ignore[no-untyped-def]
    """Latency against the offline detector: from each turn start of the final analysis (what
    ``twoway analyze`` calls speech) to the meter first showing that speaker after it."""
    names = {"Alex": 0, "Dana": 1}
    out = []
    for turn in turns:
        i = names[turn.speaker]
        after = [(t, spent) for s, t, spent in shown if s == i and turn.start - 0.1 <= t]
        if after and after[0][0] - turn.start < 3.0:
            out.append(max(0.0, after[0][0] - turn.start) + after[0][1])
    out.sort()
    return {
        "turns": len(out),
        "median": round(statistics.median(out), 3),
        "p95": round(out[int(0.95 * (len(out) - 1))], 3),
        "max": round(out[-1], 3),
    }


def _chain(first, rest):  # type: ignore[no-untyped-def]
    yield from first
    yield from rest


def write_demo(folder: Path) -> list[Path]:
    """The conversation of docs/live.md's screenshot, as two microphone tracks: Dana asks, Alex
    reads on for over a minute (Dana's "mm-hm" now and then), then Dana takes over."""
    import wave

    import numpy as np

    alex, dana = load_clips(SPEAKERS["Alex"]), load_clips(SPEAKERS["Dana"])
    pause = np.zeros(int(0.5 * RATE), np.float32)
    script: list[tuple[int, object]] = [(1, dana[0][: 6 * RATE]), (0, None)]
    for k, clip in enumerate(alex):
        script.append((0, clip))
        if k in (2, 5):
            script.append((1, dana[1][: int(0.4 * RATE)]))
    script += [(1, dana[2]), (0, alex[0][: 3 * RATE]), (1, dana[3])]
    tracks: list[list[object]] = [[], []]
    for who, clip in script:
        if clip is None:
            continue
        for i in range(2):
            tracks[i] += [pause, clip if i == who else 10 ** (BLEED_DB / 20) * clip]
    paths = []
    rng = np.random.default_rng(3)
    for name, parts in zip(("alex", "dana"), tracks, strict=True):
        signal = np.concatenate(parts)  # type: ignore[arg-type]
        signal = signal + 10 ** (NOISE_DBFS / 20) * rng.standard_normal(len(signal))
        path = folder / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes((np.clip(signal, -1, 1) * 32767).astype("<i2").tobytes())
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--quick", action="store_true", help="a 3-minute stream")
    parser.add_argument("--debug", action="store_true", help="print every latency")
    parser.add_argument(
        "--demo", type=Path, metavar="DIR", help="write the screenshot's two tracks and exit"
    )
    args = parser.parse_args()
    if not VOICES.is_dir():
        print(f"skipped: {VOICES} is not there (../shared/data)")
        return 0
    if args.demo:
        print(*write_demo(args.demo))
        return 0
    minutes = 3.0 if args.quick else args.minutes
    result = run(minutes)
    rss = result.pop("rss_mb")
    print(json.dumps(result, indent=2))
    print("rss_mb by minute:", ", ".join(f"{m:g}: {r:.0f}" for m, r in rss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
