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

from twoway.analysis.question_context import DetectorModel, conversation_questions
from twoway.analysis.question_networking import networking_topic_of
from twoway.analysis.questions import find_questions, kind_of, topic_of

HERE = Path(__file__).resolve().parent
INTERVIEW_TSV = HERE / "data" / "interview_questions.tsv"
# The independent held-out sets, by the name ``--errors`` takes: never tuned on, skipped by --dev.
BLIND_SETS = {
    name: HERE / "data" / f"interview_{name}.tsv" for name in ("blind", "blind2", "blind3")
}
NETWORKING_BLIND_TSV = HERE / "data" / "networking_blind.tsv"
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
# The scorer's own test for a row about the call itself (mic, screen, mute, connection), which
# the interview sets labelled as questions before they became their own kind.
CALL_ROW = re.compile(
    r"\b(?:hear me|see me|see my screen|share my screen|on mute|muted|you froze|cutting out"
    r"|breaking up|still there)\b",
    re.IGNORECASE,
)
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
    conversation = {"punctuated": Counts(), "stripped": Counts()}
    call_rows = 0
    for row in rows:
        if row.questions <= 1 and CALL_ROW.search(row.text):
            # Labelled before call logistics became their own kind (issue 15): counted neither
            # way in detection.
            call_rows += 1
        for mode, text in (("punctuated", row.text), ("stripped", strip_punctuation(row.text))):
            if row.questions <= 1 and CALL_ROW.search(row.text):
                continue
            found = _counted(text)
            det[mode].add(row.questions > 0, bool(found))
            alone = conversation_questions([("A", text)])[0]
            conversation[mode].add(row.questions > 0, any(q.counts for q in alone))
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
        # The conversation pass on each row as a one-turn conversation (no turns around it).
        "detection_conversation_pass": {mode: c.prf() for mode, c in conversation.items()},
        "call_rows_not_scored": call_rows,
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


# --- real dialogue: Switchboard, DailyDialog, ICSI meetings (MRDA), Map Task --------------------

DIALOGUE_SETS = ("swda", "dailydialog", "mrda", "maptask")
_DIALOGUE_FILES = {"dailydialog": "dailydialog", "mrda": "mrda", "maptask": "maptask"}
_SPLIT_FILE = {"train": "train", "val": "validation"}
_FORM_AUX = frozenset(
    """is are was were am do does did have has had can could will would should shall may might
    must isnt arent wasnt werent dont doesnt didnt havent hasnt hadnt cant couldnt wont wouldnt
    shouldnt""".split()
)
_FORM_WH = frozenset("what whats when where which who whos whom whose why how hows".split())
_FORM_LEAD = frozenset("um uh so and but oh well okay ok now then right mm hmm yeah".split())


def interrogative_form(text: str) -> bool:
    """The scorer's own test of question form: the first word after fillers is an auxiliary or a
    question word. Used only to say which gold questions are declarative ("you got kids"), which
    text without its "?" cannot show; independent of the detector."""
    words = strip_punctuation(text).split()
    k = 0
    while k < len(words) and words[k] in _FORM_LEAD:
        k += 1
    return k < len(words) and (words[k] in _FORM_AUX or words[k] in _FORM_WH)


@dataclass(frozen=True)
class Utterance:
    """One labelled utterance of a real dialogue.

    ``gold``: True, a question that must count; False, must not count; None, counted neither way
    (conventions in docs/questions.md, "Real dialogue"). ``declarative``: a gold question with no
    interrogative form, which is not required once the "?" is gone.
    """

    speaker: str
    text: str
    gold: bool | None
    declarative: bool = False


def shared_root() -> Path:
    return Path(os.environ.get("TWOWAY_SHARED_DATA", DEFAULT_SHARED))


def dialogue_set_available(name: str) -> bool:
    root = shared_root()
    if name == "swda":
        return (root / "swda" / "val").is_dir()
    return (root / "dialogue-acts" / _DIALOGUE_FILES[name] / "validation.jsonl").is_file()


