"""Fuzzing every reader (issue 13): mutated fixtures through ``load`` + ``analyze`` + the JSON
renderer raise nothing but ``TwowayError``, in bounded time and memory; 200 KB lines of the shapes
that make regular expressions backtrack are read in under a second; a line, cue or element past
``_limits.MAX_TEXT_CHARS`` is a ``FormatError`` naming where it starts, read no further.

The mutation harness is ``benchmarks/fuzz.py`` (its long run: >= 100,000 inputs per reader);
here it runs a fixed number of inputs per reader with a fixed seed, so a failure reproduces:
``TWOWAY_FUZZ_INPUTS`` sets the number (default 400), ``TWOWAY_FUZZ_SEED`` the seed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from types import ModuleType

import pytest

from twoway.analysis import analyze
from twoway.errors import FormatError, TwowayError
from twoway.formats import FORMATS, _limits, load, parse_text
from twoway.formats._registry import sniff

REPO = Path(__file__).parents[2]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load("twoway_fuzz", REPO / "benchmarks" / "fuzz.py")

INPUTS = int(os.environ.get("TWOWAY_FUZZ_INPUTS", "400"))
SEED = int(os.environ.get("TWOWAY_FUZZ_SEED", "0"))


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[object]]:
    found: dict[str, list[object]] = fuzz.collect_seeds()
    return found


@pytest.fixture(scope="module")
def runner(
    seeds: dict[str, list[object]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    with fuzz.guarded():
        runner = fuzz.Runner(tmp_path_factory.mktemp("fuzz"), time_limit_s=5.0)
        fuzz.warm_up(runner, seeds)
        yield runner


def test_every_reader_has_seeds(seeds: dict[str, list[object]]) -> None:
    assert sorted(seeds) == sorted((*FORMATS, "docx"))
    assert all(seeds.values()), [reader for reader, found in seeds.items() if not found]


def test_the_same_seed_gives_the_same_inputs(seeds: dict[str, list[object]]) -> None:
    """A failure in CI reproduces from its reader, seed and input number."""
    pool = [seed for found in seeds.values() for seed in found]
    runs = [fuzz.Mutator(random.Random("7:vtt"), pool, max_repeat=30_000) for _ in range(2)]
    first, second = ([m.mutate(seed) for seed in pool[:40]] for m in runs)
    assert first == second
    assert all(len(data) <= fuzz.MAX_INPUT_BYTES for data, _ in first)


@pytest.mark.parametrize("reader", fuzz.READERS)
def test_mutated_inputs_raise_only_twoway_errors_in_bounded_time_and_memory(
    reader: str, seeds: dict[str, list[object]], runner: object
) -> None:
    pool = [seed for found in seeds.values() for seed in found]
    report = fuzz.fuzz_reader(
        reader,
        seeds[reader],
        pool,
        runner,
        count=INPUTS,
        rng_seed=SEED,
        max_repeat=30_000,  # the long run goes to 300,000
        save_dir=None,
    )
    assert report.inputs == INPUTS
    assert report.read + report.refused == INPUTS, report.others
    assert not report.slow, report.slow
    assert not report.over_memory, report.over_memory


def test_the_terminal_renderer_takes_mutated_conversations(
    seeds: dict[str, list[object]], runner: object
) -> None:
    """Once per run (rich is slow): controls, surrogates and odd names from every reader."""
    pool = [seed for found in seeds.values() for seed in found]
    mutator = fuzz.Mutator(random.Random(SEED), pool, max_repeat=1_000)
    rendered = 0
    for seed in pool[::3]:
        data, _ = mutator.mutate(seed)
        path = runner.path_for(seed.suffix)  # type: ignore[attr-defined]
        path.write_bytes(data)
        try:
            analysis = analyze(load(path))
        except TwowayError:
            continue
        text = fuzz.render_terminal(analysis)
        assert "\x1b" not in text and "\ud800" not in text
        rendered += 1
    assert rendered >= 10


# --- regular expressions on long lines (issue 13, item 3) -------------------------------------

LINE_CHARS = 200_000
# Units repeated into one 200 KB line: the shapes that made the zoom-text, Otter and voice-span
# patterns backtrack, and every other character the readers' patterns branch on.
SHAPES = [
    "[",
    "<v ",
    "<v.",
    "<v a",
    ":",
    " ",
    "\t",
    "1",
    "1:",
    "00:00:",
    "1_",
    "-->",
    " --> ",
    '"',
    '""',
    "<",
    "</",
    "<0",
    "<00:00:01.000>",
    "&",
    "&#1",
    "&amp",
    "{\\",
    "(",
    "(0",
    "[1",
    "a ",
    "A: ",
    "a:b ",
    "Dana Lee  ",
    "[A] ",
    "1,",
    "0:00:01.000,",
    "@",
    "\x15",
    "\x151",
    "*A:\t",
    "+",
    "&-",
    "#",
    "%",
    "!",
    "= ",
    "xmin = ",
    "-",
    "P1",
    "**",
    "# ",
]
# Where the long line goes: alone, and where each reader reads text (a cue, a turn, a tier).
CONTEXTS = {
    "alone": "{line}\n",
    "vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{line}\n",
    "srt": "1\n00:00:01,000 --> 00:00:02,000\n{line}\n",
    "sbv": "0:00:01.000,0:00:02.000\n{line}\n",
    "text": "Dana: hi\n{line}\n",
    "zoom": "[Dana] 00:00:01\n{line}\n",
    "chat": "@Begin\n*A:\t{line} \x151_2\x15\n",
    "timing": "{line} --> 00:00:02.000\n",
}


def _cpu_seconds(call: Callable[..., object], *args: object, **kwargs: object) -> float:
    """CPU seconds of ``call(*args, **kwargs)`` (not wall time: the machine is shared)."""
    started = time.process_time()
    with suppress(TwowayError):
        call(*args, **kwargs)
    return time.process_time() - started


@pytest.mark.parametrize("unit", SHAPES, ids=repr)
def test_a_200_kb_line_is_read_in_under_a_second_by_every_reader_and_the_sniffer(
    unit: str,
) -> None:
    line = (unit * (LINE_CHARS // len(unit) + 1))[:LINE_CHARS]
    slow: list[str] = []
    for context, template in CONTEXTS.items():
        text = template.format(line=line)
        seconds = _cpu_seconds(sniff, text[: 64 * 1024], "x.txt")
        if seconds > 1.0:
            slow.append(f"sniff {context}: {seconds:.2f} s")
        for name in FORMATS:
            seconds = _cpu_seconds(parse_text, text, format=name)
            if seconds > 1.0:
                slow.append(f"{name} {context}: {seconds:.2f} s")
    assert not slow


def test_a_long_json_string_of_each_shape_is_read_in_under_a_second() -> None:
    slow: list[str] = []
    for unit in SHAPES:
        line = (unit * (LINE_CHARS // len(unit) + 1))[:LINE_CHARS]
        doc = json.dumps({"segments": [{"start": 0, "end": 1, "speaker": line, "text": line}]})
        for name in ("whisperx", "whisper", "assemblyai", "deepgram"):
            seconds = _cpu_seconds(parse_text, doc, format=name)
            if seconds > 1.0:
                slow.append(f"{name} {unit!r}: {seconds:.2f} s")
    assert not slow


def test_a_long_chat_bullet_of_digits_is_linear_and_not_a_crash() -> None:
    """The media-bullet pattern let every digit start a match (13 s on 40 KB), and int() refused
    a 4,400-digit time with a ValueError."""
    digits = "1" * 100_000
    text = f"@Begin\n*A:\thello \x15{digits}_{digits}x\x15\n*B:\thi \x15{digits}_2\x15\n"
    assert _cpu_seconds(parse_text, text, format="chat") < 1.0
    turns = parse_text(text, format="chat").turns
    assert [(t.speaker, t.start) for t in turns] == [("A", None), ("B", None)]


def test_unicode_and_huge_digits_in_counts_are_format_errors_or_ignored() -> None:
    """``"²"`` is a digit to ``str.isdigit`` but not to ``int``, nor are 5,000 digits."""
    ttml = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        'ttp:frameRateMultiplier="{} 1"><body><div><p begin="00:00:01.000" end="00:00:02.000">'
        "Hi</p></div></body></tt>"
    )
    for multiplier in ("²", "9" * 5000):
        assert parse_text(ttml.format(multiplier), format="ttml").turns[0].text == "Hi"
    azure = {
        "recognizedPhrases": [
            {
                "channel": "²",
                "offsetInTicks": 0,
                "durationInTicks": 10_000_000,
                "nBest": [{"display": "Hi."}],
            }
        ]
    }
    with pytest.raises(FormatError, match="should be a channel number, not '²'"):
        parse_text(json.dumps(azure), format="azure-speech")


def test_a_character_reference_of_thousands_of_digits_is_a_replacement_character() -> None:
    """html.unescape raised ValueError for ``&#`` and 4,400 digits (int() refuses them); found
    by benchmarks/fuzz.py in YouTube timedtext, which decodes entities a second time."""
    huge, zeros = "9" * 5000, "0" * 5000
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: a &#{huge}; b &#{zeros}65;\n"
    assert parse_text(vtt).turns[0].text == "a \ufffd b A"
    srv1 = f'<transcript><text start="0" dur="1">a &amp;#{huge}; b</text></transcript>'
    assert parse_text(srv1).turns[0].text == "a \ufffd b"


# --- a huge line, cue or element (issue 13, item 5) -------------------------------------------

LIMIT = 10_000  # _limits.MAX_TEXT_CHARS for these tests; the real one is 2,000,000


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(_limits, "MAX_TEXT_CHARS", LIMIT)
    return LIMIT


def _words(chars: int) -> str:
    """Words, exactly ``chars`` characters long, with no blank at either end."""
    return ("so what do you think " * (chars // 21 + 1))[: chars - 1] + "x"


LONG_LINE_FILES = {
    "vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: hi\n\n"
    "00:00:02.000 --> 00:00:03.000\n{line}\n",
    "srt": "1\n00:00:01,000 --> 00:00:02,000\nDana: hi\n\n2\n"
    "00:00:02,000 --> 00:00:03,000\n{line}\n",
    "sbv": "0:00:01.000,0:00:02.000\nDana: hi\n\n0:00:02.000,0:00:03.000\n{line}\n",
    "text": "Dana: hi\nAlex: hello\nDana: {line}\n",
    "zoom-text": "[Dana] 00:00:01\nhi\n[Alex] 00:00:02\n{line}\n",
    "chat": "@Begin\n*A:\thi .\n*B:\thello .\n*A:\t{line}\n@End\n",
    "rttm": "SPEAKER a 1 0.0 1.0 <NA> <NA> A <NA> <NA>\n;; x\nSPEAKER a 1 1.0 1.0 {line}\n",
    "ctm": "a 1 0.00 0.50 hi\na 1 0.50 0.50 there\na 1 1.00 0.50 you\n{line}\n",
    "textgrid": ('File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\n"{line}"\n'),
}


@pytest.mark.parametrize("name", sorted(LONG_LINE_FILES))
def test_a_line_past_the_limit_is_a_format_error_at_its_line(
    name: str, small_limit: int, tmp_path: Path
) -> None:
    text = LONG_LINE_FILES[name]
    line_number = text[: text.index("{line}")].count("\n") + 1
    path = tmp_path / f"long.{name}"
    path.write_text(text.format(line=_words(LIMIT + 1)), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load(path, format=name)
    assert str(caught.value) == (
        f"{path}:{line_number}: the line is longer than 10,000 characters: not a transcript's turn"
    )
    # The same through parse_text (a string in memory), and in a file of many lines whose every
    # line is within the limit: read as usual.
    with pytest.raises(FormatError, match=f":{line_number}: the line is longer"):
        parse_text(text.format(line=_words(LIMIT + 1)), format=name)


def test_lines_up_to_the_limit_are_read(small_limit: int, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(f"Dana: {_words(LIMIT - 7)}\nAlex: hi?\n" * 3, encoding="utf-8")
    conversation = load(path)
    assert [len(turn.text or "") for turn in conversation.turns] == [LIMIT - 7, 3] * 3


def test_a_long_line_is_never_read_whole(small_limit: int, tmp_path: Path) -> None:
    """Memory: a 4 MB line (400 times the limit) costs a few times the limit, not the line."""
    path = tmp_path / "one_line.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "x" * 4_000_000, encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match=r"one_line.vtt:4: the line is longer"):
            load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_a_cue_past_the_limit_is_a_format_error_at_its_timing_line(
    small_limit: int, tmp_path: Path
) -> None:
    lines = "\n".join(_words(100) for _ in range(LIMIT // 100 + 1))
    vtt = tmp_path / "one_cue.vtt"
    vtt.write_text(f"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n{lines}\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load(vtt)
    assert str(caught.value) == (
        f"{vtt}:4: the cue is longer than 10,000 characters: not a transcript's turn"
    )
    sbv = tmp_path / "one_caption.sbv"
    sbv.write_text(f"0:00:01.000,0:00:02.000\nhi\n\n0:00:03.000,0:00:04.000\n{lines}\n")
    with pytest.raises(FormatError, match=r"one_caption.sbv:4: the caption is longer"):
        load(sbv)
    # Exactly the limit is a cue like any other.
    vtt.write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{_words(LIMIT)}\n")
    assert len(load(vtt).turns[0].text or "") == LIMIT


def test_an_xml_element_past_the_limit_is_a_format_error_and_minified_xml_is_read(
    small_limit: int, tmp_path: Path
) -> None:
    srv1 = tmp_path / "long.xml"
    srv1.write_text(
        '<?xml version="1.0"?><transcript><text start="0" dur="1">hi</text>\n'
        f'<text start="1" dur="1">{_words(LIMIT + 1)}</text></transcript>'
    )
    with pytest.raises(FormatError) as caught:
        load(srv1)
    assert str(caught.value) == (
        f"{srv1}:2: the text of <text> is longer than 10,000 characters: not a transcript's turn"
    )
    # A whole file on one line, many times the limit: read in blocks, never as one line.
    many = "".join(f'<text start="{i}" dur="1">hi {i}</text>' for i in range(2_000))
    srv1.write_text(f'<?xml version="1.0"?><transcript>{many}</transcript>')
    assert srv1.stat().st_size > 5 * LIMIT
    assert len(load(srv1).turns) == 2_000
    eaf = tmp_path / "long.eaf"
    eaf.write_text(
        '<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>'
        '<TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1000"/></TIME_ORDER>\n<TIER TIER_ID="A">'
        '<ANNOTATION>\n<ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" '
        f'TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>{_words(LIMIT + 1)}</ANNOTATION_VALUE>'
        "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>"
    )
    with pytest.raises(FormatError, match=r"long.eaf:3: the text of an annotation is longer"):
        load(eaf)


def test_a_turn_built_past_the_limit_is_a_format_error(small_limit: int, tmp_path: Path) -> None:
    """JSON text, paragraphs of many lines and words joined into turns: checked once built."""
    whisper = tmp_path / "long.json"
    whisper.write_text(
        json.dumps(
            {"segments": [{"start": 1.5, "end": 3, "speaker": "A", "text": _words(LIMIT + 1)}]}
        )
    )
    with pytest.raises(FormatError) as caught:
        load(whisper)
    assert str(caught.value) == (
        f"{whisper}: a turn of A at 1.500 s is longer than 10,000 characters: "
        "not a transcript's turn"
    )
    paragraph = tmp_path / "paragraph.txt"
    paragraph.write_text("Dana: hi\n" + "\n".join(_words(100) for _ in range(LIMIT // 100 + 2)))
    with pytest.raises(FormatError, match=r"paragraph\.txt: a turn of Dana is longer"):
        load(paragraph)


def test_bounded_lines_counts_lines_as_universal_newlines_do(small_limit: int) -> None:
    stream = io.StringIO("a\r\nb\rc\n" + "x" * (LIMIT + 1), newline=None)
    lines = _limits.bounded_lines(stream, "s.txt")
    assert [next(lines) for _ in range(3)] == ["a\n", "b\n", "c\n"]
    with pytest.raises(FormatError, match=r"^s.txt:4: the line is longer"):
        next(lines)
    exact = io.StringIO("x" * LIMIT + "\n" + "y" * LIMIT, newline=None)
    assert [len(line) for line in _limits.bounded_lines(exact, "s.txt")] == [LIMIT + 1, LIMIT]
