"""``twoway batch`` at cohort scale: throughput per core, scaling, memory, and ConvoKit.

Run from the project root (needs ``pip install -e '.[dev]'``):

    python benchmarks/bench_batch.py                # the whole run (~15 min on 2 cores)
    python benchmarks/bench_batch.py --quick        # 200-file rate runs, 1,000 vs 2,000 memory
    python benchmarks/bench_batch.py --json         # machine-readable results

The corpus: 10,000 generated one-hour mock interviews (~1,200 cues each, ~3 s a cue) in four
formats (Zoom VTT, SRT, Otter-style text paragraphs, WhisperX JSON), cached under
``benchmarks/.cache/batch_corpus/`` with a ``me-map.csv``. Each interview has its own candidate
(talk share from 25% to 90%, monologues in some, 0 to 8 questions at the end), an interviewer
asking from a question bank, backchannels and small overlaps.

What is measured, all in this one run so the ratios hold on a busy machine:

- conversations per second per core: ``--jobs 1`` (in-process) on a subset;
- scaling: the same subset with ``--jobs 2`` (ratio of rates; 2.0 is linear);
- peak memory of the batch's coordinating process and of its largest worker at 1,000 and at
  10,000 files (each in a fresh process, ``--jobs 2``): flat means within 10%;
- ConvoKit's TalkTimeSharing (where ``convokit`` imports in ``--convokit-python``, default
  ``/tmp/convokit-venv/bin/python``) on the same 1,000-file subset, as a ratio of rates;
- a profile of ``load`` + ``analyze`` on one file: where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from twoway.formats._timestamps import format_clock

CACHE = Path(__file__).parent / ".cache" / "batch_corpus"
FORMATS = ("vtt", "srt", "txt", "json")
INTERVIEWERS = ["Dana Lee", "Morgan Blake", "Priya Raman", "Chris Okafor", "Lena Fischer"]
FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Riley", "Casey", "Jamie", "Avery", "Quinn", "Rowan"]
LAST = ["Rivera", "Nguyen", "Patel", "Kim", "Garcia", "Smith", "Haddad", "Novak", "Silva", "Chen"]
THEIR_QUESTIONS = [
    "Could you walk me through a project you are proud of?",
    "Tell me about a time a release went wrong.",
    "How do you decide what to test first?",
    "Why are you interested in this role?",
    "How would you design a pipeline for late-arriving events?",
    "What would your last manager say about you?",
    "How do you handle disagreements with a product manager?",
    "What are your salary expectations?",
]
ANSWER = [
    "So at my last company I owned the ingestion pipelines end to end.",
    "We moved about forty jobs from cron to Airflow over two quarters.",
    "Um, the hardest part was, you know, getting the backfills right.",
    "I added contract tests so a schema change could not drop a column again.",
    "The team was small, so I also did a lot of the on-call work.",
    "I think the main lesson was to write the runbook before the incident.",
    "We measured it with freshness checks on every table the analysts used.",
    "Honestly I would do the migration in smaller steps next time.",
]
MY_QUESTIONS = [
    "What does a typical day look like for the team?",
    "How do you measure success in the first ninety days?",
    "What have you enjoyed most about working here?",
    "How does the team decide what to build next?",
    "What are the next steps in the process?",
    "How did you come to join the company?",
    "What is the biggest challenge the team faces this year?",
    "Are there professional organizations you would recommend?",
]
BACKCHANNELS = ["Right.", "Mm-hmm.", "Yeah.", "Okay.", "That makes sense.", "Sure."]
# Sentences are varied with these so that almost no text repeats: a real cohort has no two
# identical turns, and caches keyed by text (topic_of, kind_of, content_words) must not make the
# benchmark faster than real data.
OPENERS = ["", "", "So ", "Okay, ", "And ", "Right, so ", "Um, ", "Well, ", "Yeah, ", "I mean, "]
NOUNS = """billing search onboarding payments reporting inventory scheduling pricing checkout
    logistics claims payroll analytics fraud support mobile catalog routing ledger compliance
    forecasting marketing warehouse identity messaging""".split()
TOOLS = """Airflow dbt Spark Kafka Snowflake Postgres Tableau Looker Terraform Kubernetes Redshift
    BigQuery Dagster Flink Excel Salesforce""".split()
TAILS = [
    ", which took about {n} weeks",
    " for the {noun} team",
    " with {tool}",
    " back in {year}",
    ", around {n} people were involved",
    " on the {noun} side",
    " using {tool} and {tool2}",
    ", maybe {n} percent of the time",
    "",
]


def vary(rng: random.Random, text: str) -> str:
    """``text`` with an opener and a tail of random words and numbers (its end mark kept)."""
    mark = text[-1] if text[-1] in ".?!" else ""
    body = text[: len(text) - len(mark)]
    opener = rng.choice(OPENERS)
    if opener:
        body = body[0].lower() + body[1:] if not body.startswith("I ") else body
    tail = rng.choice(TAILS).format(
        n=rng.randint(2, 90),
        noun=rng.choice(NOUNS),
        tool=rng.choice(TOOLS),
        tool2=rng.choice(TOOLS),
        year=rng.randint(2012, 2025),
    )
    return opener + body + tail + mark


def interview(
    rng: random.Random, me: str, them: str, cues: int
) -> list[tuple[str, float, float, str]]:
    """~``cues`` cues of (speaker, start, end, text) with realistic turn-taking."""
    talkative = rng.uniform(0.25, 0.9)  # how much of each exchange the candidate holds
    asks = rng.randint(0, 8)
    out: list[tuple[str, float, float, str]] = []
    t = rng.uniform(0.5, 3.0)

    def say(who: str, text: str) -> None:
        nonlocal t
        duration = 0.24 * len(text.split()) + rng.uniform(0.1, 0.6)
        out.append((who, round(t, 3), round(t + duration, 3), text))
        t += duration + rng.uniform(0.05, 0.35)

    while len(out) < cues - 2 * asks - 2:
        say(them, vary(rng, rng.choice(THEIR_QUESTIONS)))
        t += rng.uniform(0.3, 1.2)
        for _ in range(max(1, round(rng.gauss(14 * talkative, 4)))):
            say(me, vary(rng, rng.choice(ANSWER)))
            if rng.random() < 0.08:
                say(them, rng.choice(BACKCHANNELS))
        if rng.random() < 0.05:
            t -= 0.8  # the interviewer cuts in
        for _ in range(max(1, round(rng.gauss(6 * (1 - talkative), 2)))):
            say(them, vary(rng, rng.choice(ANSWER).replace("my last company", "this company")))
    for _ in range(asks):
        say(me, vary(rng, rng.choice(MY_QUESTIONS)))
        say(them, vary(rng, rng.choice(ANSWER)))
    return out[:cues]


def render(fmt: str, cues: list[tuple[str, float, float, str]]) -> str:
    buf = io.StringIO()
    if fmt == "vtt":
        buf.write("WEBVTT\n\n")
        for i, (who, a, b, text) in enumerate(cues, 1):
            buf.write(f"{i}\n{format_clock(a)} --> {format_clock(b)}\n{who}: {text}\n\n")
    elif fmt == "srt":
        for i, (who, a, b, text) in enumerate(cues, 1):
            buf.write(
                f"{i}\n{format_clock(a, sep=',')} --> {format_clock(b, sep=',')}\n{who}: {text}\n\n"
            )
    elif fmt == "txt":  # Otter paragraphs: one per run of cues by one speaker
        last = None
        for who, a, _, text in cues:
            if who != last:
                m, s = divmod(int(a), 60)
                buf.write(f"{'' if last is None else chr(10)}{who}  {m}:{s:02d}\n")
                last = who
            buf.write(text + "\n")
    else:
        segments = [
            {"start": a, "end": b, "text": " " + text, "speaker": who} for who, a, b, text in cues
        ]
        json.dump({"segments": segments, "word_segments": []}, buf)
    return buf.getvalue()


def corpus(n: int) -> Path:
    """The first ``n`` files of the cached corpus (built once, up to 10,000)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    mapping = CACHE / "me-map.csv"
    have = len(list(CACHE.glob("*/*.*")))
    if have < n:
        rows = []
        for i in range(n):
            rng = random.Random(i)
            me = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            them = rng.choice(INTERVIEWERS)
            fmt = FORMATS[i % len(FORMATS)]
            folder = CACHE / f"{i // 1000:02d}"
            folder.mkdir(exist_ok=True)
            path = folder / f"interview-{i:05d}.{fmt}"
            if not path.exists():
                cues = interview(rng, me, them, rng.randint(1100, 1300))
                tmp = path.with_suffix(".tmp")
                tmp.write_text(render(fmt, cues), encoding="utf-8")
                tmp.replace(path)
            rows.append((str(path.relative_to(CACHE)), me))
        with mapping.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["path", "me", "mode"])
            writer.writerows((p, me, "interview") for p, me in rows)
    return CACHE