def _question_sentences_declarative(text: str) -> bool:
    """No sentence of ``text`` that ends with "?" has question form."""
    parts = [p for p in re.split(r"(?<=[.!?])", text) if p.strip().endswith("?")]
    return bool(parts) and not any(interrogative_form(p) for p in parts)


def load_dialogues(name: str, split: str) -> list[list[Utterance]]:
    """The dialogues of one corpus split ("train" or "val"), each a list of utterances."""
    root = shared_root()
    if name == "swda":
        out: list[list[Utterance]] = []
        for path in sorted((root / "swda" / split).glob("*.txt")):
            dialogue: list[Utterance] = []
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.split("|")
                if len(parts) < 3:
                    continue
                speaker, text, tag = parts[0], "|".join(parts[1:-1]), parts[-1]
                gold = tag in SWDA_COUNTING
                dialogue.append(Utterance(speaker, text, gold, gold and tag.endswith("^d")))
            out.append(dialogue)
        return out
    path = root / "dialogue-acts" / _DIALOGUE_FILES[name] / f"{_SPLIT_FILE[split]}.jsonl"
    dialogues: dict[str, list[Utterance]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            text = str(r["text"])
            declarative = False
            gold: bool | None
            if name == "dailydialog":
                if r["act"] == 2:
                    # A question turn with no "?" is a declarative question: not required.
                    gold = True if "?" in text else None
                    declarative = _question_sentences_declarative(text)
                else:
                    # A request phrased as a question ("Could you ...?") counts neither way.
                    gold = None if r["act"] == 3 and "?" in text else False
            elif name == "mrda":
                parts = [p.split(":")[0] for p in str(r["act_raw"]).split("|")]
                q_parts = [p for p in parts if p.split("^")[0].split(".")[0] in _MRDA_Q]
                tags = {t.split(".")[0] for p in q_parts for t in p.split("^")[1:]}
                if r["question"]:
                    # Tag questions ("right?", "yeah?") and backchannels in question form
                    # ("really?") are questions to MRDA and rhetorical or backchannels to twoway.
                    gold = None if tags & {"g", "bh"} else True
                    declarative = bool(r["declarative"])
                else:
                    gold = False
            else:  # maptask
                act = r["act"]
                if act in ("query_yn", "query_w", "check"):
                    # Map Task has no declarative tag: a query or check without question form
                    # ("you go east past it") is one.
                    gold = True
                    declarative = not interrogative_form(text)
                else:
                    # "align" checks attention or agreement ("okay?"): a tag, counted neither way.
                    gold = None if act == "align" else False
            dialogues.setdefault(str(r["dialog"]), []).append(
                Utterance(str(r["speaker"]), text, gold, declarative)
            )
    return list(dialogues.values())


_MRDA_Q = frozenset("qy qw qr qrr qo".split())


def question_mark_rule(text: str) -> bool:
    """The baseline: an utterance is a question when it has a "?"."""
    return "?" in text


def evaluate_dialogues(
    dialogues: list[list[Utterance]],
    detect: Callable[[list[tuple[str, str]]], list[bool]],
    errors: list[str] | None = None,
) -> dict[str, dict[str, dict[str, float | int]]]:
    """Precision, recall and F1 of ``detect`` and of the "?" rule, as written and stripped.

    ``detect`` takes a dialogue's (speaker, text) pairs and says for each whether it asks a
    question that counts. A declarative question whose text has no "?" (stripped, or never
    punctuated, as in Map Task) is not required: text alone cannot show it.
    """
    result: dict[str, dict[str, dict[str, float | int]]] = {}
    for mode in ("punctuated", "stripped"):
        ours, rule = Counts(), Counts()
        for dialogue in dialogues:
            pairs = [
                (u.speaker, u.text if mode == "punctuated" else strip_punctuation(u.text))
                for u in dialogue
            ]
            found = detect(pairs)
            for u, (_, text), pred in zip(dialogue, pairs, found, strict=True):
                gold = u.gold
                if gold and u.declarative and "?" not in text:
                    gold = None  # a declarative question without its "?": not required
                if gold is None:
                    continue
                ours.add(gold, pred)
                rule.add(gold, question_mark_rule(text))
                if errors is not None and gold != pred:
                    errors.append(f"{mode:10} gold={int(gold)} pred={int(pred)}  {text}")
        result[mode] = {"detector": ours.prf(), "question_mark_rule": rule.prf()}
    return result


def per_turn_detect(pairs: list[tuple[str, str]]) -> list[bool]:
    """``find_questions`` on each utterance alone."""
    return [any(q.counts for q in find_questions(text)) for _, text in pairs]


def conversation_detect(
    pairs: list[tuple[str, str]], model: DetectorModel | None = None
) -> list[bool]:
    """The conversation pass as the analysis runs it (``model``: another than the shipped one)."""
    found = conversation_questions(list(pairs), model=model)
    return [any(q.counts for q in turn) for turn in found]


def load_networking(path: Path = NETWORKING_BLIND_TSV) -> list[tuple[str, str]]:
    """(label, question) rows of the networking blind set."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "label\t")) or not line.strip():
                continue
            label, text = line.rstrip("\n").split("\t")
            rows.append((label, text))
    return rows


def evaluate_networking(errors: list[str] | None = None) -> dict[str, object]:
    """Topic accuracy of ``networking_topic_of`` on the networking blind set, as written and
    stripped."""
    rows = load_networking()
    as_written = [(label, networking_topic_of(text)) for label, text in rows]
    stripped = [(label, networking_topic_of(strip_punctuation(text))) for label, text in rows]
    if errors is not None:
        errors += [
            f"networking gold={g} pred={p}  {t}"
            for (g, p), (_, t) in zip(as_written, rows, strict=True)
            if g != p
        ]
    per_label = {
        label: _accuracy(pair for pair in as_written if pair[0] == label)
        for label in dict.fromkeys(label for label, _ in rows)
    }
    return {
        "topic": _accuracy(as_written),
        "topic_stripped": _accuracy(stripped),
        "per_label": per_label,
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
    dialogue_split = "train" if dev_only else "val"
    dialogue: dict[str, object] = {}
    for name in DIALOGUE_SETS:
        if not dialogue_set_available(name):
            dialogue[name] = None
            continue
        dialogues = load_dialogues(name, dialogue_split)
        if dev_only:  # a fifth of train, for development runs
            dialogues = dialogues[::5]
        dialogue[name] = {
            "split": dialogue_split,
            "conversation_pass": evaluate_dialogues(dialogues, conversation_detect),
            "rules_per_turn": evaluate_dialogues(dialogues, per_turn_detect),
        }
    report["dialogue_sets"] = dialogue
    if not dev_only:
        report["networking_blind"] = evaluate_networking(
            errors if errors_split == "networking" else None
        )
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
    for key in splits:
        res = report[key]
        assert isinstance(res, dict)
        det_rows(f"{key} (pass)", res, "detection_conversation_pass")
    out("")
    out(
        "Real dialogue (per utterance; the conversation pass, the rules alone turn by turn, "
        'and the "?" rule)'
    )
    sets = report.get("dialogue_sets")
    if isinstance(sets, dict):
        for name, res in sets.items():
            if not isinstance(res, dict):
                out(f"{name:22} skipped (../shared/data not found)")
                continue
            for mode in ("punctuated", "stripped"):
                d = res["conversation_pass"][mode]["detector"]
                r = res["rules_per_turn"][mode]["detector"]
                q = res["conversation_pass"][mode]["question_mark_rule"]
                out(
                    f"{name + ' ' + res['split']:22} {mode:11} P={d['precision']:.3f} "
                    f"R={d['recall']:.3f} F1={d['f1']:.3f}  rules F1={r['f1']:.3f}  "
                    f"'?' F1={q['f1']:.3f}  (tp={d['tp']} fp={d['fp']} fn={d['fn']} n={d['n']})"
                )
    out("")
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
    net = report.get("networking_blind")
    if isinstance(net, dict):
        for what in ("topic", "topic_stripped"):
            a = net[what]
            out(f"{'networking_blind':22} {what:32} {a['accuracy']:.3f}  (n={a['n']})")
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
    errs = report.get("errors")  # networking: for reading after a release, never for tuning
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
        choices=("dev", "test", *BLIND_SETS, "networking"),
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
