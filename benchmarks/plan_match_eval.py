"""Precision and recall of ``twoway.prep.match.similarity`` at ``MATCH_THRESHOLD`` on the
labelled (planned, as asked) pairs: the calibration sets chose the threshold and the intent
families; the held-out sets chose nothing.

    python benchmarks/plan_match_eval.py [--sweep] [--show]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from twoway.prep.match import MATCH_THRESHOLD, similarity

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "calibration (tests/data/prep)": ROOT / "tests/data/prep/paraphrases_calibration.tsv",
    "calibration (networking)": ROOT / "benchmarks/data/plan_match/calibration.tsv",
    "held-out (tests/data/prep)": ROOT / "tests/data/prep/paraphrases_heldout.tsv",
    "held-out (networking)": ROOT / "benchmarks/data/plan_match/heldout.tsv",
    "blind (independent writer)": ROOT / "benchmarks/data/plan_match_blind/pairs.tsv",
}


def pairs(path: Path) -> list[tuple[bool, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, planned, asked = line.split("\t")
        out.append(
            (label == "1", planned.replace("{company}", "Acme"), asked.replace("{company}", "Acme"))
        )
    return out


def measure(
    items: list[tuple[bool, str, str]], threshold: float, show: bool = False
) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for label, planned, asked in items:
        score = similarity(planned, asked)
        hit = score >= threshold
        tp += hit and label
        fp += hit and not label
        fn += label and not hit
        if show and hit != label:
            print(f"  {'FP' if hit else 'FN'} {score:5.1f}  {planned} | {asked}")
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if args.sweep:
        calib = pairs(SETS["calibration (tests/data/prep)"]) + pairs(
            SETS["calibration (networking)"]
        )
        for t in range(50, 90, 2):
            tp, fp, fn = measure(calib, t)
            p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
            print(f"{t}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    for name, path in SETS.items():
        items = pairs(path)
        print(name)
        tp, fp, fn = measure(items, MATCH_THRESHOLD, args.show)
        positives = sum(1 for label, _, _ in items if label)
        precision = f"{tp / max(1, tp + fp):.3f} ({tp}/{tp + fp})"
        recall = f"{tp / max(1, tp + fn):.3f} ({tp}/{tp + fn})"
        print(f"  pairs {len(items)} ({positives} paraphrases): P {precision}, R {recall}")


if __name__ == "__main__":
    main()
