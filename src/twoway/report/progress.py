"""Am I improving? Saved conversations over time: a terminal table, markdown and a PNG chart.

* ``render_progress(points, console)``: one row per conversation (talk share against that
  conversation's own band, questions, questions about them, longest monologue, score), then a
  sparkline per metric with its trend in words;
* ``render_progress_markdown(points)``: the same as markdown;
* ``write_progress_png(points, path)``: a two-panel chart (needs the ``charts`` extra).

**The trend rule** (``trend``): the mean of the last ``k`` known values against the mean of the
first ``k``, ``k = min(3, n // 2)`` for ``n`` known values (so the two never overlap; with 2 or 3
values it is the last against the first). A difference beyond the metric's steady margin in the
good direction is "improving", in the bad direction "slipping", else "steady"; fewer than two
known values give no trend. Talk share is judged by its distance outside each conversation's
own band (0 when on target, lower is better), so interviews (40-60%) and networking chats
(10-30%) compare fairly. Margins: talk share 3 points, questions 1, about them 0.5, longest
monologue 15 s, score 5 points.

Every signal colour carries is also in the characters (✓ ▲ ▼, the words of the trend).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from twoway.display import MISSING, clock, percent, plural
from twoway.errors import MissingExtraError, UsageError
from twoway.report import _format as fmt
from twoway.report.markdown import escape
from twoway.report.text_safety import safe_text, safe_value

if TYPE_CHECKING:
    from twoway.store.records import ProgressPoint

__all__ = [
    "METRICS",
    "Metric",
    "progress_alt_text",
    "render_progress",
    "render_progress_markdown",
    "trend",
    "write_progress_png",
]

TREND_WINDOW = 3
ON, ABOVE, BELOW = "✓", "▲", "▼"
SPARK_WIDTH = 40  # more conversations than this are averaged down (fmt.sparkline)
SOURCE_MAX = 28
WIDE = 88  # narrower consoles show each talk share's band under the table, not in its cell
NARROW = 72  # narrower consoles leave the source out


def off_band(p: ProgressPoint) -> float | None:
    """How far my talk share is outside this conversation's band: 0 when on target."""
    if p.talk_share is None:
        return None
    return max(p.share_low - p.talk_share, p.talk_share - p.share_high, 0.0)


@dataclass(frozen=True, slots=True)
class Metric:
    """One line of the trends: what is drawn, what is judged and how it reads."""

    label: str
    value: Callable[[ProgressPoint], float | None]  # drawn in the sparkline
    judged: Callable[[ProgressPoint], float | None]  # compared first against last
    higher_is_better: bool
    steady: float  # a smaller change in the judged value is "steady"
    shown: Callable[[float], str]  # the judged value as text
    top: float | None  # the sparkline's full scale; None: the largest value


def _pts(share: float) -> str:
    return f"{share * 100:.0f}"


def _count(value: float) -> str:
    """A count or a mean of counts: ``5`` -> ``"5"``, ``2.67`` -> ``"2.7"``."""
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


METRICS: tuple[Metric, ...] = (
    Metric("Talk share", lambda p: p.talk_share, off_band, False, 0.03, _pts, 1.0),
    Metric("Questions", lambda p: p.questions, lambda p: p.questions, True, 1.0, _count, None),
    Metric("About them", lambda p: p.about_them, lambda p: p.about_them, True, 0.5, _count, None),
    Metric(
        "Longest monologue",
        lambda p: p.longest_monologue_s,
        lambda p: p.longest_monologue_s,
        False,
        15.0,
        clock,
        None,
    ),
    Metric(
        "Score",
        lambda p: p.score,
        lambda p: p.score,
        True,
        5.0,
        lambda v: f"{v:.0f}",
        100.0,
    ),
)


@dataclass(frozen=True, slots=True)
class Trend:
    word: str | None  # "improving" | "steady" | "slipping"; None with fewer than two values
    window: int  # k: how many values each mean covers
    first: float | None  # mean of the first k known values
    last: float | None  # mean of the last k known values


