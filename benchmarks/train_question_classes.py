"""Train and measure the learned part of ``topic_of`` / ``kind_of``.

The classifiers are keyword rules (``twoway.analysis._question_topics``) plus, for every label,
``MODEL_WEIGHT`` times the log posterior (floored at ``LOG_FLOOR``) of a multinomial naive Bayes
model over word unigrams and bigrams: the model decides when no rule fires and can overrule a
weak cue. This script builds one model per task (topic, kind) from

* ``benchmarks/data/question_classes_train.tsv``: questions across many industries and job
  levels written for training and development by the rules' author (see its header; "set 1");
* ``benchmarks/data/question_classes_train2.tsv``: the same, written and labelled independently
  by a second writer before any system run ("set 2");
* ``benchmarks/data/question_classes_train3.tsv``: a third writer's, labelled by the labelling
  guide in ``docs/questions.md`` before any system run ("set 3");
* ``benchmarks/data/question_classes_train4.tsv``: a fourth writer's, in the style of transcribed
  speech, labelled the same way ("set 4");
* ``benchmarks/data/question_classes_train5.tsv``: a fifth writer's, on the boundaries between
  labels ("set 5");
* the ``dev`` split of ``benchmarks/data/interview_questions.tsv`` (never its ``test`` split);
* the topic tags of the question bank ``src/twoway/prep/question_bank.toml``;

and writes its counts to ``src/twoway/analysis/question_data/question_classes.json``. The output
depends only on those files: same input, same bytes. The ``interview_blind*.tsv`` sets are never
read.

Run:

* ``python benchmarks/train_question_classes.py``: rebuild the weights;
* ``python benchmarks/train_question_classes.py --check``: rebuild in memory and fail if the
  stored file differs (for CI);
* ``python benchmarks/train_question_classes.py --eval``: rules alone vs. rules plus model vs.
  model alone, across writers (fitted on one writer's set + bank + interview dev, scored on the
  other writers' sets), by 5-fold cross-validation on each set, and on the interview
  ``dev``/``test`` splits (``--errors`` lists the misses of rules plus model).
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import tomllib
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from twoway.analysis import _question_topics as qt
from twoway.analysis.questions import find_questions

HERE = Path(__file__).resolve().parent
# The writers' sets: name -> (source tag, file). Set 1 is the rules' author's.
WRITER_SETS = {
    f"set{k}": (
        f"train{'' if k == 1 else k}",
        HERE / "data" / f"question_classes_train{'' if k == 1 else k}.tsv",
    )
    for k in range(1, 6)
}
INTERVIEW_TSV = HERE / "data" / "interview_questions.tsv"
BANK_TOML = HERE.parent / "src" / "twoway" / "prep" / "question_bank.toml"
OUT_JSON = HERE.parent / "src" / "twoway" / "analysis" / qt.MODEL_FILE
WORDS_JSON = HERE.parent / "src" / "twoway" / "analysis" / qt.WORDS_FILE
VECTORS_NPZ = HERE / "data" / "word_vectors.npz"  # benchmarks/build_word_vectors.py

FOLDS = 5
ALPHA = 0.05  # additive smoothing
MODEL_WEIGHT = 0.5  # rule score + MODEL_WEIGHT * max(log posterior, LOG_FLOOR)
LOG_FLOOR = -6.0
MIN_COUNT = 1  # keep features seen at least this often in the training data
WORDS_WEIGHT = 0.8  # ... + WORDS_WEIGHT * max(word-vector model's log posterior, LOG_FLOOR)
WORDS_L2 = 1e-4  # L2 penalty of the word-vector model (on the mean log loss)
WORDS_STEPS = 1500  # full-batch Adam steps
WORDS_RATE = 0.05


@dataclass(frozen=True)
class Example:
    source: str  # train, train2 ... train5, dev, test, bank
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


def load_set(name: str) -> list[Example]:
    """One writer's questions ("set1" ... "set5")."""
    source, path = WRITER_SETS[name]
    return [Example(source, r["role"], r["label"], r["text"]) for r in _tsv(path)]


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
    """Counts for one task: labels, docs and totals per label, each feature's counts."""
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
    flat = np.array([x for c in kept.values() for x in c], dtype="<u2")
    return {
        "labels": labels,
        "docs": docs,
        "totals": totals,
        # One feature a line, and their counts (one per label, in ``labels`` order) as
        # little-endian uint16, base64: parsing this is a split, not 20,000 JSON lists.
        "features": "\n".join(kept),
        "counts": base64.b64encode(flat.tobytes()).decode("ascii"),
    }


