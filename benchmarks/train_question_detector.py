"""Train the conversation pass's question model (``twoway.analysis.question_context``).

Run from the project root (needs numpy, from ``.[dev]``, and ``../shared/data``):

    python benchmarks/train_question_detector.py            # fit and write the package file
    python benchmarks/train_question_detector.py --eval     # also score every dev set
    python benchmarks/train_question_detector.py --corpora swda,mrda,maptask
    python benchmarks/train_question_detector.py --cv 5 --grid-threshold -0.3 0 --grid-marked -2 0

The model is a logistic regression over ``candidate_features``: closed word classes of the
project's own lexicon, end marks, the rules' verdict and the turns around a candidate. It is
fitted on the **train** splits only (the val splits are what ``questions_eval.py`` reports),
each dialogue as written and again stripped of punctuation and lowercased, plus the interview
set's dev split (this project's own data). The corpora are read in place from ``../shared/data``
and never copied; only one weight per feature is written, to
``src/twoway/analysis/question_data/question_detector.json`` together with the licences of the
data it was fitted on.

``--cv K`` is how choices are made: K folds of dialogues, each scored by a model fitted on the
others, per corpus, as written and stripped (the scorer's conventions), with DailyDialog's train
split, never fitted on, scored by each fold's model as an outside check. Nothing is written and
no val split is read. The thresholds (``--threshold`` on the log odds; ``--marked-threshold`` for
a question the rules count that ends with "?" in text that marks questions) were chosen so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from questions_eval import (
    DIALOGUE_SETS,
    Counts,
    Utterance,
    dialogue_set_available,
    load_dialogues,
    load_interview,
    strip_punctuation,
)
from twoway.analysis.question_context import (
    DETECTOR_FILE,
    Candidate,
    DetectorModel,
    candidates,
    conversation_punctuated,
    judge,
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


@dataclass
class Copy:
    """One dialogue as written or stripped: the rules' candidates (``candidates``), the label of
    each candidate (None: counted neither way) and, for the scorer, of each utterance."""

    stripped: bool
    rows: list[list[Candidate]]
    marked: list[bool]
    labels: list[list[bool | None]]
    gold: list[bool | None] | None  # None: a copy that is not scored (turns)


def _gold(u: Utterance, text: str) -> bool | None:
    if u.gold and u.declarative and "?" not in text:
        return None  # a declarative question without its "?": not required
    return u.gold


def copies(dialogue: list[Utterance], turns: bool = False) -> list[Copy]:
    """The dialogue as written and stripped of punctuation, as ``questions_eval`` scores it; and
    with ``turns`` the same again with each speaker's consecutive utterances joined into one turn,
    as a transcript gives them (a run-on once stripped), each candidate labelled by the
    utterance it starts in."""
    out: list[Copy] = []
    for stripped in (False, True):
        texts = [strip_punctuation(u.text) if stripped else u.text for u in dialogue]
        pairs = [(u.speaker, t) for u, t in zip(dialogue, texts, strict=True)]
        rows, marked = candidates(pairs, conversation_punctuated(texts))
        gold = [_gold(u, t) for u, t in zip(dialogue, texts, strict=True)]
        labels = [[g] * len(row) for g, row in zip(gold, rows, strict=True)]
        out.append(Copy(stripped, rows, marked, labels, gold))
        if not turns:
            continue
        joined: list[tuple[str | None, str]] = []
        parts: list[list[tuple[int, bool | None]]] = []  # (start offset, label) per turn
        for u, t in zip(dialogue, texts, strict=True):
            if joined and joined[-1][0] == u.speaker:
                offset = len(joined[-1][1]) + 1
                joined[-1] = (u.speaker, f"{joined[-1][1]} {t}")
            else:
                offset = 0
                joined.append((u.speaker, t))
                parts.append([])
            parts[-1].append((offset, _gold(u, t)))
        if len(joined) == len(dialogue):
            continue  # no two utterances of a speaker in a row: the same as above
        rows, marked = candidates(joined, conversation_punctuated(texts))
        labels = []
        for row, segs in zip(rows, parts, strict=True):
            labels.append(
                [next(g for start, g in reversed(segs) if start <= q.start) for q, _f, _d in row]
            )
        out.append(Copy(stripped, rows, marked, labels, None))
    return out


def examples(dialogues: list[list[Copy]]) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every candidate the model decides, in every copy."""
    feats: list[list[str]] = []
    labels: list[int] = []
    for both in dialogues:
        for c in both:
            for row, punctuated, row_labels in zip(c.rows, c.marked, c.labels, strict=True):
                for (_q, f, _decided), gold in zip(row, row_labels, strict=True):
                    if f is not None and gold is not None:
                        feats.append(with_mode(f, punctuated))
                        labels.append(int(gold))
    return feats, labels


