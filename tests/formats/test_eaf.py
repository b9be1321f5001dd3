"""ELAN .eaf: one tier per speaker, participants, dependent tiers, times, errors."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path
from random import Random
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError
from twoway.formats import eaf, load, parse_text
from twoway.formats._registry import sniff
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "eaf"
EXPORTS = "exports/elan-eaf"


def test_participants_out_of_order_annotations_and_skipped_tiers() -> None:
    conv = load(DATA / "interview_participants.eaf")
    assert conv.format == "eaf"
    assert conv.turns == (
        Turn("Dana Lee", 0.4, 3.25, "So, tell me about the team you led."),
        Turn("Alex Kim", 3.6, 8.75, "Sure & gladly. I ran a team of four."),
        Turn("Dana Lee", 9.1, 12.5, "What was the hardest part?"),
    )
    assert conv.notes == (
        "Tiers read: 'Interviewer', 'Candidate'; not read: 'Interviewer-fr', 'Notes', 'default' "
        "(translations, glosses, comments, a second tier of a speaker, or empty).",
    )


def test_toolbox_ref_and_tx_tiers_without_header_or_participants() -> None:
    conv = load(DATA / "toolbox_ref_tx_no_header.eaf")
    # tx@MK hangs from the time-aligned ref@MK; ts2 has no TIME_VALUE and lies halfway between
    # 0 and 3000 ms; the tier JS has no PARTICIPANT, so its name is the speaker.
    assert conv.turns == (
        Turn("MK", 0.0, 1.5, "where did you"),
        Turn("MK", 1.5, 3.0, "grow up?"),
        Turn("JS", 3.5, 5.0, "In Lisbon."),
    )


def test_gloss_tiers_only() -> None:
    conv = load(DATA / "sign_glosses_only.eaf")
    assert conv.turns == (Turn("S001", 0.1, 0.6, "INDEX-1"), Turn("S002", 0.7, 1.3, "YES"))
    assert conv.notes == (
        "No transcription tier for S001, S002: their gloss tiers ('GlosR S1', 'GlosR S2') were "
        "read as their words.",
    )


def test_symbolic_subdivision_is_joined_under_its_parent() -> None:
    text = _document(
        [(0, 1000)],
        '<TIER TIER_ID="utt" LINGUISTIC_TYPE_REF="x"><ANNOTATION><ALIGNABLE_ANNOTATION '
        'ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>'
        "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>"
        '<TIER TIER_ID="words" PARENT_REF="utt" LINGUISTIC_TYPE_REF="y">'
        + "".join(
            f'<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="w{i}" ANNOTATION_REF="a1">'
            f"<ANNOTATION_VALUE>{word}</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>"
            for i, word in enumerate(["good", "morning"])
        )
        + "</TIER>",
    )
    # The empty top tier holds no speech; its dependent word tier is read, as one turn.
    assert parse_text(text).turns == (Turn(None, 0.0, 1.0, "good morning"),)


def test_pal_frames() -> None:
    text = _document([(25, 50)], _tier("A", [(1, 2, "hi")])).replace(
        "<HEADER/>", '<HEADER TIME_UNITS="PAL-frames"/>'
    )
    assert parse_text(text).turns == (Turn("A", 1.0, 2.0, "hi"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<?xml version="1.0"?>\n<ANNOTATION_DOCUMENT>\n<TIER TIER_ID="a">\n'
            "</ANNOTATION_DOCUMENT>\n",
            "x.eaf:4: not well-formed XML: mismatched tag (column 3)",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]>\n<ANNOTATION_DOCUMENT/>',
            "x.eaf:2: XML entity declarations are not allowed in an ELAN file",
        ),
        (
            '<ANNOTATION_DOCUMENT><TIME_ORDER/><TIER TIER_ID="A">\n<ANNOTATION>'
            '<ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">'
            "<ANNOTATION_VALUE>hi</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>"
            "</ANNOTATION_DOCUMENT>",
            "x.eaf:2: annotation 'a1' refers to time slot 'ts1', which TIME_ORDER does not define",
        ),
        (
            "<ANNOTATION_DOCUMENT>\n<TIER>\n</TIER></ANNOTATION_DOCUMENT>",
            "x.eaf:2: <TIER> without TIER_ID",
        ),
        (
            '<ANNOTATION_DOCUMENT>\n<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="-5"/>'
            "</TIME_ORDER></ANNOTATION_DOCUMENT>",
            "x.eaf:2: bad TIME_VALUE '-5' (expected a time, 0 or more)",
        ),
        (
            '<ANNOTATION_DOCUMENT><HEADER TIME_UNITS="seconds"/></ANNOTATION_DOCUMENT>',
            "x.eaf: TIME_UNITS 'seconds': expected milliseconds, PAL-frames or NTSC-frames",
        ),
        (
            '<?xml version="1.0"?>\n<html><body/></html>\n',
            "x.eaf:2: the XML root is <html>, not <ANNOTATION_DOCUMENT>: not an ELAN file",
        ),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(text, format="eaf", path="x.eaf")
    assert str(caught.value) == message


def test_sniffing() -> None:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT AUTHOR="" FORMAT="3.0">'
    assert sniff(head, "x.txt") == "eaf"
    assert sniff(head, "-") == "eaf"


def test_name_speaker() -> None:
    assert eaf._name_speaker("P-Spch") == "P"
    assert eaf._name_speaker("tx@A") == "A"
    assert eaf._name_speaker("Tolk S1") == "S1"
    assert eaf._name_speaker("Mary Smith - utterance") == "Mary Smith"
    assert eaf._name_speaker("speaker_a") == "speaker_a"
    assert eaf._name_speaker("Transcription") is None


# The shared public samples: what SOURCES.md says a correct reader finds.


def test_shared_poio_interlinear(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "poio_turkish.eaf")
    assert conv.speakers == ("P",)
    assert len(conv.turns) == 9
    assert conv.turns[0].text == "dün akşam koşa koşa eve geldim"
    assert conv.end_s == 50.1


def test_shared_sign_language_translation_tiers(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "pympi_CNGT0697_t.eaf")
    assert Counter(t.speaker for t in conv.turns) == {"S034": 1, "S033": 3}
    assert conv.turns[0] == Turn(
        "S033",
        3.134,
        7.054,
        "Ik vind het moeilijk, wat je daar zegt. Om daar een mening over te geven. "
        "Dat vind ik moeilijk.",
    )
    assert conv.notes[1] == (
        "No transcription tier for S034, S033: their translation tiers ('Tolk S1', 'Tolk S2') "
        "were read as their words."
    )


def test_shared_pympi_generated_out_of_order(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "pympi_fto_generated.eaf")
    assert [(t.speaker, t.start, t.end, t.text) for t in conv.turns] == [
        ("speaker_a", 0.001, 0.5, "a"),
        ("speaker_a", 1.0, 2.0, "a"),
        ("speaker_b", 1.5, 2.5, "b"),
        ("speaker_a", 3.0, 4.5, "a"),
        ("speaker_b", 3.5, 4.0, "b"),
    ]


# Helpers and properties.


def _document(slots: list[tuple[int, int]], tiers: str) -> str:
    order = "".join(
        f'<TIME_SLOT TIME_SLOT_ID="ts{2 * i + 1}" TIME_VALUE="{start}"/>'
        f'<TIME_SLOT TIME_SLOT_ID="ts{2 * i + 2}" TIME_VALUE="{end}"/>'
        for i, (start, end) in enumerate(slots)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT VERSION="3.0">'
        f"<HEADER/><TIME_ORDER>{order}</TIME_ORDER>{tiers}</ANNOTATION_DOCUMENT>\n"
    )


def _tier(participant: str, annotations: list[tuple[int, int, str]]) -> str:
    body = "".join(
        f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="{participant}{k}" '
        f'TIME_SLOT_REF1="ts{first}" TIME_SLOT_REF2="ts{second}">'
        f"<ANNOTATION_VALUE>{escape(value)}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>"
        for k, (first, second, value) in enumerate(annotations)
    )
    return (
        f"<TIER TIER_ID={quoteattr(participant + ' utterances')} "
        f'PARTICIPANT={quoteattr(participant)} LINGUISTIC_TYPE_REF="u">{body}</TIER>'
    )


_VALUE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=20,
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Dana", "Alex"]), st.integers(0, 10**6), st.integers(0, 10**5), _VALUE
        ),
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
def test_round_trip(annotations: list[tuple[str, int, int, str]], random: Random) -> None:
    slots = [(start, start + length) for _, start, length, _ in annotations]
    by_speaker: dict[str, list[tuple[int, int, str]]] = {}
    for index, (speaker, _, _, value) in enumerate(annotations):
        by_speaker.setdefault(speaker, []).append((2 * index + 1, 2 * index + 2, value))
    for items in by_speaker.values():
        random.shuffle(items)  # ELAN files may list annotations in any order
    text = _document(slots, "".join(_tier(s, items) for s, items in by_speaker.items()))
    expected = sorted(
        (speaker, start / 1000, (start + length) / 1000, " ".join(value.split()))
        for speaker, start, length, value in annotations
        if value.strip()
    )
    turns = list(eaf.parse(text))
    assert sorted((t.speaker, t.start, t.end, t.text) for t in turns) == expected


@given(st.text(max_size=200))
def test_random_text_raises_only_format_error(tail: str) -> None:
    with contextlib.suppress(FormatError):
        list(eaf.parse('<?xml version="1.0"?>\n<ANNOTATION_DOCUMENT>' + tail))
