"""Golden outputs: prove that a speed-up (or a native port) leaves the analysis unchanged.

Run from the project root, before and after the change:

    python benchmarks/golden.py save       # writes benchmarks/.cache/golden.json
    python benchmarks/golden.py check      # exit 1 and the first differing input per function

What is compared, as a SHA-256 per function over every input in a fixed order:

- ``find_questions`` (punctuation sniffed, forced on, forced off: text, offsets, form, function)
  and ``count_text``, on every turn of the first ``--files`` files of the batch benchmark's
  corpus, every utterance of the Switchboard Dialog Act corpus (where ``../shared/data`` is),
  every cell of the labelled question sets, every turn of the examples and test transcripts,
  seeded random text (ASCII, punctuation, apostrophes, accents), and all of that again with its
  punctuation stripped and lowercased (about a million texts in all);
- ``topic_of`` and ``kind_of`` on every question found in the corpus turns;
- ``analyze(...).to_dict()`` of each corpus file (with its "me") and each example (without), as
  canonical JSON.

The inputs depend on what this machine has (the cached corpus, ``../shared/data``), so the saved
digests stay in ``benchmarks/.cache`` and are compared on the same machine only. Each output's
own 8-byte digest is kept too (``golden-NAME.bin``), so ``check`` names the first input whose
output changed and prints its new output; the old one is the old code's (``git stash``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import twoway
from bench_batch import corpus  # benchmarks/, the folder of this script
from questions_eval import load_swda
from twoway.analysis.lexicon import count_text
from twoway.analysis.questioning import kind_of, topic_of
from twoway.analysis.questions import find_questions

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CACHE = ROOT / "benchmarks" / ".cache"
OUT = CACHE / "golden.json"
SKIP = {".ogg", ".md"}  # the example recording and the examples' README
_STRIP = re.compile(r"[^\w\s']+")


def corpus_files(n: int) -> list[tuple[Path, str]]:
    base = corpus(n)
    with (base / "me-map.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1 : n + 1]
    return [(base / path, me) for path, me, _mode in rows]


def transcript_files() -> list[Path]:
    found = sorted((ROOT / "examples").glob("*.*"))
    found += sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    return [p for p in found if p.suffix not in SKIP]


def texts(files: list[tuple[Path, str]]) -> list[str]:
    out: list[str] = []
    for path, _me in files:
        out += [t.text or "" for t in twoway.load(path).turns]
    if (SHARED / "swda").is_dir():
        for split in ("train", "val"):
            out += [text for text, _tag in load_swda(SHARED / "swda", split)]
    for path in sorted((ROOT / "benchmarks" / "data").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                out += row
    for path in transcript_files():
        with contextlib.suppress(twoway.TwowayError):  # the test data's bad files
            out += [t.text or "" for t in twoway.load(path).turns]
    rng = random.Random(7)
    alphabet = [*"abcdefghijklmnopqrstuvwxyz ,.?!'’…;\n-\"", "what ", "do ", "you ", "is ",
                "can ", "how ", "isn't ", "right", "I ", "é", "Ünï ", "um ", "uh "]  # fmt: skip
    for _ in range(60_000):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))))
    # Stripped as an ASR transcript is, keeping apostrophes (questions_eval's stripped form drops
    # them), so the contractions are exercised without punctuation too.
    return out + [_STRIP.sub("", t).lower() for t in out]


def question_outputs(text: str) -> str:
    return repr(
        [
            [(q.text, q.start, q.end, q.form, q.function) for q in find_questions(text, **kw)]
            for kw in ({}, {"punctuated": True}, {"punctuated": False})
        ]
    )


def labels(text: str) -> str:
    return f"{topic_of(text)}|{kind_of(text)}"


def analysis_json(item: tuple[Path, str | None]) -> str:
    path, me = item
    result = twoway.analyze(twoway.load(path), me=me)
    return json.dumps(result.to_dict(), sort_keys=True)


def digests(inputs: list[object], func: Callable[..., str]) -> bytes:
    """An 8-byte BLAKE2b digest of each input's output, in order."""
    return b"".join(
        hashlib.blake2b(func(item).encode("utf-8"), digest_size=8).digest() for item in inputs
    )


def first_difference(old: bytes, new: bytes) -> int:
    for i in range(0, min(len(old), len(new)), 8):
        if old[i : i + 8] != new[i : i + 8]:
            return i // 8
    return min(len(old), len(new)) // 8


def cases(files: int) -> Iterator[tuple[str, list[object], Callable[..., str]]]:
    chosen = corpus_files(files)
    all_texts = texts(chosen)
    yield "find_questions", list(all_texts), question_outputs
    yield "count_text", list(all_texts), lambda t: repr(count_text(t))
    questions = sorted(
        {q.text for t in all_texts[: len(all_texts) // 2] for q in find_questions(t) if q.counts}
    )
    yield "topic_kind", list(questions), labels
    examples: list[tuple[Path, str | None]] = [
        (p, None) for p in sorted((ROOT / "examples").glob("*.*")) if p.suffix not in SKIP
    ]
    yield "analyze", [*chosen, *examples], analysis_json


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("--files", type=int, default=400, help="corpus files (default 400)")
    args = parser.parse_args()
    saved = json.loads(OUT.read_text(encoding="utf-8")) if args.action == "check" else {}
    if args.action == "check" and saved.get("files") != args.files:
        print(f"{OUT} was saved with --files {saved.get('files')}: give the same", file=sys.stderr)
        return 1
    results: dict[str, object] = {"files": args.files}
    same = True
    CACHE.mkdir(parents=True, exist_ok=True)
    for name, inputs, func in cases(args.files):
        start = time.perf_counter()
        each = digests(inputs, func)
        took = time.perf_counter() - start
        value = hashlib.sha256(each).hexdigest()
        results[name] = {"inputs": len(inputs), "sha256": value}
        per_input = CACHE / f"golden-{name}.bin"
        status = ""
        if args.action == "save":
            per_input.write_bytes(each)
        else:
            old = per_input.read_bytes() if per_input.exists() else b""
            if old == each:
                status = "same"
            else:
                same = False
                i = first_difference(old, each)
                status = f"DIFFERENT from input {i}"
                if i < len(inputs):
                    status += f": {str(inputs[i])[:200]!r} now gives {func(inputs[i])[:300]}"
        print(f"{name:15} {len(inputs):>9,} inputs  {took:6.1f} s  {value[:16]}  {status}")
    if args.action == "save":
        OUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"saved {OUT}")
        return 0
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
