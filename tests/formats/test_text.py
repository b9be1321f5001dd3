"""Plain text: ``Name: text`` lines, timestamps, and the text layouts of Teams, Meet, Otter and Rev.

Ends of start-only turns follow the rule in docs/formats.md ("Start times only"): start +
max(1 s, words / 2.5), but no later than 0.1 s before the next start. Each expected end below is
worked out from the words of its turn.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import InputError
from twoway.formats import load, parse_text, text
from twoway.formats.text import START_ONLY_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"
NO_TIMESTAMPS = "No timestamps: shares are by words."


def estimated(speaker: str | None, start: float, end: float, words: str) -> Turn:
    return Turn(speaker, start, end, words, end_estimated=True)


def test_name_lines_with_a_continuation_line() -> None:
    conv = load(DATA / "text" / "plain_names.txt")
    assert conv.format == "text"
    assert conv.turns == (
        Turn("Recruiter", None, None, "Thanks for applying. Do you have questions for me?"),
        Turn(
            "Candidate",
            None,
            None,
            "Yes. What does onboarding look like? It's my first time moving into management.",
        ),
        Turn("Recruiter", None, None, "Two weeks of shadowing, then your own team."),
    )
    assert conv.notes == (NO_TIMESTAMPS,)


def test_otter_paragraphs() -> None:
    conv = load(DATA / "text" / "otter_paragraphs.txt")
    assert conv.turns == (
        # 17 words: 6.8 s, before the next start (11 s).
        estimated(
            "Morgan Blake",
            3.0,
            9.8,
            "Hi Taylor, thanks for taking the time. I'd love to hear what drew you to this role.",
        ),
        estimated(
            "Taylor Quinn",
            11.0,
            15.0,
            "Thanks, Morgan. Mainly the chance to work on developer tools.",
        ),
        estimated(
            "Morgan Blake",
            19.0,
            23.8,
            "That's great. What would you want to learn in your first year?",
        ),
        estimated(
            "Taylor Quinn", 3725.0, 3728.6, "Honestly, how the team decides what to build next."
        ),
    )
    assert conv.notes == (START_ONLY_NOTE,)


def test_timestamped_lines_skip_a_title_and_continue_the_speaker() -> None:
    conv = load(DATA / "text" / "timestamped.txt")
    assert conv.turns == (
        estimated("Casey Nguyen", 4.0, 7.2, "So, why are you looking to move on?"),
        estimated("Jamie Park", 9.0, 11.4, "I'm looking for a bigger scope."),
        estimated("Casey Nguyen", 20.0, 22.8, "What does bigger scope mean to you?"),
        # Unnamed stamped line: the speaker before.
        estimated("Casey Nguyen", 26.0, 28.8, "Owning a product area end to end."),
    )
    assert conv.notes == (
        "Skipped 1 line before the first timestamp (a title or header?).",
        START_ONLY_NOTE,
    )


def test_prose_with_one_note_line_stays_unnamed() -> None:
    conv = load(DATA / "text" / "prose_with_note.txt")
    assert conv.turns == (
        Turn(
            None,
            None,
            None,
            "We started the call a few minutes late. Note: the candidate had network problems.",
        ),
        Turn(None, None, None, "Afterwards we talked about the team."),
    )
    assert conv.notes[0] == (
        "One line starts with 'Note' and a colon, but no other line names a speaker, "
        "so it was read as speech."
    )


def test_timestamps_that_come_and_go_drop_timing() -> None:
    conv = parse_text("[00:01] Dana: Hi\nAlex: Hello\n[00:09] Dana: Shall we start?\n")
    assert [t.start for t in conv.turns] == [None, None, None]
    assert "Only 2 of 3 turns have a timestamp, so the file was read without timing." in conv.notes


def test_compose_round_trip_untimed() -> None:
    turns = [Turn("Dana", None, None, "Hi there"), Turn("Alex", None, None, "Hello")]
    assert list(text.parse(text.compose(turns))) == turns


# Names ----------------------------------------------------------------------------------------


def test_lower_case_and_mixed_case_display_names_when_most_lines_have_one() -> None:
    conv = parse_text(
        "sam patel: Hi there.\nAnand sharma: Hello!\npotuz: Shall we?\nsam patel: Yes.\n"
    )
    assert [(t.speaker, t.text) for t in conv.turns] == [
        ("sam patel", "Hi there."),
        ("Anand sharma", "Hello!"),
        ("potuz", "Shall we?"),
        ("sam patel", "Yes."),
    ]
    assert conv.notes == (NO_TIMESTAMPS,)


def test_pipes_commas_brackets_digits_emoji_and_other_scripts_are_names() -> None:
    conv = parse_text(
        "Jordan Lee | Brightwell Health: Welcome.\n"
        "Agrawal, Mayurika: Thanks.\n"
        "Karim T. (matkt): Hi.\n"
        "Speaker 2: Yes.\n"
        "张伟: 你好\n"
        "Дарья Иванова: Привет.\n"
        "प्रिया शर्मा: नमस्ते\n"
        "🦊 Fox: Hey.\n"
    )
    assert conv.speakers == (
        "Jordan Lee | Brightwell Health",
        "Agrawal, Mayurika",
        "Karim T. (matkt)",
        "Speaker 2",
        "张伟",
        "Дарья Иванова",
        "प्रिया शर्मा",
        "🦊 Fox",
    )


def test_a_lone_lower_case_prefix_in_prose_stays_text() -> None:
    conv = parse_text("We talked for a while.\nkev: this is a test\n\nThen we left.\n")
    assert conv.speakers == ()
    assert conv.turns[0].text == "We talked for a while. kev: this is a test"
    assert conv.notes[0] == (
        "One line starts with 'kev' and a colon, but no other line names a speaker, "
        "so it was read as speech."
    )


def test_a_phrase_before_a_colon_in_a_named_file_is_noted_with_the_speaker_before() -> None:
    conv = parse_text(
        "Dana: How did it go?\nAlex: Fine.\nDana: Really?\nAlex: Mostly.\n"
        "So here's the thing: it broke twice.\n"
    )
    assert conv.turns[-1] == Turn(
        "Alex", None, None, "Mostly. So here's the thing: it broke twice."
    )
    assert conv.notes == (
        "1 line starts with words and a colon that were not taken for a name "
        "('So here's the thing') and was read as the words of the speaker before.",
        NO_TIMESTAMPS,
    )


def test_sentences_with_colons_after_the_name_are_kept_whole() -> None:
    conv = parse_text("Dana: So here's the thing: it broke.\nAlex: At 10:30 we shipped.\n")
    assert [(t.speaker, t.text) for t in conv.turns] == [
        ("Dana", "So here's the thing: it broke."),
        ("Alex", "At 10:30 we shipped."),
    ]


# Meeting tools' layouts --------------------------------------------------------------------


def test_teams_transcript_last_first_names_markers_and_transcription_lines() -> None:
    conv = load(DATA / "teams" / "teams_transcript.txt")
    assert conv.format == "text"
    assert conv.turns == (
        estimated("Okafor, Chidi", 4.0, 7.6, "Thanks for joining. Can you hear me all right?"),
        estimated("Priya Raman (Guest)", 9.0, 12.2, "Yes, loud and clear. Thanks for having me."),
        estimated("Lindqvist, Maja [External]", 15.0, 17.4, "Hi both. I'll mostly listen today."),
        estimated(
            "Okafor, Chidi",
            21.0,
            25.4,
            "Let's start with the platform you built. What did it replace?",
        ),
        # 1:00:48 and 1:02:05.
        estimated("Priya Raman (Guest)", 3648.0, 3651.2, "Mostly cron jobs and a lot of hope."),
        estimated("Okafor, Chidi", 3725.0, 3726.6, "Any questions for us?"),
    )
    # Title, date and duration; "... started/stopped transcription" lines are dropped.
    assert conv.notes == (
        "Skipped 3 lines before the first timestamp (a title or header?).",
        START_ONLY_NOTE,
    )


def test_teams_older_layout_timing_line_then_name_line() -> None:
    conv = parse_text(
        "0:0:0.0 --> 0:0:4.200\nAgrawal, Mayurika\nWe have a discussion today.\n\n"
        "0:0:4.500 --> 0:0:6.100\nReddy, Mohan S\nYes.\nAnd one more thing.\n",
        format="text",
    )
    assert conv.turns == (
        Turn("Agrawal, Mayurika", 0.0, 4.2, "We have a discussion today."),
        Turn("Reddy, Mohan S", 4.5, 6.1, "Yes. And one more thing."),
    )
    assert conv.notes == ()
    assert text.has_named_timing_blocks(["0:0:0.0 --> 0:0:4.2", "Lee, Dana", "Hello."])
    assert not text.has_named_timing_blocks(["00:00:00,000 --> 00:00:04,200", "Hello there."])


def test_google_meet_document() -> None:
    conv = load(DATA / "meet" / "meet_transcript.txt")
    # Meet stamps the time every few minutes (here 00:05:00), not every turn: each turn's start is
    # placed by the words before it in its block (0:00 to 5:00, then 5:00 to the 6:12 end), and
    # its end estimated from its words (2.5 a second).
    assert conv.turns == (
        Turn(
            "dana lee",
            0.0,
            4.0,
            "Thanks for making time. Shall we start with your portfolio?",
            end_estimated=True,
        ),
        Turn(
            "Sam Osei",
            85.714,
            90.514,
            "Sure. The first project is a booking flow I redesigned last year.",
            end_estimated=True,
        ),
        Turn("dana lee", 188.571, 190.571, "What was the hardest constraint?", end_estimated=True),
        Turn(
            "Sam Osei",
            231.429,
            234.629,
            "Legacy payments code: nobody wanted to touch it.",
            end_estimated=True,
        ),
        Turn("dana lee", 300.0, 302.4, "How did you get it moving?", end_estimated=True),
        Turn(
            "Sam Osei",
            324.0,
            328.8,
            "We shipped behind a flag and measured drop-off for two weeks.",
            end_estimated=True,
        ),
    )
    assert conv.notes == (
        # The title, "Attendees" and the attendee list; the editable-transcript line and
        # "Meeting ended after ..." are dropped.
        "Skipped 3 lines before the 'Transcript' heading.",
        "The transcript gives a time only every few turns (2 times for 6 turns, as Google Meet "
        "does): each turn's start is placed by the words said before it in its block, and its "
        "end estimated from its words (the first block, unstamped, taken to start at 0:00).",
    )


def test_google_meet_markdown_blocks_and_footer() -> None:
    # Google Docs' "Download as Markdown" of a Meet transcript: times as headings, bold names,
    # the footer as a heading (layout of a real export; names and words made up).
    conv = parse_text(
        "# Weekly sync - Transcript\n\n### 00:00:00\n\n"
        "**Ana Ruiz:** Hello, can you hear me?  \n**Ben Okafor:** Yes, loud and clear.  \n\n"
        "### 00:01:00\n\n**Ana Ruiz:** Then let us start with the roadmap.  \n\n"
        "### Transcription ended after 00:01:30\n\n"
        "*This editable transcript was computer generated and might contain errors.*\n"
    )
    assert [(t.speaker, t.start, t.text) for t in conv.turns] == [
        ("Ana Ruiz", 0.0, "Hello, can you hear me?"),
        ("Ben Okafor", 33.333, "Yes, loud and clear."),  # after 5 of the block's 9 words
        ("Ana Ruiz", 60.0, "Then let us start with the roadmap."),
    ]
    assert conv.end_s == 62.8  # 7 words at 2.5 a second, before the 1:30 end
    assert conv.speakers == ("Ana Ruiz", "Ben Okafor")


def test_otter_export_with_a_lower_case_name_and_the_footer() -> None:
    conv = load(DATA / "otter" / "otter_transcript.txt")
    assert conv.turns == (
        estimated("Jordan Blake", 0.0, 3.2, "Hi Taylor, thanks for taking the time today."),
        estimated("taylor quinn", 6.0, 8.0, "Thanks. Happy to be here."),
        estimated("Jordan Blake", 9.0, 11.4, "What drew you to this role?"),
        estimated("Unknown Speaker", 15.0, 17.4, "Sorry, is this the right call?"),
        estimated("taylor quinn", 3602.0, 3605.2, "Mainly the chance to work on developer tools."),
    )
    assert conv.notes == (
        "Skipped 1 line before the first timestamp (a title or header?).",
        START_ONLY_NOTE,
    )


def test_otter_export_without_speaker_names() -> None:
    conv = load(DATA / "otter" / "otter_no_speakers.txt")
    assert conv.turns == (
        estimated(None, 0.0, 4.0, "When I was a kid, I wanted to build bridges."),
        estimated(None, 7.0, 9.4, "Then I found out about software."),
        estimated(None, 12.0, 13.2, "Thanks for listening."),
    )


def test_otter_pasted_as_markdown() -> None:
    conv = load(DATA / "otter" / "otter_markdown.md", format="text")
    assert conv.turns == (
        estimated("Morgan Blake", 0.0, 1.6, "Thanks for meeting up."),
        estimated("Riley Chen", 4.0, 7.2, "Of course. What would you like to know?"),
        estimated("Morgan Blake", 11.0, 14.2, "How did you move from support into engineering?"),
    )


def test_rev_speaker_and_time_headers() -> None:
    conv = load(DATA / "rev" / "rev_transcript.txt")
    assert conv.turns == (
        estimated(
            "Speaker 1",
            0.0,
            4.4,
            "Thanks for joining us today. Could you start by introducing yourself?",
        ),
        estimated(
            "Speaker 2",
            6.0,
            11.2,
            "Sure. I'm Alex, and I lead the data team at a logistics startup.",
        ),
        estimated("Speaker 1", 13.0, 15.0, "What does your team own?"),
        estimated(
            "Speaker 2",
            3764.0,
            3768.0,
            "Everything from ingestion to the dashboards the operations team uses.",
        ),
    )


def test_rev_name_colon_then_time() -> None:
    conv = load(DATA / "rev" / "rev_name_colon_time.txt")
    assert conv.turns == (
        estimated(
            "Dana Whitfield", 2.0, 6.0, "Thanks for coming in. Let's start with your last project."
        ),
        estimated("Alex Moreno", 7.0, 9.0, "I rebuilt our billing pipeline."),
        estimated("Dana Whitfield", 12.0, 14.0, "What was hard about it?"),
    )


def test_rev_inline_times() -> None:
    conv = load(DATA / "rev" / "rev_inline.txt")
    assert conv.turns == (
        estimated("Speaker 1", 0.0, 1.6, "Thanks for joining us."),
        estimated("Speaker 2", 4.0, 5.6, "Happy to be here."),
        estimated("Speaker 1", 7.0, 10.6, "Tell me about a project you are proud of."),
    )


def test_a_name_like_prefix_inside_a_header_paragraph_is_text() -> None:
    conv = parse_text(
        "Okafor, Chidi   0:04\nNote: we are recording.\nThanks for joining.\n\n"
        "Priya Raman   0:09\nHi.\n"
    )
    assert conv.turns == (
        # 7 words: 2.8 s.
        estimated("Okafor, Chidi", 4.0, 6.8, "Note: we are recording. Thanks for joining."),
        estimated("Priya Raman", 9.0, 10.0, "Hi."),
    )
    assert conv.notes == (START_ONLY_NOTE,)


def test_a_date_line_with_a_time_is_not_a_header() -> None:
    conv = parse_text("12 March 2026 14:02\n\nDana Lee  0:05\nHello.\n")
    assert conv.turns == (estimated("Dana Lee", 5.0, 6.0, "Hello."),)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Dana Lee  0:05", text.HEADER),
        ("sam patel  0:05", text.HEADER),
        ("Speaker 1 (00:05):", text.HEADER),
        ("Okafor, Chidi started transcription", text.SKIP),
        ("Transcribed by https://otter.ai", text.SKIP),
        ("Meeting ended after 00:31:02 👋", text.END),
        ("00:05:00", text.CLOCK_LINE),
        ("We met at 10:30", text.PLAIN),
        ("So here's the thing: it broke", text.PLAIN),
    ],
)
def test_classify(line: str, kind: int) -> None:
    assert text.classify(line)[0] == kind


# Safety ----------------------------------------------------------------------------------------

LONG = 200_000
LONG_LINES = [
    "a" * LONG,
    "Dana" + " " * LONG + "0:05",
    "x " * (LONG // 2) + "0:05",
    "1" * LONG,
    "[" + "a1:" * (LONG // 3) + "] 00:00:01",
    "[00:00:01] " + "x" * LONG,
    "x" * LONG + " (00:05)",
    "a (" * (LONG // 3) + "00:05):",
    "Name: " + "(" * LONG,
    "x" * LONG + " started transcription",
]


@pytest.mark.slow
@pytest.mark.parametrize("line", LONG_LINES, ids=range(len(LONG_LINES)))
def test_a_200_kb_line_reads_in_linear_time(line: str) -> None:
    # The old Otter header pattern backtracked: 30 s on a 60 KB line. Generous bound: 2 s.
    began = time.perf_counter()
    text.classify(line)
    list(text.parse(f"{line}\n{line}\n"))
    assert time.perf_counter() - began < 2.0


lines = st.one_of(
    st.sampled_from(
        [
            "Dana Lee  0:05",
            "Speaker 1 (00:05):",
            "Speaker 1: (00:00:05) hi",
            "**Dana**  0:01",
            "0:0:1.0 --> 0:0:2.0",
            "0:0:2.0 --> 0:0:1.0",
            "Lee, Dana",
            "00:05:00",
            "[00:01] kev: hi",
            "kev: hi",
            "Note: x",
            "X started transcription",
            "Meeting ended after 00:01:00",
            "",
            "(",
            ":",
        ]
    ),
    st.text(max_size=20),
)


@given(source=st.lists(lines, max_size=16).map("\n".join))
def test_any_lines_read_without_errors_other_than_input_errors(source: str) -> None:
    notes: list[str] = []
    try:
        turns = list(text.parse(source, notes=notes))
    except InputError:
        return
    timed = {turn.start is not None for turn in turns}
    assert len(timed) <= 1  # every turn timed, or none
    for turn in turns:
        assert turn.start is None or (turn.end is not None and turn.end >= turn.start)
