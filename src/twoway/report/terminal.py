"""The terminal report: one compact, readable screen per analysis, drawn with rich.

rich is imported here only (the CLI imports this module lazily). Every signal that colour
carries is also in the characters, so the report reads the same with ``no_color`` or in a log:
the share bar marks the target band with ``▓``/``░``, priorities have a mark and a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from twoway.analysis.feedback import format_duration
from twoway.analysis.result import Analysis, Question, Questioning, SpeakerStats, TargetsUsed
from twoway.display import MISSING, clock, percent
from twoway.report import _format as fmt
from twoway.report.commitments import due_words
from twoway.report.text_safety import safe_value

if TYPE_CHECKING:
    from twoway.report.commitments import CommitmentView

BAR_MAX, BAR_MIN = 20, 10  # share bar cells: 5% each when there is room, 10% at least
SPARK_REPEAT = 3  # a short call's few windows are drawn wider
NAME_MAX = 22
SPEAKER_MAX = 14  # asker names in question lists are cut to this width
WIDE = 100  # narrower consoles get question details after the text, not in a column
# Speakers-table columns a narrow terminal leaves out, first to last.
DROP_ORDER = (
    "wpm",
    "fillers",
    "interruptions",
    "words",
    "turns",
)  # longer speaker names fold onto a second line
INDENT = 2
PRIORITY_STYLES = {1: "bold red", 2: "yellow", 3: "dim"}


def render_terminal(
    analysis: Analysis,
    console: Console,
    *,
    commitments: Sequence[CommitmentView] | None = None,
) -> None:
    """Print the report for ``analysis`` on ``console``.

    Sections: header, speakers, two-way score, balance over time, questions (your questioning,
    then the lists), prepared questions, monologues and interruptions, feedback, questions you
    can still ask, commitments (``commitments``, from ``twoway.report.commitments``), notes.
    Sections with nothing to say are left out.

    Text from the transcript goes through ``text_safety`` first (no control sequence reaches
    the terminal, no lone surrogate the encoder) and is always a ``Text``, never markup, so a
    speaker called ``[link=...]`` is shown as written.
    """
    analysis = safe_value(analysis)
    sections: list[RenderableType | None] = [
        _header(analysis, console.width),
        _speakers(analysis, console),
        _score(analysis),
        _balance(analysis, console.width),
        _questions(analysis, console.width),
        _plan(analysis),
        _monologues(analysis),
        _feedback(analysis),
        _suggestions(analysis),
        _commitments(safe_value(commitments)),
        _notes(analysis),
    ]
    first = True
    for section in sections:
        if section is None:
            continue
        if not first:
            console.print()
        console.print(section)
        first = False


def _title(text: str, extra: str | Text = "") -> Text:
    title = Text(text, style="bold")
    if extra:
        title.append("  ")
        title.append(extra)
    return title


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT), expand=False)


# -- header -------------------------------------------------------------------------------


def _header(analysis: Analysis, width: int) -> RenderableType:
    # A rule on top keeps several reports printed one after another apart. A source path too
    # long for the rule gets a line of its own rather than being cut.
    lines: list[RenderableType] = []
    source = Text(analysis.source, style="bold cyan", overflow="fold")
    if len(analysis.source) + len("twoway report: ") + 6 <= width:
        lines.append(Rule(Text.assemble(("twoway report: ", "bold"), source), align="left"))
    else:
        lines += [Rule(Text("twoway report", style="bold"), align="left"), source]
    facts = [f"{analysis.mode} mode"]
    if analysis.duration_s is not None:
        facts.append(format_duration(analysis.duration_s))
    facts.append(f"shares {fmt.basis(analysis.share_basis)}")
    line = Text(" · ".join(facts), style="dim")
    if analysis.me is not None:
        line.append(" · you: ", style="dim")
        line.append(analysis.me, style="bold")
    lines.append(line)
    if analysis.me is None:
        lines.append(_who_are_you(analysis))
    return Group(*lines)


def _who_are_you(analysis: Analysis) -> Text:
    codes = {f.code for f in analysis.feedback}
    if "speakers_unknown" in codes or (not analysis.speakers_known and len(analysis.speakers) <= 1):
        return Text(
            "! The transcript does not say who spoke: no share, score or feedback for you.",
            style="bold yellow",
        )
    names = ", ".join(s.name for s in analysis.speakers)
    text = Text("? Which speaker are you? ", style="bold yellow")
    text.append(f"One of: {names}. Pick one (--me NAME) for your score and feedback.")
    return text


# -- speakers -----------------------------------------------------------------------------


def _speakers(analysis: Analysis, console: Console) -> RenderableType | None:
    if not analysis.speakers:
        return None
    columns = fmt.speaker_columns(analysis)
    # The widest share bar (20 cells, 5% each, down to 10) that fits beside every column; on a
    # narrow terminal, the least important columns go (the sections below cover most of them).
    dropped: list[str] = []
    while True:
        table = _fit_speakers_table(analysis, columns, console)
        if table is not None:
            break
        droppable = [c for c in columns if c.key in DROP_ORDER]
        if not droppable:
            table = _speakers_table(analysis, columns, BAR_MIN)  # let rich squeeze it
            break
        first = min(droppable, key=lambda c: DROP_ORDER.index(c.key))
        columns = [c for c in columns if c is not first]
        dropped.append(first.header.lower())
    parts: list[RenderableType] = [_title("Speakers"), table]
    if dropped:
        parts.append(Text(f"(hidden at this width: {', '.join(dropped)})", style="dim"))
    me = analysis.me_stats
    if me is not None:
        parts.append(_share_summary(me, analysis))
    return Group(*parts)


def _fit_speakers_table(
    analysis: Analysis, columns: list[fmt.Column], console: Console
) -> Table | None:
    """The speakers table with the widest share bar that fits, names on one line if possible."""
    wide = console.options.update_width(10_000)

    def fits(table: Table) -> bool:
        return Measurement.get(console, wide, table).maximum <= console.width

    for cells in range(BAR_MAX, BAR_MIN - 1, -1):
        table = _speakers_table(analysis, columns, cells)
        if fits(table):
            return table
    # Long names may wrap at spaces (rich narrows the name column) before any column goes.
    longest_word = max(len(w) for s in analysis.speakers for w in [*s.name.split(), "Speaker"])
    if fits(_speakers_table(analysis, columns, BAR_MIN, name_width=longest_word)):
        return _speakers_table(analysis, columns, BAR_MIN)
    return None


def _speakers_table(
    analysis: Analysis, columns: list[fmt.Column], cells: int, name_width: int = NAME_MAX
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
    )
    # Names wrap at spaces; a single word longer than the column is cut with "…", never split.
    table.add_column(
        "Speaker", overflow="ellipsis", min_width=7, max_width=min(name_width, NAME_MAX)
    )
    for column in columns:
        justify: JustifyMethod = "left" if column.key == "share" else "right"
        table.add_column(column.short, justify=justify, no_wrap=True)
    for stats in analysis.speakers:
        row: list[RenderableType] = [_speaker_name(stats)]
        for column in columns:
            if column.key == "share":
                row.append(_share_cell(stats, analysis.targets, cells))
            else:
                row.append(Text(column.cell(stats), style="bold" if stats.is_me else ""))
        table.add_row(*row)
    return table


def _speaker_name(stats: SpeakerStats) -> Text:
    if stats.is_me:
        return Text.assemble((stats.name, "bold"), (" (you)", "bold cyan"))
    if stats.name.startswith("("):  # "(unknown)": turns the source names nobody for
        return Text(stats.name, style="dim italic")
    return Text(stats.name)


def _share_style(share: float, targets: TargetsUsed) -> str:
    off = max(targets.share_low - share, share - targets.share_high, 0.0)
    if off == 0.0:
        return "green"
    return "yellow" if off <= 0.10 else "red"


def _share_cell(stats: SpeakerStats, targets: TargetsUsed, cells: int) -> Text:
    share = stats.share
    if share is None:
        return Text(MISSING.rjust(cells + 5), style="dim")
    filled = round(share * cells)
    text = Text()
    if stats.is_me:
        fill_style = _share_style(share, targets)
        # A cell is in the band when its middle is: 40-60% on 20 cells is cells 8 to 11.
        low, high = targets.share_low * cells, targets.share_high * cells
        for i in range(cells):
            in_band = low <= i + 0.5 <= high
            if i < filled:
                text.append("▓" if in_band else "█", style=fill_style)
            else:
                text.append("░" if in_band else "·", style="green dim" if in_band else "dim")
    else:
        text.append("█" * filled, style="blue")
        text.append("·" * (cells - filled), style="dim")
    text.append(f" {percent(share):>4}", style="bold" if stats.is_me else "")
    return text


def _share_summary(me: SpeakerStats, analysis: Analysis) -> Text:
    targets = analysis.targets
    verdict = fmt.share_verdict(me.share, targets)
    text = Text("Your share ")
    text.append(percent(me.share), style="bold")
    text.append(f", target {fmt.band(targets)} (▓░ on your bar)")
    if verdict is not None and me.share is not None:
        text.append(": ")
        text.append(verdict, style="bold " + _share_style(me.share, targets))
    return text


# -- score --------------------------------------------------------------------------------


def _score(analysis: Analysis) -> RenderableType | None:
    score = analysis.score
    if score is None:
        return None
    style = "green" if score.total >= 75 else "yellow" if score.total >= 50 else "red"
    heading = _title("Two-way score", Text(f"{score.total}/100", style=f"bold {style}"))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("component", no_wrap=True)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("detail", overflow="fold", style="dim")
    for c in score.components:
        table.add_row(
            Text(c.name), f"{fmt.points(c.points)}/{fmt.points(c.max_points)}", Text(c.detail)
        )
    return Group(heading, _indented(table))


# -- balance over time --------------------------------------------------------------------


def _balance(analysis: Analysis, width: int) -> RenderableType | None:
    balance = analysis.balance
    if balance is None or not balance.windows:
        return None
    shares = [w.me_share for w in balance.windows]
    first, last = balance.windows[0], balance.windows[-1]
    start, end = clock(first.start_s), clock(last.end_s)
    room = max(8, width - INDENT - len(start) - len(end) - 2)
    line = Text(" " * INDENT + start + " ", style="dim")
    line.append(fmt.sparkline(shares, room, max_repeat=SPARK_REPEAT), style="cyan")
    line.append(" " + end, style="dim")
    window = format_duration(first.end_s - first.start_s)
    return Group(
        _title(
            "Balance over time", Text(fmt.balance_label(balance, analysis.targets), style="bold")
        ),
        line,
        Text(" " * INDENT + f"your share of the talk in {window} windows (▁ 0% to █ 100%)", "dim"),
    )


# -- questions ----------------------------------------------------------------------------


def _questions(analysis: Analysis, width: int) -> RenderableType | None:
    if not analysis.has_text:
        return None
    panel = fmt.several_askers(analysis)
    parts: list[RenderableType] = []
    if analysis.questioning is not None:
        parts.append(_questioning(analysis.questioning))
    for group in fmt.question_groups(analysis):
        parts.append(_title(f"{group.heading} ({len(group.counted)})"))
        if group.counted:
            table = _question_table(
                group.counted,
                show_speaker=not group.mine and panel,
                # How long you answered their questions, and they answered yours.
                with_answers=True,
                width=width,
            )
            parts.append(_indented(table))
        if group.skipped:
            kinds = fmt.not_counted(group.skipped)
            texts = ", ".join(t if t == "…" else f"“{t}”" for t in fmt.sample_texts(group.skipped))
            parts.append(_indented(Text(f"not counted: {kinds} ({texts})", style="dim")))
        if not group.counted and not group.skipped:
            parts.append(_indented(Text("none", style="dim")))
    return Group(*parts)


def _questioning(q: Questioning) -> RenderableType:
    """``Your questioning  4 asked · 3 open · 1 about them · 1 follow-up``, then topics, the
    length of your answers and, as a warning, pay raised before they did."""
    lines: list[RenderableType] = [_title("Your questioning", " · ".join(fmt.questioning_facts(q)))]
    topics = fmt.topics_covered(q)
    if topics:
        lines.append(_indented(Text(f"topics: {topics}")))
    answered = fmt.answered(q)
    if answered:
        lines.append(_indented(Text(answered)))
    if q.compensation_first:
        lines.append(_indented(Text(f"! {fmt.COMPENSATION_FIRST}", style="bold yellow")))
    return Group(*lines)


def _question_table(
    questions: list[Question], *, show_speaker: bool, with_answers: bool, width: int
) -> Table:
    """Time, (asker,) question, then its tags and answer length: in a column of their own when
    the console is wide enough for both, else after the text (or under it, rather than split
    across lines)."""
    rows: list[tuple[Question, str]] = []
    for q in questions:
        tags = " · ".join(fmt.question_tags(q))
        answer = fmt.answer_length(q) if with_answers else None
        rows.append((q, f"{tags} · {answer}" if answer else tags))
    at_width = max(len(clock(q.start_s)) if q.start_s is not None else 1 for q in questions)
    speaker_width = min(SPEAKER_MAX, max(cell_len(q.speaker) for q in questions)) + 2
    fixed = INDENT + at_width + 2 + (speaker_width if show_speaker else 0)
    longest = max(cell_len(q.text) for q in questions) + 2 + max(cell_len(a) for _, a in rows)
    inline = width < WIDE or fixed + longest > width

    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("at", justify="right", style="dim", no_wrap=True)
    if show_speaker:
        table.add_column("speaker", no_wrap=True, max_width=SPEAKER_MAX, overflow="ellipsis")
    table.add_column("question", overflow="fold")
    if not inline:
        table.add_column("about", style="dim", no_wrap=True)
    room = width - fixed
    for q, about in rows:
        row: list[RenderableType] = [clock(q.start_s) if q.start_s is not None else "·"]
        if show_speaker:
            row.append(Text(q.speaker))
        if inline:
            row.append(_beside_or_under(q.text, about, room))
        else:
            row += [Text(q.text), about]
        table.add_row(*row)
    return table


def _beside_or_under(text: str, about: str, room: int) -> Text:
    """``text`` then ``about`` (dim) on the same line when both fit in ``room``, else under it."""
    gap = "  " if cell_len(text) + 2 + cell_len(about) <= room else "\n"
    return Text.assemble(text, gap, (about, "dim"))


# -- prepared questions -------------------------------------------------------------------


def _plan(analysis: Analysis) -> RenderableType | None:
    plan = analysis.plan
    if plan is None:
        return None
    summary = Text(f"{plan.asked} of {len(plan.questions)} asked")
    summary.append(f" · from {plan.source}", style="dim")
    parts: list[RenderableType] = [_title("Prepared questions", summary)]
    if not plan.questions:
        parts.append(_indented(Text("the plan has no questions", style="dim")))
        return Group(*parts)
    # Mark, topic, then the question with how it was asked under it: the topics line up and
    # the questions get the rest of the width.
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("mark", no_wrap=True)
    table.add_column("topic", style="dim", no_wrap=True)
    table.add_column("question", overflow="fold")
    for planned in plan.questions:
        mark = Text(fmt.plan_mark(planned), style="bold green" if planned.asked else "bold red")
        cell = Text(planned.text)
        asked_as = fmt.asked_as(planned)
        if asked_as is not None:
            cell.append(f"\nasked as “{asked_as}” ({fmt.match(planned)})", style="dim")
        table.add_row(mark, Text(fmt.label(planned.topic) if planned.topic else ""), cell)
    parts.append(_indented(table))
    return Group(*parts)


# -- questions you can still ask ----------------------------------------------------------


def _suggestions(analysis: Analysis) -> RenderableType | None:
    suggestions = analysis.suggestions
    if suggestions is None:
        return None
    parts: list[RenderableType] = [
        _title("Questions you can still ask", Text(fmt.SUGGESTIONS_WHEN, style="dim"))
    ]
    if not suggestions:
        parts.append(_indented(Text("none: nothing they raised is left to follow up", "dim")))
        return Group(*parts)
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("question", overflow="fold", ratio=1)
    for n, suggestion in enumerate(suggestions, start=1):
        cell = Text(suggestion.text)
        because = fmt.because(suggestion)
        if because:
            cell.append(f"\n{because}", style="dim")
        table.add_row(f"{n}.", cell)
    parts.append(_indented(table))
    return Group(*parts)


# -- commitments ---------------------------------------------------------------------------


def _commitments(commitments: Sequence[CommitmentView] | None) -> RenderableType | None:
    if not commitments:
        return None
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("who", no_wrap=True, style="bold", max_width=NAME_MAX + 8)
    table.add_column("what", overflow="fold", ratio=1)
    table.add_column("due", overflow="fold", max_width=24)
    for c in commitments:
        who = Text(c.owes, style="bold cyan" if c.mine else "bold")
        what = Text(c.action)
        what.append(f"\n“{c.quote}”", style="dim")
        due = Text(due_words(c), style="" if c.due else "dim")
        table.add_row(who, what, due)
    hint = Text(f"{len(commitments)} · saved as follow-ups with --save", style="dim")
    return Group(_title("Commitments", hint), _indented(table))


# -- monologues and interruptions ---------------------------------------------------------


def _monologues(analysis: Analysis) -> RenderableType | None:
    if analysis.share_basis != "time":
        return None
    limit = format_duration(analysis.targets.monologue_s)
    parts: list[RenderableType] = [_title(f"Monologues over {limit} ({len(analysis.monologues)})")]
    if analysis.monologues:
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
        table.add_column("speaker", overflow="ellipsis")
        table.add_column("at", style="dim", no_wrap=True)
        table.add_column("length", no_wrap=True)
        for m in analysis.monologues:
            name = (
                Text.assemble((m.speaker, "bold"), (" (you)", "bold cyan"))
                if m.is_me
                else (Text(m.speaker))
            )
            table.add_row(name, f"at {clock(m.start_s)}", format_duration(m.duration_s))
        parts.append(_indented(table))
    else:
        parts.append(_indented(Text("none", style="dim")))
    parts.append(_interruptions(analysis))
    return Group(*parts)


def _interruptions(analysis: Analysis) -> Text:
    events = analysis.interruptions
    text = _title("Interruptions", str(len(events)))
    if events and analysis.me is not None:
        by_me = sum(1 for e in events if e.speaker == analysis.me)
        text.append(f" (you {by_me}, them {len(events) - by_me})", style="dim")
    return text


# -- feedback and notes -------------------------------------------------------------------


def _feedback(analysis: Analysis) -> RenderableType | None:
    if not analysis.feedback:
        return None
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("priority", no_wrap=True)
    table.add_column("message", overflow="fold", ratio=1)
    for n, item in enumerate(fmt.ordered_feedback(analysis.feedback), start=1):
        style = "bold green" if fmt.is_praise(item) else PRIORITY_STYLES.get(item.priority, "dim")
        table.add_row(
            f"{n}.",
            Text(f"{fmt.feedback_mark(item)} {fmt.feedback_word(item)}", style),
            Text(item.message),
        )
    return Group(_title("Feedback"), _indented(table))


def _notes(analysis: Analysis) -> RenderableType | None:
    if not analysis.notes:
        return None
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("bullet", no_wrap=True)
    table.add_column("note", overflow="fold", ratio=1)
    for note in analysis.notes:
        table.add_row("·", Text(note))
    return Group(_title("Notes"), _indented(table))
