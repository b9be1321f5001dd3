"""Diarization on real voices: talk shares, speaker count and DER (docs/audio.md, "Accuracy").

    python benchmarks/audio_eval.py            # every recording, count given and estimated
    python benchmarks/audio_eval.py --quick    # the quick subset (about a third), both modes
    python benchmarks/audio_eval.py --mode given --only duo-90-10-a --json out.json

The recordings: the dev benchmark that ``build_voice_conversations.py`` mixes from real
single-speaker recordings (built on first use into ``benchmarks/.cache/voices/``), and the real
multi-speaker recordings of ``../shared/data/voices/conversations`` with their references (a
three-speaker test clip, a two-party phone call mixed to one track, a one-speaker AMI headset clip).

Per recording and mode ("given": ``speakers=N`` as ``--speakers N`` passes it; "estimated": the
count left to twoway), it prints:

- **share err**: the largest difference, in percentage points, between a person's true talk share
  and the share twoway gives the speaker mapped to them (speakers are mapped one to one to maximize
  overlapping time; an unmapped speaker counts against a share of 0);
- **found/true**: the number of speakers;
- **DER** with a 0.25 s collar (0.25 s either side of each reference boundary is not scored, as
  NIST's md-eval does; ``collar=0.5`` in pyannote.metrics, which counts the whole width) and with
  none, overlaps scored. pyannote.metrics computes it when installed (it is in the ``dev``
  extra); otherwise the frame-based implementation here (10 ms frames, the same
  definition: missed + false alarm + confusion over reference speech), which agrees with it to
  0.1 point on these recordings.

The summary gives the medians the acceptance criteria of issue 17 use, and the count right on
each half of the recordings (``half``: every other recording of each speaker count, in the order
below), the halves on which the count estimate's constants were tuned and checked
(docs/audio.md, "The speaker count").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
CONVERSATIONS = ROOT.parent / "shared" / "data" / "voices" / "conversations"
FRAME_S = 0.01
COLLAR_S = 0.25

REAL = [
    # name, audio, reference rttm
    (
        "real-picovoice-3spk",
        "picovoice_falcon_test/test.wav",
        "picovoice_falcon_test/test.rttm",
    ),
    (
        "real-spokenwoz-call",
        "spokenwoz_MUL1011/MUL1011.opus",
        "spokenwoz_MUL1011/MUL1011.derived_channel_vad.rttm",
    ),
    (
        "real-ami-1spk",
        "ami_ES2011a_headset0_40-46s/ES2011a.Headset-0-40s-46s.wav",
        "ami_ES2011a_headset0_40-46s/ES2011a.Headset-0-40s-46s.derived.rttm",
    ),
]

Segments = list[tuple[str, float, float]]


@dataclass(frozen=True)
class Recording:
    name: str
    audio: Path
    reference: Segments
    tags: tuple[str, ...]
    quick: bool

    @property
    def speakers(self) -> int:
        return len({s for s, _, _ in self.reference})


def read_rttm(path: Path) -> Segments:
    segments = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[0] == "SPEAKER":
            start, duration = float(parts[3]), float(parts[4])
            segments.append((parts[7], start, start + duration))
    return segments


def recordings(quick: bool) -> list[Recording]:
    from build_voice_conversations import OUT, build

    found = []
    for entry in json.loads(build(OUT).read_text(encoding="utf-8")):
        found.append(
            Recording(
                entry["name"],
                OUT / entry["audio"],
                read_rttm(OUT / entry["rttm"]),
                ("dev", *entry["tags"]),
                bool(entry["quick"]),
            )
        )
    for name, audio, rttm in REAL:
        if (CONVERSATIONS / audio).exists():
            found.append(
                Recording(
                    name, CONVERSATIONS / audio, read_rttm(CONVERSATIONS / rttm), ("real",), True
                )
            )
    return [r for r in found if r.quick or not quick]


def half_of(recs: list[Recording]) -> dict[str, str]:
    """Each recording's half, "A" or "B": every other one of each speaker count, in order."""
    seen: dict[int, int] = {}
    out = {}
    for rec in recs:
        index = seen.get(rec.speakers, 0)
        seen[rec.speakers] = index + 1
        out[rec.name] = "AB"[index % 2]
    return out


