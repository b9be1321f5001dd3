"""Train the conversation pass's question model (``twoway.analysis.question_context``).

Run from the project root (needs numpy, from ``.[dev]``, and ``../shared/data``):

    python benchmarks/train_question_detector.py            # fit and write the package file
    python benchmarks/train_question_detector.py --eval     # also score every dev set
    python benchmarks/train_question_detector.py --corpora swda,mrda,maptask

The model is a logistic regression over ``candidate_features``: closed word classes of the
project's own lexicon, end marks, the rules' verdict and the turns around a candidate. It is
fitted on the **train** splits only (the val splits are what ``questions_eval.py`` reports),
each dialogue as written and again stripped of punctuation and lowercased, plus the interview
set's dev split (this project's own data). The corpora are read in place from ``../shared/data``
and never copied; only one weight per feature is written, to
``src/twoway/analysis/question_data/question_detector.json`` together with the licences of the
data it was fitted on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from questions_eval import (
    DIALOGUE_SETS,
    Utterance,
    dialogue_set_available,
    load_dialogues,
    load_interview,
    strip_punctuation,
)
from twoway.analysis.question_context import (
    DETECTOR_FILE,
    DetectorModel,
    candidates,
    conversation_punctuated,
    with_mode,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "twoway" / "analysis" / DETECTOR_FILE
# The default: the corpora whose licence is GPL (their data, not their text, is in the weights);
# DailyDialog (CC BY-NC-SA 4.0: non-commercial) is left out of what ships. docs/questions.md.
DEFAULT_CORPORA = ("swda", "mrda", "maptask")
LICENCES = {
    "swda": "Switchboard Dialog Act corpus (NathanDuran/Switchboard-Corpus, GPL-3.0; upstream "
    "SwDA GPL-2.0; Switchboard transcripts are LDC material)",
    "mrda": "ICSI Meeting Recorder Dialog Act corpus (NathanDuran/MRDA-Corpus, GPL-3.0)",
    "maptask": "HCRC Map Task corpus (NathanDuran/Maptask-Corpus, GPL-3.0; HCRC annotations)",
    "dailydialog": "DailyDialog (ConvLab-3 unified data, CC BY-NC-SA 4.0)",
    "interview": "benchmarks/data/interview_questions.tsv, dev split (Apache-2.0, this project)",
}
MIN_COUNT = 5
SCALE = 1000  # weights are stored as integers in thousandths


def interview_dialogues() -> list[list[Utterance]]:
    """The interview set's dev split, each utterance a one-turn conversation."""
    return [[Utterance("A", r.text, r.questions > 0)] for r in load_interview() if r.split == "dev"]


def examples(
    dialogues: list[list[Utterance]],
) -> tuple[list[list[str]], list[int], list[tuple[int, int]]]:
    """Features and labels of every candidate, as written and stripped; and for each candidate
    its (dialogue number, utterance index) in the stripped-or-not copy, for scoring."""
    feats: list[list[str]] = []
    labels: list[int] = []
    where: list[tuple[int, int]] = []
    for d, dialogue in enumerate(dialogues):
        for stripped in (False, True):
            turns = [
                (u.speaker, strip_punctuation(u.text) if stripped else u.text) for u in dialogue
            ]
            rows, marked = candidates(turns, conversation_punctuated([t for _, t in turns]))
            for i, (u, (_, text), row, punctuated) in enumerate(
                zip(dialogue, turns, rows, marked, strict=True)
            ):
                gold = u.gold
                if gold and u.declarative and "?" not in text:
                    gold = None
                if gold is None:
                    continue
                for _q, f, _decided in row:
                    if f is None:
                        continue
                    feats.append(with_mode(f, punctuated))
                    labels.append(int(gold))
                    where.append((2 * d + stripped, i))
    return feats, labels, where


