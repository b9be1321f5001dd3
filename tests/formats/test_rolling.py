"""Rolling captions (YouTube's automatic captions) and one-word cues: every word counts once.

Fixtures in tests/data/youtube (see SOURCES.md there): a real youtube-dl auto-caption file
(webvtt-py's test data, MIT) and files built exactly to the layout yt-dlp saves today.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from twoway.formats import load, parse_text, srt, vtt
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"
YOUTUBE = DATA / "youtube"

# The eight lines of the built file, each with its cue's start and end (the static 10 ms cue
# after a line starts where the line's cue ends; the sixth line starts a new block after a pause).
LAYOUT_TURNS = (
    Turn(None, 0.16, 2.47, "so tell me about a time you"),
    Turn(None, 2.48, 5.03, "disagreed with your manager"),
    Turn(None, 5.04, 7.98, "sure so at my last job we had a"),
    Turn(None, 7.99, 10.31, "release planned for a Friday"),
    Turn(None, 10.32, 12.37, "and I thought we needed more testing"),
    Turn(None, 14.6, 16.19, "what did you do"),
    Turn(None, 16.2, 18.74, "I wrote up the risks and we agreed"),
    Turn(None, 18.75, 20.9, "to ship on Monday instead"),
)
# 8 static cues repeat a whole line; 6 rolling cues repeat the line before (the sixth line's cue
# starts with a blank line instead).
LAYOUT_NOTE = (
    "Rolling captions (each cue repeats the line before it, as YouTube's automatic captions "
    "do): 14 repeated lines were dropped, so each word counts once."
)


def test_auto_captions_built_to_the_yt_dlp_layout_count_each_word_once() -> None:
    conv = load(YOUTUBE / "auto_captions_layout.en.vtt")
    assert conv.format == "vtt"
    assert conv.turns == LAYOUT_TURNS
    assert conv.notes == (LAYOUT_NOTE, "The file does not say who spoke; speakers are unknown.")
    # 7 + 4 + 9 + 5 + 7 + 4 + 8 + 5 words, as spoken; read cue by cue they were 98.
    assert sum(len((t.text or "").split()) for t in conv.turns) == 49


def test_srt_converted_from_rolling_captions_is_deduplicated_the_same_way() -> None:
    conv = load(YOUTUBE / "auto_captions_layout.en.srt")
    assert conv.format == "srt"
    assert conv.turns == LAYOUT_TURNS
    assert conv.notes[0] == LAYOUT_NOTE


def test_real_youtube_dl_auto_captions_from_webvtt_py() -> None:
    # Cue 2 repeats cue 1's "yeah" above "what" (and cue 3 follows it without a blank line);
    # cue 4 repeats cue 3's line and a stray "</c>" line that reads as nothing.
    conv = load(YOUTUBE / "webvtt_py_youtube_dl.vtt")
    assert conv.turns == (
        Turn(None, 4 * 60 + 46.07, 4 * 60 + 46.47, "yeah"),
        Turn(None, 4 * 60 + 46.47, 5 * 60 + 4.08, "what"),
        Turn(None, 5 * 60 + 4.08, 5 * 60 + 5.069, "this will happen is I'm telling"),
    )
    assert conv.notes[0] == (
        "Rolling captions (each cue repeats the line before it, as YouTube's automatic captions "
        "do): 2 repeated lines were dropped, so each word counts once."
    )


def test_a_space_line_under_the_timing_line_belongs_to_the_cue() -> None:
    # Before, the " " line ended the cue and its words were skipped as a block without timing.
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n \nhello there\n\n00:02.000 --> 00:03.000\nbye\n"
    assert list(vtt.parse(text)) == [
        Turn(None, 1.0, 2.0, "hello there"),
        Turn(None, 2.0, 3.0, "bye"),
    ]


def test_ordinary_captions_that_repeat_a_line_are_not_rolling() -> None:
    # Two-line subtitles where one line happens to repeat, and repeated single-line cues.
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n[Music]\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n[Music]\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nWhere were you\nlast night?\n\n"
        "4\n00:00:04,000 --> 00:00:05,000\nlast night?\nAt home.\n\n"
        "5\n00:00:05,000 --> 00:00:06,000\nYeah.\n\n"
        "6\n00:00:06,000 --> 00:00:07,000\nYeah.\n"
    )
    notes: list[str] = []
    turns = list(srt.parse(text, notes=notes))
    assert [t.text for t in turns] == [
        "[Music]",
        "[Music]",
        "Where were you last night?",
        "last night? At home.",
        "Yeah.",
        "Yeah.",
    ]
    assert notes == []


def test_rolling_is_decided_on_two_rolling_cues_without_timestamps() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst line\n\n"
        "00:02.000 --> 00:03.000\nfirst line\nsecond line\n\n"
        "00:03.000 --> 00:04.000\nsecond line\nthird line\n"
    )
    assert [t.text for t in parse_text(text).turns] == ["first line", "second line", "third line"]


def test_whisper_timestamped_word_cues_become_turns_at_pauses() -> None:
    cues = [(0.32, 0.56, "C'est"), (0.56, 0.86, "évident"), (0.86, 1.0, "ce"), (1.0, 1.1, "que")]
    cues += [(1.1, 1.2, "dit"), (1.2, 1.74, "Nicolas,"), (1.74, 1.98, "mais"), (1.98, 2.22, "je")]
    cues += [(2.22, 2.32, "ne"), (2.32, 2.6, "pense"), (4.5, 4.9, "Voilà.")]  # 1.9 s pause
    text = "WEBVTT\n\n" + "\n".join(
        f"00:{s:06.3f} --> 00:{e:06.3f}\n{word}\n" for s, e, word in cues
    )
    conv = parse_text(text)
    assert conv.turns == (
        Turn(None, 0.32, 2.6, "C'est évident ce que dit Nicolas, mais je ne pense"),
        Turn(None, 4.5, 4.9, "Voilà."),
    )
    assert conv.notes[0] == (
        "One word per cue: the 11 cues were joined into 2 turns of one speaker with pauses "
        "under 0.5 s."
    )


def test_a_few_one_word_cues_stay_as_they_are() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nYes.\n\n00:02.000 --> 00:03.000\nNo.\n"
    assert [t.text for t in parse_text(text).turns] == ["Yes.", "No."]


def test_whisper_timestamped_words_vtt(shared_dir: Path) -> None:
    # SOURCES.md: 555 cues, one per word, 00:00.32-02:57.90, French, no speakers.
    conv = load(shared_dir / "exports/whisper-vtt/whisper_timestamped_smartphone_fr.words.vtt")
    assert conv.format == "vtt"
    assert sum(len((t.text or "").split()) for t in conv.turns) == 555
    assert conv.turns[0].start == 0.32
    assert conv.turns[-1].end == 177.9
    assert conv.turns[0].text is not None and conv.turns[0].text.startswith(
        "C'est évident ce que dit Nicolas, mais"
    )
    assert conv.speakers == ()
    # The pauses over 0.5 s (the longest 165.30 -> 166.82) split the 555 words into turns.
    assert [(t.start, t.end) for t in conv.turns] == [
        *((0.32, 19.38), (19.94, 83.36), (83.9, 95.12), (95.76, 130.22)),
        *((130.86, 141.78), (142.42, 151.96), (152.56, 165.3), (166.82, 177.9)),
    ]


# Property: any sequence of lines rendered in YouTube's rolling layout reads back as those lines.

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=8)
# Two words at least, so that each line carries inline timestamps as YouTube's do (a file of one
# or two one-word lines shows no sign of rolling and is read as written).
lines = st.lists(st.lists(words, min_size=2, max_size=8).map(" ".join), min_size=1, max_size=12)


def _clock(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _rolling_vtt(spoken: list[str]) -> str:
    out = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = " "
    for i, line in enumerate(spoken):
        start = 3.0 * i
        first, *rest = line.split()
        tagged = first + "".join(
            f"<{_clock(start + 0.2 * k)}><c> {w}</c>" for k, w in enumerate(rest, 1)
        )
        timing = "align:start position:0%"
        out += [f"{_clock(start)} --> {_clock(start + 2.99)} {timing}", previous, tagged, ""]
        out += [f"{_clock(start + 2.99)} --> {_clock(start + 3.0)} {timing}", line, " ", ""]
        previous = line
    return "\n".join(out)


@given(spoken=lines)
def test_rolling_layout_reads_back_each_line_once(spoken: list[str]) -> None:
    turns = list(vtt.parse(_rolling_vtt(spoken)))
    assert [t.text for t in turns] == spoken
    assert [t.start for t in turns] == [3.0 * i for i in range(len(spoken))]


def test_a_cue_of_thousands_of_lines_in_a_rolling_file_reads_quickly() -> None:
    import time

    head = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n \nso<00:01.500><c> here</c>\n\n"
        "00:02.000 --> 00:02.010\nso here\n \n\n"
    )
    big = "00:02.010 --> 00:05.000\nso here\n" + "again and again\n" * 5000
    started = time.perf_counter()
    turns = list(vtt.parse(head + big))
    assert time.perf_counter() - started < 2.0
    assert [t.text for t in turns][:1] == ["so here"]
    assert turns[-1].text is not None and turns[-1].text.count("again") == 10_000