def subset(n: int, where: Path) -> Path:
    """A folder of symlinks to the first ``n`` files, with its own me-map."""
    base = corpus(n)
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    with (
        (base / "me-map.csv").open(encoding="utf-8") as src,
        (where / "me-map.csv").open("w", encoding="utf-8") as dst,
    ):
        for i, line in enumerate(src):
            if i > n:
                break
            if i:
                rel = line.split(",", 1)[0]
                (where / Path(rel).name).symlink_to((base / rel).resolve())
                line = Path(rel).name + "," + line.split(",", 1)[1]
            dst.write(line)
    return where


DRIVER = """
import json, resource, sys, time
from twoway.batch import Batch, BatchConfig
folder, out, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
batch = Batch(BatchConfig((), out, jobs=jobs, me_map=folder + "/me-map.csv"))
start = time.perf_counter()
summary = batch.run()
wall = time.perf_counter() - start
print(json.dumps({
    "files": summary.total, "analyzed": summary.analyzed, "failed": summary.failed,
    "wall_s": wall, "rate": summary.analyzed / wall,
    "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def run_batch(folder: Path, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", DRIVER, str(folder), f"{tmp}/results.parquet", str(jobs)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


CONVOKIT = """
import csv, json, os, sys, time
from importlib.metadata import version
from pathlib import Path
from convokit import Corpus, Speaker, TalkTimeSharing, Utterance
me_map = {r[0]: r[1] for r in csv.reader(open(sys.argv[1], encoding="utf-8"))}
files = sys.argv[2:]
start = time.perf_counter()
for path in files:  # per file, as twoway works: read, build, measure
    data = json.load(open(path, encoding="utf-8"))
    me = me_map[Path(path).name]
    speakers = {}
    utts = []
    for i, s in enumerate(data["segments"]):
        who = speakers.setdefault(s["speaker"], Speaker(id=s["speaker"]))
        utts.append(Utterance(
            id=f"u{i}", speaker=who, conversation_id="u0", reply_to=None if i == 0 else f"u{i-1}",
            text=s["text"], timestamp=s["start"],
            meta={"start": s["start"], "stop": s["end"],
                  "utt_group": "groupA" if s["speaker"] == me else "groupB"},
        ))
    corpus = Corpus(utterances=utts)
    TalkTimeSharing().transform(corpus)
    share = corpus.get_conversation("u0").meta["balance_score"]
