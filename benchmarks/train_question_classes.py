"""Train and measure the learned fallback of ``topic_of`` / ``kind_of``.

The classifiers are keyword rules (``twoway.analysis._question_topics``). When no rule fires, a
multinomial naive Bayes model over word unigrams and bigrams decides instead. This script builds
that model from

* ``benchmarks/data/question_classes_train.tsv``: questions across many industries and job
  levels written for training and development (see its header);
* the ``dev`` split of ``benchmarks/data/interview_questions.tsv`` (never its ``test`` split);
* the topic tags of the question bank ``src/twoway/prep/question_bank.toml``;

and writes its counts to ``src/twoway/analysis/question_data/question_classes.json``. Only the
topic model is shipped: a kind model gained one question in cross-validation but turned
follow-ups on a candidate's past work ("How did you measure whether the migration worked?"),
which are "other" by convention, into "behavioral" with 99% confidence. The output
depends only on those files: same input, same bytes. ``interview_blind.tsv`` is never read.

Run:

* ``python benchmarks/train_question_classes.py``: rebuild the weights;
* ``python benchmarks/train_question_classes.py --check``: rebuild in memory and fail if the
  stored file differs (for CI);
* ``python benchmarks/train_question_classes.py --eval``: rules alone vs. rules plus fallback,
  by 5-fold cross-validation on the training set (the model refitted on every fold, without the
  held-out fold) and on the interview ``dev``/``test`` splits (``--errors`` lists the misses).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from twoway.analysis import _question_topics as qt
from twoway.analysis.questions import find_questions

HERE = Path(__file__).resolve().parent
TRAIN_TSV = HERE / "data" / "question_classes_train.tsv"
INTERVIEW_TSV = HERE / "data" / "interview_questions.tsv"
BANK_TOML = HERE.parent / "src" / "twoway" / "prep" / "question_bank.toml"
OUT_JSON = HERE.parent / "src" / "twoway" / "analysis" / qt.MODEL_FILE

FOLDS = 5
ALPHA = 0.3  # additive smoothing
MIN_CONFIDENCE = 0.9  # below this posterior the fallback answers "other"
MIN_COUNT = 1  # keep features seen at least this often in the training data


@dataclass(frozen=True)
class Example:
    source: str  # train, dev, test, bank
    role: str  # candidate or interviewer
    label: str
    text: str

    @property
    def task(self) -> str:
        return "topic" if self.role == "candidate" else "kind"

    @property
    def fold(self) -> int:
        return zlib.crc32(self.text.encode("utf-8")) % FOLDS


def _tsv(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
        else:
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def load_train() -> list[Example]:
    return [Example("train", r["role"], r["label"], r["text"]) for r in _tsv(TRAIN_TSV)]


def load_interview(split: str) -> list[Example]:
    """Single-question rows of one split, as the evaluation classifies them: the question found
    in the utterance, or the whole utterance when none is."""
    out: list[Example] = []
    for r in _tsv(INTERVIEW_TSV):
        if r["split"] != split or r["questions"] != "1":
            continue
        found = [q for q in find_questions(r["text"]) if q.counts]
        out.append(Example(split, r["role"], r["label"], found[0].text if found else r["text"]))
    return out


def load_bank() -> list[Example]:
    data = tomllib.loads(BANK_TOML.read_text(encoding="utf-8"))
    return [
        Example("bank", "candidate", q["topic"], q["text"].replace("{company}", "the company"))
        for q in data["question"]
        if "{interviewer}" not in q["text"] and "{role}" not in q["text"]
    ] + [
        Example(
            "bank",
            "candidate",
            q["topic"],
            q["text"].replace("{company}", "the company").replace("{role}", "this role"),
        )
        for q in data["question"]
        if "{role}" in q["text"] and "{interviewer}" not in q["text"]
    ]


# --- naive Bayes ----------------------------------------------------------------------------------


def fit(examples: Iterable[Example], task: str) -> dict[str, object]:
    """Counts for one task: labels, docs and totals per label, features: {feature: [counts]}."""
    labels = sorted(qt.TOPIC_LABELS if task == "topic" else qt.KIND_LABELS)
    index = {lab: i for i, lab in enumerate(labels)}
    docs = [0] * len(labels)
    counts: dict[str, list[int]] = {}
    for ex in examples:
        if ex.task != task:
            continue
        i = index[ex.label]
        docs[i] += 1
        for feat in qt.features(ex.text):
            counts.setdefault(feat, [0] * len(labels))[i] += 1
    kept = {f: c for f, c in sorted(counts.items()) if sum(c) >= MIN_COUNT}
    totals = [sum(c[i] for c in kept.values()) for i in range(len(labels))]
    return {"labels": labels, "docs": docs, "totals": totals, "features": kept}


def build(examples: list[Example], tasks: tuple[str, ...] = ("topic",)) -> dict[str, object]:
    """What the package stores: the topic model only (see ``evaluate`` for why not the kind)."""
    return {
        "format": 1,
        "model": "multinomial naive Bayes over word unigrams and bigrams",
        "alpha": ALPHA,
        "min_confidence": MIN_CONFIDENCE,
        "sources": dict(sorted(Counter(ex.source for ex in examples).items())),
        **{task: fit(examples, task) for task in tasks},
    }


def training_examples() -> list[Example]:
    return load_train() + load_interview("dev") + load_bank()


def dump(model: dict[str, object]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


# --- evaluation -----------------------------------------------------------------------------------


Classifier = Callable[[str, str], str]  # (task, text) -> label


def rules_only(task: str, text: str) -> str:
    return qt.rule_label(text, qt._TOPIC_RULES if task == "topic" else qt._KIND_RULES) or "other"


def with_model(model: qt.NaiveBayes, kind_model: qt.NaiveBayes) -> Classifier:
    def classify(task: str, text: str) -> str:
        rules = qt._TOPIC_RULES if task == "topic" else qt._KIND_RULES
        label = qt.rule_label(text, rules)
        return label or (model if task == "topic" else kind_model).predict(text)

    return classify


def model_only(model: qt.NaiveBayes, kind_model: qt.NaiveBayes) -> Classifier:
    def classify(task: str, text: str) -> str:
        return (model if task == "topic" else kind_model).predict(text)

    return classify


def _models(examples: list[Example]) -> tuple[qt.NaiveBayes, qt.NaiveBayes]:
    data = json.loads(dump(build(examples, ("topic", "kind"))))
    return qt.model_from_json(data, "topic"), qt.model_from_json(data, "kind")


def accuracy(
    examples: list[Example], classify: Classifier, task: str, errors: list[str] | None = None
) -> tuple[int, int]:
    right = n = 0
    for ex in examples:
        if ex.task != task:
            continue
        pred = classify(task, ex.text)
        n += 1
        right += pred == ex.label
        if errors is not None and pred != ex.label:
            errors.append(f"{ex.source:5} {task:5} gold={ex.label:12} pred={pred:12} {ex.text}")
    return right, n


def shipped_cv() -> dict[str, dict[str, float | int]]:
    """5-fold cross-validation of ``topic_of`` and ``kind_of`` as shipped (the topic fallback
    refitted without the held-out fold) on the training set."""
    train = load_train()
    extra = load_interview("dev") + load_bank()
    right = Counter[str]()
    n = Counter[str]()
    for k in range(FOLDS):
        topic_m, _ = _models([ex for ex in train if ex.fold != k] + extra)
        for ex in train:
            if ex.fold != k:
                continue
            label = rules_only(ex.task, ex.text)
            if ex.task == "topic" and not qt.rule_label(ex.text, qt._TOPIC_RULES):
                label = topic_m.predict(ex.text)
            right[ex.task] += label == ex.label
            n[ex.task] += 1
    return {t: {"accuracy": round(right[t] / n[t], 3), "n": n[t]} for t in ("topic", "kind")}


def evaluate(show_errors: str | None) -> None:
    train = load_train()
    dev, test, bank = load_interview("dev"), load_interview("test"), load_bank()
    extra = dev + bank
    print(f"training set: {len(train)} rows; dev {len(dev)}, bank {len(bank)}; test {len(test)}")
    print(f"{'set':24} {'task':6} {'rules':>14} {'+fallback':>14} {'model alone':>14}")

    def line(name: str, scores: list[tuple[int, int]]) -> str:
        return "".join(f" {r / n:.3f} ({r:3}/{n:3})" if n else " -" for r, n in scores)

    # Cross-validation on the training set: the model is refitted without the held-out fold
    # (and with all of dev and the bank); the rules are fixed.
    for task in ("topic", "kind"):
        totals = [[0, 0], [0, 0], [0, 0]]
        errors: list[str] | None = [] if show_errors == "train" else None
        for k in range(FOLDS):
            held = [ex for ex in train if ex.fold == k]
            topic_m, kind_m = _models([ex for ex in train if ex.fold != k] + extra)
            for i, clf in enumerate(
                (rules_only, with_model(topic_m, kind_m), model_only(topic_m, kind_m))
            ):
                r, n = accuracy(held, clf, task, errors if i == 1 else None)
                totals[i][0] += r
                totals[i][1] += n
        print(f"{'train (5-fold CV)':24} {task:6}" + line("", [(r, n) for r, n in totals]))
        for e in errors or []:
            print("   ", e)
    # The rules alone on two fixed parts of the training set: folds 0-2, whose errors were read
    # while writing the rules, and folds 3-4, of which only these figures were looked at.
    for name, part in (
        ("train folds 0-2 (tuned)", [ex for ex in train if ex.fold < 3]),
        ("train folds 3-4 (check)", [ex for ex in train if ex.fold >= 3]),
    ):
        for task in ("topic", "kind"):
            errors = [] if show_errors == "tune" and name.endswith("(tuned)") else None
            print(f"{name:24} {task:6}" + line("", [accuracy(part, rules_only, task, errors)]))
            for e in errors or []:
                print("   ", e)
    # The interview splits: the model is fitted on train + bank (+ dev when scoring test).
    for name, part, fit_on in (
        ("interview_dev", dev, train + bank),
        ("interview_test", test, train + dev + bank),
    ):
        topic_m, kind_m = _models(fit_on)
        for task in ("topic", "kind"):
            errors = [] if show_errors == name.split("_")[1] else None
            scores = [
                accuracy(part, rules_only, task),
                accuracy(part, with_model(topic_m, kind_m), task, errors),
                accuracy(part, model_only(topic_m, kind_m), task),
            ]
            print(f"{name:24} {task:6}" + line("", scores))
            for e in errors or []:
                print("   ", e)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the stored file differs")
    parser.add_argument("--eval", action="store_true", help="cross-validate instead of writing")
    parser.add_argument("--errors", choices=("train", "tune", "dev", "test"), help="with --eval")
    args = parser.parse_args(argv)
    if args.eval:
        evaluate(args.errors)
        return 0
    text = dump(build(training_examples()))
    if args.check:
        same = OUT_JSON.exists() and OUT_JSON.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT_JSON} is out of date: rerun without --check")
        return 0 if same else 1
    OUT_JSON.parent.mkdir(exist_ok=True)
    OUT_JSON.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_JSON.relative_to(HERE.parent)} ({len(text.encode()) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