def score(dialogues: list[list[Copy]], model: DetectorModel | None) -> dict[str, Counts]:
    """Per-utterance counts, as written and stripped, of the pass with ``model``."""
    out = {"punctuated": Counts(), "stripped": Counts()}
    for both in dialogues:
        for c in both:
            if c.gold is None:
                continue
            counts = out["stripped" if c.stripped else "punctuated"]
            for kept, gold in zip(judge(c.rows, c.marked, model), c.gold, strict=True):
                if gold is not None:
                    counts.add(gold, any(q.counts for q in kept))
    return out


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


def load_copies(
    corpora: tuple[str, ...], split: str = "train", turns: bool = False, interview: bool = True
) -> dict[str, list[list[Copy]]]:
    """Every dialogue of each corpus's split (and the interview dev rows), as ``copies``."""
    sources = {name: load_dialogues(name, split) for name in corpora}
    if interview:
        sources["interview"] = interview_dialogues()
    return {name: [copies(d, turns) for d in dialogues] for name, dialogues in sources.items()}


def fit_corpora(
    data: dict[str, list[list[Copy]]], l2: float, steps: int, quiet: bool = False
) -> tuple[dict[str, float], dict[str, int]]:
    """One model over the corpora, each weighing the same whatever its size."""
    all_feats: list[list[str]] = []
    all_labels: list[int] = []
    all_weights: list[float] = []
    sizes: dict[str, int] = {}
    for name, dialogues in data.items():
        feats, labels = examples(dialogues)
        sizes[name] = len(labels)
        # Each corpus weighs the same in all, whatever its size; the interview rows as much as
        # a corpus too (few rows, the product's own kind of text).
        share = 1.0 / max(len(labels), 1)
        all_feats += feats
        all_labels += labels
        all_weights += [share] * len(labels)
        if not quiet:
            print(f"{name}: {len(labels)} candidates, {sum(labels)} questions", file=sys.stderr)
    return fit(all_feats, all_labels, all_weights, l2, steps), sizes


def train(
    corpora: tuple[str, ...], l2: float, steps: int, turns: bool = False
) -> tuple[dict[str, float], dict]:
    weights, sizes = fit_corpora(load_copies(corpora, turns=turns), l2, steps)
    return weights, {"candidates": sizes}


