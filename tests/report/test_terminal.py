"""The terminal report, rendered without colour and read back as text.

The figures asserted here are worked out by hand from the conversations in ``conftest.py``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from itertools import pairwise

import pytest
from report_conversations import (
    BALANCED_QUESTIONS,
    FOLLOW_UP_QUESTION,
    PAY_QUESTION,
    balanced_interview,
    monologue_interview,
    questioning_interview,
)
from rich.console import Console

from twoway.analysis import Analysis, analyze
from twoway.analysis.result import PlanCoverage
from twoway.model import Conversation, Turn
from twoway.report import render_terminal


def render(analysis: Analysis, width: int = 100) -> str:
    console = Console(record=True, width=width, no_color=True)
    render_terminal(analysis, console)
    return console.export_text()


def line_with(text: str, needle: str) -> str:
    """The first line of ``text`` that contains ``needle``."""
    lines = [line for line in text.splitlines() if needle in line]
    assert lines, needle
    return lines[0]


def entry_with(text: str, needle: str) -> str:
    """The line of ``text`` that contains ``needle`` and, when the entry wraps, its next line."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if needle in line:
            wrapped = i + 1 < len(lines) and lines[i + 1].startswith(" " * 8)
            return " ".join(x.strip() for x in lines[i : i + 1 + wrapped])
    raise AssertionError(needle)


def test_monologue_interview_shows_share_bar_score_and_feedback(monologue: Analysis) -> None:
    out = render(monologue)
    assert "twoway report: monologue.vtt" in out
    assert "interview mode · 5 min 20 s · shares by time · you: Alex" in out
    # Alex 246 of 320 s = 76.875%: 15 of 20 cells filled, the band (40-60%) is cells 8 to 11.
    alex = line_with(out, "Alex (you)")
    assert "4:06" in alex
    assert "████████▓▓▓▓███·····  77%" in alex
    assert "3:00" in alex  # longest turn
    dana = line_with(out, "Dana ")
    assert "█████···············  23%" in dana
    assert "Your share 77%, target 40-60% (▓░ on your bar): above target" in out
    # 40 * (1 - 0.16875 / 0.25) = 13; 6 switches in 320 s = 1.125/min -> 15 * 1.125 / 2 = 8.4.
    assert "Two-way score  21/100" in out
    assert "balance         13/40" in out
    assert "questions        0/25" in out
    assert "monologues       0/20" in out
    assert "interactivity  8.4/15" in out


def test_monologue_interview_lists_zero_questions_and_the_monologue(monologue: Analysis) -> None:
    out = render(monologue)
    assert "You asked (0)\n  none" in out
    assert "They asked (2)" in out
    # Dana's question ends her 200-230 s turn; Alex answers for 60 s. "why do you want" is the
    # defining motivational cue; "Do you have any questions for me?" matches no kind cue, and
    # "other" is not shown.
    why = line_with(out, "Why do you want this role?")
    assert "3:37" in why
    assert "open · motivational · answer 1:00" in why
    assert "closed · answer 0:06" in line_with(out, "Do you have any questions for me?")
    assert "other" not in out.split("They asked")[1].split("Monologues")[0]
    assert "Monologues over 1 min 30 s (1)" in out
    assert "Alex (you)  at 0:20  3 min" in out
    assert "Interruptions  0" in out


def test_monologue_interview_balance_and_feedback_order(monologue: Analysis) -> None:
    out = render(monologue)
    # Windows of 150 s every 30 s up to 300 s: Alex 130, 150, 140, 120, 120, 110 s of 150.
    assert "Balance over time  dominated by you" in out
    assert "0:00 ▇▇▇██████▇▇▇▇▇▇▆▆▆▆▆▆ 5:20" in out
    feedback = out[out.index("Feedback") :]
    assert "1.  ● high    You spoke 77% of the time" in feedback
    assert "2.  ● high    You asked no questions." in feedback
    assert "3.  ◐ medium  Your longest monologue ran 3 min" in feedback


