"""Fuzzing the readers: mutated transcripts through ``load`` + ``analyze`` + the JSON renderer.

Usage::

    python benchmarks/fuzz.py                      # 100,000 inputs per reader (hours: see below)
    python benchmarks/fuzz.py --per-reader 2000 --only vtt --only text
    python benchmarks/fuzz.py --seconds 600        # stop each reader after 600 s
    python benchmarks/fuzz.py --json               # the per-reader figures as JSON too

Every reader (the 25 formats of ``twoway.formats.FORMATS``, plus ``docx``) gets its seeds from
the fixtures in ``tests/data``: the files ``load`` reads as that format, and the broken ones kept
in the format's folder. Each input is a seed after one to three mutations (bit flips, truncation,
duplication, splicing with another fixture, huge repeats, control characters, lone surrogates in
JSON, byte-order marks, UTF-16/32, deep nesting, and for JSON and ``.docx`` mutations of the
structure), read once through the sniffer or with ``format=`` forced, then analyzed (sometimes
with ``me`` and the networking mode) and rendered as JSON; every 200th analysis also goes through
the terminal renderer.

Per reader it reports the inputs run, how many were read and how many were refused with an
``InputError``, every other exception (the first input of each kind is saved under
``benchmarks/.cache/fuzz/<reader>/`` with its traceback), the slowest input in CPU seconds (wall
time on a shared machine measures the others' work) and the largest memory growth of one input,
in all and while ``load`` ran (the process's resident high-water mark, reset before the input
and again between ``load`` and the analysis through ``/proc/self/clear_refs``). The process
exits 1 when any input raised something other than a ``TwowayError``, took more than
``--time-limit`` CPU seconds (default 5; a timer interrupts it a second later) or grew memory
past ``MEMORY_FLOOR_BYTES`` plus ``MEMORY_FACTOR`` times its size.

One process, one core: run it alone, e.g. ``nice timeout 4h python benchmarks/fuzz.py``. The
quick version of the same harness is ``tests/formats/test_fuzz.py``; the figures of the last long
run are in docs/formats.md ("Fuzzing").
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from twoway.analysis import analyze
from twoway.errors import TwowayError
from twoway.formats import FORMATS, load
from twoway.report.json import render_json

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CACHE = Path(__file__).resolve().parent / ".cache" / "fuzz"
READERS: tuple[str, ...] = (*FORMATS, "docx")

# An input may grow the process's memory by this much plus this many times its own size.
MEMORY_FLOOR_BYTES = 32 * 1024 * 1024
MEMORY_FACTOR = 16
# A guard for the shared machine: past this much address space an input gets a MemoryError
# (reported as a defect) instead of pushing everyone else's processes out.
ADDRESS_SPACE_BYTES = 4 * 1024**3
MAX_INPUT_BYTES = 1_500_000  # longer mutated inputs are cut: the fuzz is of shapes, not sizes
SLOW_FINDINGS_KEPT = 3  # after this many slow inputs, a reader's repeats stay at 30 KB
TERMINAL_EVERY = 200  # render this share of the analyses in the terminal too (rich is slow)

# Fixture folders that hold files of another format (or of none) than their name says.
_NOT_SEEDS = frozenset({"prep", "other"})


@dataclass(frozen=True)
class Seed:
    path: Path
    data: bytes
    reader: str

    @property
    def suffix(self) -> str:
        return self.path.suffix


def collect_seeds(data_dir: Path = DATA) -> dict[str, list[Seed]]:
    """The fixtures of every reader: the files ``load`` reads as it, and the refused ones in
    the folder of that name (``vtt/bad_timing.vtt``); ``docx`` gets the Word documents."""
    seeds: dict[str, list[Seed]] = {reader: [] for reader in READERS}
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.name == "SOURCES.md" or path.parent.name in _NOT_SEEDS:
            continue
        data = path.read_bytes()
        if path.suffix == ".docx":
            seeds["docx"].append(Seed(path, data, "docx"))
            continue
        try:
            reader = load(path).format
        except TwowayError:
            reader = path.parent.name
        if reader in seeds:
            seeds[reader].append(Seed(path, data, reader))
    return seeds


# --- mutations -------------------------------------------------------------------------------

_INTERESTING_BYTES = (
    b"\x00\x01\x0a\x0d\x09\x20\x22\x27\x2c\x2d\x2e\x3a\x3c\x3e\x5b\x5d\x7b\x7d\x7f\x80\xc0\xff"
)

# Fragments that steer the readers into their rarer branches, and the values that broke them
# before: huge and odd numbers, Unicode digits, controls, entities, marks of every format.
_TOKENS: tuple[bytes, ...] = tuple(
    token.encode("utf-8", "surrogatepass")
    for token in (
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\ufeff",
        "\x1b[2J",
        "\x1b]0;title\x07",
        "\x9b31m",
        "\u202e",
        "\u0085",
        "\u2028",
        "\x00",
        "\x15",
        "²",
        "١٢٣",
        "٫",
        "𝟙𝟚",
        "-->",
        " --> ",
        "00:00:01.000 --> 00:00:02.000",
        "99:59:59.999 --> 00:00:00.000",
        "0:00:01.000,0:00:02.000",
        "[Dana] 00:00:05",
        "Dana: ",
        "Speaker 1 (00:05):",
        "<v Dana>",
        "<v ",
        "</v>",
        "<c.colorE5E5E5>",
        "<00:00:01.000>",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&#99999999999;",
        "&nbsp;",
        "<![CDATA[",
        "]]>",
        "<!ENTITY a 'b'>",
        "<!DOCTYPE tt>",
        "<span>",
        "<br/>",
        ' begin="1e309s" ',
        ' t="-1" ',
        ' d="99999999999999999999" ',
        "SPEAKER x 1 0.0 1.0 <NA> <NA> A <NA> <NA>",
        "@Begin",
        "@End",
        "*A:\t",
        "\x151_2\x15",
        '"',
        '""',
        "\\",
        '\\"',
        "\\ud800",
        "\\udfff",
        "\\u0000",
        "\\u001b",
        "null",
        "true",
        "[]",
        "{}",
        "[[[[",
        '{"a":',
        "NaN",
        "-Infinity",
        "1e309",
        "-1",
        "-0",
        "0.0000001",
        "1" * 400,
        "9" * 5000,
        "1" * 20 + "." + "1" * 20,
        "18446744073709551616",
        "PT1.5S",
        "P99999999999D",
        "1.5s",
        "\ud800",
    )
)
_NUMBERS: tuple[bytes, ...] = (
    b"0",
    b"-1",
    b"-0.5",
    b"1e308",
    b"1e309",
    b"-1e309",
    b"NaN",
    b"Infinity",
    b"4294967296",
    b"99999999999",
    b"1" * 100,
    b"1" * 101,
    b"2" * 4400,
    b"0.000000001",
    b"3.14159",
    b"\xc2\xb2",
    b'"12"',
    b'"x"',
    b"null",
    b"[]",
    b"{}",
)
_NUMBER_RE = re.compile(rb"-?\d+(?:\.\d+)?")
_LINE_RE = re.compile(rb"[^\n]*\n?")

# JSON values that a structural mutation puts in place of another.
_JSON_VALUES: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.5,
    1e308,
    -1e-308,
    float("nan"),
    float("inf"),
    2**70,
    "",
    " ",
    "12",
    "²",
    "\ud800",
    "\udc80x",
    "\x1b[2J",
    "Dana: hi",
    "00:00:01.000",
    "PT1.5S",
    "1.5s",
    "1" * 120,
    "x" * 70_000,
    [],
    {},
    [None],
    {"": None},
    [[[[[[]]]]]],
)


class Mutator:
    """Random mutations of seed bytes; ``rng`` makes every run with the same seed identical."""

    def __init__(self, rng: random.Random, pool: Sequence[Seed], *, max_repeat: int) -> None:
        self.rng = rng
        self.pool = pool
        self.max_repeat = max_repeat
        self._ops: list[tuple[int, Callable[[bytes], bytes]]] = [
            (6, self.flip),
            (4, self.set_byte),
            (4, self.delete),
            (3, self.truncate),
            (4, self.duplicate),
            (4, self.splice),
            (8, self.insert_token),
            (6, self.replace_number),
            (2, self.huge_repeat),
            (3, self.control_chars),
            (2, self.reencode),
            (2, self.newlines),
            (2, self.nest),
            (3, self.lines),
            (2, self.surrogate_escape),
        ]
        self._weights = [weight for weight, _ in self._ops]

    def mutate(self, seed: Seed) -> tuple[bytes, str]:
        """Mutated bytes (at most ``MAX_INPUT_BYTES``) and the names of the mutations applied."""
        data, how = self._mutate(seed)
        if len(data) > MAX_INPUT_BYTES:  # a list duplicated into hundreds of megabytes
            data, how = data[:MAX_INPUT_BYTES], how + "+cut"
        return data, how

    def _mutate(self, seed: Seed) -> tuple[bytes, str]:
        rng = self.rng
        data = seed.data
        names: list[str] = []
        if seed.reader == "docx" and rng.random() < 0.8:
            return self.docx(data), "docx-xml"
        if data[:1] in (b"{", b"[") and rng.random() < 0.45:
            mutated = self.json_structure(data)
            if mutated is not None:
                data = mutated
                names.append("json")
                if rng.random() < 0.6:
                    return data, "json"
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            (_, op) = rng.choices(self._ops, self._weights)[0]
            data = op(data)
            names.append(op.__name__)
        return data, "+".join(names)

    def _at(self, data: bytes) -> int:
        return self.rng.randrange(len(data) + 1)

    def flip(self, data: bytes) -> bytes:
        if not data:
            return data
        out = bytearray(data)
        for _ in range(self.rng.randint(1, 8)):
            out[self.rng.randrange(len(out))] ^= 1 << self.rng.randrange(8)
        return bytes(out)

    def set_byte(self, data: bytes) -> bytes:
        if not data:
            return data
        out = bytearray(data)
        out[self.rng.randrange(len(out))] = self.rng.choice(_INTERESTING_BYTES)
        return bytes(out)

    def delete(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + data[at + self.rng.choice((1, 2, 8, 64, len(data) // 4 + 1)) :]

    def truncate(self, data: bytes) -> bytes:
        return data[: self._at(data)]

    def duplicate(self, data: bytes) -> bytes:
        start = self._at(data)
        chunk = data[start : start + self.rng.choice((1, 16, 256, 4096))]
        at = self._at(data)
        return data[:at] + chunk * self.rng.choice((1, 2, 10)) + data[at:]

    def splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.pool).data
        return data[: self._at(data)] + other[self._at(other) :]

    def insert_token(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + self.rng.choice(_TOKENS) + data[at:]

    def replace_number(self, data: bytes) -> bytes:
        numbers = list(_NUMBER_RE.finditer(data[:200_000]))
        if not numbers:
            return self.insert_token(data)
        match = self.rng.choice(numbers)
        return data[: match.start()] + self.rng.choice(_NUMBERS) + data[match.end() :]

    def huge_repeat(self, data: bytes) -> bytes:
        """A chunk repeated into one long line (the shapes that make regexes backtrack)."""
        rng = self.rng
        if rng.random() < 0.5 or not data:
            unit = rng.choice((*_TOKENS, b"[", b"<v ", b":", b" ", b"1", b"-->", b'"', b"a "))
        else:
            start = self._at(data)
            unit = data[start : start + rng.randint(1, 16)] or b"x"
        if rng.random() < 0.8:
            unit = unit.replace(b"\n", b" ").replace(b"\r", b" ") or b" "
        if rng.random() < 0.9:
            size = rng.choice((1_000, 3_000, 10_000, 30_000))
        else:
            size = rng.choice((100_000, 300_000))
        size = min(size, self.max_repeat)
        at = self._at(data)
        return data[:at] + unit * max(1, size // len(unit)) + data[at:]

    def control_chars(self, data: bytes) -> bytes:
        rng = self.rng
        for _ in range(rng.randint(1, 4)):
            code = rng.choice((rng.randrange(0x20), rng.randrange(0x80, 0xA0), 0x7F, 0xFEFF))
            at = self._at(data)
            data = data[:at] + chr(code).encode() + data[at:]
        return data

    def reencode(self, data: bytes) -> bytes:
        text = data.decode("utf-8", "replace")
        codec = self.rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "bom8"))
        if codec == "bom8":
            return b"\xef\xbb\xbf" + data
        encoded = text.encode(codec, "surrogatepass")
        if self.rng.random() < 0.2:  # an odd byte off the end, or a BOM that says something else
            encoded = encoded[:-1] if self.rng.random() < 0.5 else b"\xff\xfe" + encoded
        return encoded

    def newlines(self, data: bytes) -> bytes:
        target = self.rng.choice((b"\r\n", b"\r", b"\n\n", b"\x0b", "\u2028".encode()))
        return data.replace(b"\n", target)

    def nest(self, data: bytes) -> bytes:
        depth = self.rng.choice((50, 1_000, 100_000))
        at = self._at(data)
        if data.lstrip()[:1] in (b"{", b"["):
            opener, closer = (b"[", b"]") if self.rng.random() < 0.5 else (b'{"a":', b"}")
        elif data.lstrip()[:1] == b"<":
            opener, closer = b"<span>", b"</span>"
        else:
            opener, closer = self.rng.choice(((b"[", b"]"), (b"<v a>", b"</v>"), (b"(", b")")))
        closing = closer * depth if self.rng.random() < 0.7 else b""
        return data[:at] + opener * depth + closing + data[at:]

    def lines(self, data: bytes) -> bytes:
        lines = _LINE_RE.findall(data)[:-1] or [data]
        rng = self.rng
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        choice = rng.randrange(3)
        if choice == 0:
            lines[i], lines[j] = lines[j], lines[i]
        elif choice == 1:
            lines.insert(j, lines[i])
        else:
            del lines[i]
        return b"".join(lines)

    def surrogate_escape(self, data: bytes) -> bytes:
        """A lone surrogate where JSON has a string (or anywhere, in other formats)."""
        quotes = [m.start() for m in re.finditer(rb'"', data[:200_000])]
        at = self.rng.choice(quotes) + 1 if quotes else self._at(data)
        mark = self.rng.choice((b"\\ud800", b"\\udfff", b"\\ud83d", b"\\udc00\\ud800"))
        return data[:at] + mark + data[at:]

    def json_structure(self, data: bytes) -> bytes | None:
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            return None
        rng = self.rng
        slots = list(_slots(doc))
        if not slots:
            return None
        for _ in range(rng.randint(1, 3)):
            container: Any
            key: Any
            container, key = rng.choice(slots)
            action = rng.randrange(5)
            try:
                if action == 0:
                    container[key] = copy.deepcopy(rng.choice(_JSON_VALUES))
                elif action == 1:
                    value = container[key]
                    container[key] = [value] if rng.random() < 0.5 else {"x": value}
                elif action == 2 and isinstance(container, dict):
                    del container[key]
                elif action == 3 and isinstance(container, list):
                    container[key:key] = [container[key]] * rng.choice((1, 5, 2000))
                elif isinstance(container, dict) and isinstance(key, str):
                    container[key.upper() if rng.random() < 0.5 else key + "_"] = container.pop(key)
            except (KeyError, IndexError, TypeError):
                continue
            slots = list(_slots(doc)) or slots
        try:
            text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=True)
        except (ValueError, RecursionError):  # a list put inside itself
            return None
        return text.encode("utf-8", "surrogatepass")

    def docx(self, data: bytes) -> bytes:
        """The Word document with its ``word/document.xml`` mutated, or its archive damaged."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [(info, archive.read(info)) for info in archive.infolist()]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return self.flip(data)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, content in members:
                if info.filename == "word/document.xml":
                    for _ in range(self.rng.randint(1, 3)):
                        (_, op) = self.rng.choices(self._ops, self._weights)[0]
                        content = op(content)
                archive.writestr(info.filename, content)
        packed = out.getvalue()
        return self.flip(packed) if self.rng.random() < 0.1 else packed


