"""The markdown report: same sections as the terminal, tables intact whatever the transcript says.

Figures are the hand-worked ones of ``report_conversations.py``.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

from report_conversations import BALANCED_QUESTIONS

from twoway.analysis import Analysis, analyze
from twoway.analysis.result import PlanCoverage, PlannedQuestion, Suggestion
from twoway.model import Conversation, Turn
from twoway.report import render_markdown
from twoway.report.markdown import escape

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def tables(markdown: str) -> list[list[str]]:
    """Every table as its lines (consecutive lines starting with ``|``)."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def assert_tables_well_formed(markdown: str) -> None:
    for table in tables(markdown):
        widths = {len(_UNESCAPED_PIPE.findall(line)) for line in table}
        assert len(widths) == 1, table


def test_monologue_interview(monologue: Analysis) -> None:
    md = render_markdown(monologue)
    assert md.startswith("# twoway report: monologue.vtt\n")
    assert (
        "**Mode:** interview · **Duration:** 5 min 20 s · **Shares:** by time · **You:** Alex" in md
    )
    assert (
        "| **Alex** (you) | 4:06 | **77%** (target 40-60%, above target) | 616 | 3 | 0 | 3:00 |"
        in md
    )
    assert "| Dana | 1:14 | 23% |" in md
    assert "## Two-way score: 21/100" in md
    assert "| balance | 13/40 | your share 77%; target 40-60% |" in md
    assert "| interactivity | 8.4/15 |" in md
    # Alex's share in the six windows: 130, 150, 140, 120, 120, 110 s of 150.
    # 130/150 = 0.87 -> ▇ (7th of 8 levels), 1.0 -> █, 0.93 -> █, 0.8 -> ▇, 0.8 -> ▇, 0.73 -> ▆.
    assert "## Balance over time: dominated by you\n\n`0:00 ▇██▇▇▆▆ 5:20`" in md
    assert "### You asked (0)\n\nNone." in md
    assert (
        "- 3:37 · Why do you want this role? _(open · motivational · answer 1:00, 122 words)_" in md
    )
    assert "## Monologues over 1 min 30 s (1)\n\n- **Alex** (you) at 0:20 for 3 min" in md
    assert "**Interruptions:** 0" in md
    assert "1. ● **high**: You spoke 77% of the time; in an interview aim near 50%" in md
    assert "3. ◐ **medium**: Your longest monologue ran 3 min" in md
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert_tables_well_formed(md)


def test_balanced_interview_escapes_question_text(balanced: Analysis) -> None:
    md = render_markdown(balanced)
    assert "| **Alex** (you) | 2:30 | **46%** (target 40-60%, on target) |" in md
    # 40 + 21.2 + 20 + 12.5 = 93.7 -> 94 (worked out in test_terminal.py).
    assert "## Two-way score: 94/100" in md
    assert (
        "| questions | 21.2/25 | 4 asked (target at least 4), 3 open, 1 about them, "
        "0 follow-ups |" in md
    )
    assert "### You asked (4)" in md
    # Dana answers it from 200 to 230 s: "We rotate weekly and the pager is quiet. " 9 times
    # (round(30 s x 150 a minute / 60 / 8)), 8 words each: 0:30, 72 words.
    assert (
        "- 3:16 · How do you handle \\*on-call\\* for the ingest\\_service \\| the pipeline? "
        "_(open · day to day · answer 0:30, 72 words)_" in md
    )
    for question in (BALANCED_QUESTIONS[0], BALANCED_QUESTIONS[2], BALANCED_QUESTIONS[3]):
        assert question in md
    assert "- _not counted: 1 backchannel (“Really?”)_" in md
    assert "### They asked (2)" in md
    assert "## Balance over time: back-and-forth" in md
    assert_tables_well_formed(md)


def test_untimed_transcript_has_no_timing_columns_or_sections(untimed: Analysis) -> None:
    md = render_markdown(untimed)
    assert "**Shares:** by words (no timestamps)" in md
    assert "**Duration:**" not in md
    header = tables(md)[0][0]
    assert header == "| Speaker | Share | Words | Turns | Questions | Fillers/100 words |"
    assert "| **Alex** (you) | **87%** (target 40-60%, above target) | 136 | 2 | 1 | 0.0 |" in md
    assert "## Balance over time" not in md
    assert "## Monologues" not in md
    assert "- What was the hardest part? _(open · behavioral · answer 14 words)_" in md
    assert "## Notes\n\n- The transcript has no timestamps: shares are by words, not time." in md