def test_balanced_interview_lists_questions_and_backchannels(balanced: Analysis) -> None:
    out = render(balanced)
    # Alex 150 of 325 s = 46%, inside the band: 40. Questions: 4 of the target 4 -> 15; 3 of 4
    # open (the remote-or-hybrid one is a choice) -> 5 * 3/4 = 3.75; one about them ("enjoyed")
    # and no follow-up (none shares a content word with Dana's turn before it) -> 5 * 1/2 = 2.5;
    # 21.25 -> 21.2. Longest floor 45 s: 20. 9 switches in 325 s = 1.66/min -> 12.46 -> 12.5.
    # 40 + 21.2 + 20 + 12.5 = 93.7 -> 94.
    assert "Your share 46%, target 40-60% (▓░ on your bar): on target" in out
    assert "Two-way score  94/100" in out
    assert "questions      21.2/25  4 asked (target at least 4), 3 open, 1 about them" in out
    assert "interactivity  12.5/15" in out
    assert "Balance over time  back-and-forth" in out
    assert "You asked (4)" in out
    for question in BALANCED_QUESTIONS:
        assert question in out
    # "typical day", "on-call" and "remote"/"hybrid" are day-to-day cues.
    assert "choice · day to day" in line_with(out, "Is the team remote or hybrid?")
    assert "open · them" in line_with(out, "What have you enjoyed most about working here?")
    assert "not counted: 1 backchannel (“Really?”)" in out
    assert "They asked (2)" in out
    assert "answer 0:45" in line_with(out, "Can you walk me through your last project?")
    # Only "migration" is shared with Alex's answer just before: one content word is not
    # enough for a follow-up (it takes two, docs/metrics.md).
    migration = entry_with(out, "How did you measure whether the migration worked?")
    assert "open · behavioral · answer 0:45" in migration and "follow-up" not in migration
    assert "Monologues over 1 min 30 s (0)\n  none" in out
    # Praise is "✓ good", never a priority ("○ low" read as a fault of low importance).
    assert "1.  ✓ good  Your share (46%) is within the 40-60% target" in out


def test_untimed_transcript_leaves_out_timing_columns(untimed: Analysis) -> None:
    out = render(untimed)
    assert "shares by words (no timestamps) · you: Alex" in out
    header = line_with(out, "Speaker ")
    assert "Share" in header and "Words" in header and "Turns" in header
    for timing_only in ("Talk", "Longest", "/min", "Inter-"):
        assert timing_only not in out.split("Speakers")[1].split("Your share")[0]
    assert "87%" in line_with(out, "Alex (you)")
    assert "13%" in line_with(out, "Dana ")
    # Balance: 87% is 0.27 above the band, past the 0.25 fall-off: 0. Questions: 1 of 4 -> 3.75,
    # 1 of 1 open -> 5, nothing about them and no follow-up -> 0: 8.75 -> 8.8. Longest floor
    # about 122 words / 150 a minute = 49 s: 20. 4 switches in 156 / 150 minutes: 15.
    # 0 + 8.8 + 20 + 15 = 43.8 -> 44.
    assert "Two-way score  44/100" in out
    assert "questions      8.8/25  1 asked (target at least 4), 1 open, 0 about them" in out
    assert "Balance over time" not in out
    assert "Monologues" not in out
    # Without timestamps a question has no time stamp, and no answer length in seconds;
    # "hardest" is a behavioral cue.
    assert line_with(out, "What was the hardest part?").split() == [
        "·",
        "What",
        "was",
        "the",
        "hardest",
        "part?",
        "open",
        "·",
        "behavioral",
        "·",
        "answer",
        "14",
        "words",
    ]
    assert "Notes\n  ·  The transcript has no timestamps: shares are by words, not time." in out


def test_textless_source_leaves_out_text_columns_and_questions(textless: Analysis) -> None:
    out = render(textless)
    header = line_with(out, "Speaker ")
    assert "Talk" in header and "Share" in header and "Turns" in header
    for text_only in ("Words", "Ques-", "Fillers", "/min"):
        assert text_only not in header
    # Alex 60 of 100 s: the top of the band, on target.
    assert "████████▓▓▓▓········  60%" in line_with(out, "Alex (you)")
    assert "on target" in out
    assert "asked (" not in out
    # 40 + 20 + 13.5 of the 75 measurable points (questions need words): 73.5 / 75 -> 98.
    assert "Two-way score  98/100" in out
    assert "The source has no words: questions, pace and fillers need a transcript." in out