def _slots(doc: object) -> Iterator[tuple[dict[str, object] | list[object], str | int]]:
    """Every (container, key) of a parsed JSON document, depth first, at most 5,000."""
    stack: list[object] = [doc]
    seen = 0
    while stack and seen < 5_000:
        node = stack.pop()
        items: Iterator[tuple[str | int, object]]
        if isinstance(node, dict):
            items = iter(list(node.items()))
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        for key, value in items:
            seen += 1
            yield node, key
            stack.append(value)


# --- running one input -----------------------------------------------------------------------


class _TooSlow(BaseException):
    """Raised by the timer in the middle of an input (a BaseException: no reader catches it)."""


@dataclass
class Outcome:
    kind: str  # "read", "refused" (a TwowayError), "other" (any other exception), "slow"
    seconds: float  # CPU seconds (user + system): wall time on a shared machine measures others
    growth_bytes: int  # resident high-water mark over the input, above where it started
    load_growth_bytes: int = 0  # the same while ``load`` ran (the reader's part)
    detail: str = ""


def _status_kb(field_name: str) -> int:
    """A memory figure of this process from ``/proc/self/status`` (0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


@contextmanager
def guarded(*, address_space: int = ADDRESS_SPACE_BYTES) -> Iterator[None]:
    """Limit this process's address space to ``address_space`` bytes more than it uses now,
    and install the timer handler; both are undone on exit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _status_kb("VmSize:") * 1024 or 2**30
    limit = used + address_space
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))

    def too_slow(signum: int, frame: FrameType | None) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGPROF, too_slow)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class Runner:
    """Writes each input to a file and reads it as the CLI would; ``guarded`` must be active."""

    def __init__(self, workdir: Path, *, time_limit_s: float) -> None:
        self.workdir = workdir
        self.time_limit_s = time_limit_s
        self.measure_memory = _reset_peak()
        self.analyses = 0

    def path_for(self, suffix: str) -> Path:
        return self.workdir / f"input{suffix}"

    def run(self, data: bytes, suffix: str, *, forced: str | None, me: bool, mode: str) -> Outcome:
        path = self.path_for(suffix)
        path.write_bytes(data)
        base = self._memory(reset=True)
        self._load_peak: int | None = None
        started = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, self.time_limit_s + 1)
        try:
            kind, detail = self._read(path, forced, me, mode)
        except _TooSlow:
            kind, detail = "slow", f"interrupted after {self.time_limit_s + 1:.0f} s of CPU"
        except MemoryError:
            kind, detail = "other", traceback.format_exc()
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        seconds = time.process_time() - started
        end_peak = self._memory(reset=False)
        load_peak = end_peak if self._load_peak is None else self._load_peak
        load_growth, growth = load_peak - base, max(load_peak, end_peak) - base
        if kind != "other" and seconds > self.time_limit_s:
            kind, detail = "slow", f"{seconds:.2f} s of CPU"
        return Outcome(kind, seconds, growth, load_growth, detail)

    def _memory(self, *, reset: bool) -> int:
        """Bytes: the high-water mark so far, or (``reset``) the resident size, as the new mark."""
        if not self.measure_memory:
            return 0
        if reset:
            _reset_peak()
            return _status_kb("VmRSS:") * 1024
        return _status_kb("VmHWM:") * 1024

    def _read(self, path: Path, forced: str | None, me: bool, mode: str) -> tuple[str, str]:
        try:
            conversation = load(path, format=forced)
            # The reader's peak; then the mark starts again from what the conversation holds.
            self._load_peak = self._memory(reset=False)
            self._memory(reset=True)
            speakers = conversation.speakers
            analysis = analyze(conversation, me=speakers[0] if me and speakers else None, mode=mode)
            render_json([analysis])
            self.analyses += 1
            if self.analyses % TERMINAL_EVERY == 0:
                render_terminal(analysis)
        except TwowayError as exc:
            return "refused", f"{type(exc).__name__}: {exc}"[:300]
        except Exception:
            return "other", traceback.format_exc()
        return "read", ""


