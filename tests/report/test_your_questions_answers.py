"""Issue 13: the "You asked" lists show how long they answered your questions, as the JSON
has it (``answer_s``, ``answer_words``); before, the HTML Answer column was always "—" there and
the terminal said nothing.

The balanced interview (``report_conversations.balanced_interview``): Alex's "What does a
typical day look like for the team?" ends the 105-150 s turn; Dana answers from 150 to 195 s:
0:45. Her answer is "Most mornings start with a stand-up. " repeated round(40 s x 150 words a
minute / 60 / 6) = 17 times, 7 words each for twoway ("stand-up" counts as two): 119 words.
"Is the team remote or hybrid?" is not the last question of its turn, so it has no answer
length of its own (the one after it does: Dana's 260-300 s, 0:40).
"""

from __future__ import annotations

import re

from report_conversations import BALANCED_QUESTIONS, balanced_interview
from rich.console import Console

from twoway.analysis import analyze
from twoway.report.html import render_html_fragment
from twoway.report.markdown import render_markdown
from twoway.report.terminal import render_terminal

TYPICAL_DAY, _, REMOTE, _ = BALANCED_QUESTIONS


def test_json_has_the_answer_to_my_question() -> None:
    analysis = analyze(balanced_interview(), me="Alex")
    mine = next(q for q in analysis.to_dict()["questions"] if q["text"] == TYPICAL_DAY)
    assert mine["is_me"] and mine["answer_s"] == 45.0 and mine["answer_words"] == 119


def test_html_you_asked_table_shows_the_answer() -> None:
    conversation = balanced_interview()
    html = render_html_fragment(analyze(conversation, me="Alex"), conversation)
    cells = {}
    for row in re.findall(r'<tr class="tw-me-row">(.*?)</tr>', html, re.DOTALL):
        # Time, who, question, form, topic / kind, answer, follow-up.
        tds = [re.sub(r"<[^>]+>", "", td).strip() for td in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        cells[tds[2]] = tds[5]
    assert cells[TYPICAL_DAY] == "0:45, 119 words"
    assert cells[REMOTE] == "—"  # not the last question of its turn: not measured


def test_terminal_you_asked_shows_the_answer() -> None:
    console = Console(record=True, width=120, no_color=True)
    render_terminal(analyze(balanced_interview(), me="Alex"), console)
    out = console.export_text()
    mine = out[out.index("You asked") : out.index("They asked")]
    line = next(line for line in mine.splitlines() if TYPICAL_DAY in line)
    assert line.split(TYPICAL_DAY)[1].split() == [
        "open",
        "·",
        "day",
        "to",
        "day",
        "·",
        "answer",
        "0:45,",
        "119",
        "words",
    ]


def test_markdown_you_asked_shows_the_answer() -> None:
    md = render_markdown(analyze(balanced_interview(), me="Alex"))
    assert f"{TYPICAL_DAY} _(open · day to day · answer 0:45, 119 words)_\n" in md
