"""Evaluate twoway's question detector and classifiers.

Two sources:

* ``benchmarks/data/interview_questions.tsv``: interview speech written and labelled for twoway
  (Apache-2.0), split mechanically into ``dev`` (tune on it) and ``test`` (report it).
* ``benchmarks/data/interview_blind.tsv``: an independent held-out set in the same format, written
  and labelled by a second annotator who had not read the detector, and committed before any
  system run. Reported as ``interview_blind``; never tune on it (``--dev`` skips it).
* ``benchmarks/data/interview_blind2.tsv``: a second independent held-out set, written and
  labelled by a third annotator from the labelling guide in ``docs/questions.md`` and committed
  before any system run. Reported as ``interview_blind2``; never tune on it (``--dev`` skips it).
* ``benchmarks/data/interview_blind3.tsv``: a third independent held-out set, almost all turns
  with one question, for topic and kind; same rules. Reported as ``interview_blind3``.
* ``benchmarks/data/question_classes_train.tsv``: questions across many industries written to
  train and develop ``topic_of``/``kind_of``; reported as 5-fold cross-validation accuracy
  (``benchmarks/train_question_classes.py``), since the model is fitted on it.
* ``benchmarks/data/question_classes_train2.tsv``: the same written by a second, independent
  writer; reported across writers (the model fitted on one writer's set, scored on the other's).
* The Switchboard Dialog Act corpus, read from ``../shared/data/swda`` (GPL-3.0 / LDC material;
  never copied into the repository). Its ``val`` split is reported; ``train`` is the development
  split. Skipped cleanly when the folder is absent.

Detection is scored per utterance (does it contain at least one question that counts?) twice:
as written, and with all punctuation removed and the text lowercased, as caption and ASR text
often arrives.

Run: ``python benchmarks/questions_eval.py [--json] [--swda-split val|train] [--errors dev]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from twoway.analysis.questions import find_questions, kind_of, topic_of

HERE = Path(__file__).resolve().parent
INTERVIEW_TSV = HERE / "data" / "interview_questions.tsv"
# The independent held-out sets, by the name ``--errors`` takes: never tuned on, skipped by --dev.
BLIND_SETS = {
    name: HERE / "data" / f"interview_{name}.tsv" for name in ("blind", "blind2", "blind3")
}
DEFAULT_SHARED = HERE.parent.parent / "shared" / "data"

# SwDA tags whose utterance asks something that should count. qh (rhetorical), bh (backchannel)
# and ^g (tag questions, mostly "right?" on its own) are questions that must NOT count.
SWDA_COUNTING = {
    "qy": "closed",
    "qw": "open",
    "qo": "open",
    "qrr": "choice",
    "qy^d": "closed",
    "qw^d": "open",
}

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def strip_punctuation(text: str) -> str:
    """All punctuation removed (apostrophes joined: "what's" -> "whats"), lowercased."""
    joined = text.replace("'", "").replace("’", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", joined)).strip().lower()


@dataclass(frozen=True)
class Row:
    split: str
    role: str
    text: str
    questions: int
    function: str
    forms: tuple[str, ...]
    labels: tuple[str, ...]


def load_interview(path: Path = INTERVIEW_TSV) -> list[Row]:
    rows: list[Row] = []
    with path.open(encoding="utf-8") as f:
        header: list[str] | None = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            r = dict(zip(header, cells, strict=True))
            rows.append(
                Row(
                    r["split"],
                    r["role"],
                    r["text"],
                    int(r["questions"]),
                    r["function"],
                    tuple(x for x in r["form"].split(",") if x),
                    tuple(x for x in r["label"].split(",") if x),
                )
            )
    return rows


def swda_root() -> Path | None:
    root = Path(os.environ.get("TWOWAY_SHARED_DATA", DEFAULT_SHARED)) / "swda"
    return root if (root / "val").is_dir() else None


def load_swda(root: Path, split: str) -> Iterator[tuple[str, str]]:
    """(text, tag) for every utterance in a split."""
    for path in sorted((root / split).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) >= 3:
                yield "|".join(parts[1:-1]), parts[-1]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    def prf(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "n": self.tp + self.fp + self.fn + self.tn,
        }


def _counted(text: str) -> list[str]:
    return [q.form for q in find_questions(text) if q.counts]


def _accuracy(pairs: Iterable[tuple[str, str]]) -> dict[str, float | int]:
    pairs = list(pairs)
    right = sum(1 for gold, pred in pairs if gold == pred)
    return {"accuracy": round(right / len(pairs), 3) if pairs else 0.0, "n": len(pairs)}


def evaluate_interview(rows: list[Row], errors: list[str] | None = None) -> dict[str, object]:
    det = {"punctuated": Counts(), "stripped": Counts()}
    forms: list[tuple[str, str]] = []
    topics: list[tuple[str, str]] = []
    topics_stripped: list[tuple[str, str]] = []
    kinds: list[tuple[str, str]] = []
    split_counts: list[tuple[str, str]] = []
    functions: list[tuple[str, str]] = []
    for row in rows:
        for mode, text in (("punctuated", row.text), ("stripped", strip_punctuation(row.text))):
            found = _counted(text)
            det[mode].add(row.questions > 0, bool(found))
            if errors is not None and (row.questions > 0) != bool(found):
                errors.append(f"{mode:10} gold={row.questions} pred={len(found)}  {text}")
        found_all = find_questions(row.text)
        found = [q for q in found_all if q.counts]
        if row.questions > 1:
            split_counts.append((str(row.questions), str(len(found))))
        if row.function in ("backchannel", "rhetorical"):
            got = {q.function for q in found_all} - {"question"}
            functions.append((row.function, row.function if row.function in got else "-"))
        if row.questions == 1 and len(found) >= 1:
            forms.append((row.forms[0], found[0].form))
        if row.questions == 1:
            # As the analysis does: classify the question found, or the utterance if none was.
            classify = topic_of if row.role == "candidate" else kind_of
            pair = (row.labels[0], classify(found[0].text if found else row.text))
            (topics if row.role == "candidate" else kinds).append(pair)
            if row.role == "candidate":
                stripped = strip_punctuation(row.text)
                found_s = [q for q in find_questions(stripped) if q.counts]
                topics_stripped.append(
                    (row.labels[0], topic_of(found_s[0].text if found_s else stripped))
                )
            if errors is not None and pair[0] != pair[1]:
                errors.append(f"label      gold={pair[0]} pred={pair[1]}  {row.text}")
    return {
        "utterances": len(rows),
        "questions": sum(1 for r in rows if r.questions),
        "detection": {mode: c.prf() for mode, c in det.items()},
        "form": _accuracy(forms),
        "topic": _accuracy(topics),
        "topic_stripped": _accuracy(topics_stripped),
        "kind": _accuracy(kinds),
        "multi_question_count": _accuracy(split_counts),
        "backchannel_rhetorical_labelled": _accuracy(functions),
    }


def evaluate_swda(root: Path, split: str) -> dict[str, object]:
    det = {"punctuated": Counts(), "stripped": Counts()}
    # The same without declarative questions (qy^d, qw^d: "you got kids?"), which text without
    # its "?" cannot show: an upper bound on what a text-only detector can reach when stripped.
    interrogative = {"punctuated": Counts(), "stripped": Counts()}
    forms: list[tuple[str, str]] = []
    noncounting: list[tuple[str, str]] = []
    for text, tag in load_swda(root, split):
        gold = tag in SWDA_COUNTING
        for mode, t in (("punctuated", text), ("stripped", strip_punctuation(text))):
            found = _counted(t)
            det[mode].add(gold, bool(found))
            if not tag.endswith("^d"):
                interrogative[mode].add(gold, bool(found))
            if mode == "punctuated" and gold and found:
                forms.append((SWDA_COUNTING[tag], found[0]))
        if tag in ("bh", "qh", "^g"):
            found_all = find_questions(text)
            noncounting.append(
                ("not counted", "counted" if any(q.counts for q in found_all) else "not counted")
            )
    return {
        "split": split,
        "detection": {mode: c.prf() for mode, c in det.items()},
        "detection_without_declaratives": {mode: c.prf() for mode, c in interrogative.items()},
        "form": _accuracy(forms),
        "backchannel_rhetorical_not_counted": _accuracy(noncounting),
    }


def measure_speed(texts: list[str], repeat: int = 3) -> dict[str, float]:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            find_questions(t)
        best = min(best, time.perf_counter() - t0)
    long_turn = " ".join(texts[i % len(texts)] for i in range(400))
    long_turn = " ".join(long_turn.split()[:5000])
    t0 = time.perf_counter()
    find_questions(long_turn)
    long_s = time.perf_counter() - t0
    return {
        "us_per_utterance": round(1e6 * best / len(texts), 1),
        "ms_5000_word_turn": round(1e3 * long_s, 1),
    }


def run(
    swda_split: str = "val", errors_split: str | None = None, dev_only: bool = False
) -> dict[str, object]:
    rows = load_interview()
    blind = {name: load_interview(path) for name, path in BLIND_SETS.items()}
    errors: list[str] | None = [] if errors_split else None
    counts = {
        "interview_dev": sum(1 for r in rows if r.split == "dev"),
        "interview_test": sum(1 for r in rows if r.split == "test"),
        **{f"interview_{name}": len(part) for name, part in blind.items()},
    }
    report: dict[str, object] = {
        "labelled_utterances": {**counts, "total": len(rows) + sum(map(len, blind.values()))}
    }
    for split in ("dev",) if dev_only else ("test", "dev"):
        part = [r for r in rows if r.split == split]
        report[f"interview_{split}"] = evaluate_interview(
            part, errors if split == errors_split else None
        )
    if not dev_only:
        for name, part in blind.items():
            report[f"interview_{name}"] = evaluate_interview(
                part, errors if errors_split == name else None
            )
    from train_question_classes import cross_writer, shipped_cv  # benchmarks/, beside this file

    report["question_classes_train_cv"] = shipped_cv()
    report["question_classes_cross_writer"] = cross_writer()
    root = swda_root()
    report["swda"] = evaluate_swda(root, swda_split) if root else None
    texts = [r.text for r in rows]
    if root:
        texts += [t for t, _ in load_swda(root, "val")]
    report["speed"] = measure_speed(texts)
    if errors:
        report["errors"] = errors
    return report


def _table(report: dict[str, object], out: Callable[[str], object] = print) -> None:
    def det_rows(name: str, res: dict[str, object], key: str = "detection") -> None:
        det = res[key]
        assert isinstance(det, dict)
        for mode in ("punctuated", "stripped"):
            d = det[mode]
            out(
                f"{name:22} {mode:11} P={d['precision']:.3f} R={d['recall']:.3f} "
                f"F1={d['f1']:.3f}  (tp={d['tp']} fp={d['fp']} fn={d['fn']} n={d['n']})"
            )

    n = report["labelled_utterances"]
    assert isinstance(n, dict)
    out(
        f"Labelled interview utterances: {n['total']} "
        f"(dev {n['interview_dev']} + test {n['interview_test']}"
        + "".join(f" + {name} {n[f'interview_{name}']}" for name in BLIND_SETS)
        + ")"
    )
    out("")
    out("Question detection (an utterance with at least one question that counts)")
    splits = [
        k
        for k in ("interview_test", "interview_dev", *(f"interview_{name}" for name in BLIND_SETS))
        if k in report
    ]
    for key in splits:
        res = report[key]
        assert isinstance(res, dict)
        det_rows(key, res)
    swda = report["swda"]
    if isinstance(swda, dict):
        det_rows(f"swda_{swda['split']}", swda)
        det_rows(f"swda_{swda['split']} (no ^d)", swda, "detection_without_declaratives")
    else:
        out("swda                   skipped (../shared/data/swda not found)")
    out("")
    out("Classification accuracy")
    for key in splits:
        res = report[key]
        assert isinstance(res, dict)
        for what in (
            "form",
            "topic",
            "topic_stripped",
            "kind",
            "multi_question_count",
            "backchannel_rhetorical_labelled",
        ):
            a = res[what]
            out(f"{key:22} {what:32} {a['accuracy']:.3f}  (n={a['n']})")
    cv = report.get("question_classes_train_cv")
    if isinstance(cv, dict):
        for what in ("topic", "kind"):
            a = cv[what]
            name = f"{what} (5-fold CV)"
            out(f"{'question_classes_train':22} {name:32} {a['accuracy']:.3f}  (n={a['n']})")
    cross = report.get("question_classes_cross_writer")
    if isinstance(cross, dict):
        for name, a in cross.items():
            out(f"{'question_classes':22} {name:32} {a['accuracy']:.3f}  (n={a['n']})")
    if isinstance(swda, dict):
        for what in ("form", "backchannel_rhetorical_not_counted"):
            a = swda[what]
            out(f"swda_{swda['split']:17} {what:32} {a['accuracy']:.3f}  (n={a['n']})")
    out("")
    speed = report["speed"]
    assert isinstance(speed, dict)
    out(
        f"Speed: {speed['us_per_utterance']} µs per utterance; "
        f"a 5,000-word turn in {speed['ms_5000_word_turn']} ms"
    )
    errs = report.get("errors")
    if isinstance(errs, list):
        out("")
        out("Errors:")
        for e in errs:
            out("  " + e)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--swda-split",
        default="val",
        choices=("val", "train"),
        help="SwDA split to score (val is reported; train is for development)",
    )
    parser.add_argument(
        "--errors",
        choices=("dev", "test", *BLIND_SETS),
        help="also list the errors on one split of the interview set",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="development run: the dev split and SwDA train only, no held-out figures",
    )
    args = parser.parse_args(argv)
    if args.dev:
        args.swda_split = "train"
    report = run(args.swda_split, args.errors, dev_only=args.dev)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _table(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