def render_terminal(analysis: object) -> str:
    """The terminal report of ``analysis`` as text (rich imported on first use)."""
    from rich.console import Console

    from twoway.report.terminal import render_terminal as render

    console = Console(record=True, width=100, file=io.StringIO(), color_system="truecolor")
    render(analysis, console)  # type: ignore[arg-type]
    return console.export_text()


def signature(detail: str) -> str:
    """An exception's kind and where it was raised: the last line and frame of the traceback."""
    lines = [line for line in detail.strip().splitlines() if line.strip()]
    frames = [line.strip() for line in lines if line.strip().startswith("File ")]
    last = lines[-1].split(":")[0] if lines else detail
    return f"{last} at {frames[-1] if frames else '?'}"


# --- one reader ------------------------------------------------------------------------------


@dataclass
class ReaderReport:
    reader: str
    inputs: int = 0
    read: int = 0
    refused: int = 0
    others: dict[str, str] = field(default_factory=dict)  # signature -> reproducer path
    other_count: int = 0
    slow: list[str] = field(default_factory=list)
    over_memory: list[str] = field(default_factory=list)
    slowest_s: float = 0.0
    slowest_size: int = 0
    slowest_how: str = ""
    max_growth_bytes: int = 0
    max_growth_size: int = 0
    max_load_growth_bytes: int = 0  # while the reader ran (load), before the analysis
    max_load_growth_size: int = 0
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not (self.other_count or self.slow or self.over_memory)

    def as_dict(self) -> dict[str, object]:
        return {
            "reader": self.reader,
            "inputs": self.inputs,
            "read": self.read,
            "refused": self.refused,
            "other_exceptions": self.other_count,
            "other_kinds": self.others,
            "slow": self.slow,
            "over_memory": self.over_memory,
            "slowest_s": round(self.slowest_s, 3),
            "slowest_input_bytes": self.slowest_size,
            "slowest_how": self.slowest_how,
            "peak_growth_mb": round(self.max_growth_bytes / 2**20, 1),
            "peak_growth_input_bytes": self.max_growth_size,
            "peak_load_growth_mb": round(self.max_load_growth_bytes / 2**20, 1),
            "peak_load_growth_input_bytes": self.max_load_growth_size,
            "seconds": round(self.seconds, 1),
        }


