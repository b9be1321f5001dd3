"""The speaker-name rule (``_speakers``): what a prefix looks like, and what the file shows.

Caption files are built inline (the WebVTT and SRT fixtures belong to their readers' tests); the
real Zoom exports in ../shared/data pin the counts SOURCES.md gives for them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from twoway.formats import load, srt, vtt
from twoway.formats._speakers import (
    CASED,
    NOT_A_PREFIX,
    PHRASE,
    UNCASED,
    PrefixEvidence,
    looks_like_name,
    prefix_kind,
    split_prefix,
)


def captions(*payloads: str) -> str:
    """A WebVTT file with one 1-second cue per payload."""
    cues = [
        f"{i + 1}\n00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{payload}\n"
        for i, payload in enumerate(payloads)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def speakers_and_notes(source: str) -> tuple[list[str | None], list[str]]:
    notes: list[str] = []
    return [turn.speaker for turn in vtt.parse(source, notes=notes)], notes


@pytest.mark.parametrize(
    ("prefix", "kind"),
    [
        ("Dr. Melissa Ko", CASED),
        ("SPEAKER_00", CASED),
        ("Speaker 1", CASED),
        ("Saulius Grigaitis | Grandine", CASED),
        ("Jordan Lee | acme inc", CASED),  # an affiliation after a pipe may be lower case
        ("Agrawal, Mayurika", CASED),
        ("Juhitha Reddy Arumalla [External]", CASED),
        ("Enrico Del Fante (tbenr)", CASED),
        ("Marius van der Wijden", CASED),
        ("Z. Victor Zhou (xinbenlv)", CASED),
        ("张伟", CASED),
        ("प्रिया शर्मा", CASED),
        ("🦊 Fox", CASED),
        ("Note", CASED),
        ("potuz", UNCASED),
        ("sam patel", UNCASED),
        ("Anand sharma", UNCASED),
        ("speaker_1", UNCASED),
        ("So here's the thing", PHRASE),
        ("And then, honestly", PHRASE),
        ("iPhone of Sam", PHRASE),
        ("Why?", NOT_A_PREFIX),
        ("1", NOT_A_PREFIX),
        ("a; b", NOT_A_PREFIX),
        ('He said "yes"', NOT_A_PREFIX),
        ("x" * 65, NOT_A_PREFIX),
        ("one two three four five six seven eight nine", NOT_A_PREFIX),
    ],
)
def test_prefix_kind(prefix: str, kind: int) -> None:
    assert prefix_kind(prefix) == kind
    assert looks_like_name(prefix) == (kind == CASED)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dana: hi", ("Dana", CASED, 5)),
        ("Dana:", ("Dana", CASED, 5)),
        ("张伟：你好", ("张伟", CASED, 3)),
        ("At 10:30 we met", None),
        ("see https://example.com", None),
        ("Dana:hi", None),
        (":hi", None),
    ],
)
def test_split_prefix(text: str, found: tuple[str, int, int] | None) -> None:
    assert split_prefix(text) == found


def evidence(*units: tuple[str | None, int], explicit: int = 0) -> frozenset[str]:
    seen = PrefixEvidence()
    seen.explicit = explicit
    for prefix, kind in units:
        seen.see(prefix, kind)
    return seen.accepted()


NONE = (None, NOT_A_PREFIX)


def test_evidence_most_units_prefixed_accepts_names_seen_once() -> None:
    assert evidence(("potuz", UNCASED), ("Dana", CASED), ("kev", UNCASED), NONE) == {
        "potuz",
        "Dana",
        "kev",
    }


def test_evidence_a_phrase_needs_to_recur_even_when_most_units_are_prefixed() -> None:
    units = [("Dana", CASED), ("Alex", CASED), ("Dana", CASED), ("So here's the thing", PHRASE)]
    assert evidence(*units) == {"Dana", "Alex"}
    assert evidence(*units, ("So here's the thing", PHRASE)) == {
        "Dana",
        "Alex",
        "So here's the thing",
    }


def test_evidence_a_minority_needs_recurrence_or_names_shown() -> None:
    # One capitalized prefix in five units, nothing else: speech.
    assert evidence(("Note", CASED), NONE, NONE, NONE, NONE) == frozenset()
    # Two of them: the file names speakers (the documented limit for "Note").
    assert evidence(("Note", CASED), ("Note", CASED), NONE, NONE, NONE) == {"Note"}
    # A lower-case prefix that recurs is a name, and shows the file names speakers.
    assert evidence(("kev", UNCASED), ("kev", UNCASED), ("Dana", CASED), NONE, NONE, NONE) == {
        "kev",
        "Dana",
    }
    # A lower-case prefix seen once among voice spans stays text; a capitalized one is a name.
    assert evidence(("kev", UNCASED), ("Gilon", CASED), NONE, NONE, NONE, explicit=9) == {"Gilon"}


def test_zoom_lower_case_names_are_speakers_not_the_words_of_the_speaker_before() -> None:
    speakers, notes = speakers_and_notes(
        captions(
            "Justin Traglia: Let's start.",
            "potuz: I have a question.",
            "Justin Traglia: Go ahead.",
            "sam patel: Me too.",
            "Anand sharma: And me.",
        )
    )
    assert speakers == ["Justin Traglia", "potuz", "Justin Traglia", "sam patel", "Anand sharma"]
    assert notes == []


def test_names_with_a_pipe_and_an_affiliation() -> None:
    speakers, notes = speakers_and_notes(
        captions(
            "Barnabas: Over to you.",
            "Saulius Grigaitis | Grandine: Thanks.",
            "Jordan Lee | Brightwell Health: Hi.",
        )
    )
    assert speakers == [
        "Barnabas",
        "Saulius Grigaitis | Grandine",
        "Jordan Lee | Brightwell Health",
    ]
    assert notes == []


def test_a_note_in_captions_that_name_nobody_stays_text() -> None:
    source = captions("so tell me about it", "sure, it went well", "Note: we were forty people")
    turns = list(vtt.parse(source))
    assert [t.speaker for t in turns] == [None, None, None]
    assert turns[2].text == "Note: we were forty people"


def test_several_lone_name_like_prefixes_in_unnamed_captions_are_noted() -> None:
    speakers, notes = speakers_and_notes(
        captions("kev: one", "hello", "there", "Note: two", "again", "more")
    )
    assert speakers == [None] * 6
    assert notes == [
        "2 cues start with a name-like word and a colon ('kev' and 'Note'), but each appears "
        "once and most cues have none, so they were read as speech."
    ]


def test_a_rejected_prefix_given_to_the_speaker_before_is_noted_by_name() -> None:
    speakers, notes = speakers_and_notes(
        captions(
            "Dana: How was it?",
            "Alex: Good.",
            "So here's the thing: it broke.",
            "Dana: Oh.",
            "Hmm.",
        )
    )
    assert speakers == ["Dana", "Alex", "Alex", "Dana", "Dana"]
    assert notes == [
        "Speakers are named only when they change: 1 cue without a name was given to the "
        "speaker before.",
        "1 cue starts with words and a colon that were not taken for a name "
        "('So here's the thing') and was given to the speaker before.",
    ]


def test_a_rejected_prefix_keeps_its_text_as_written() -> None:
    source = captions("Dana: Hi.", "Alex: Hello.", "And then, honestly:  we fixed it.")
    assert list(vtt.parse(source))[2].text == "And then, honestly:  we fixed it."


def test_srt_uses_the_same_rule() -> None:
    source = (
        "1\n00:00:00,000 --> 00:00:01,000\npotuz: one\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\nkev: two\n"
    )
    assert [(t.speaker, t.text) for t in srt.parse(source)] == [("potuz", "one"), ("kev", "two")]


name_words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñøß张伟дарья0123456789",
    min_size=1,
    max_size=8,
)
display_names = st.builds(
    lambda words, affiliation: " ".join(words) + (f" | {affiliation}" if affiliation else ""),
    st.lists(name_words, min_size=1, max_size=3),
    st.one_of(st.none(), name_words),
)


@given(names=st.lists(display_names, min_size=1, max_size=8))
def test_a_file_where_every_cue_has_a_name_like_prefix_gives_the_names_back(
    names: list[str],
) -> None:
    assume(all(prefix_kind(name) in (CASED, UNCASED) for name in names))
    source = captions(*(f"{name}: words {i}" for i, name in enumerate(names)))
    assert [(t.speaker, t.text) for t in vtt.parse(source)] == [
        (name, f"words {i}") for i, name in enumerate(names)
    ]


# The real Zoom exports (SOURCES.md in ../shared/data/exports) -------------------------------

ZOOM = "exports/zoom-vtt"


def counts(path: Path) -> tuple[Counter[str | None], tuple[str, ...]]:
    conv = load(path)
    return Counter(turn.speaker for turn in conv.turns), conv.notes


def test_acdt087_lower_case_potuz(shared_dir: Path) -> None:
    by_speaker, notes = counts(shared_dir / ZOOM / "ethereum_pm_acdt087_transcript_cl.vtt")
    assert by_speaker == {
        "Justin Traglia": 65,
        "potuz": 51,
        "Mikhail Kalinin": 22,
        "Enrico Del Fante (tbenr)": 16,
        "Eitan Seri-Levi": 3,
        "Nico Flaig": 1,
        "Dmitrii Shmatko": 1,
    }
    assert notes == ()  # every cue has its name: nothing was inherited


def test_acdt068_names_with_a_pipe(shared_dir: Path) -> None:
    by_speaker, notes = counts(shared_dir / ZOOM / "ethereum_pm_acdt068_transcript.vtt")
    assert sum(by_speaker.values()) == 225
    assert len(by_speaker) == 17
    assert by_speaker["Barnabas"] == 103
    assert by_speaker["Saulius Grigaitis | Grandine"] == 4
    assert (by_speaker["Justin Traglia"], by_speaker["Potuz"], by_speaker["Caleb"]) == (27, 15, 11)
    assert notes == ()


def test_focil032_four_speakers_and_no_unknown_turn(shared_dir: Path) -> None:
    by_speaker, notes = counts(shared_dir / ZOOM / "ethereum_pm_focil032_transcript.vtt")
    assert by_speaker == {"Jihoon": 32, "Pelle Krabbenhoeft": 5, "kev": 4, "Gottfried Herold": 2}
    assert notes == ()


def test_allwalletdevs039_one_speaker(shared_dir: Path) -> None:
    by_speaker, _ = counts(shared_dir / ZOOM / "ethereum_pm_allwalletdevs039_transcript.vtt")
    assert by_speaker == {"Z. Victor Zhou (xinbenlv)": 30}


def test_zoom_recording_in_vtt_folder_keeps_its_one_unnamed_cue(shared_dir: Path) -> None:
    by_speaker, notes = counts(
        shared_dir / "vtt" / "zoom_revgizmo_GMT20240124-202901_Recording.transcript.vtt"
    )
    assert sum(by_speaker.values()) == 102
    assert None not in by_speaker
    assert notes == (
        "Speakers are named only when they change: 1 cue without a name was given to the "
        "speaker before.",
    )