def fit(
    feats: list[list[str]], labels: list[int], weights: list[float], l2: float, steps: int
) -> dict[str, float]:
    """L2-regularized logistic regression by full-batch Adam (numpy only)."""
    counts = Counter(f for fs in feats for f in set(fs))
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT or f == "bias")
    index = {f: i for i, f in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    for r, fs in enumerate(feats):
        for f in set(fs):
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    row = np.asarray(rows)
    col = np.asarray(cols)
    y = np.asarray(labels, dtype=float)
    sw = np.asarray(weights, dtype=float)
    sw = sw / sw.sum()
    w = np.zeros(len(names))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    reg = np.full(len(names), l2)
    reg[index["bias"]] = 0.0
    for t in range(1, steps + 1):
        z = np.bincount(row, weights=w[col], minlength=len(y))
        p = 1.0 / (1.0 + np.exp(-z))
        g = np.bincount(col, weights=((p - y) * sw)[row], minlength=len(w)) + reg * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-9)
    return {f: float(x) for f, x in zip(names, w, strict=True) if abs(x) >= 0.5 / SCALE}


def train(corpora: tuple[str, ...], l2: float, steps: int) -> tuple[dict[str, float], dict]:
    all_feats: list[list[str]] = []
    all_labels: list[int] = []
    all_weights: list[float] = []
    sizes: dict[str, int] = {}
    sources = [(name, load_dialogues(name, "train")) for name in corpora]
    sources.append(("interview", interview_dialogues()))
    for name, dialogues in sources:
        feats, labels, _ = examples(dialogues)
        sizes[name] = len(labels)
        # Each corpus weighs the same in all, whatever its size; the interview rows as much as
        # a corpus too (few rows, the product's own kind of text).
        share = 1.0 / max(len(labels), 1)
        all_feats += feats
        all_labels += labels
        all_weights += [share] * len(labels)
        print(f"{name}: {len(labels)} candidates, {sum(labels)} questions", file=sys.stderr)
    weights = fit(all_feats, all_labels, all_weights, l2, steps)
    return weights, {"candidates": sizes}


def write(
    weights: dict[str, float], threshold: float, meta: dict, corpora: tuple[str, ...]
) -> None:
    names = sorted(weights)
    data = {
        "about": "twoway question detector: logistic regression weights over closed features "
        "(twoway.analysis.question_context.candidate_features), fitted by "
        "benchmarks/train_question_detector.py on the train splits listed; no text of them",
        "trained_on": [LICENCES[c] for c in (*corpora, "interview")],
        "candidates": meta["candidates"],
        "threshold": threshold,
        "scale": SCALE,
        "features": "\n".join(names),
        "weights": [round(weights[f] * SCALE) for f in names],
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(names)} features)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=",".join(DEFAULT_CORPORA))
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--threshold", type=float, default=0.0)
    parser.add_argument("--eval", action="store_true", help="score the dev (val) sets after")
    parser.add_argument("--dry-run", action="store_true", help="do not write the package file")
    args = parser.parse_args(argv)
    corpora = tuple(c for c in args.corpora.split(",") if c)
    missing = [c for c in corpora if c not in DIALOGUE_SETS or not dialogue_set_available(c)]
    if missing:
        print(f"not available: {', '.join(missing)}", file=sys.stderr)
        return 1
    weights, meta = train(corpora, args.l2, args.steps)
    model = DetectorModel(weights, args.threshold)
    if not args.dry_run:
        write(weights, args.threshold, meta, corpora)
    if args.eval:
        from questions_eval import conversation_detect, evaluate_dialogues, per_turn_detect

        for name in DIALOGUE_SETS:
            if not dialogue_set_available(name):
                continue
            dialogues = load_dialogues(name, "val")
            rules = evaluate_dialogues(dialogues, per_turn_detect)
            ours = evaluate_dialogues(dialogues, lambda pairs: conversation_detect(pairs, model))
            for mode in ("punctuated", "stripped"):
                a, b, r = (
                    ours[mode]["detector"],
                    rules[mode]["detector"],
                    ours[mode]["question_mark_rule"],
                )
                print(
                    f"{name:12} {mode:10} F1 {a['f1']:.3f} (P {a['precision']:.3f} R "
                    f"{a['recall']:.3f}); rules {b['f1']:.3f}; '?' {r['f1']:.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