def test_without_me_the_report_asks_which_speaker_you_are(no_me: Analysis) -> None:
    out = render(no_me)
    prompt = line_with(out, "Which speaker are you?")
    assert out.index(prompt) < out.index("Speakers")  # in the header, before everything
    assert "One of: Dana, Alex." in prompt
    assert "(you)" not in out
    assert "Your share" not in out
    assert "Two-way score" not in out
    assert "▓" not in out and "░" not in out  # no target band without a "me"
    assert "Questions asked (6)" in out
    assert "Dana" in line_with(out, "How did you measure whether the migration worked?")
    assert "1.  ● high  Which speaker are you? Run again with --me NAME" in out


def test_transcript_without_speaker_names_says_so() -> None:
    conv = Conversation(
        (Turn(None, 0.0, 5.0, "Hello there."), Turn(None, 5.0, 9.0, "Hi, nice to meet you.")),
        source="meet.sbv",
    )
    out = render(analyze(conv))
    assert "The transcript does not say who spoke" in out
    assert "(unknown)" in out


@pytest.mark.parametrize("width", [80, 100])
def test_panel_of_four_fits_the_terminal(panel: Analysis, width: int) -> None:
    out = render(panel, width)
    for name in ("Priya Raman", "Alex (you)", "Marcus", "Jo ", "(unknown)"):
        assert name in out
    assert all(len(line) <= width for line in out.splitlines())
    # Two interviewers asked nothing, so the asker is shown only when it helps.
    assert "How do you approach code review?" in out


def test_narrow_terminal_drops_minor_columns_and_says_so(panel: Analysis) -> None:
    wide, narrow = render(panel, 100), render(panel, 80)
    assert "/min" in line_with(wide, "Speaker ")
    assert "/min" not in line_with(narrow, "Speaker ")
    assert "(hidden at this width: words/min, fillers/100 words)" in narrow
    # The share figures survive at every width.
    assert "62%" in line_with(narrow, "Alex (you)")


@pytest.mark.parametrize(
    "fixture",
    ["monologue", "balanced", "untimed", "textless", "no_me", "panel", "questioning", "prepared"],
)
def test_no_line_is_wider_than_80_columns(fixture: str, request: pytest.FixtureRequest) -> None:
    out = render(request.getfixturevalue(fixture), 80)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_long_source_path_gets_its_own_line() -> None:
    path = "/home/alex/Documents/interviews/2026-11-26 Acme Corp second round (panel).vtt"
    conv = Conversation(monologue_interview().turns, source=path, format="vtt")
    out = render(analyze(conv, me="Alex"), 60)
    assert "twoway report" in out.splitlines()[0]
    assert "".join(out.splitlines()[1:3]).replace(" ", "") == path.replace(" ", "")


def test_question_topic_and_kind_are_shown_when_present(balanced: Analysis) -> None:
    questions = tuple(
        dataclasses.replace(q, topic="role", kind="technical", follow_up=True)
        for q in balanced.questions
    )
    out = render(dataclasses.replace(balanced, questions=questions))
    # Dana answered it for 45 s (150-195 s), so the answer follows the tags.
    assert "open · role · technical · ↪ follow-up · answer 0:45" in entry_with(
        out, BALANCED_QUESTIONS[0]
    )
    # "other" (no cue matched) says nothing and is left out.
    unlabelled = tuple(dataclasses.replace(q, topic="other", kind="other") for q in questions)
    out = render(dataclasses.replace(balanced, questions=unlabelled))
    assert "open · ↪ follow-up · answer 0:45" in entry_with(out, BALANCED_QUESTIONS[0])
    assert "other" not in out