def cross_validate(
    corpora: tuple[str, ...],
    l2: float,
    steps: int,
    thresholds: list[tuple[float, float]],
    folds: int = 5,
    turns: bool = False,
    extra: tuple[str, ...] = ("dailydialog",),
) -> None:
    """Out-of-fold figures on the train splits: each fold of dialogues (of every corpus at once)
    scored by a model fitted on the other folds; the ``extra`` corpora's train splits, never
    fitted on, scored by each fold's model in turn. The val splits are not read. One line per
    corpus, text and pair of thresholds."""
    data = load_copies(corpora, turns=turns)
    held = {
        name: load_copies((name,), turns=False, interview=False)[name]
        for name in extra
        if dialogue_set_available(name) and name not in corpora
    }
    totals = {
        (name, t): {"punctuated": Counts(), "stripped": Counts()}
        for name in (*data, *held)
        for t in thresholds
    }
    for k in range(folds):
        train_part = {n: [d for i, d in enumerate(ds) if i % folds != k] for n, ds in data.items()}
        weights, _ = fit_corpora(train_part, l2, steps, quiet=True)
        for t in thresholds:
            model = DetectorModel(weights, *t)
            for name, dialogues in data.items():
                part = [d for i, d in enumerate(dialogues) if i % folds == k]
                _merge(totals[name, t], score(part, model))
            for name, dialogues in held.items():
                _merge(totals[name, t], score(dialogues[k::folds], model))
        print(f"fold {k + 1}/{folds}", file=sys.stderr)
    for (name, t), by_mode in totals.items():
        for mode, c in by_mode.items():
            d = c.prf()
            print(
                f"{name:12} {mode:10} {t[0]:+.1f}/{t[1]:+.1f} F1 {d['f1']:.3f} "
                f"(P {d['precision']:.3f} R {d['recall']:.3f}; tp {d['tp']} fp {d['fp']} "
                f"fn {d['fn']})"
            )


def _merge(into: dict[str, Counts], more: dict[str, Counts]) -> None:
    for mode, c in more.items():
        t = into[mode]
        t.tp, t.fp, t.fn, t.tn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn, t.tn + c.tn


def write(
    weights: dict[str, float],
    thresholds: tuple[float, float],
    meta: dict,
    corpora: tuple[str, ...],
) -> None:
    names = sorted(weights)
    data = {
        "about": "twoway question detector: logistic regression weights over closed features "
        "(twoway.analysis.question_context.candidate_features), fitted by "
        "benchmarks/train_question_detector.py on the train splits listed; no text of them",
        "trained_on": [LICENCES[c] for c in (*corpora, "interview")],
        "candidates": meta["candidates"],
        "threshold": thresholds[0],
        "marked_threshold": thresholds[1],
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
    parser.add_argument("--threshold", type=float, default=-0.3)
    parser.add_argument(
        "--marked-threshold",
        type=float,
        default=-2.0,
        help='log odds needed to keep a question the rules count that ends with "?" in text '
        "that marks questions",
    )
    parser.add_argument(
        "--cv", type=int, metavar="K", help="K-fold cross-validation on train only; writes nothing"
    )
    parser.add_argument(
        "--grid-threshold", type=float, nargs="*", default=[], help="with --cv: thresholds to try"
    )
    parser.add_argument(
        "--grid-marked", type=float, nargs="*", default=[], help="with --cv: marked ones to try"
    )
    parser.add_argument(
        "--turns",
        action="store_true",
        help="also train on each speaker's consecutive utterances joined into one turn (tried in "
        "round 6: worse in cross-validation on every corpus, so off)",
    )
    parser.add_argument("--eval", action="store_true", help="score the dev (val) sets after")
    parser.add_argument("--dry-run", action="store_true", help="do not write the package file")
    args = parser.parse_args(argv)
    corpora = tuple(c for c in args.corpora.split(",") if c)
    missing = [c for c in corpora if c not in DIALOGUE_SETS or not dialogue_set_available(c)]
    if missing:
        print(f"not available: {', '.join(missing)}", file=sys.stderr)
        return 1
    thresholds = (args.threshold, args.marked_threshold)
    if args.cv:
        grid = [
            (a, b)
            for a in args.grid_threshold or [args.threshold]
            for b in args.grid_marked or [args.marked_threshold]
        ]
        cross_validate(corpora, args.l2, args.steps, grid, args.cv, args.turns)
        return 0
    weights, meta = train(corpora, args.l2, args.steps, args.turns)
    model = DetectorModel(weights, *thresholds)
    if not args.dry_run:
        write(weights, thresholds, meta, corpora)
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