def test_textless_source_has_no_text_columns_or_questions(textless: Analysis) -> None:
    md = render_markdown(textless)
    header = tables(md)[0][0]
    assert header == "| Speaker | Talk time | Share | Turns | Longest turn | Interruptions |"
    assert "| **Alex** (you) | 1:00 | **60%** (target 40-60%, on target) | 2 | 0:40 | 0 |" in md
    assert "## Questions" not in md
    # 40 + 20 + 13.5 of the 75 measurable points (questions need words): 73.5 / 75 -> 98.
    assert "## Two-way score: 98/100" in md
    assert "| questions | n/a/25 | no words in the source: questions need a transcript |" in md
    assert "The source has no words" in md


def test_without_me_the_report_asks_which_speaker_you_are(no_me: Analysis) -> None:
    md = render_markdown(no_me)
    assert (
        "> **Which speaker are you?** One of: Dana, Alex. "
        "Pick one (`--me NAME`) for your score and feedback." in md
    )
    assert "(you)" not in md
    assert "Two-way score" not in md
    assert "### Questions asked (6)" in md
    assert "- 1:15 · Dana: How did you measure whether the migration worked?" in md
    assert "1. ● **high**: Which speaker are you? Run again with --me NAME" in md


def test_panel_lists_every_speaker(panel: Analysis) -> None:
    md = render_markdown(panel)
    rows = tables(md)[0][2:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == [
        "Priya Raman",
        "**Alex** (you)",
        "Marcus Oyelaran-Whitfield",
        "Jo",
        "(unknown)",
    ]
    assert_tables_well_formed(md)


def test_speaker_names_and_source_are_escaped() -> None:
    conv = Conversation(
        (
            Turn("Sam | *Recruiter*", 0.0, 10.0, "So <b>why</b> this team?"),
            Turn("Alex_Kim", 10.0, 30.0, "I like [data](x) work & small teams."),
        ),
        source="call_1|final.vtt",
    )
    md = render_markdown(analyze(conv, me="alex_kim"))
    assert "# twoway report: call\\_1\\|final.vtt" in md
    assert "| Sam \\| \\*Recruiter\\* |" in md
    assert "**Alex\\_Kim** (you)" in md
    assert "So \\<b\\>why\\</b\\> this team?" in md
    assert_tables_well_formed(md)


def test_escape() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("*bold* _it_ `code` [link](x) ~s~ <tag> & \\") == (
        "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~s\\~ \\<tag\\> \\& \\\\"
    )
    assert escape("two\nlines\tand  spaces") == "two lines and spaces"
    assert escape("Costs (40%) #1, +2!") == "Costs (40%) #1, +2!"


def test_markdown_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from twoway.model import Conversation, Turn\n"
        "from twoway.analysis import analyze\n"
        "from twoway.report import render_markdown\n"
        "conv = Conversation((Turn('A', 0.0, 1.0, 'Hi?'), Turn('B', 1.0, 2.0, 'Hello.')))\n"
        "assert render_markdown(analyze(conv, me='A')).startswith('# twoway')\n"
        "assert 'rich' not in sys.modules, 'rich imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_empty_transcript() -> None:
    md = render_markdown(analyze(Conversation(())))
    assert "## Speakers" not in md
    assert "> The transcript does not say who spoke" in md


def section(markdown: str, heading: str) -> str:
    """The section that starts with the line ``heading``, up to the next ``## `` heading."""
    start = markdown.index(heading + "\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : len(markdown) if end < 0 else end].strip()


def test_your_questioning(questioning: Analysis) -> None:
    md = render_markdown(questioning)
    # The figures worked out in the docstring of questioning_interview.
    assert (
        "## Questions\n\n"
        "**Your questioning:** 4 asked · 3 open · 1 about them · 1 follow-up\n\n"
        "- Topics: day to day (2), them (1), compensation (1)\n"
        "- Your answers to their 3 questions: 0:40 median\n"
        "- **! You asked about pay before they raised it.**\n\n"
        "### You asked (4)\n\n"
        "- 1:50 · How does the team use the data review with product managers? "
        "_(open · day to day · ↪ follow-up · answer 0:45, 14 words)_\n"
        "- 2:45 · What is the salary range for this role? "
        "_(open · compensation · answer 0:20, 12 words)_\n" in md
    )
    assert "## Two-way score: 99/100" in md
    assert "| questions | 23.8/25 |" in md
    assert "## Prepared questions" not in md
    assert "## Questions you can still ask" not in md


def test_your_questioning_with_few_questions(monologue: Analysis, untimed: Analysis) -> None:
    assert (
        "**Your questioning:** 0 asked\n\n- Your answers to their 2 questions: 0:33 median\n\n"
        "### You asked (0)" in render_markdown(monologue)
    )
    assert (
        "**Your questioning:** 1 asked · 1 open · 0 about them · 0 follow-ups\n\n"
        "- Topics: role (1)\n\n### You asked (1)" in render_markdown(untimed)
    )


def test_prepared_questions(prepared: Analysis) -> None:
    md = render_markdown(prepared)
    assert section(md, "## Prepared questions: 4 of 7 asked") == "\n".join(
        [
            "## Prepared questions: 4 of 7 asked",
            "",
            "From acme-plan.md.",
            "",
            "- ✗ What brought you to Acme? _(them)_",
            "- ✓ How does the team use the data review? _(day to day)_ — asked as "
            "“How does the team use the data review with product managers?” (88% match)",
            "- ✗ What does success look like in the first 90 days? _(role)_",
            "- ✓ Is the role remote or hybrid? _(day to day)_",
            "- ✓ What have you enjoyed most about working here? _(them)_",
            "- ✓ What is the salary range? _(compensation)_ — asked as "
            "“What is the salary range for this role?” (80% match)",
            "- ✗ What are the next steps? _(next steps)_",
        ]
    )
    assert md.index("### They asked") < md.index("## Prepared") < md.index("## Monologues")


def test_questions_you_can_still_ask(prepared: Analysis) -> None:
    md = render_markdown(prepared)
    assert section(md, "## Questions you can still ask") == "\n".join(
        [
            "## Questions you can still ask",
            "",
            "For a thank-you note or the next round.",
            "",
            "1. Could you tell me more about the weekly data review, and how I would be "
            "involved? _(Dana brought up weekly data review themselves; asking about it shows "
            "you listened, and it works in a thank-you note or the next round.)_",
            "2. What has been the hardest part of agreeing on the numbers for the team? "
            "_(builds on “numbers together”: Their answer on how the team decides what to trust "
            "left this open.)_",
            "3. How do the office days work for the team? _(builds on “two days a week”)_",
        ]
    )
    assert md.index("## Feedback") < md.index("## Questions you can still ask")
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert_tables_well_formed(md)


def test_plan_and_suggestions_are_escaped(questioning: Analysis) -> None:
    plan = PlanCoverage(
        "plans/acme_v2|final.md",
        (
            PlannedQuestion("How is *on-call* | paging split?", "day_to_day", False, None, 12.0),
            PlannedQuestion(
                "Do you use `dbt`?", None, True, "Do you use dbt or <custom> SQL?", 71.0
            ),
        ),
    )
    suggestion = Suggestion("What is [next](x) for the ingest_service?", "ingest_service", "")
    md = render_markdown(dataclasses.replace(questioning, plan=plan, suggestions=(suggestion,)))
    assert "From plans/acme\\_v2\\|final.md." in md
    assert "- ✗ How is \\*on-call\\* \\| paging split? _(day to day)_" in md
    assert (
        "- ✓ Do you use \\`dbt\\`? — asked as “Do you use dbt or \\<custom\\> SQL?” (71% match)"
        in md
    )
    assert (
        "1. What is \\[next\\](x) for the ingest\\_service? _(builds on “ingest\\_service”)_" in md
    )
    assert_tables_well_formed(md)


def test_empty_plan_and_no_suggestions(questioning: Analysis) -> None:
    md = render_markdown(
        dataclasses.replace(questioning, plan=PlanCoverage("plan.md", ()), suggestions=())
    )
    assert (
        "## Prepared questions: 0 of 0 asked\n\nFrom plan.md.\n\nThe plan has no questions." in md
    )
    assert "For a thank-you note or the next round.\n\nNone: nothing they raised is left to" in md