def build(examples: list[Example], tasks: tuple[str, ...] = ("topic", "kind")) -> dict[str, object]:
    """What the package stores: both models and how they join the rules."""
    return {
        "format": 3,
        "model": "multinomial naive Bayes over word unigrams and bigrams",
        "alpha": ALPHA,
        "model_weight": MODEL_WEIGHT,
        "log_floor": LOG_FLOOR,
        "sources": dict(sorted(Counter(ex.source for ex in examples).items())),
        **{task: fit(examples, task) for task in tasks},
    }


# --- the word-vector model --------------------------------------------------------------------


@lru_cache(maxsize=1)
def word_vectors() -> tuple[list[str], dict[str, int], np.ndarray]:
    """The words, their rows, and their vectors (dequantized) from ``word_vectors.npz``."""
    with np.load(VECTORS_NPZ) as data:
        words = [str(w) for w in data["words"]]
        vectors = data["vectors"].astype(np.float64) * data["scales"].astype(np.float64)
    return words, {w: i for i, w in enumerate(words)}, vectors


def mean_vector(text: str) -> np.ndarray | None:
    """The mean vector of the known words of ``text`` (as ``WordVectorModel`` reads it)."""
    _, index, vectors = word_vectors()
    rows = [index[w] for w in qt._normalize(text).split() if w in index]
    return vectors[rows].mean(axis=0) if rows else None


