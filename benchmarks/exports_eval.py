"""How many real transcript exports twoway reads right (issue 12's bar: at least 95% of files).

Each file is read as ``twoway analyze --json`` reads it (``twoway.formats.load`` then
``twoway.analysis.analyze``) and scored against the truth in an ``expected.json``, derived
without twoway by ``benchmarks/exports/derive_expected.py`` (rules in its docstring). A file
**reads right** only if every check holds:

1. it loads (no error);
2. speakers: the set of named speakers is exactly the expected one (each expected label may be
   shown as any name in its ``accept`` list: twoway's display conventions);
3. timing: timed, start-only or untimed as expected;
4. words: the total, and each speaker's, within 5% (at least 1 word of slack);
5. duration: within 2% (start-only files: from first to last start, plus at most the last
   turn's allowance);
6. talk shares: each speaker's within 4 percentage points, where segments are timed;
7. start-only files: no speaker's talk time above its ``max_talk_s`` (silence is not talk).

Sets: ``benchmarks/exports/expected.json`` against the shared files in
``../shared/data/exports`` (skipped when absent), ``benchmarks/exports/extra/expected.json``
against the files beside it, and any ``--dir DIR`` holding an ``expected.json`` whose paths are
relative to DIR.

Run: ``python benchmarks/exports_eval.py [--json] [--dir DIR]... [--only SUBSTR] [--check]``.
Exits 0 whatever the score, unless ``--check``: then 1 when fewer than ``--bar`` (0.95) of the
files read right.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXPORTS = HERE / "exports"
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "exports"

WORDS_TOLERANCE = 0.05
WORDS_SLACK = 1  # words: a difference of one word always passes (a 2-word speaker, a hyphen)
DURATION_TOLERANCE = 0.02
SHARE_TOLERANCE = 0.04
TALK_BOUND_SLACK = 1.02  # start-only: 2% over the bound still passes
UNKNOWN = "(unknown)"  # twoway's name for speech without a speaker (analysis.timeline)


@dataclass
class Observed:
    """What twoway reported for one file: the figures the checks compare."""

    speakers: list[str]  # named speakers, in twoway's order
    timing: str  # "timed", "starts" or "none"
    duration_s: float | None
    words: int
    per_speaker: dict[str, dict[str, float | int | None]]  # name -> words, talk_s, share


@dataclass
class Result:
    tool: str
    file: str
    ok: bool
    reason: str = ""
    failures: list[str] = field(default_factory=list)
    format: str | None = None
    seconds: float = 0.0


# --------------------------------------------------------------------------------- scoring


def _close(got: float, want: float, rel: float, slack: float = 0.0) -> bool:
    return abs(got - want) <= max(rel * abs(want), slack) + 1e-9


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _label(label: str | None) -> str:
    return UNKNOWN if label is None else label


def score(expected: dict[str, Any], observed: Observed) -> list[str]:
    """The failed checks, first one first (empty: the file reads right)."""
    failures: list[str] = []
    # Expected label -> the name twoway shows for it (None: not shown).
    shown: dict[str | None, str | None] = {}
    got_named = list(observed.speakers)
    for spk in expected["speakers"]:
        label = spk["label"]
        if label is None:
            shown[None] = UNKNOWN
            continue
        match = next((name for name in spk["accept"] if name in got_named), None)
        shown[label] = match
    want_named = [s["label"] for s in expected["speakers"] if s["label"] is not None]
    accept = {s["label"]: s["accept"] for s in expected["speakers"] if s["label"] is not None}
    missing = [
        repr(lab) if accept[lab] == [lab] else f"{lab!r} as {' or '.join(map(repr, accept[lab]))}"
        for lab in want_named
        if shown[lab] is None
    ]
    extra = [name for name in got_named if name not in shown.values()]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {_listed(missing)}")
        if extra:
            parts.append(f"unexpected {_listed([repr(n) for n in extra])}")
        failures.append(
            f"speakers: {'; '.join(parts)} (expected {len(want_named)}, got {len(got_named)})"
        )

    timing = expected["timing"]
    if observed.timing != timing and not (timing == "starts" and observed.timing == "timed"):
        # A start-only file reads with estimated ends: twoway's turns are then "timed".
        failures.append(f"timing: expected {timing}, got {observed.timing}")

    if not _close(observed.words, expected["words"], WORDS_TOLERANCE, WORDS_SLACK):
        failures.append(
            f"words: total {observed.words}, expected {expected['words']} "
            f"({_rel(observed.words, expected['words'])})"
        )
    per = observed.per_speaker
    expected_names = {
        _label(s["label"]) if s["label"] is None else shown[s["label"]]
        for s in expected["speakers"]
    }
    for spk in expected["speakers"]:
        name = _label(None) if spk["label"] is None else shown[spk["label"]]
        if name is None:
            continue  # already a speakers failure
        got_words = int(per.get(name, {}).get("words") or 0)
        if not _close(got_words, spk["words"], WORDS_TOLERANCE, WORDS_SLACK):
            failures.append(
                f"words: {_label(spk['label'])} {got_words}, expected {spk['words']} "
                f"({_rel(got_words, spk['words'])})"
            )
    for name, stats in per.items():
        if name not in expected_names and int(stats.get("words") or 0) > WORDS_SLACK:
            failures.append(f"words: {name} {stats.get('words')}, expected none")

    want_duration = expected.get("duration_s")
    if timing == "timed" and want_duration is not None:
        got = observed.duration_s
        if got is None or not _close(got, want_duration, DURATION_TOLERANCE):
            failures.append(
                f"duration: {_secs(got)}, expected {_secs(want_duration)} "
                f"({_rel(got, want_duration)})"
            )
    elif timing == "starts" and want_duration is not None:
        got = observed.duration_s
        low = want_duration * (1 - DURATION_TOLERANCE)
        high = want_duration * (1 + DURATION_TOLERANCE) + expected.get("last_turn_max_s", 0.0)
        if got is None or not low - 1e-9 <= got <= high + 1e-9:
            failures.append(
                f"duration: {_secs(got)}, expected {_secs(low)} to {_secs(high)} (start-only)"
            )

    if timing == "timed":
        for spk in expected["speakers"]:
            name = _label(None) if spk["label"] is None else shown[spk["label"]]
            want_share = spk.get("share")
            if name is None or want_share is None:
                continue
            got_share = per.get(name, {}).get("share")
            if got_share is None or abs(float(got_share) - want_share) > SHARE_TOLERANCE + 1e-9:
                failures.append(
                    f"share: {_label(spk['label'])} {_pct(_num(got_share))}, "
                    f"expected {_pct(want_share)} (4 pp allowed)"
                )
        for name, stats in per.items():
            share = _num(stats.get("share"))
            if name not in expected_names and share and share > SHARE_TOLERANCE:
                failures.append(f"share: {name} {_pct(share)}, expected none")
    elif timing == "starts":
        for spk in expected["speakers"]:
            name = _label(None) if spk["label"] is None else shown[spk["label"]]
            bound = spk.get("max_talk_s")
            if name is None or bound is None:
                continue
            talk = _num(per.get(name, {}).get("talk_s"))
            if talk is not None and talk > bound * TALK_BOUND_SLACK + 0.5:
                failures.append(
                    f"silence as talk: {_label(spk['label'])} {talk:.1f} s of talk, "
                    f"at most {bound:.1f} s from start times and words"
                )
    return failures


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:4])
    return shown + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def _rel(got: float | None, want: float) -> str:
    if got is None:
        return "none"
    if not want:
        return f"{got - want:+g}"
    return f"{100 * (got - want) / want:+.1f}%"


def _secs(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f} s"


# -------------------------------------------------------------------------- running twoway


def observe(path: Path) -> tuple[Observed, str]:
    """Read ``path`` as ``twoway analyze --json`` does; the figures and the format name."""
    from twoway.analysis import analyze
    from twoway.formats import load

    conv = load(str(path))
    analysis = analyze(conv)
    timing = "timed" if conv.has_timing else "none"
    per: dict[str, dict[str, float | int | None]] = {
        s.name: {"words": s.words, "talk_s": s.talk_s, "share": s.talk_share}
        for s in analysis.speakers
    }
    total = sum(s.words for s in analysis.speakers)
    return Observed(list(conv.speakers), timing, analysis.duration_s, total, per), conv.format


def evaluate(expected: dict[str, Any], root: Path) -> Result:
    rel = expected["path"]
    result = Result(expected.get("tool", rel.split("/")[0]), rel, ok=False)
    started = time.perf_counter()
    try:
        observed, fmt = observe(root / rel)
        result.format = fmt
        result.failures = score(expected, observed)
    except Exception as exc:  # a reader's crash is a result here, not the end of the run
        from twoway.errors import TwowayError

        kind = "error" if isinstance(exc, TwowayError) else f"crash ({type(exc).__name__})"
        message = str(exc).replace(str(root) + "/", "").split("; supported formats:")[0]
        first = message.splitlines()[0] if message else ""
        result.failures = [f"{kind}: {first}"[:200]]
    result.seconds = time.perf_counter() - started
    result.ok = not result.failures
    result.reason = result.failures[0] if result.failures else ""
    return result


def load_set(expected_json: Path) -> list[dict[str, Any]]:
    data = json.loads(expected_json.read_text(encoding="utf-8"))
    files: list[dict[str, Any]] = data["files"]
    return files


def sets(data: Path, dirs: Iterable[Path], *, extra: bool) -> list[tuple[str, Path, Path]]:
    """(name, expected.json, root of its paths) for every set to run."""
    found: list[tuple[str, Path, Path]] = []
    if data.is_dir():
        found.append(("shared", EXPORTS / "expected.json", data))
    if extra and (EXPORTS / "extra" / "expected.json").is_file():
        found.append(("extra", EXPORTS / "extra" / "expected.json", EXPORTS / "extra"))
    for folder in dirs:
        found.append((folder.name, folder / "expected.json", folder))
    return found


def run(
    data: Path = DEFAULT_DATA,
    dirs: Iterable[Path] = (),
    *,
    extra: bool = True,
    only: str | None = None,
) -> dict[str, list[Result]]:
    results: dict[str, list[Result]] = {}
    for name, expected_json, root in sets(data, dirs, extra=extra):
        rows = []
        for entry in load_set(expected_json):
            if only is None or only in entry["path"]:
                rows.append(evaluate(entry, root))
        results[name] = rows
    return results


def table(results: dict[str, list[Result]]) -> str:
    lines: list[str] = []
    for name, rows in results.items():
        lines.append(f"== {name}")
        width = max((len(r.file) for r in rows), default=4)
        tool_w = max((len(r.tool) for r in rows), default=4)
        for r in rows:
            status = "OK  " if r.ok else "FAIL"
            lines.append(f"{r.tool:<{tool_w}}  {r.file:<{width}}  {status}  {r.reason}".rstrip())
        lines.append(f"{sum(r.ok for r in rows)} of {len(rows)} read right ({name})")
        lines.append("")
    every = [r for rows in results.values() for r in rows]
    lines.append(f"{sum(r.ok for r in every)} of {len(every)} read right")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared exports")
    parser.add_argument("--dir", type=Path, action="append", default=[], help="another set")
    parser.add_argument("--no-extra", action="store_true", help="skip benchmarks/exports/extra")
    parser.add_argument("--only", help="only files whose path contains this")
    parser.add_argument("--check", action="store_true", help="exit 1 below the bar")
    parser.add_argument("--bar", type=float, default=0.95, help="share of files (0.95)")
    args = parser.parse_args(argv)
    results = run(args.data, args.dir, extra=not args.no_extra, only=args.only)
    every = [r for rows in results.values() for r in rows]
    right = sum(r.ok for r in every)
    if args.json:
        doc = {
            "read_right": right,
            "files": len(every),
            "sets": {name: [asdict(r) for r in rows] for name, rows in results.items()},
        }
        print(json.dumps(doc, indent=1, ensure_ascii=False))
    else:
        print(table(results))
    if not every:
        sys.stderr.write("no files to evaluate (is ../shared/data/exports there?)\n")
    if args.check and (not every or right < args.bar * len(every)):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