def test_many_windows_fit_on_one_line() -> None:
    # A one-hour call alternating every 60 s: 116 windows, averaged down to fit.
    turns = [
        Turn("Alex" if i % 2 else "Dana", i * 60.0, (i + 1) * 60.0, "I see the point here.")
        for i in range(60)
    ]
    out = render(analyze(Conversation(tuple(turns)), me="Alex"), 80)
    spark = line_with(out, "  0:00 ")
    assert spark.rstrip().endswith(" 1:00:00")  # the last window, 57:30 to 1:00:00
    assert len(spark) <= 80


def test_import_twoway_report_does_not_import_rich() -> None:
    code = "import sys, twoway.report; assert 'rich' not in sys.modules, 'rich imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reports_print_one_after_another(monologue: Analysis, balanced: Analysis) -> None:
    console = Console(record=True, width=100, no_color=True)
    render_terminal(monologue, console)
    render_terminal(balanced, console)
    out = console.export_text()
    assert out.count("twoway report: ") == 2
    assert "Two-way score  21/100" in out and "Two-way score  94/100" in out


def test_balanced_fixture_has_nine_switches() -> None:
    # Guards the hand computation above: the interactivity points rest on it.
    turns = balanced_interview().turns
    assert sum(1 for a, b in pairwise(turns) if a.speaker != b.speaker) == 9


def test_empty_transcript_renders_without_a_speakers_table() -> None:
    out = render(analyze(Conversation(())))
    assert "Speakers" not in out
    assert "The transcript does not say who spoke" in out


# -- your questioning, prepared questions, questions you can still ask ---------------------


