"""Start-up cost of a store command: ``twoway people`` on an empty store vs ``python -c pass``.

Run from the project root (``pip install -e '.[dev]'``):

    python benchmarks/bench_store.py              # 15 runs of each, medians
    python benchmarks/bench_store.py --runs 31    # more runs on a noisy machine
    python benchmarks/bench_store.py --json       # machine-readable results
    python benchmarks/bench_store.py --check      # exit 1 when over the target

Every run is a new process, as a person typing the command gets: interpreter start, imports,
opening the store (its schema version checked), the query, the table. The store lives in a
temporary ``TWOWAY_DATA_DIR`` made for the run (with no ``config.toml``), created by one first
run that is reported apart (it creates the tables). The two commands take turns, so a busy
machine slows both alike; the medians of wall time and of CPU time (user + system, from
``getrusage``) are reported, and ``twoway``'s own share is the difference. The same command is
then timed on a store holding one person, where it draws a table (on an empty store it prints
one plain line and never loads rich).

Target (issue 13): ``twoway people`` under 0.5 s of CPU, interpreter start included.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 0.5


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one process running ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory(prefix="twoway-bench-store-") as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("TWOWAY_DB", "TWOWAY_DEBUG")}
        env["TWOWAY_DATA_DIR"] = folder
        env["TWOWAY_CONFIG"] = str(Path(folder) / "config.toml")  # absent: defaults only
        people = [sys.executable, "-m", "twoway", "people"]
        bare = [sys.executable, "-c", "pass"]
        first_wall, first_cpu = _run(people, env)  # creates the store
        if not (Path(folder) / "twoway.db").exists():
            raise SystemExit("twoway people did not create its store in TWOWAY_DATA_DIR")
        ours: list[tuple[float, float]] = []
        python: list[tuple[float, float]] = []
        for _ in range(runs):
            python.append(_run(bare, env))
            ours.append(_run(people, env))
        _run([sys.executable, "-m", "twoway", "people", "add", "Dana Lee"], env)
        table = [_run(people, env) for _ in range(runs)]
    wall = statistics.median(w for w, _ in ours)
    cpu = statistics.median(c for _, c in ours)
    bare_wall = statistics.median(w for w, _ in python)
    bare_cpu = statistics.median(c for _, c in python)
    return {
        "runs": runs,
        "people_wall_s_median": round(wall, 4),
        "people_cpu_s_median": round(cpu, 4),
        "python_pass_wall_s_median": round(bare_wall, 4),
        "python_pass_cpu_s_median": round(bare_cpu, 4),
        "twoway_own_cpu_s": round(cpu - bare_cpu, 4),
        "people_one_person_wall_s_median": round(statistics.median(w for w, _ in table), 4),
        "people_one_person_cpu_s_median": round(statistics.median(c for _, c in table), 4),
        "first_run_wall_s": round(first_wall, 4),
        "first_run_cpu_s": round(first_cpu, 4),
        "target_s": TARGET_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args()
    r = measure(max(1, args.runs))
    over = r["people_cpu_s_median"] > TARGET_S
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
        print(
            f"twoway people, empty store: {r['people_cpu_s_median']:.3f} s CPU, "
            f"{r['people_wall_s_median']:.3f} s wall (medians of {r['runs']}; "
            f"target < {TARGET_S} s CPU{': OVER' if over else ''})"
        )
        print(
            f"python -c pass:             {r['python_pass_cpu_s_median']:.3f} s CPU, "
            f"{r['python_pass_wall_s_median']:.3f} s wall; twoway's own share "
            f"{r['twoway_own_cpu_s']:.3f} s CPU"
        )
        print(
            f"one person (draws a table): {r['people_one_person_cpu_s_median']:.3f} s CPU, "
            f"{r['people_one_person_wall_s_median']:.3f} s wall"
        )
        print(
            f"first run (creates the store): {r['first_run_cpu_s']:.3f} s CPU, "
            f"{r['first_run_wall_s']:.3f} s wall"
        )
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