wall = time.perf_counter() - start
print(json.dumps({"files": len(files), "wall_s": wall, "rate": len(files) / wall,
                  "version": version("convokit"), "last_balance_score": share}))
"""


def convokit_rate(python: str, folder: Path) -> dict[str, object]:
    """ConvoKit on the WhisperX JSON files of ``folder`` (its own format needs no converter)."""
    if not Path(python).exists():
        return {"skipped": f"no ConvoKit interpreter at {python} (pip install convokit in a venv)"}
    files = sorted(str(p.resolve()) for p in folder.glob("*.json"))
    env = {**os.environ, "TQDM_DISABLE": "1"}
    cmd = [python, "-c", CONVOKIT, str(folder / "me-map.csv"), *files]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return {"skipped": "convokit failed: " + proc.stderr.strip().splitlines()[-1]}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def twoway_json_rate(folder: Path) -> dict[str, float]:
    """twoway (load + analyze, in-process) on the same JSON files ConvoKit reads."""
    import twoway

    files = sorted(folder.glob("*.json"))
    mapping = {r[0]: r[1] for r in csv.reader((folder / "me-map.csv").open(encoding="utf-8"))}
    start = time.perf_counter()
    for path in files:
        twoway.analyze(twoway.load(path), me=mapping[path.name])
    wall = time.perf_counter() - start
    return {"files": len(files), "wall_s": wall, "rate": len(files) / wall}


def profile_one(folder: Path) -> str:
    import twoway

    path = sorted(folder.glob("*.vtt"))[0]
    me = {r[0]: r[1] for r in csv.reader((folder / "me-map.csv").open(encoding="utf-8"))}[path.name]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        twoway.analyze(twoway.load(path), me=me)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--convokit-python", default="/tmp/convokit-venv/bin/python")
    args = parser.parse_args()
    rate_n, small, large = (200, 1000, 2000) if args.quick else (600, 1000, 10000)
    work = Path(tempfile.mkdtemp(prefix="twoway-bench-batch-"))
    try:
        corpus(large)
        rate_dir = subset(rate_n, work / "rate")
        one = run_batch(rate_dir, 1)
        two = run_batch(rate_dir, 2)
        mem_small = run_batch(subset(small, work / "small"), 2)
        mem_large = run_batch(subset(large, work / "large"), 2)
        ck_dir = subset(small, work / "small")
        theirs = convokit_rate(args.convokit_python, ck_dir)
        ours = twoway_json_rate(ck_dir)
        results: dict[str, object] = {
            "cores": os.cpu_count(),
            "conversations_per_s_per_core": one["rate"],
            "rate_jobs_1": one["rate"],
            "rate_jobs_2": two["rate"],
            "scaling_2_vs_1": two["rate"] / one["rate"],
            f"memory_{small}": mem_small,
            f"memory_{large}": mem_large,
            "parent_peak_ratio": mem_large["parent_peak_mb"] / mem_small["parent_peak_mb"],
            "worker_peak_ratio": mem_large["worker_peak_mb"] / mem_small["worker_peak_mb"],
            "twoway_json_in_process": ours,
            "convokit": theirs,
        }
        if isinstance(theirs.get("rate"), float):
            results["ratio_twoway_vs_convokit"] = ours["rate"] / float(theirs["rate"])  # type: ignore[arg-type]
        if args.json:
            print(json.dumps(results, indent=2))
        else:
            for key, value in results.items():
                print(f"{key}: {value}")
            print("\nwhere the time goes (load + analyze of one VTT, 10 times):")
            print(profile_one(rate_dir))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