def memory_bound(size: int) -> int:
    return MEMORY_FLOOR_BYTES + MEMORY_FACTOR * size


def fuzz_reader(
    reader: str,
    seeds: Sequence[Seed],
    pool: Sequence[Seed],
    runner: Runner,
    *,
    count: int,
    seconds: float | None = None,
    rng_seed: int = 0,
    max_repeat: int = 300_000,
    save_dir: Path | None = CACHE,
    progress: Callable[[ReaderReport], None] | None = None,
) -> ReaderReport:
    """Run ``count`` mutated inputs (or until ``seconds`` pass) of ``reader``'s seeds."""
    rng = random.Random(f"{rng_seed}:{reader}")
    mutator = Mutator(rng, pool, max_repeat=max_repeat)
    report = ReaderReport(reader)
    started = time.perf_counter()
    suffixes = sorted({seed.suffix for seed in pool})
    for number in range(count):
        if seconds is not None and time.perf_counter() - started > seconds:
            break
        seed = rng.choice(seeds)
        data, how = mutator.mutate(seed)
        suffix = seed.suffix if rng.random() < 0.9 else rng.choice(suffixes)
        if reader == "docx":
            forced = "text" if rng.random() < 0.3 else None
        else:
            forced = reader if rng.random() < 0.5 else None
        me = rng.random() < 0.3
        mode = "networking" if rng.random() < 0.2 else "interview"
        outcome = runner.run(data, suffix, forced=forced, me=me, mode=mode)
        report.inputs += 1
        if outcome.kind == "read":
            report.read += 1
        elif outcome.kind == "refused":
            report.refused += 1
        label = f"#{number} {seed.path.name} {how} format={forced} me={me} mode={mode}"
        if outcome.seconds > report.slowest_s:
            report.slowest_s, report.slowest_size = outcome.seconds, len(data)
            report.slowest_how = label
        if outcome.growth_bytes > report.max_growth_bytes:
            report.max_growth_bytes, report.max_growth_size = outcome.growth_bytes, len(data)
        if outcome.load_growth_bytes > report.max_load_growth_bytes:
            report.max_load_growth_bytes = outcome.load_growth_bytes
            report.max_load_growth_size = len(data)
        problem = None
        if outcome.kind == "other":
            report.other_count += 1
            key = signature(outcome.detail)
            if key not in report.others:
                report.others[key] = _save(
                    save_dir, reader, "other", number, data, suffix, label, outcome.detail
                )
                problem = key
        elif outcome.kind == "slow":
            report.slow.append(
                _save(save_dir, reader, "slow", number, data, suffix, label, outcome.detail)
            )
            problem = "slow"
            if len(report.slow) == SLOW_FINDINGS_KEPT:
                # Found and saved: the longest repeats would find the same again and again, at
                # seconds an input. The rest of this reader's run keeps to 30 KB repeats.
                mutator.max_repeat = min(mutator.max_repeat, 30_000)
        if outcome.growth_bytes > memory_bound(len(data)):
            report.over_memory.append(
                _save(
                    save_dir,
                    reader,
                    "memory",
                    number,
                    data,
                    suffix,
                    label,
                    f"{outcome.growth_bytes:,} bytes ({outcome.load_growth_bytes:,} while "
                    f"load ran, the rest in the analysis and rendering)",
                )
            )
            problem = "memory"
        if progress is not None and (problem or number % 1000 == 999):
            report.seconds = time.perf_counter() - started
            progress(report)
    report.seconds = time.perf_counter() - started
    return report


