"""Speed and memory of the audio pipeline on a long generated recording (docs/audio.md).

    taskset -c 0 python benchmarks/bench_audio.py            # 2 hours, one core
    taskset -c 0 python benchmarks/bench_audio.py --minutes 10

Builds a mono interview with espeak-ng (the test scene, repeated with varied gaps and levels, plus
room noise) and two microphone tracks, writes them as FLAC, then measures, each in a fresh process
so peak memory (the process's VmHWM) belongs to that stage alone:

- decoding only; voice activity detection alone (Silero, samples already in memory);
- one speaker per track (decode + VAD + bleed removal, both tracks);
- the same with ``--asr``: every turn transcribed by Whisper tiny.en (``twoway[asr]``);
- one mixed track, diarized into 2 speakers (decode + VAD + mel + embeddings + clustering);
- start-up: ``twoway analyze`` on a 30 s mixed track, wall time from start to its JSON.

Speed is given as "x real time": seconds of audio per CPU second of the stage's process (user +
system), both measured here; CPU time rather than wall time, so that other work on a shared
machine does not count. Run under ``taskset -c 0`` the process has one core.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def make_recording(folder: Path, minutes: float) -> dict[str, Path]:
    import av
    import numpy as np

    from audio.scripts import INTERVIEW  # tests/audio
    from audio.synth import RATE, Voice, build, mic_tracks, noise, write_wav

    voices = {
        "Dana": Voice("Dana", "en-gb+f2", 160, 55),
        "Alex": Voice("Alex", "en-us+m3", 170, 45),
    }
    scene = build(INTERVIEW, voices)
    mics = mic_tracks(scene)
    mono = scene.tracks["Alex"] + scene.tracks["Dana"]
    target = int(minutes * 60 * RATE)
    paths = {
        "mono": folder / "long-mono.flac",
        "alex": folder / "long-alex.flac",
        "dana": folder / "long-dana.flac",
    }
    sources = {"mono": mono, "alex": mics["Alex"], "dana": mics["Dana"]}
    rng = np.random.default_rng(1)
    write_wav(folder / "short-mono.wav", (mono + noise(len(mono), -55, 99))[: 30 * RATE])
    for key, path in paths.items():
        written = 0
        seed = 0
        with av.open(str(path), "w", format="flac") as out:
            stream = out.add_stream("flac", rate=RATE, layout="mono")
            while written < target:
                gain = 10 ** (rng.uniform(-3, 3) / 20)
                block = sources[key] * gain + noise(len(sources[key]), -55, seed)
                seed += 1
                block = block[: target - written]
                pcm = (np.clip(block, -1, 1) * 32767).astype(np.int16)[None, :]
                frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
                frame.sample_rate = RATE
                for packet in stream.encode(frame):
                    out.mux(packet)
                written += len(block)
            for packet in stream.encode(None):
                out.mux(packet)
    return paths


STAGES = {
    "decode": """
from twoway.audio.decode import iter_chunks
n = sum(c.shape[1] for c in iter_chunks(PATHS["mono"], mono=True))
""",
    "vad": """
import numpy as np
from twoway.audio.decode import iter_chunks
from twoway.audio.vad import make_vad
chunks = [c[0] for _, c in zip(range(20), iter_chunks(PATHS["mono"], mono=True))]  # 10 min
vad = make_vad("silero")
start, cpu_start = time.perf_counter(), cpu()
for c in chunks:
    vad.feed(c)
ELAPSED, CPU = time.perf_counter() - start, cpu() - cpu_start
AUDIO_S = sum(len(c) for c in chunks) / 16000
""",
    "tracks": """
from twoway.audio import load_audio
conv = load_audio(tracks=[("Alex", PATHS["alex"]), ("Dana", PATHS["dana"])], use_voiceprints=False)
""",
    "asr": """
from twoway.audio import load_audio
from twoway.audio.asr import bundled_model
assert bundled_model(), "the asr stage needs twoway[asr] (Whisper tiny.en)"
conv = load_audio(
    tracks=[("Alex", PATHS["alex"]), ("Dana", PATHS["dana"])], use_voiceprints=False, asr=True
)
EXTRA = {"words": sum(len((t.text or "").split()) for t in conv.turns)}
""",
    "diarize": """
from twoway.audio import load_audio
conv = load_audio(PATHS["mono"], speakers=2, use_voiceprints=False)
talk = {s: conv.talk_s(s) for s in conv.speakers}
EXTRA = {s: round(t / sum(talk.values()), 3) for s, t in talk.items()}
""",
}


def run_stage(name: str, paths: dict[str, Path], audio_s: float) -> dict[str, object]:
    code = (
        "import json, resource, time\n"
        f"PATHS = {json.dumps({k: str(v) for k, v in paths.items()})}\n"
        f"AUDIO_S = {audio_s}\nEXTRA = None\n"
        # The process's own high-water mark: ru_maxrss survives fork+exec on Linux and would
        # report this benchmark's memory (it holds the generated recordings) if that were larger.
        "def peak_kb():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
        "def cpu():\n"
        "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    return r.ru_utime + r.ru_stime\n"
        "start, cpu_start = time.perf_counter(), cpu()\n"
        f"{STAGES[name]}\n"
        "ELAPSED = globals().get('ELAPSED') or time.perf_counter() - start\n"
        "CPU = globals().get('CPU') or cpu() - cpu_start\n"
        "print(json.dumps({'wall_s': round(ELAPSED, 2), 'cpu_s': round(CPU, 2),"
        " 'audio_s': round(AUDIO_S, 1), 'x_real_time_cpu': round(AUDIO_S / CPU, 1),"
        " 'peak_mb': round(peak_kb() / 1024),"
        " 'extra': EXTRA}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def startup(folder: Path) -> dict[str, object]:
    """Wall seconds from starting ``twoway analyze`` on a 30 s mixed track to its JSON (two
    speakers told apart); the voice encoder is built into a fresh data folder first, as a first
    run does once (that run's time is ``first_run_s``)."""
    import os

    data = Path(tempfile.mkdtemp(prefix="twoway-data-"))
    env = {**os.environ, "TWOWAY_DATA_DIR": str(data)}
    run = "import sys; from twoway.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", run, "analyze", str(folder / "short-mono.wav"), "--json"]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"first_run_s": round(times[0], 2), "wall_s": round(min(times[1:]), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0)
    parser.add_argument("--keep", type=Path, help="Folder to keep the generated recordings in.")
    parser.add_argument("--only", choices=sorted([*STAGES, "startup"]), help="Run one stage.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="twoway-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    paths = {
        "mono": folder / "long-mono.flac",
        "alex": folder / "long-alex.flac",
        "dana": folder / "long-dana.flac",
    }
    if args.keep is None or not all(p.exists() for p in paths.values()):
        paths = make_recording(folder, args.minutes)
        print(f"generated {args.minutes:g} min recordings in {time.perf_counter() - start:.0f} s")
    audio_s = args.minutes * 60
    if args.only in (None, "startup"):
        if not (folder / "short-mono.wav").exists():
            paths = make_recording(folder, args.minutes)
        print(f"startup  {json.dumps(startup(folder))}", flush=True)
        if args.only:
            return
    for name in [args.only] if args.only else STAGES:
        result = run_stage(name, paths, audio_s)
        print(f"{name:8s} {json.dumps(result)}", flush=True)


if __name__ == "__main__":
    main()