def frames(segments: Segments, labels: list[str], n: int) -> np.ndarray:
    """``(len(labels), n)`` booleans: who speaks in each 10 ms frame."""
    out = np.zeros((len(labels), n), bool)
    for speaker, start, end in segments:
        out[labels.index(speaker), round(start / FRAME_S) : round(end / FRAME_S)] = True
    return out


def mapping(ref: np.ndarray, hyp: np.ndarray) -> dict[int, int]:
    """Reference row -> hypothesis row, one to one, maximizing the overlapping frames."""
    from scipy.optimize import linear_sum_assignment

    if not len(ref) or not len(hyp):
        return {}
    overlap = ref.astype(np.int32) @ hyp.T.astype(np.int32)
    rows, cols = linear_sum_assignment(-overlap)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True)}


def own_der(ref: np.ndarray, hyp: np.ndarray, pairs: dict[int, int], collar_s: float) -> float:
    n = ref.shape[1]
    scored = np.ones(n, bool)
    if collar_s:
        width = round(collar_s / FRAME_S)
        for row in ref:
            edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])))
            for edge in edges:
                scored[max(0, edge - width) : edge + width] = False
    r = ref[:, scored]
    h = hyp[:, scored]
    n_ref = r.sum(0)
    n_hyp = h.sum(0)
    correct = np.zeros(r.shape[1], np.int32)
    for ri, hi in pairs.items():
        correct += r[ri] & h[hi]
    error = np.maximum(n_ref, n_hyp) - correct
    return float(error.sum() / max(1, n_ref.sum()))


def pyannote_der(ref: Segments, hyp: Segments, collar_s: float, end_s: float) -> float | None:
    try:
        from pyannote.core import Annotation, Segment, Timeline
        from pyannote.metrics.diarization import DiarizationErrorRate
    except ImportError:
        return None

    def annotation(segments: Segments) -> Annotation:
        a = Annotation()
        for i, (speaker, start, end) in enumerate(segments):
            a[Segment(start, end), i] = speaker
        return a

    metric = DiarizationErrorRate(collar=2 * collar_s, skip_overlap=False)
    uem = Timeline([Segment(0.0, end_s)])
    return float(metric(annotation(ref), annotation(hyp), uem=uem))


def score(rec: Recording, hyp: Segments) -> dict[str, object]:
    ref_labels = sorted({s for s, _, _ in rec.reference})
    hyp_labels = sorted({s for s, _, _ in hyp})
    end = max([e for _, _, e in rec.reference] + [e for _, _, e in hyp]) + 1
    n = round(end / FRAME_S)
    ref = frames(rec.reference, ref_labels, n)
    hyp_f = frames(hyp, hyp_labels, n)
    pairs = mapping(ref, hyp_f)
    ref_share = ref.sum(1) / max(1, ref.sum())
    hyp_share = hyp_f.sum(1) / max(1, hyp_f.sum())
    errors = [
        abs(ref_share[r] - (hyp_share[pairs[r]] if r in pairs else 0.0)) for r in range(len(ref))
    ]
    errors += [hyp_share[h] for h in range(len(hyp_f)) if h not in pairs.values()]
    der = {}
    for key, collar in (("der_collar", COLLAR_S), ("der_none", 0.0)):
        value = pyannote_der(rec.reference, hyp, collar, end)
        der[key] = own_der(ref, hyp_f, pairs, collar) if value is None else value
    return {
        "share_err_pp": round(100 * max(errors), 1),
        "found": len(hyp_labels),
        "true": len(ref_labels),
        **{k: round(100 * v, 1) for k, v in der.items()},
        "true_shares": [round(100 * float(s), 1) for s in ref_share],
        "found_shares": [
            round(100 * float(hyp_share[pairs[r]]), 1) if r in pairs else 0.0
            for r in range(len(ref))
        ],
    }


