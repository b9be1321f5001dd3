"""Train the plan matcher's model (``twoway.prep.match.similarity``) and measure it honestly.

Run from the project root (needs numpy, from ``.[dev]``):

    python benchmarks/train_plan_matcher.py --eval   # grouped cross-validation, writes nothing
    python benchmarks/train_plan_matcher.py          # fit on every set, write match_model.json

The model is a class-balanced logistic regression (L2) over ``match_features``: the old rule
blend, word coverage both ways, the cosine of mean word vectors, the question word, the intent
families, perspective, theme and topic. A planned question counts as asked at probability 0.5
(``MATCH_THRESHOLD`` 50), not a threshold tuned on any set.

``--eval`` splits the independent writer's blind pairs (benchmarks/data/plan_match_blind) into
five folds **by planned question**, so no planned question is in both the training and the
scored fold, and fits each fold's model on the other folds plus every author-written set; it
prints the pooled out-of-fold precision and recall. The author-written held-out sets are scored
by a model fitted on everything else, the same way (grouped by planned question).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

import numpy as np

from plan_match_eval import SETS, pairs  # benchmarks/, the folder of this script
from twoway.prep.match import match_features

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "twoway" / "prep" / "match_model.json"
FOLDS = 5

Row = tuple[str, dict[str, float], int, str]  # (set, features, label, planned)


def rows() -> list[Row]:
    out: list[Row] = []
    for name, path in SETS.items():
        for label, planned, asked in pairs(path):
            out.append((name, match_features(planned, asked), int(label), planned))
    return out


def fit(train: list[Row], names: list[str], l2: float) -> tuple[np.ndarray, float]:
    x = np.array([[f[n] for n in names] for _s, f, _y, _p in train])
    y = np.array([y for _s, _f, y, _p in train], dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    pos = y.sum()
    weight = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * (len(y) - pos)))
    w, b = np.zeros(len(names)), 0.0
    for _ in range(4000):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = weight * (p - y)
        w -= 0.2 * (z.T @ g / len(y) + l2 * w)
        b -= 0.2 * g.mean()
    raw = w / std
    return raw, float(b - (raw * mean).sum())


def score(rows_: list[Row], names: list[str], w: np.ndarray, b: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for _s, f, y, _p in rows_:
        hit = b + sum(w[i] * f[n] for i, n in enumerate(names)) >= 0.0
        tp += hit and y
        fp += hit and not y
        fn += y and not hit
    return tp, fp, fn


def fold(planned: str) -> int:
    return zlib.crc32(planned.encode()) % FOLDS


def report(label: str, tp: int, fp: int, fn: int) -> None:
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"{label:34} P {p:.3f} ({tp}/{tp + fp})  R {r:.3f} ({tp}/{tp + fn})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", action="store_true")
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args()
    data = rows()
    names = sorted(data[0][1])
    if args.eval:
        for name in SETS:
            total = [0, 0, 0]
            for k in range(FOLDS):
                test = [r for r in data if r[0] == name and fold(r[3]) == k]
                train = [r for r in data if not (r[0] == name or fold(r[3]) == k)]
                train += [r for r in data if r[0] == name and fold(r[3]) != k]
                w, b = fit(train, names, args.l2)
                total = [t + s for t, s in zip(total, score(test, names, w, b), strict=True)]
            report(f"{name}, out of fold", *total)
        return 0
    w, b = fit(data, names, args.l2)
    payload = {
        "about": "plan matcher: logistic regression over twoway.prep.match.match_features, "
        "trained by benchmarks/train_plan_matcher.py on " + ", ".join(SETS),
        "bias": round(b, 6),
        "weights": {n: round(float(v), 6) for n, v in zip(names, w, strict=True)},
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