def trend(
    values: Sequence[float | None], *, higher_is_better: bool = True, steady: float = 0.0
) -> Trend:
    """The last ``k`` known values against the first ``k``, ``k = min(3, n // 2)``.

    >>> trend([40, 45, 50, 60, 70, 75]).word
    'improving'
    >>> trend([200.0, 60.0], higher_is_better=False, steady=15).word
    'improving'
    >>> trend([50, 52, None, 49], steady=5).word
    'steady'
    >>> trend([None, 50]).word is None
    True
    """
    known = [float(v) for v in values if v is not None]
    k = min(TREND_WINDOW, len(known) // 2)
    if k == 0:
        return Trend(None, 0, None, None)
    first, last = sum(known[:k]) / k, sum(known[-k:]) / k
    change = (last - first) if higher_is_better else (first - last)
    # Rounding keeps a change of exactly the margin "steady" despite float noise.
    change = round(change, 9)
    word = "improving" if change > steady else "slipping" if change < -steady else "steady"
    return Trend(word, k, first, last)


def _ordered(points: Sequence[ProgressPoint]) -> list[ProgressPoint]:
    # Every renderer starts here: the saved sources' text made safe to show (text_safety).
    safe = safe_value(list(points))
    return sorted(safe, key=lambda p: p.date)  # stable: same-day points keep their order


def _who(me: str | None) -> str | None:
    return None if me is None else safe_text(me)


def _verdict(p: ProgressPoint) -> str | None:
    if p.talk_share is None:
        return None
    if p.talk_share > p.share_high:
        return ABOVE
    if p.talk_share < p.share_low:
        return BELOW
    return ON


def _band(p: ProgressPoint) -> str:
    return f"{p.share_low * 100:.0f}-{p.share_high * 100:.0f}%"


def _source(source: str) -> str:
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or source


def _span(points: list[ProgressPoint]) -> str:
    first, last = points[0].date, points[-1].date
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


def _spark(metric: Metric, points: list[ProgressPoint], width: int = SPARK_WIDTH) -> str:
    values = [metric.value(p) for p in points]
    known = [float(v) for v in values if v is not None]
    top = metric.top if metric.top is not None else max(known, default=0.0)
    if top <= 0:
        top = 1.0
    scaled = [None if v is None else float(v) / top for v in values]
    return fmt.sparkline(scaled, width)


def _change(metric: Metric, points: list[ProgressPoint]) -> tuple[Trend, str]:
    t = trend(
        [metric.judged(p) for p in points],
        higher_is_better=metric.higher_is_better,
        steady=metric.steady,
    )
    if t.first is None or t.last is None:
        return t, MISSING
    text = f"{metric.shown(t.first)} → {metric.shown(t.last)}"
    if metric.label == "Talk share":
        text += " pts off target"
    if t.window != _window(len(points)):  # values missing: fewer in each mean
        text += f" ({_k_words(t.window)})"
    return t, text


def _window(n: int) -> int:
    return min(TREND_WINDOW, n // 2)


def _k_words(k: int) -> str:
    if k == 1:
        return "last vs first"
    return f"mean of last {k} vs first {k}"


# -- terminal -----------------------------------------------------------------------------

TREND_STYLES = {"improving": "bold green", "steady": "bold", "slipping": "bold red"}


def render_progress(
    points: Sequence[ProgressPoint], console: Console, *, me: str | None = None
) -> None:
    """Print the progress report for ``points`` (any order; shown by date) on ``console``."""
    ordered, me = _ordered(points), _who(me)
    title = "twoway progress" + (f": {me}" if me else "")
    console.print(Rule(Text(title, style="bold"), align="left"))
    if not ordered:
        console.print(Text("No saved conversations yet: nothing to compare.", style="dim"))
        return
    facts = [plural(len(ordered), "conversation"), _span(ordered)]
    modes = sorted({p.mode for p in ordered})
    facts.append(f"{modes[0]} mode" if len(modes) == 1 else "modes: " + ", ".join(modes))
    console.print(Text(" · ".join(facts), style="dim"))
    console.print()
    compact = console.width < WIDE  # the band moves out of the share cell, under the table
    console.print(_table(ordered, compact=compact, with_source=console.width >= NARROW))
    legend = f"{ON} on target, {ABOVE} above, {BELOW} below"
    if compact:
        bands = sorted({(p.mode, _band(p)) for p in ordered})
        legend += " the band (" + ", ".join(f"{mode} {band}" for mode, band in bands) + ")"
    console.print(Text(f"Talk share against each conversation's own band: {legend}.", "dim"))
    console.print()
    console.print(_trends(ordered, console.width))


def _table(points: list[ProgressPoint], *, compact: bool, with_source: bool) -> Table:
    table = Table(
        box=None,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
        header_style="bold",
    )
    # Every column but the source keeps its width; the source name is cut first.
    table.add_column("Date", no_wrap=True, min_width=10)
    if with_source:
        table.add_column("Source", overflow="ellipsis", no_wrap=True, max_width=SOURCE_MAX)
    table.add_column("Mode", no_wrap=True, min_width=max(len(p.mode) for p in points))
    table.add_column("Talk\nshare" if compact else "Talk share", no_wrap=True, min_width=6)
    table.add_column("Ques-\ntions", justify="right", no_wrap=True, min_width=5)
    table.add_column("About\nthem", justify="right", no_wrap=True, min_width=5)
    table.add_column("Longest\nmonologue", justify="right", no_wrap=True, min_width=9)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    for p in points:
        cells: list[RenderableType] = [p.date.isoformat()]
        if with_source:
            cells.append(Text(_source(p.source)))
        cells += [
            Text(p.mode),
            _share_cell(p, with_band=not compact),
            str(p.questions),
            str(p.about_them),
            clock(p.longest_monologue_s),
            _score_cell(p.score),
        ]
        table.add_row(*cells)
    return table


def _share_cell(p: ProgressPoint, *, with_band: bool = True) -> Text:
    band = f" {_band(p)}" if with_band else ""
    verdict = _verdict(p)
    if verdict is None or p.talk_share is None:
        return Text(f"{MISSING:>4}  {band}", style="dim")
    off = off_band(p) or 0.0
    style = "green" if off == 0 else "yellow" if off <= 0.10 else "red"
    text = Text(f"{percent(p.talk_share):>4} ")
    text.append(verdict, style=f"bold {style}")
    text.append(band, style="dim")
    return text


def _score_cell(score: int | None) -> Text:
    if score is None:
        return Text(MISSING, style="dim")
    style = "green" if score >= 75 else "yellow" if score >= 50 else "red"
    return Text(str(score), style=f"bold {style}")


def _trends(points: list[ProgressPoint], width: int) -> RenderableType:
    if len(points) < 2:
        return Group(
            Text("Trends", style="bold"),
            Text("  One conversation so far: trends start with the second.", style="dim"),
        )
    label_width = max(len(m.label) for m in METRICS)
    spark_width = max(8, min(SPARK_WIDTH, width - label_width - 40))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column("metric", no_wrap=True)
    table.add_column("spark", no_wrap=True, style="cyan")
    table.add_column("trend", no_wrap=True)
    table.add_column("change", overflow="fold")
    for metric in METRICS:
        t, change = _change(metric, points)
        word = Text(t.word or "no trend", style=TREND_STYLES.get(t.word or "", "dim"))
        table.add_row(metric.label, _spark(metric, points, spark_width), word, Text(change, "dim"))
    return Group(
        Text.assemble(("Trends", "bold"), (f"  {_k_words(_window(len(points)))}", "dim")),
        table,
    )


# -- markdown -----------------------------------------------------------------------------


def render_progress_markdown(points: Sequence[ProgressPoint], *, me: str | None = None) -> str:
    """The progress report as GitHub-flavoured markdown."""
    ordered, me = _ordered(points), _who(me)
    lines = ["# twoway progress" + (f": {escape(me)}" if me else ""), ""]
    if not ordered:
        return "\n".join([*lines, "No saved conversations yet: nothing to compare.", ""])
    lines += [
        f"{plural(len(ordered), 'conversation')}, {_span(ordered)}. Talk share is judged "
        f"against each conversation's own band ({ON} on target, {ABOVE} above, {BELOW} below).",
        "",
        "| Date | Source | Mode | Talk share | Band | Questions | About them "
        "| Longest monologue | Score |",
        "|---|---|---|---:|---|---:|---:|---:|---:|",
    ]
    for p in ordered:
        verdict = _verdict(p)
        share = MISSING if verdict is None else f"{percent(p.talk_share)} {verdict}"
        cells = [
            p.date.isoformat(),
            escape(_source(p.source)),
            escape(p.mode),
            share,
            _band(p),
            str(p.questions),
            str(p.about_them),
            clock(p.longest_monologue_s),
            MISSING if p.score is None else str(p.score),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Trends", ""]
    if len(ordered) < 2:
        lines += ["One conversation so far: trends start with the second.", ""]
        return "\n".join(lines)
    lines += [
        f"Trends compare the {_k_words(_window(len(ordered)))} conversations.",
        "",
        "| Metric | Over time | Change | Trend |",
        "|---|---|---|---|",
    ]
    for metric in METRICS:
        t, change = _change(metric, ordered)
        spark = _spark(metric, ordered)
        cell = f"`{spark}`" if spark.strip() else MISSING
        lines.append(f"| {metric.label} | {cell} | {change} | {t.word or 'no trend'} |")
    lines.append("")
    return "\n".join(lines)


# -- PNG chart ----------------------------------------------------------------------------


def progress_alt_text(points: Sequence[ProgressPoint], *, me: str | None = None) -> str:
    """A one-paragraph description of the chart, for alt text (also saved in the PNG)."""
    ordered, me = _ordered(points), _who(me)
    who = f"{me}'s" if me else "My"
    if not ordered:
        return f"{who} twoway progress: no conversations yet."
    parts = [
        f"{who} twoway progress over {plural(len(ordered), 'conversation')}, {_span(ordered)}."
    ]
    on = sum(1 for p in ordered if _verdict(p) == ON)
    known = sum(1 for p in ordered if p.talk_share is not None)
    parts.append(
        f"Top: talk share against each conversation's target band, on target in {on} of {known}."
    )
    bits = []
    for metric in METRICS:
        if metric.label in ("Score", "Questions"):
            t, _ = _change(metric, ordered)
            if t.word is not None and t.first is not None and t.last is not None:
                change = f"{metric.shown(t.first)} → {metric.shown(t.last)}"
                bits.append(f"{metric.label.lower()} {change} ({t.word})")
    said = ": " + "; ".join(bits) if bits else ""
    parts.append(f"Bottom: score and questions asked{said}.")
    return " ".join(parts)


def write_progress_png(
    points: Sequence[ProgressPoint], path: Path, *, me: str | None = None
) -> None:
    """Draw the progress chart to ``path`` (PNG): talk share with each conversation's target
    band shaded (top), score and questions asked (bottom), dates on x.

    Written to a temporary file beside ``path`` and renamed, so a failed run leaves no half
    image. ``MissingExtraError`` without matplotlib (``pip install 'twoway[charts]'``);
    ``UsageError`` with no points or a missing folder.
    """
    ordered, me = _ordered(points), _who(me)
    if not ordered:
        raise UsageError("the progress chart needs at least one saved conversation")
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: the folder {folder} does not exist")
    try:
        # The Agg canvas directly, not pyplot: no global backend switch, no GUI, thread-safe.
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingExtraError("the progress chart", "charts", "matplotlib") from exc

    fig = Figure(figsize=(9, 6.4), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    _draw(fig, ordered, me)
    alt = progress_alt_text(ordered, me=me)
    from twoway.report._png import save_png

    save_png(fig, path, {"Title": _title(me), "Description": alt})


def _title(me: str | None) -> str:
    return "twoway progress" + (f": {me}" if me else "")


GREEN, ORANGE, RED, BLUE, GREY = "#2e7d32", "#ef6c00", "#c62828", "#1f5fa8", "#757575"
MODE_MARKERS = {"interview": "o", "networking": "s"}
MAX_REACH = 3.0  # days a conversation's band reaches to each side


def _positions(points: list[ProgressPoint]) -> list[dt.datetime]:
    """Each conversation's x: its date at noon, same-day conversations spread over the day."""
    out: list[dt.datetime] = []
    for i, p in enumerate(points):
        same = [q for q in points if q.date == p.date]
        rank = sum(1 for q in points[:i] if q.date == p.date)
        hour = 12.0 if len(same) == 1 else 3.0 + 18.0 * rank / (len(same) - 1)
        out.append(dt.datetime.combine(p.date, dt.time()) + dt.timedelta(hours=hour))
    return out


def _draw(fig: Any, points: list[ProgressPoint], me: str | None) -> None:
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    xs = _positions(points)
    nums = [float(mdates.date2num(x)) for x in xs]  # type: ignore[no-untyped-call]
    # Each conversation's band reaches most of the way to its neighbours (at most MAX_REACH
    # days), so a change of mode shows as a step and one conversation still gets a visible band.
    reach = [
        (
            min(MAX_REACH, 0.45 * (x - nums[i - 1])) if i else MAX_REACH,
            min(MAX_REACH, 0.45 * (nums[i + 1] - x)) if i + 1 < len(nums) else MAX_REACH,
        )
        for i, x in enumerate(nums)
    ]
    pad = max(MAX_REACH * 1.5, (nums[-1] - nums[0]) * 0.04)

    share_ax, score_ax = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1))
    fig.suptitle(_title(me), fontsize=14, fontweight="bold")

    # Top: the band of each conversation's own mode, then my share.
    for x, (left, right), p in zip(nums, reach, points, strict=True):
        share_ax.fill_between(
            [x - left, x + right],
            p.share_low * 100,
            p.share_high * 100,
            color=GREEN,
            alpha=0.15,
            linewidth=0,
        )
    known = [(x, p) for x, p in zip(nums, points, strict=True) if p.talk_share is not None]
    if known:
        share_ax.plot(
            [x for x, _ in known],
            [(p.talk_share or 0) * 100 for _, p in known],
            color=GREY,
            linewidth=1.2,
            zorder=2,
        )
    for x, p in known:
        off = off_band(p) or 0.0
        color = GREEN if off == 0 else ORANGE if off <= 0.10 else RED
        share_ax.scatter(
            [x],
            [(p.talk_share or 0) * 100],
            s=46,
            color=color,
            marker=MODE_MARKERS.get(p.mode, "D"),
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    share_ax.set_ylim(0, 100)
    share_ax.set_ylabel("My talk share (%)")
    share_ax.set_title("Talk share against the target band of each conversation", loc="left")
    share_ax.grid(axis="y", alpha=0.3)
    handles: list[Any] = [Patch(color=GREEN, alpha=0.15, label="target band")]
    for mode in sorted({p.mode for p in points}):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker=MODE_MARKERS.get(mode, "D"),
                color=GREY,
                label=mode,
            )
        )
    handles += [
        Line2D([], [], linestyle="", marker="o", color=c, label=lab)
        for c, lab in ((GREEN, "on target"), (ORANGE, "≤10 pts off"), (RED, ">10 pts off"))
    ]
    fig.legend(
        handles=handles, loc="outside lower center", ncols=len(handles), fontsize=9, frameon=False
    )

    # Bottom: score (left axis, 0-100) and questions asked (bars, right axis).
    q_ax = score_ax.twinx()
    width = min(MAX_REACH / 2, *(left + right for left, right in reach)) * 0.8
    q_ax.bar(nums, [p.questions for p in points], width=width, color=BLUE, alpha=0.35, zorder=1)
    q_ax.set_ylabel("Questions I asked", color=BLUE)
    q_ax.set_ylim(0, max(5, max(p.questions for p in points) * 1.25))
    q_ax.yaxis.get_major_locator().set_params(integer=True)
    scored = [(x, p.score) for x, p in zip(nums, points, strict=True) if p.score is not None]
    if scored:
        score_ax.plot(
            [x for x, _ in scored],
            [s for _, s in scored],
            color=BLUE,
            marker="o",
            linewidth=2,
            zorder=3,
        )
    score_ax.set_zorder(q_ax.get_zorder() + 1)
    score_ax.patch.set_visible(False)
    score_ax.set_ylim(0, 100)
    score_ax.set_ylabel("Two-way score (0-100)")
    score_ax.set_title("Score (line) and questions asked (bars)", loc="left")
    score_ax.grid(axis="y", alpha=0.3)

    score_ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))  # type: ignore[no-untyped-call]
    score_ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    score_ax.set_xlim(nums[0] - pad, nums[-1] + pad)
    years = sorted({p.date.year for p in points})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    score_ax.set_xlabel(f"Date of the conversation ({span})")
