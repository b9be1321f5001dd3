"""TalkBank CHAT: main lines as turns, media bullets, markup removed, participants."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError
from twoway.formats import chat, load, parse_text
from twoway.formats._registry import sniff
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "chat"
EXPORTS = "exports/chat-cha"


def test_bullets_markup_and_continuation_lines() -> None:
    conv = load(DATA / "interview_bullets.cha")
    assert conv.format == "chat"
    assert conv.turns == (
        Turn("INV", 12.0, 14.5, "so tell me about your last project?"),
        # the filler is kept, the repetition [/] keeps both words, [: rebuilded] [*] go, and
        # the tab-indented line continues the utterance
        Turn("PAR", 14.8, 19.25, "uh we we rebuilt the data pipeline from scratch in six weeks."),
        # "<it was> [//] it was": a retracing, both said
        Turn("PAR", 20.0, 23.1, "it was it was a lot of work…"),
        Turn("INV", 23.0, 24.0, "what would you do differently?"),
    )
    assert conv.notes == (
        "Speakers are CHAT codes; @Participants: INV (Dana Lee, Investigator); "
        "PAR (Alex, Participant).",
        "1 utterance with no words (xxx, actions) was not read.",
    )


def test_no_bullets_and_an_undeclared_speaker() -> None:
    conv = load(DATA / "no_bullets_undeclared.cha")
    assert conv.turns == (
        Turn("A", None, None, "did you get the offer?"),
        Turn("B", None, None, "yes, last week."),
        Turn("C", None, None, "congratulations!"),
    )
    assert conv.notes == (
        "Speakers are CHAT codes; @Participants: A (Ann, Speaker); B (Bo, Speaker).",
        "Speaker code C not declared in @Participants; read as written.",
        "1 utterance with no words (xxx, actions) was not read.",
        "No timestamps: shares are by words.",
    )


def test_some_bullets_missing() -> None:
    conv = load(DATA / "some_bullets.cha")
    assert conv.turns == (
        Turn("A", 1.0, 2.0, "hello there."),
        Turn("B", 2.0, 2.0, "hi."),
        Turn("A", 3.0, 4.5, "how are you?"),
    )
    assert conv.notes[1] == (
        "1 of 3 utterances has no media bullet; each was placed, zero seconds long, at the end "
        "of the utterance before it."
    )


@pytest.mark.parametrize(
    ("main", "text"),
    [
        ("&-um I think &+s so [?] .", "um I think so."),
        ("0is that right ?", "that right?"),
        ("(.) well (1.5) # yes .", "well yes."),
        ("ice+cream and Santa_Claus@n .", "ice cream and Santa Claus."),
        ("no:: ↑really ?", "no really?"),
        ('he said +"/.', "he said."),
        ("+< yeah .", "yeah."),
        ("I was +/.", "I was…"),
        ("and you +/?", "and you?"),
        ("xxx yyy www .", ""),
        ("&=laughs .", ""),
    ],
)
def test_clean_text(main: str, text: str) -> None:
    assert chat.clean_text(main) == text


def test_old_snd_bullets_and_errors() -> None:
    conv = parse_text(
        '@Begin\n@Participants:\tA Ann Adult\n*A:\thi . \x15%snd:"call"_500_1250\x15\n@End\n'
    )
    assert conv.turns == (Turn("A", 0.5, 1.25, "hi."),)
    with pytest.raises(FormatError) as caught:
        parse_text("@Begin\n*A:\thi . \x152000_1000\x15\n", path="x.cha")
    assert str(caught.value) == "x.cha:2: media bullet '2000_1000' ends before it starts"
    with pytest.raises(FormatError) as caught:
        parse_text("@UTF8\n@Begin\n@End\n", path="x.cha")
    assert str(caught.value) == ("x.cha: no '*CODE:' utterance line and no @Participants: not CHAT")


@pytest.mark.parametrize(
    "head",
    [
        "@UTF8\n@Begin\n@Languages:\teng\n@Participants:\tCHI Target_Child\n",
        "@Begin\n@Participants:\tA Ann Adult\n*A:\thi .\n",
        "@Font:\tWin95:Courier:-15:0\n@Begin\n",
    ],
)
def test_sniffing(head: str) -> None:
    assert sniff(head, "x.txt") == "chat"
    assert sniff("anything\n", "x.cha") == "chat"


# The shared public samples: what SOURCES.md says a correct reader finds.


def test_shared_batchalign(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "batchalign2_test.cha")
    assert conv.speakers == ("PAR0",)
    assert len(conv.turns) == 13
    assert conv.turns[0] == Turn("PAR0", 0.125, 0.475, "Hello.")
    assert conv.end_s == 25.835


def test_shared_cantomap_bullets(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "cantomap_Subjects-11_12_B.cha")
    assert Counter(t.speaker for t in conv.turns) == {"XXG": 55, "XXF": 44}
    assert conv.end_s == 334.925
    assert conv.turns[2] == Turn("XXG", 18.503, 19.608, "西北方.")


def test_shared_hkcancor_untimed_undeclared(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "hkcancor_FC-009b_v.cha")
    assert Counter(t.speaker for t in conv.turns) == {"XXA": 68, "XXB": 39, "XXC": 4}
    assert not conv.has_timing
    assert "Speaker code XXC not declared in @Participants; read as written." in conv.notes


# Properties.

_WORD = st.from_regex(r"[a-zé][a-zé']{0,7}", fullmatch=True).filter(
    lambda word: word not in ("xxx", "yyy", "www")  # unintelligible: not words
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["INV", "PAR", "CHI"]),
            st.lists(_WORD, min_size=1, max_size=6),
            st.sampled_from([".", "?", "!"]),
            st.integers(0, 10**6),
            st.integers(0, 10**4),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_round_trip(utterances: list[tuple[str, list[str], str, int, int]]) -> None:
    lines = ["@UTF8", "@Begin", "@Participants:\tINV Dana Investigator, PAR Alex Participant"]
    for speaker, words, terminator, start, length in utterances:
        lines.append(
            f"*{speaker}:\t{' '.join(words)} {terminator} \x15{start}_{start + length}\x15"
        )
        lines.append(f"%mor:\t{' '.join('n|' + word for word in words)} {terminator}")
    lines.append("@End")
    turns = list(chat.parse("\n".join(lines) + "\n"))
    assert [(t.speaker, t.start, t.end, t.text) for t in turns] == [
        (speaker, start / 1000, (start + length) / 1000, " ".join(words) + terminator)
        for speaker, words, terminator, start, length in utterances
    ]


@given(st.text(max_size=300))
def test_random_text_raises_only_format_error(tail: str) -> None:
    with contextlib.suppress(FormatError):
        list(chat.parse("@UTF8\n@Begin\n" + tail))
