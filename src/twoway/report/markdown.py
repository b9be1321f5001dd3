"""The markdown report: the terminal report's sections as GitHub-flavoured markdown.

Text that comes from the transcript (speaker names, questions) or from the file name is
escaped, so a ``|`` cannot break a table and a ``*`` cannot turn into emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twoway.analysis.feedback import format_duration
from twoway.analysis.result import Analysis, Question, Questioning
from twoway.display import clock
from twoway.report import _format as fmt
from twoway.report.commitments import due_words
from twoway.report.text_safety import safe_value

if TYPE_CHECKING:
    from twoway.report.commitments import CommitmentView

# Characters with a meaning inside a GitHub-flavoured markdown line or table cell. Escaped text
# never starts a line, so "#", "+", "-" and "1." need nothing; with "[" and "]" escaped, "(" and
# "!" cannot make a link or an image.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    r"""``text`` safe inside a markdown paragraph, list item or table cell (one line).

    >>> escape("ingest_service | *on-call*")
    'ingest\\_service \\| \\*on-call\\*'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(
    analysis: Analysis, *, commitments: Sequence[CommitmentView] | None = None
) -> str:
    """The report for ``analysis`` as markdown, ending with a newline; ``commitments``
    (``twoway.report.commitments``) add their section when there are any.

    Control characters and lone surrogates in the transcript's text are replaced first
    (``text_safety``): a report viewed with ``cat`` cannot retitle or clear the terminal.
    """
    analysis = safe_value(analysis)
    sections = [
        _header(analysis),
        _speakers(analysis),
        _score(analysis),
        _balance(analysis),
        _questions(analysis),
        _plan(analysis),
        _monologues(analysis),
        _feedback(analysis),
        _suggestions(analysis),
        _commitments(safe_value(commitments)),
        _notes(analysis),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _header(analysis: Analysis) -> str:
    facts = [f"**Mode:** {analysis.mode}"]
    if analysis.duration_s is not None:
        facts.append(f"**Duration:** {format_duration(analysis.duration_s)}")
    facts.append(f"**Shares:** {fmt.basis(analysis.share_basis)}")
    if analysis.me is not None:
        facts.append(f"**You:** {escape(analysis.me)}")
    lines = [f"# twoway report: {escape(analysis.source)}", "", " · ".join(facts)]
    if analysis.me is None:
        codes = {f.code for f in analysis.feedback}
        if "speakers_unknown" in codes:
            ask = "The transcript does not say who spoke: no share, score or feedback for you."
        else:
            names = ", ".join(escape(s.name) for s in analysis.speakers)
            ask = (
                f"**Which speaker are you?** One of: {names}. "
                "Pick one (`--me NAME`) for your score and feedback."
            )
        lines += ["", f"> {ask}"]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _speakers(analysis: Analysis) -> str | None:
    if not analysis.speakers:
        return None
    columns = fmt.speaker_columns(analysis)
    header = ["Speaker", *(c.header for c in columns)]
    align = [":---", *(":---" if c.key == "share" else "---:" for c in columns)]
    lines = ["## Speakers", "", _row(header), _row(align)]
    for stats in analysis.speakers:
        name = escape(stats.name)
        cells = [f"**{name}** (you)" if stats.is_me else name]
        for column in columns:
            value = column.cell(stats)
            if column.key == "share" and stats.is_me:
                verdict = fmt.share_verdict(stats.share, analysis.targets)
                value = f"**{value}** (target {fmt.band(analysis.targets)}, {verdict})"
            cells.append(value)
        lines.append(_row(cells))
    return "\n".join(lines)


def _score(analysis: Analysis) -> str | None:
    score = analysis.score
    if score is None:
        return None
    lines = [
        f"## Two-way score: {score.total}/100",
        "",
        _row(["Component", "Points", "Detail"]),
        _row([":---", "---:", ":---"]),
    ]
    for c in score.components:
        points = f"{fmt.points(c.points)}/{fmt.points(c.max_points)}"
        lines.append(_row([c.name, points, escape(c.detail)]))
    return "\n".join(lines)


def _balance(analysis: Analysis) -> str | None:
    balance = analysis.balance
    if balance is None or not balance.windows:
        return None
    first, last = balance.windows[0], balance.windows[-1]
    spark = fmt.sparkline([w.me_share for w in balance.windows], 60)
    window = format_duration(first.end_s - first.start_s)
    return (
        f"## Balance over time: {fmt.balance_label(balance, analysis.targets)}\n\n"
        f"`{clock(first.start_s)} {spark} {clock(last.end_s)}`\n\n"
        f"Your share of the talk in {window} windows (▁ 0% to █ 100%)."
    )


def _question_item(q: Question, *, with_speaker: bool, with_answer: bool) -> str:
    at = f"{clock(q.start_s)} · " if q.start_s is not None else ""
    who = f"{escape(q.speaker)}: " if with_speaker else ""
    about = " · ".join(fmt.question_tags(q))
    answer = fmt.answer_length(q) if with_answer else None
    if answer:
        about += f" · {answer}"
    return f"- {at}{who}{escape(q.text)} _({escape(about)})_"


def _questioning(q: Questioning) -> list[str]:
    """The "Your questioning" lines: the counts, then topics, answers and the pay warning."""
    lines = [f"**Your questioning:** {' · '.join(fmt.questioning_facts(q))}"]
    details = []
    topics = fmt.topics_covered(q)
    if topics:
        details.append(f"- Topics: {topics}")
    answered = fmt.answered(q)
    if answered:
        details.append(f"- {_capitalized(answered)}")
    if q.compensation_first:
        details.append(f"- **! {_capitalized(fmt.COMPENSATION_FIRST)}.**")
    return [*lines, "", *details] if details else lines


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _questions(analysis: Analysis) -> str | None:
    if not analysis.has_text:
        return None
    panel = fmt.several_askers(analysis)
    lines = ["## Questions"]
    if analysis.questioning is not None:
        lines += ["", *_questioning(analysis.questioning)]
    for group in fmt.question_groups(analysis):
        lines += ["", f"### {group.heading} ({len(group.counted)})", ""]
        for q in group.counted:
            lines.append(_question_item(q, with_speaker=not group.mine and panel, with_answer=True))
        if group.skipped:
            texts = ", ".join(
                t if t == "…" else f"“{escape(t)}”" for t in fmt.sample_texts(group.skipped)
            )
            lines.append(f"- _not counted: {fmt.not_counted(group.skipped)} ({texts})_")
        if not group.counted and not group.skipped:
            lines.append("None.")
    return "\n".join(lines)


def _plan(analysis: Analysis) -> str | None:
    plan = analysis.plan
    if plan is None:
        return None
    lines = [
        f"## Prepared questions: {plan.asked} of {len(plan.questions)} asked",
        "",
        f"From {escape(plan.source)}.",
        "",
    ]
    for planned in plan.questions:
        item = f"- {fmt.plan_mark(planned)} {escape(planned.text)}"
        if planned.topic:
            item += f" _({escape(fmt.label(planned.topic))})_"
        asked_as = fmt.asked_as(planned)
        if asked_as is not None:
            item += f" — asked as “{escape(asked_as)}” ({fmt.match(planned)})"
        lines.append(item)
    if not plan.questions:
        lines.append("The plan has no questions.")
    return "\n".join(lines)


def _suggestions(analysis: Analysis) -> str | None:
    suggestions = analysis.suggestions
    if suggestions is None:
        return None
    lines = ["## Questions you can still ask", "", f"{_capitalized(fmt.SUGGESTIONS_WHEN)}.", ""]
    for n, suggestion in enumerate(suggestions, start=1):
        item = f"{n}. {escape(suggestion.text)}"
        because = fmt.because(suggestion, escape)
        if because:
            item += f" _({because})_"
        lines.append(item)
    if not suggestions:
        lines.append("None: nothing they raised is left to follow up.")
    return "\n".join(lines)


def _commitments(commitments: Sequence[CommitmentView] | None) -> str | None:
    if not commitments:
        return None
    lines = ["## Commitments", "", "| Who | What | Due | Said |", "|---|---|---|---|"]
    for c in commitments:
        cells = [c.owes, c.action, due_words(c), f"“{c.quote}”"]
        lines.append("| " + " | ".join(escape(cell) for cell in cells) + " |")
    return "\n".join(lines)


def _monologues(analysis: Analysis) -> str | None:
    if analysis.share_basis != "time":
        return None
    limit = format_duration(analysis.targets.monologue_s)
    lines = [f"## Monologues over {limit} ({len(analysis.monologues)})", ""]
    for m in analysis.monologues:
        who = f"**{escape(m.speaker)}** (you)" if m.is_me else escape(m.speaker)
        lines.append(f"- {who} at {clock(m.start_s)} for {format_duration(m.duration_s)}")
    if not analysis.monologues:
        lines.append("None.")
    events = analysis.interruptions
    summary = f"**Interruptions:** {len(events)}"
    if events and analysis.me is not None:
        by_me = sum(1 for e in events if e.speaker == analysis.me)
        summary += f" (you {by_me}, them {len(events) - by_me})"
    lines += ["", summary]
    return "\n".join(lines)


def _feedback(analysis: Analysis) -> str | None:
    if not analysis.feedback:
        return None
    lines = ["## Feedback", ""]
    for n, item in enumerate(fmt.ordered_feedback(analysis.feedback), start=1):
        mark, word = fmt.feedback_mark(item), fmt.feedback_word(item)
        lines.append(f"{n}. {mark} **{word}**: {escape(item.message)}")
    return "\n".join(lines)


def _notes(analysis: Analysis) -> str | None:
    if not analysis.notes:
        return None
    return "\n".join(["## Notes", "", *(f"- {escape(note)}" for note in analysis.notes)])