def section(out: str, title: str) -> list[str]:
    """The lines of the section that starts with ``title``, up to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return [line.rstrip() for line in lines[start:end]]


@pytest.mark.parametrize("width", [80, 120])
def test_your_questioning_summary(questioning: Analysis, width: int) -> None:
    out = render(questioning, width)
    # Worked out in the docstring of questioning_interview: 4 asked, 3 open (one choice), one
    # about them, one follow-up; topics day to day x2, them, compensation; Dana's three
    # questions answered for 60, 40 and 15 s (median 40 s); pay raised by Alex first.
    assert section(out, "Your questioning")[:4] == [
        "Your questioning  4 asked · 3 open · 1 about them · 1 follow-up",
        "  topics: day to day (2), them (1), compensation (1)",
        "  your answers to their 3 questions: 0:40 median",
        "  ! you asked about pay before they raised it",
    ]
    assert out.index("Your questioning") < out.index("You asked (4)")
    # The follow-up is marked, with how long Dana answered it (120-165 s, 14 words): beside
    # the question when both fit, else under it. 60 + 2 + 51 columns, plus 8 for the indent and
    # time stamp, is 121: under it at both widths.
    at = out.index(FOLLOW_UP_QUESTION)
    assert "open · day to day · ↪ follow-up · answer 0:45, 14 words" in out[at:].splitlines()[1]
    # 39 + 2 + 43 + 8 = 92 columns: beside it at 120, under it at 80.
    assert "open · compensation · answer 0:20, 12 words" in entry_with(out, PAY_QUESTION)
    assert "↪" not in line_with(out, PAY_QUESTION)


def test_questioning_score_and_feedback(questioning: Analysis) -> None:
    out = render(questioning)
    # Balance: 47% is in the band: 40. Questions: 4 of 4 -> 15; 3 of 4 open -> 3.75; one about
    # them plus one follow-up -> 5 * min(1, 2 / 2) = 5: 23.75 -> 23.8. Longest floor 60 s: 20.
    # 10 switches in 290 s = 2.07 a minute: 15. 40 + 23.8 + 20 + 15 = 98.8 -> 99.
    assert "Two-way score  99/100" in out
    assert "questions      23.8/25  4 asked (target at least 4), 3 open, 1 about them" in out
    # compensation_first (priority 2) comes first; what went well ("✓ good") after the advice.
    assert "1.  ◐ medium  You asked about pay before the interviewer raised it" in out
    assert "✓ good    1 question built on what they had just said" in out
    feedback = out[out.index("Feedback") :]
    assert feedback.index("◐ medium") < feedback.index("✓ good")


def test_pay_raised_by_them_first_is_no_warning() -> None:
    turns = list(questioning_interview().turns)
    salary = Turn("Dana", 164.0, 164.8, "The salary band is on the posting, by the way.")
    conv = questioning_interview().with_turns([*turns[:5], salary, *turns[5:]])
    out = render(analyze(conv, me="Alex"))
    assert "topics: day to day (2), them (1), compensation (1)" in out
    assert "pay before" not in out
    assert "!" not in "\n".join(section(out, "Your questioning"))


def test_no_questioning_summary_without_me_or_words(no_me: Analysis, textless: Analysis) -> None:
    assert "Your questioning" not in render(no_me)
    assert "Your questioning" not in render(textless)


def test_monologue_interview_questioning_is_short(monologue: Analysis) -> None:
    # Nothing asked: no open/about-them counts, no topics. Dana's questions were answered for
    # 60 s and 6 s: the median is 33 s.
    assert section(render(monologue), "Your questioning")[:2] == [
        "Your questioning  0 asked",
        "  your answers to their 2 questions: 0:33 median",
    ]


def test_untimed_questioning_has_no_answer_times(untimed: Analysis) -> None:
    # "success" is a role cue; without timestamps there is no answer length in seconds.
    assert section(render(untimed), "Your questioning")[:3] == [
        "Your questioning  1 asked · 1 open · 0 about them · 0 follow-ups",
        "  topics: role (1)",
        "You asked (1)",
    ]


@pytest.mark.parametrize("width", [80, 100])
def test_prepared_questions(prepared: Analysis, width: int) -> None:
    out = render(prepared, width)
    lines = section(out, "Prepared questions")
    assert lines[0] == "Prepared questions  4 of 7 asked · from acme-plan.md"
    assert lines[1] == "  ✗  them          What brought you to Acme?"
    assert lines[2] == "  ✓  day to day    How does the team use the data review?"
    # The asked wording differs: it is shown (folded at 80 columns), with the similarity.
    assert " ".join(" ".join(lines[3:5]).split()).startswith(
        "asked as “How does the team use the data review with product managers?” (88%"
    )
    # Asked as planned (only case and spacing differ): no "asked as" line under it.
    enjoyed = lines.index("  ✓  them          What have you enjoyed most about working here?")
    assert lines[enjoyed + 1] == "  ✓  compensation  What is the salary range?"
    assert "“What is the salary range for this role?”" in lines[enjoyed + 2]  # 79.6 -> 80%
    assert lines[-1] == "  ✗  next steps    What are the next steps?"
    assert sum(line.lstrip().startswith("✓") for line in lines) == 4
    assert sum(line.lstrip().startswith("✗") for line in lines) == 3
    # After the questions, before the monologues.
    assert out.index("They asked") < out.index("Prepared questions") < out.index("Monologues")


def test_questions_you_can_still_ask(prepared: Analysis) -> None:
    out = render(prepared)
    lines = section(out, "Questions you can still ask")
    assert lines[0] == "Questions you can still ask  for a thank-you note or the next round"
    assert lines[1].startswith("  1.  Could you tell me more about the weekly data review")
    # The first why names its theme already, so it is not repeated as "builds on".
    assert lines[2].startswith("      Dana brought up weekly data review themselves;")
    assert "builds on “numbers together”: Their answer on how the team decides" in out
    assert lines[-2:] == [
        "  3.  How do the office days work for the team?",
        "      builds on “two days a week”",
    ]
    assert out.index("Feedback") < out.index("Questions you can still ask")


def test_empty_plan_and_no_suggestions_say_so(questioning: Analysis) -> None:
    empty = dataclasses.replace(questioning, plan=PlanCoverage("plan.md", ()), suggestions=())
    out = render(empty)
    assert section(out, "Prepared questions") == [
        "Prepared questions  0 of 0 asked · from plan.md",
        "  the plan has no questions",
    ]
    assert section(out, "Questions you can still ask")[1] == (
        "  none: nothing they raised is left to follow up"
    )


def test_no_plan_or_suggestions_sections_unless_asked_for(questioning: Analysis) -> None:
    out = render(questioning)
    assert "Prepared questions" not in out
    assert "Questions you can still ask" not in out