def run_one(rec: Recording, speakers: int | None) -> tuple[Segments, float]:
    from twoway.audio import analyze_audio

    start = time.perf_counter()
    result = analyze_audio(str(rec.audio), speakers=speakers, use_voiceprints=False)
    elapsed = time.perf_counter() - start
    turns = result.conversation.turns
    return [(t.speaker or "?", t.start or 0.0, t.end or 0.0) for t in turns], elapsed


def summary(rows: list[dict[str, object]], mode: str) -> list[str]:
    chosen = [r for r in rows if r["mode"] == mode]
    if not chosen:
        return []

    def med(group: list[dict[str, object]], key: str) -> str:
        values = [float(r[key]) for r in group]  # type: ignore[arg-type]
        return f"{statistics.median(values):.1f}" if values else "-"

    solo = [r for r in chosen if r["true"] == 1]
    duo = [r for r in chosen if r["true"] == 2]
    panel = [r for r in chosen if r["true"] in (3, 4)]
    big = [r for r in chosen if int(r["true"]) >= 5]  # type: ignore[call-overload]
    ninety = [r for r in chosen if str(r["name"]).startswith(("duo-90", "duo-96"))]
    count_right = sum(r["found"] == r["true"] for r in chosen)
    by_half = {h: [r["found"] == r["true"] for r in chosen if r["half"] == h] for h in ("A", "B")}
    return [
        f"{mode}: median largest share error: two people {med(duo, 'share_err_pp')} pp "
        f"({len(duo)}), 3-4 people {med(panel, 'share_err_pp')} pp ({len(panel)}), 5-6 people "
        f"{med(big, 'share_err_pp')} pp ({len(big)}); 90/10: worst "
        f"{max((float(r['share_err_pp']) for r in ninety), default=0):.1f} pp; "  # type: ignore[arg-type]
        f"count right {count_right}/{len(chosen)} (half A {sum(by_half['A'])}/"
        f"{len(by_half['A'])}, B {sum(by_half['B'])}/{len(by_half['B'])}; one voice: "
        f"{sum(r['found'] == 1 for r in solo)}/{len(solo)}); "
        f"median DER {med(chosen, 'der_collar')}% "
        f"(0.25 s collar), {med(chosen, 'der_none')}% (none)"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="The quick subset only.")
    parser.add_argument("--mode", choices=("given", "estimated", "both"), default="both")
    parser.add_argument("--only", action="append", help="Only this recording (repeatable).")
    parser.add_argument("--json", type=Path, help="Write every figure to this file.")
    args = parser.parse_args()
    recs = recordings(args.quick)
    if args.only:
        recs = [r for r in recs if r.name in args.only]
    modes = ["given", "estimated"] if args.mode == "both" else [args.mode]
    der_by = "pyannote.metrics" if pyannote_der([], [], 0, 1.0) is not None else "frame-based (own)"
    print(f"DER by {der_by}; share error in percentage points; time is wall seconds")
    print(
        f"{'recording':24s} {'mode':9s} {'share err':>9s} {'found/true':>10s} "
        f"{'DER 0.25':>8s} {'DER 0':>6s} {'time':>5s}  true -> found shares"
    )
    rows: list[dict[str, object]] = []
    halves = half_of(recordings(False))
    for rec in recs:
        for mode in modes:
            hyp, elapsed = run_one(rec, rec.speakers if mode == "given" else None)
            row = {"name": rec.name, "mode": mode, "tags": rec.tags, "half": halves[rec.name]}
            row.update(score(rec, hyp))
            row["seconds"] = round(elapsed, 2)
            rows.append(row)
            shares = " ".join(
                f"{t:.0f}->{f:.0f}"
                for t, f in zip(row["true_shares"], row["found_shares"], strict=True)  # type: ignore[call-overload]
            )
            print(
                f"{rec.name:24s} {mode:9s} {row['share_err_pp']:>9} "
                f"{str(row['found']) + '/' + str(row['true']):>10s} {row['der_collar']:>8} "
                f"{row['der_none']:>6} {elapsed:>5.1f}  {shares}",
                flush=True,
            )
    for mode in modes:
        for line in summary(rows, mode):
            print(line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