def _save(
    save_dir: Path | None,
    reader: str,
    kind: str,
    number: int,
    data: bytes,
    suffix: str,
    label: str,
    detail: str,
) -> str:
    """Write the reproducer (and what happened, beside it); its path, or the label if unsaved."""
    if save_dir is None:
        return f"{label}: {detail.strip().splitlines()[-1] if detail.strip() else ''}"
    folder = save_dir / reader
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind}-{number}{suffix}"
    target.write_bytes(data)
    target.with_name(target.name + ".txt").write_text(f"{label}\n\n{detail}\n", encoding="utf-8")
    return str(target.relative_to(REPO) if target.is_relative_to(REPO) else target)


def warm_up(runner: Runner, seeds: dict[str, list[Seed]]) -> None:
    """Read every seed once, so that imports and caches are not counted as an input's memory."""
    for reader_seeds in seeds.values():
        for seed in reader_seeds:
            for me, mode in ((True, "interview"), (False, "networking")):
                runner.run(seed.data, seed.suffix, forced=None, me=me, mode=mode)
    with suppress(TwowayError):
        conversation = load(DATA / "vtt" / "zoom_basic.vtt")
        render_terminal(analyze(conversation))


# --- command line ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-reader", type=int, default=100_000, help="inputs per reader")
    parser.add_argument("--seconds", type=float, help="stop each reader after this many seconds")
    parser.add_argument("--only", action="append", choices=READERS, help="fuzz only this reader")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same inputs)")
    parser.add_argument(
        "--time-limit", type=float, default=5.0, help="CPU seconds one input may take"
    )
    parser.add_argument("--max-repeat", type=int, default=300_000, help="longest huge repeat")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON at the end")
    args = parser.parse_args(argv)

    seeds = collect_seeds()
    pool = [seed for reader_seeds in seeds.values() for seed in reader_seeds]
    readers = args.only or list(READERS)
    reports: list[ReaderReport] = []
    with tempfile.TemporaryDirectory(prefix="twoway-fuzz-", dir=_tmp_dir()) as tmp, guarded():
        runner = Runner(Path(tmp), time_limit_s=args.time_limit)
        warm_up(runner, seeds)
        print(_header(), flush=True)
        for reader in readers:
            report = fuzz_reader(
                reader,
                seeds[reader],
                pool,
                runner,
                count=args.per_reader,
                seconds=args.seconds,
                rng_seed=args.seed,
                max_repeat=args.max_repeat,
                progress=lambda r: print(_row(r, partial=True), file=sys.stderr, flush=True),
            )
            reports.append(report)
            print(_row(report), flush=True)
    total = sum(r.inputs for r in reports)
    bad = [r for r in reports if not r.clean]
    print(f"{total:,} inputs, {len(bad)} readers with findings", flush=True)
    for report in bad:
        for key, where in report.others.items():
            print(f"  {report.reader}: {key}\n    {where}")
        for where in report.slow + report.over_memory:
            print(f"  {report.reader}: {where}")
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    return 1 if bad else 0


def _tmp_dir() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _header() -> str:
    return (
        f"{'reader':15} {'inputs':>8} {'read':>7} {'refused':>8} {'other':>6} {'slow':>5} "
        f"{'slowest s':>9} {'peak MB':>8} {'load MB':>8} {'time s':>7}"
    )


def _row(report: ReaderReport, *, partial: bool = False) -> str:
    return (
        f"{report.reader:15} {report.inputs:>8,} {report.read:>7,} {report.refused:>8,} "
        f"{report.other_count:>6} {len(report.slow):>5} {report.slowest_s:>9.3f} "
        f"{report.max_growth_bytes / 2**20:>8.1f} {report.max_load_growth_bytes / 2**20:>8.1f} "
        f"{report.seconds:>7.0f}{' ...' if partial else ''}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
