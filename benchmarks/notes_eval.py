"""Evaluate the follow-up writer on the conversations in benchmarks/data/notes_blind/.

Each conversation is a ``Name: text`` transcript with a labels JSON written before the code was
built (its hash is in benchmarks/data/notes_blind.sha256): the facts a note may cite, the
commitments made (who owes what to whom, a due date where said, the sentence it was said in),
and the sensitive items a note must never quote. This script measures

* commitments: precision and recall (a found commitment matches a labelled one when the owner is
  the same and its sentence or reply contains the labelled sentence, or the other way round),
  and how many matched ones have the labelled due date;
* notes: how many quote anything sensitive, how many quotes are not verbatim from the
  recipient's turns, and how many cite a labelled fact;
* with ``--write DIR``, it writes every note there for a reader to judge.

    python benchmarks/notes_eval.py [--show] [--write DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import twoway
from twoway.followup import draft_thank_you, find_commitments

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "notes_blind"
QUOTE = re.compile(r"“([^”]+)”")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _matches(label: dict, found: object) -> bool:
    if found.by != label["by"]:
        return False
    want = _norm(label["quote"]).rstrip(".?!")
    texts = [_norm(found.quote), _norm(found.reply or "")]
    return any(t and (want in t or t.rstrip(".?!") in want) for t in texts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every note and commitment")
    parser.add_argument("--write", type=Path, help="write every note to this folder")
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help="the set: notes_blind (default, same author as the code) or notes_blind2 (blind)",
    )
    args = parser.parse_args()
    if args.write is not None:
        args.write.mkdir(parents=True, exist_ok=True)
    tp = fp = fn = due_ok = due_labelled = 0
    sensitive_notes: list[str] = []
    not_verbatim: list[str] = []
    citing_fact = quotes = 0
    files = sorted(args.data.glob("*.txt"))
    for path in files:
        labels = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        conversation = twoway.load(path)
        found = list(find_commitments(conversation, labels["me"]))
        unmatched = list(found)
        for label in labels["commitments"]:
            hit = next((f for f in unmatched if _matches(label, f)), None)
            if hit is None:
                fn += 1
                print(f"{path.stem}: MISSED {label['by']}: {label['quote']!r}")
                continue
            tp += 1
            unmatched.remove(hit)
            if label.get("due"):
                due_labelled += 1
                if hit.due and _norm(label["due"]) in _norm(hit.due):
                    due_ok += 1
                else:
                    print(f"{path.stem}: due {hit.due!r}, labelled {label['due']!r}")
        for f in unmatched:
            fp += 1
            print(f"{path.stem}: EXTRA {f.by}: {f.action!r} ({f.quote!r})")

        analysis = twoway.analyze(conversation, me=labels["me"], mode=labels["mode"])
        note = draft_thank_you(
            conversation,
            analysis,
            labels["recipient"],
            company=labels.get("company"),
            role=labels.get("role"),
        )
        if args.write is not None:
            (args.write / f"{path.stem}.txt").write_text(note.text, encoding="utf-8")
        theirs = _norm(" ".join(t.text for t in conversation.turns_of(labels["recipient"])))
        everything = _norm(" ".join(t.text for t in conversation.turns if t.text))
        low = _norm(note.text)
        if any(_norm(s) in low for s in labels["sensitive"]):
            sensitive_notes.append(path.stem)
        for q in QUOTE.findall(note.text):
            quotes += 1
            if _norm(q).rstrip(".") not in theirs:
                not_verbatim.append(f"{path.stem}: {q}")
        if any(_norm(f) in low for f in labels["facts"]):
            citing_fact += 1
        if args.show:
            print(f"\n=== {path.stem} ({note.words} words)\n{note.text}")
            for c in found:
                print(f"  - {c.by} -> {c.to}: {c.action} [due {c.due}]")
        assert everything  # the transcript has words
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print()
    print(f"conversations: {len(files)}")
    print(f"commitments: labelled {tp + fn}, found {tp + fp}, matched {tp}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  due right {due_ok}/{due_labelled}")
    print(f"notes quoting something sensitive: {len(sensitive_notes)} {sensitive_notes}")
    print(f"quotes: {quotes}, not verbatim: {len(not_verbatim)} {not_verbatim}")
    print(f"notes citing a labelled fact: {citing_fact}/{len(files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