def fit_words(examples: Iterable[Example], task: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Multinomial logistic regression on mean word vectors: (labels, bias, weights)."""
    labels = sorted(qt.TOPIC_LABELS if task == "topic" else qt.KIND_LABELS)
    xs: list[np.ndarray] = []
    ys: list[int] = []
    for ex in examples:
        if ex.task == task and (v := mean_vector(ex.text)) is not None:
            xs.append(v)
            ys.append(labels.index(ex.label))
    x = np.array(xs)
    y = np.zeros((len(ys), len(labels)))
    y[np.arange(len(ys)), ys] = 1.0
    w = np.zeros((len(labels), x.shape[1]))
    b = np.zeros(len(labels))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, WORDS_STEPS + 1):
        z = x @ w.T + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / len(ys)
        grads = (g.T @ x + WORDS_L2 * w, g.sum(axis=0))
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= WORDS_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return labels, b, w


def build_words(examples: list[Example]) -> dict[str, object]:
    """What the package stores of the word-vector model: one int8 score row per word."""
    words, _, vectors = word_vectors()
    out: dict[str, object] = {
        "format": 1,
        "model": "logistic regression on mean word vectors, stored as W.v per word",
        "vectors": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), PCA, int8",
        "weight": WORDS_WEIGHT,
        "words": " ".join(words),
    }
    for task in ("topic", "kind"):
        labels, bias, w = fit_words(examples, task)
        scores = vectors @ w.T
        scale = float(np.abs(scores).max()) / 127.0
        rows = np.round(scores / scale).astype(np.int8)
        out[task] = {
            "labels": labels,
            "bias": [round(float(x), 5) for x in bias],
            "scale": round(scale, 8),
            "scores": base64.b64encode(rows.tobytes()).decode("ascii"),
        }
    return out


def words_match(stored: dict[str, object], built: dict[str, object]) -> bool:
    """Same words and labels, and scores within one quantization step (float noise)."""
    if {k: v for k, v in stored.items() if k not in ("topic", "kind")} != {
        k: v for k, v in built.items() if k not in ("topic", "kind")
    }:
        return False
    for task in ("topic", "kind"):
        a, b = stored[task], built[task]
        assert isinstance(a, dict) and isinstance(b, dict)
        if a["labels"] != b["labels"]:
            return False
        if not np.allclose(a["bias"], b["bias"], atol=1e-3) or abs(a["scale"] - b["scale"]) > (
            1e-3 * b["scale"]
        ):
            return False
        ra = np.frombuffer(base64.b64decode(a["scores"]), dtype=np.int8).astype(int)
        rb = np.frombuffer(base64.b64decode(b["scores"]), dtype=np.int8).astype(int)
        if ra.shape != rb.shape or np.abs(ra - rb).max() > 1:
            return False
    return True


def training_examples() -> list[Example]:
    return (
        [ex for name in WRITER_SETS for ex in load_set(name)] + load_interview("dev") + load_bank()
    )


def dump(model: dict[str, object]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


# --- evaluation -----------------------------------------------------------------------------------


Classifier = Callable[[str, str], str]  # (task, text) -> label


def rules_only(task: str, text: str) -> str:
    return qt.rule_label(text, qt._TOPIC_RULES if task == "topic" else qt._KIND_RULES) or "other"


def _stored_form(examples: list[Example]) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(dump(build(examples)))
    return loaded


def with_model(examples: list[Example], words: bool = True) -> Classifier:
    """``topic_of``/``kind_of`` as shipped, with the models fitted on ``examples`` (without the
    word-vector model when ``words`` is False)."""
    data = _stored_form(examples)
    vectors = json.loads(dump(build_words(examples))) if words else None
    combined = {task: qt.combined_from_json(data, task, vectors) for task in ("topic", "kind")}
    return lambda task, text: combined[task].label(text)


def model_only(examples: list[Example]) -> Classifier:
    data = _stored_form(examples)
    models = {task: qt.model_from_json(data, task) for task in ("topic", "kind")}
    return lambda task, text: models[task].predict(text)


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
            errors.append(f"{ex.source:6} {task:5} gold={ex.label:12} pred={pred:12} {ex.text}")
    return right, n


def _score(right: int, n: int) -> dict[str, float | int]:
    return {"accuracy": round(right / n, 3) if n else 0.0, "n": n}


def cv_folds(name: str) -> Iterator[tuple[list[Example], list[Example]]]:
    """5-fold cross-validation over one writer's set: each fold, and what the models are fitted
    on without it (the rest of the set, the other writers' sets, interview dev and the bank)."""
    sets = writer_sets()
    rest = [ex for other, part in sets.items() if other != name for ex in part]
    rest += load_interview("dev") + load_bank()
    for k in range(FOLDS):
        held = [ex for ex in sets[name] if ex.fold == k]
        yield held, [ex for ex in sets[name] if ex.fold != k] + rest


def shipped_cv() -> dict[str, dict[str, float | int]]:
    """5-fold cross-validation of ``topic_of`` and ``kind_of`` as shipped on set 1 (the models
    refitted on every fold without the held-out fold)."""
    right = Counter[str]()
    n = Counter[str]()
    for held, fit_on in cv_folds("set1"):
        classify = with_model(fit_on)
        for task in ("topic", "kind"):
            r, m = accuracy(held, classify, task)
            right[task] += r
            n[task] += m
    return {t: _score(right[t], n[t]) for t in ("topic", "kind")}


UNREAD_FOLDS = (3, 4)  # folds of sets 2-5 whose errors were never read to write rules


def writer_sets() -> dict[str, list[Example]]:
    return {name: load_set(name) for name in WRITER_SETS}


def cross_writer() -> dict[str, dict[str, float | int]]:
    """``topic_of``/``kind_of`` with the models fitted on the other writers' sets (+ bank +
    interview dev) and scored on one writer's set. The rules were written reading set 1 and
    folds 0-2 of sets 2 and 3 (never sets 4 and 5), so the fair figures are "-> set2 (folds
    3-4)", "-> set3 (folds 3-4)", "-> set4" and "-> set5" (docs/questions.md)."""
    sets = writer_sets()
    extra = load_interview("dev") + load_bank()
    out: dict[str, dict[str, float | int]] = {}
    for name, score_on in sets.items():
        fit_on = [ex for other, part in sets.items() if other != name for ex in part]
        classify = with_model(fit_on + extra)
        unread = [ex for ex in score_on if ex.fold in UNREAD_FOLDS]
        for task in ("topic", "kind"):
            out[f"others->{name} {task}"] = _score(*accuracy(score_on, classify, task))
            if name != "set1":
                out[f"others->{name} (folds 3-4) {task}"] = _score(
                    *accuracy(unread, classify, task)
                )
    return out


def evaluate(show_errors: str | None) -> None:
    sets = writer_sets()
    dev, test, bank = load_interview("dev"), load_interview("test"), load_bank()
    print(
        ", ".join(f"{name}: {len(part)} rows" for name, part in sets.items())
        + f"; dev {len(dev)}, bank {len(bank)}; test {len(test)}"
    )
    print(f"{'set':34} {'task':6} {'rules':>14} {'rules+model':>14} {'model alone':>14}")

    def line(scores: list[tuple[int, int]]) -> str:
        return "".join(f" {r / n:.3f} ({r:3}/{n:3})" if n else " -" for r, n in scores)

    def show(name: str, part: list[Example], fit_on: list[Example], key: str) -> None:
        both, alone = with_model(fit_on), model_only(fit_on)
        for task in ("topic", "kind"):
            errors: list[str] | None = [] if show_errors == key else None
            scores = [
                accuracy(part, rules_only, task),
                accuracy(part, both, task, errors),
                accuracy(part, alone, task),
            ]
            print(f"{name:34} {task:6}" + line(scores))
            for e in errors or []:
                print("   ", e)

    # Across writers: the model never sees the scored writer's questions. Errors are listed for
    # set 1 and for folds 0-2 of the other sets only (no rule was written from sets 4 and 5).
    for name, part in sets.items():
        others = [ex for other, p in sets.items() if other != name for ex in p]
        if name == "set1":
            show("set1, fitted on others+bank+dev", part, others + bank + dev, "set1")
            continue
        read = [ex for ex in part if ex.fold not in UNREAD_FOLDS]
        unread = [ex for ex in part if ex.fold in UNREAD_FOLDS]
        show(f"{name} folds 0-2, fitted on others", read, others + bank + dev, name)
        show(f"{name} folds 3-4 (errors not read)", unread, others + bank + dev, "")
    # Within all data: 5-fold cross-validation over each set (the model refitted per fold).
    for name in sets:
        totals = {task: [[0, 0], [0, 0], [0, 0]] for task in ("topic", "kind")}
        for held, fit_on in cv_folds(name):
            classifiers = (rules_only, with_model(fit_on), model_only(fit_on))
            for task, counts in totals.items():
                for i, clf in enumerate(classifiers):
                    r, n = accuracy(held, clf, task)
                    counts[i][0] += r
                    counts[i][1] += n
        for task, counts in totals.items():
            print(f"{name + ' (5-fold CV)':34} {task:6}" + line([(r, n) for r, n in counts]))
    # The interview splits: fitted on all sets + bank (+ dev when scoring test).
    everything = [ex for part in sets.values() for ex in part]
    show("interview_dev", dev, everything + bank, "dev")
    show("interview_test", test, everything + dev + bank, "test")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the stored file differs")
    parser.add_argument("--eval", action="store_true", help="cross-validate instead of writing")
    parser.add_argument("--errors", choices=(*WRITER_SETS, "dev", "test"), help="with --eval")
    args = parser.parse_args(argv)
    if args.eval:
        evaluate(args.errors)
        return 0
    examples = training_examples()
    text = dump(build(examples))
    words = build_words(examples)
    if args.check:
        same = OUT_JSON.exists() and OUT_JSON.read_text(encoding="utf-8") == text
        same_words = WORDS_JSON.exists() and words_match(
            json.loads(WORDS_JSON.read_text(encoding="utf-8")), json.loads(dump(words))
        )
        for ok, path in ((same, OUT_JSON), (same_words, WORDS_JSON)):
            print("up to date" if ok else f"{path} is out of date: rerun without --check")
        return 0 if same and same_words else 1
    OUT_JSON.parent.mkdir(exist_ok=True)
    for path, body in ((OUT_JSON, text), (WORDS_JSON, dump(words))):
        path.write_text(body, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent)} ({len(body.encode()) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
