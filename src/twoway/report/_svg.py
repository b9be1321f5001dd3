"""The HTML report's charts as inline SVG strings, drawn in Python (no JavaScript, no library).

Geometry first (pure functions on seconds and shares, tested on their own), then a small builder
that writes SVG with every text and attribute escaped, so a transcript line such as
``</svg><script>`` is only ever text. Colours are CSS classes (``tw-me``, ``tw-band``...) that the
report's stylesheet fills from :data:`PALETTE`; the PNG charts use the same
palette and the same lanes (``report/_png.py``).

Each chart is ``role="img"`` labelled by its own ``<title>`` and ``<desc>``; hover texts are SVG
``<title>`` elements on the shapes. Sizes are bounded: a lane merges speech closer than one unit of
the viewBox, so a three-hour call draws at most a few hundred rectangles per speaker.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from twoway.analysis.result import Analysis, Balance, BalanceWindow
from twoway.analysis.timeline import UNKNOWN_SPEAKER
from twoway.display import clock, percent, plural
from twoway.model import Conversation
from twoway.report import _format as fmt

if TYPE_CHECKING:
    from twoway.store.records import ProgressPoint

# Every colour passes WCAG AA on white: text colours 4.5:1, shapes 3:1 (tests/report/test_html.py).
PALETTE: dict[str, str] = {
    "ink": "#1f2328",  # text
    "muted": "#57606a",  # secondary text, axis labels
    "grid": "#d0d7de",  # grid lines (decoration)
    "track": "#eef1f4",  # empty bar track (decoration)
    "me": "#0b5cad",  # my speech, my questions
    "me_tint": "#e7f0fb",  # my lane's background (decoration)
    "them": "#6e7781",  # the others' speech
    "them_q": "#2f363d",  # the others' questions
    "band": "#1a7f37",  # the target band's edges and label
    "band_tint": "#d5f0dc",  # the target band's fill (decoration)
    "monologue": "#b54708",  # monologue outlines and labels
    "interrupt": "#cf222e",  # interruption markers
    "good": "#1a7f37",
    "warn": "#9a6700",
    "bad": "#cf222e",
}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# -- geometry -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Speech of one speaker from ``start_s`` to ``end_s``, made of ``turns`` source turns."""

    start_s: float
    end_s: float
    turns: int


def merge_spans(intervals: Iterable[tuple[float, float]], min_gap_s: float) -> list[Span]:
    """Sorted spans, joining intervals that overlap or lie less than ``min_gap_s`` apart.

    >>> merge_spans([(0, 2), (2.05, 3), (5, 6)], 0.1)
    [Span(start_s=0, end_s=3, turns=2), Span(start_s=5, end_s=6, turns=1)]
    """
    spans: list[Span] = []
    for start, end in sorted(intervals):
        if spans and start - spans[-1].end_s < min_gap_s:
            last = spans[-1]
            spans[-1] = Span(last.start_s, max(last.end_s, end), last.turns + 1)
        else:
            spans.append(Span(start, end, 1))
    return spans


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    is_me: bool
    spans: tuple[Span, ...]


def lane_names(analysis: Analysis, conversation: Conversation) -> list[tuple[str, bool]]:
    """The timeline's lanes, top to bottom: me first, then the others as they first spoke, then
    the turns nobody is named for."""
    names = [UNKNOWN_SPEAKER if t.speaker is None else t.speaker for t in conversation.turns]
    ordered = list(dict.fromkeys(names))
    if UNKNOWN_SPEAKER in ordered:
        ordered.remove(UNKNOWN_SPEAKER)
        ordered.append(UNKNOWN_SPEAKER)
    if analysis.me in ordered:
        ordered.remove(analysis.me)
        ordered.insert(0, analysis.me)
    return [(name, name == analysis.me) for name in ordered]


def timeline_lanes(
    analysis: Analysis, conversation: Conversation, resolution_s: float
) -> list[Lane]:
    """Each speaker's speech as spans, merged where gaps are shorter than ``resolution_s``."""
    lanes = []
    for name, is_me in lane_names(analysis, conversation):
        intervals = [
            (t.start, t.end)
            for t in conversation.turns
            if (UNKNOWN_SPEAKER if t.speaker is None else t.speaker) == name
            and t.start is not None
            and t.end is not None
        ]
        lanes.append(Lane(name, is_me, tuple(merge_spans(intervals, resolution_s))))
    return lanes


TICK_STEPS_S = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400)


def time_ticks(start_s: float, end_s: float, max_ticks: int = 10) -> list[float]:
    """Round times between ``start_s`` and ``end_s`` for an axis, at most ``max_ticks`` of them.

    >>> time_ticks(3.0, 880.0)
    [120, 240, 360, 480, 600, 720, 840]
    """
    length = max(end_s - start_s, 1e-9)
    step = next((s for s in TICK_STEPS_S if length / s <= max_ticks), TICK_STEPS_S[-1])
    while length / step > max_ticks:
        step *= 2
    first = math.ceil(start_s / step) * step
    return [t for t in range(int(first), int(end_s) + 1, step) if start_s <= t <= end_s]


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from ``lo..hi`` (data) to ``a..b`` (viewBox units)."""

    lo: float
    hi: float
    a: float
    b: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo
        if span <= 0:
            return self.a
        return self.a + (value - self.lo) / span * (self.b - self.a)


def shares_and_band(share: float, low: float, high: float) -> str:
    """``"above"``, ``"below"`` or ``"on"`` the band."""
    if share > high:
        return "above"
    if share < low:
        return "below"
    return "on"


def off_band_class(share: float, low: float, high: float) -> str:
    """The colour class of a share: on target, at most 10 points off, or further."""
    off = max(low - share, share - high, 0.0)
    return "tw-good" if off == 0 else "tw-warn" if off <= 0.10 else "tw-bad"


# -- SVG builder --------------------------------------------------------------------------


def _num(value: float) -> str:
    """Coordinates with at most one decimal: shorter files, no visible loss."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _points(xys: Iterable[tuple[float, float]]) -> str:
    """``[(1, 2), (3.25, 4)]`` -> ``"1,2 3.2,4"`` (an SVG ``points`` list)."""
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in xys)


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = _num(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{escape(shown, quote=True)}"')
    return "".join(parts)


def el(tag: str, *children: str, **attrs: object) -> str:
    """``<tag attrs>children</tag>``, or ``<tag attrs/>`` without children. Children are SVG
    already built (escaped); use :func:`text` for words."""
    if not children:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{''.join(children)}</{tag}>"


def text(words: str) -> str:
    return escape(words, quote=False)


def hover(words: str) -> str:
    """A hover text: an SVG ``<title>`` child (browsers show it as a tooltip)."""
    return f"<title>{text(words)}</title>"


def svg(
    *,
    ident: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Sequence[str],
    css_class: str,
) -> str:
    """The chart's root: a viewBox, 100% wide, an image labelled by its title and description."""
    return el(
        "svg",
        el("title", text(title), id=f"{ident}-title"),
        el("desc", text(desc), id=f"{ident}-desc"),
        *body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {_num(width)} {_num(height)}",
        width="100%",
        role="img",
        aria_labelledby=f"{ident}-title {ident}-desc",
        class_=f"tw-svg {css_class}",
        font_family=FONT,
    )


def _short(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


# -- timeline -----------------------------------------------------------------------------

TL_WIDTH = 1000.0
TL_GUTTER = 180.0  # speaker names
TL_RIGHT = 14.0
TL_STRIP = 18.0  # above each bar: question diamonds, monologue labels
TL_BAR = 26.0
TL_GAP = 14.0  # under each bar: interruption marks
TL_AXIS = 30.0
NAME_MAX = 20


@dataclass(frozen=True, slots=True)
class Frame:
    """A chart's proportions in viewBox units. The wide frame has room beside the plot for
    names and labels; the narrow one (phones, about 360 px) puts them above or inside it, so the
    whole conversation fits the screen at a readable size instead of scrolling sideways."""

    width: float
    left: float  # plot's left edge: the names' gutter in the wide timeline
    right: float  # room right of the plot
    name_row: float  # timeline: a line above each bar for the name (0: names beside the bars)
    max_ticks: int
    name_max: int  # timeline: longer names are shortened with "…"
    narrow: bool = False


TL_WIDE = Frame(TL_WIDTH, TL_GUTTER, TL_RIGHT, 0.0, 10, NAME_MAX)
TL_NARROW = Frame(360.0, 12.0, 16.0, 16.0, 4, 40, narrow=True)


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    width: float
    height: float
    scale: Scale
    lanes: tuple[Lane, ...]
    frame: Frame = TL_WIDE

    @property
    def lane_height(self) -> float:
        return self.frame.name_row + TL_STRIP + TL_BAR + TL_GAP

    def lane_top(self, index: int) -> float:
        return 4.0 + index * self.lane_height

    def bar_top(self, index: int) -> float:
        return self.lane_top(index) + self.frame.name_row + TL_STRIP

    def span_box(self, span: Span) -> tuple[float, float]:
        """``(x, width)`` of a span: at least one unit wide, never past the plot's right edge."""
        x = self.scale(span.start_s)
        width = max(1.0, self.scale(span.end_s) - x)
        return x, min(width, self.scale.b - x)


def timeline_layout(
    analysis: Analysis, conversation: Conversation, frame: Frame = TL_WIDE
) -> TimelineLayout | None:
    """Where everything goes; ``None`` without timing."""
    start, end = conversation.start_s, conversation.end_s
    if start is None or end is None or not conversation.turns:
        return None
    scale = Scale(start, max(end, start + 1.0), frame.left, frame.width - frame.right)
    resolution = (scale.hi - scale.lo) / (scale.b - scale.a)  # seconds per viewBox unit
    lanes = tuple(timeline_lanes(analysis, conversation, resolution))
    height = 4.0 + len(lanes) * (frame.name_row + TL_STRIP + TL_BAR + TL_GAP) + TL_AXIS
    return TimelineLayout(frame.width, height, scale, lanes, frame)


def _axis_anchor(x: float, scale: Scale, frame: Frame) -> str:
    """A tick label centred on its tick, or kept inside a narrow chart at either end."""
    if frame.narrow and x - scale.a < 14:
        return "tw-axis tw-start"
    if frame.narrow and scale.b - x < 14:
        return "tw-axis tw-end"
    return "tw-axis tw-mid"


def timeline_svg(
    analysis: Analysis, conversation: Conversation, ident: str, frame: Frame = TL_WIDE
) -> str | None:
    """Who spoke when: one lane per speaker (me first, tinted), monologues outlined and
    labelled, questions as diamonds, interruptions as triangles under the bar, a m:ss axis.

    ``frame``: :data:`TL_WIDE` (names beside the bars) or :data:`TL_NARROW` (names above them,
    fewer ticks, monologues labelled by their length only), for phones."""
    layout = timeline_layout(analysis, conversation, frame)
    if layout is None:
        return None
    scale, body = layout.scale, []
    bottom = layout.height - TL_AXIS
    index = {lane.name: i for i, lane in enumerate(layout.lanes)}

    for tick in time_ticks(scale.lo, scale.hi, frame.max_ticks):
        x = scale(tick)
        body.append(el("line", x1=x, x2=x, y1=2.0, y2=bottom, class_="tw-grid"))
        body.append(
            el(
                "text",
                text(clock(tick)),
                x=x,
                y=bottom + 20.0,
                class_=_axis_anchor(x, scale, frame),
            )
        )
    body.append(el("line", x1=scale.a, x2=scale.b, y1=bottom, y2=bottom, class_="tw-axis-line"))

    for i, lane in enumerate(layout.lanes):
        top, bar = layout.lane_top(i), layout.bar_top(i)
        if lane.is_me:
            body.append(
                el(
                    "rect",
                    x=0.0,
                    y=top,
                    width=layout.width,
                    height=layout.lane_height - 4.0,
                    rx=4,
                    class_="tw-me-lane",
                )
            )
        label = _short(lane.name, frame.name_max) + (" (you)" if lane.is_me else "")
        body.append(
            el(
                "text",
                hover(lane.name) + text(label),
                x=scale.a if frame.name_row else 8.0,
                y=top + frame.name_row - 3.0 if frame.name_row else bar + TL_BAR / 2 + 5,
                class_="tw-lane-name" + (" tw-bold" if lane.is_me else ""),
            )
        )
        body.append(
            el("rect", x=scale.a, y=bar, width=scale.b - scale.a, height=TL_BAR, class_="tw-track")
        )
        who = "tw-me" if lane.is_me else "tw-them"
        rects = []
        for span in lane.spans:
            x, width = layout.span_box(span)
            what = f"{lane.name}: {clock(span.start_s)}–{clock(span.end_s)}"
            if span.turns > 1:
                what += f" ({span.turns} turns)"
            rects.append(el("rect", hover(what), x=x, y=bar, width=width, height=TL_BAR))
        body.append(el("g", *rects, class_=f"tw-speech {who}"))

    for m in analysis.monologues:
        row = index.get(m.speaker)
        if row is None:
            continue
        bar = layout.bar_top(row)
        x = scale(m.start_s)
        width = max(2.0, scale(m.end_s) - x)
        what = (
            f"Monologue: {m.speaker} at {clock(m.start_s)} for {clock(m.duration_s)} "
            f"(limit {clock(analysis.targets.monologue_s)})"
        )
        body.append(
            el(
                "rect",
                hover(what),
                x=x,
                y=bar - 2.0,
                width=width,
                height=TL_BAR + 4.0,
                rx=3,
                class_="tw-monologue",
            )
        )
        # The label goes where it fits: "monologue 3:28" over a wide outline, "3:28" alone
        # over a narrow chart's shorter one.
        label = f"monologue {clock(m.duration_s)}"
        if frame.narrow:
            label = clock(m.duration_s)
        if width >= (34 if frame.narrow else 96):
            body.append(
                el(
                    "text",
                    text(label),
                    x=x + 2.0,
                    y=bar - 5.0,
                    class_="tw-monologue-label",
                )
            )

    marks = []
    for q in analysis.questions:
        row = index.get(q.speaker)
        if row is None or q.start_s is None or not fmt.counts(q):
            continue
        x, y = scale(q.start_s), layout.bar_top(row) - 8.0
        points = _points([(x, y - 6), (x + 5, y), (x, y + 6), (x - 5, y)])
        tags = " · ".join(fmt.question_tags(q))
        what = f"{clock(q.start_s)} {q.speaker} asked: {q.text} ({tags})"
        marks.append(
            el(
                "polygon",
                hover(what),
                points=points,
                class_="tw-question " + ("tw-q-me" if q.is_me else "tw-q-them"),
            )
        )
    for e in analysis.interruptions:
        row = index.get(e.speaker)
        if row is None:
            continue
        x, y = scale(e.start_s), layout.bar_top(row) + TL_BAR + 1.5
        points = _points([(x, y), (x + 5.5, y + 9), (x - 5.5, y + 9)])
        what = (
            f"{clock(e.start_s)} {e.speaker} interrupted {e.interrupted} "
            f"({e.overlap_s:.1f} s overlap)"
        )
        marks.append(el("polygon", hover(what), points=points, class_="tw-interrupt"))
    body.append(el("g", *marks) if marks else "")

    desc = timeline_summary(analysis, conversation, layout)
    return svg(
        ident=ident,
        width=layout.width,
        height=layout.height,
        title="Timeline: who spoke when",
        desc=desc,
        body=body,
        css_class="tw-timeline" + (" tw-narrow-chart" if frame.narrow else ""),
    )


def timeline_summary(analysis: Analysis, conversation: Conversation, layout: TimelineLayout) -> str:
    """The timeline in one paragraph, for screen readers."""
    parts = [f"From {clock(layout.scale.lo)} to {clock(layout.scale.hi)}, one lane per speaker."]
    talk = []
    for lane in layout.lanes:
        stats = next((s for s in analysis.speakers if s.name == lane.name), None)
        who = f"{lane.name} (you)" if lane.is_me else lane.name
        if stats is not None and stats.talk_s is not None:
            talk.append(f"{who} {clock(stats.talk_s)} ({percent(stats.share)})")
        else:
            talk.append(who)
    parts.append("Talk time: " + ", ".join(talk) + ".")
    limit = clock(analysis.targets.monologue_s)
    parts.append(f"{plural(len(analysis.monologues), 'monologue')} over {limit}")
    parts[-1] += (
        ": " + "; ".join(f"{m.speaker} at {clock(m.start_s)}" for m in analysis.monologues) + "."
        if analysis.monologues
        else "."
    )
    parts.append(
        f"{plural(len(analysis.interruptions), 'interruption')}, "
        f"{plural(sum(1 for q in analysis.questions if fmt.counts(q)), 'question')} marked."
    )
    return " ".join(parts)


# -- talk share against the band ----------------------------------------------------------

SH_WIDTH = 560.0
SH_LEFT, SH_RIGHT = 8.0, 64.0
SH_ROW = 56.0
SH_BAR = 20.0
SH_ME_EXTRA = 18.0  # room for the band's label under my bar


def share_svg(analysis: Analysis, ident: str) -> str | None:
    """A horizontal bar per speaker (me first) on 0-100%, my target band shaded on my bar."""
    speakers = sorted(analysis.speakers, key=lambda s: not s.is_me)
    if not speakers:
        return None
    targets = analysis.targets
    scale = Scale(0.0, 1.0, SH_LEFT, SH_WIDTH - SH_RIGHT)
    tops = [
        8.0 + i * SH_ROW + (SH_ME_EXTRA if i and speakers[0].is_me else 0.0)
        for i in range(len(speakers))
    ]
    height = (
        tops[-1]
        + SH_ROW
        + (SH_ME_EXTRA if len(speakers) == 1 and speakers[0].is_me else 0.0)
        + 24.0
    )
    body: list[str] = []
    bottom = height - 24.0
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = scale(tick)
        body.append(el("line", x1=x, x2=x, y1=4.0, y2=bottom, class_="tw-grid"))
        anchor = "tw-start" if tick == 0 else "tw-end" if tick == 1 else "tw-mid"
        body.append(
            el("text", text(percent(tick)), x=x, y=bottom + 17.0, class_=f"tw-axis {anchor}")
        )
    for i, s in enumerate(speakers):
        top = tops[i]
        bar = top + 24.0
        label = _short(s.name, 40) + (" (you)" if s.is_me else "")
        body.append(
            el(
                "text",
                text(label),
                x=SH_LEFT,
                y=top + 15.0,
                class_="tw-label" + (" tw-bold" if s.is_me else ""),
            )
        )
        body.append(
            el("rect", x=scale.a, y=bar, width=scale.b - scale.a, height=SH_BAR, class_="tw-track")
        )
        if s.is_me:
            low, high = scale(targets.share_low), scale(targets.share_high)
            body.append(
                el(
                    "rect",
                    hover(f"Target band {fmt.band(targets)}"),
                    x=low,
                    y=bar - 4.0,
                    width=max(1.0, high - low),
                    height=SH_BAR + 8.0,
                    class_="tw-band",
                )
            )
            body.append(
                el(
                    "text",
                    text(f"target {fmt.band(targets)}"),
                    x=(low + high) / 2,
                    y=bar + SH_BAR + 19.0,
                    class_="tw-band-label tw-mid",
                )
            )
        share = s.share
        if share is None:
            body.append(el("text", text("unknown"), x=scale.a + 6, y=bar + 15.0, class_="tw-axis"))
            continue
        width = max(0.0, scale(share) - scale.a)
        colour = "tw-me" if s.is_me else "tw-them"
        what = f"{s.name}: {percent(share)}"
        if s.is_me:
            verdict = fmt.share_verdict(share, targets)
            what += f", target {fmt.band(targets)}: {verdict}"
            colour += " " + off_band_class(share, targets.share_low, targets.share_high)
        body.append(
            el(
                "rect",
                hover(what),
                x=scale.a,
                y=bar + 3.0,
                width=width,
                height=SH_BAR - 6.0,
                class_=f"tw-share {colour}",
            )
        )
        if s.is_me:
            for edge in (scale(targets.share_low), scale(targets.share_high)):
                body.append(
                    el(
                        "line",
                        x1=edge,
                        x2=edge,
                        y1=bar - 4.0,
                        y2=bar + SH_BAR + 4.0,
                        class_="tw-band-edge",
                    )
                )
        body.append(
            el(
                "text",
                text(percent(share)),
                x=scale.b + 8.0,
                y=bar + 15.0,
                class_="tw-figure" + (" tw-bold" if s.is_me else ""),
            )
        )
    return svg(
        ident=ident,
        width=SH_WIDTH,
        height=height,
        title="Talk share against the target band",
        desc=share_summary(analysis),
        body=body,
        css_class="tw-share-chart",
    )


def share_summary(analysis: Analysis) -> str:
    targets = analysis.targets
    parts = []
    me = analysis.me_stats
    if me is not None:
        verdict = fmt.share_verdict(me.share, targets) or "unknown"
        parts.append(f"Your share {percent(me.share)}, target {fmt.band(targets)}: {verdict}.")
    others = [f"{s.name} {percent(s.share)}" for s in analysis.speakers if not s.is_me]
    if others:
        parts.append(("Others: " if me is not None else "Shares: ") + ", ".join(others) + ".")
    return " ".join(parts)


# -- balance over time --------------------------------------------------------------------

BA_WIDTH = 1000.0
BA_HEIGHT = 250.0
BA_LEFT, BA_RIGHT, BA_TOP, BA_BOTTOM = 48.0, 150.0, 12.0, 34.0
DOMINATED_HIGH, DOMINATED_LOW = 0.70, 0.30  # the levels when the analysis gives none
BA_WIDE = Frame(BA_WIDTH, BA_LEFT, BA_RIGHT, 0.0, 8, 0)
# Narrow: the line labels go inside the plot, so no right-hand gutter.
BA_NARROW = Frame(360.0, 40.0, 12.0, 0.0, 4, 0, narrow=True)
BA_NARROW_HEIGHT = 230.0


def dominance_lines(balance: Balance) -> list[tuple[float, str]]:
    """The dashed lines and what they mark, as facts in both modes ("you talk 70%+", "they
    talk 70%+"): "they dominate" over a networking chat's target read as a fault. A level at
    0% or 100% (never reached) draws no line."""
    mine, theirs = fmt.dominance_levels(balance)
    lines = []
    if 0.0 < mine < 1.0:
        lines.append((mine, f"you talk {percent(mine)}+"))
    if 0.0 < theirs < 1.0:
        lines.append((theirs, f"they talk {percent(1.0 - theirs)}+"))
    return lines


def _mid(w: BalanceWindow) -> float:
    return (w.start_s + w.end_s) / 2


def balance_svg(analysis: Analysis, ident: str, frame: Frame = BA_WIDE) -> str | None:
    """My share per window as a line over a shaded area, with the 30% and 70% lines (beyond
    them one side held 70% of the window's talk or more) and the target band.

    ``frame``: :data:`BA_WIDE` (labels right of the plot) or :data:`BA_NARROW` (labels inside
    it, fewer ticks), for phones."""
    balance = analysis.balance
    if balance is None or not balance.windows:
        return None
    windows = balance.windows
    height = BA_NARROW_HEIGHT if frame.narrow else BA_HEIGHT
    x = Scale(_mid(windows[0]), _mid(windows[-1]), frame.left, frame.width - frame.right)
    if len(windows) == 1:
        x = Scale(windows[0].start_s, windows[0].end_s, frame.left, frame.width - frame.right)
    y = Scale(0.0, 1.0, height - BA_BOTTOM, BA_TOP)
    targets = analysis.targets
    body: list[str] = [
        el(
            "rect",
            hover(f"Target band {fmt.band(targets)}"),
            x=x.a,
            y=y(targets.share_high),
            width=x.b - x.a,
            height=y(targets.share_low) - y(targets.share_high),
            class_="tw-band-soft",
        )
    ]
    for level in (0.0, 0.5, 1.0):
        body.append(el("line", x1=x.a, x2=x.b, y1=y(level), y2=y(level), class_="tw-grid"))
    lines = dominance_lines(balance)
    for level in sorted({0.0, 0.5, 1.0, *(at for at, _ in lines)}):
        body.append(
            el("text", text(percent(level)), x=x.a - 6, y=y(level) + 4, class_="tw-axis tw-end")
        )
    for level, words in lines:
        body.append(el("line", x1=x.a, x2=x.b, y1=y(level), y2=y(level), class_="tw-dominance"))
        if frame.narrow:  # inside, just above the line, at the left
            where: dict[str, object] = {"x": x.a + 4, "y": y(level) - 4}
        else:
            where = {"x": x.b + 8, "y": y(level) + 4}
        body.append(el("text", text(words), **where, class_="tw-dominance-label"))
    band_y = (y(targets.share_low) + y(targets.share_high)) / 2 + 4
    if frame.narrow:  # inside the band, at the right
        where = {"x": x.b - 4, "y": band_y, "class_": "tw-band-label tw-end"}
    else:
        where = {"x": x.b + 8, "y": band_y, "class_": "tw-band-label"}
    body.append(el("text", text(f"target {fmt.band(targets)}"), **where))
    for tick in time_ticks(windows[0].start_s, windows[-1].end_s, frame.max_ticks):
        if x.lo - 1e-9 <= tick <= x.hi + 1e-9:
            body.append(
                el(
                    "text",
                    text(clock(tick)),
                    x=x(tick),
                    y=height - BA_BOTTOM + 20,
                    class_=_axis_anchor(x(tick), x, frame),
                )
            )

    # The line breaks where a window has no speech (me_share is None).
    runs: list[list[BalanceWindow]] = [[]]
    for w in windows:
        if w.me_share is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(w)
    single = len(windows) == 1
    for run in (r for r in runs if r):
        xs = [(x.a + x.b) / 2] if single else [x(_mid(w)) for w in run]
        ys = [y(w.me_share or 0.0) for w in run]
        if len(run) == 1:
            xs, ys = [xs[0] - 3, xs[0] + 3], [ys[0], ys[0]]
        line = " ".join(f"{_num(a)},{_num(b)}" for a, b in zip(xs, ys, strict=True))
        area = f"{_num(xs[0])},{_num(y(0.0))} {line} {_num(xs[-1])},{_num(y(0.0))}"
        body.append(el("polygon", points=area, class_="tw-area"))
        body.append(el("polyline", points=line, class_="tw-line"))
    dots = []
    for w in windows:
        if w.me_share is None:
            continue
        cx = (x.a + x.b) / 2 if single else x(_mid(w))
        what = f"{clock(w.start_s)}–{clock(w.end_s)}: your share {percent(w.me_share)}"
        dots.append(el("circle", hover(what), cx=cx, cy=y(w.me_share), r=3.2))
    body.append(el("g", *dots, class_="tw-dots") if dots else "")
    return svg(
        ident=ident,
        width=frame.width,
        height=height,
        title="Balance over time: your share of the talk",
        desc=balance_summary(analysis),
        body=body,
        css_class="tw-balance" + (" tw-narrow-chart" if frame.narrow else ""),
    )


def balance_summary(analysis: Analysis) -> str:
    balance = analysis.balance
    if balance is None or not balance.windows:
        return ""
    known = [w.me_share for w in balance.windows if w.me_share is not None]
    first, last = balance.windows[0], balance.windows[-1]
    window = clock(first.end_s - first.start_s)
    parts = [
        f"{fmt.balance_label(balance, analysis.targets).capitalize()}: your share of the talk "
        f"in {plural(len(balance.windows), 'window')} of {window} from "
        f"{clock(first.start_s)} to {clock(last.end_s)}."
    ]
    if known:
        parts.append(f"Lowest {percent(min(known))}, highest {percent(max(known))}.")
        mine_at, theirs_at = fmt.dominance_levels(balance)
        held = []
        if mine_at < 1.0:
            mine = sum(1 for v in known if v >= mine_at)
            held.append(f"you held {percent(mine_at)} of the talk or more in {mine}")
        if theirs_at > 0.0:
            theirs = sum(1 for v in known if v <= theirs_at)
            held.append(f"they held {percent(1.0 - theirs_at)} or more in {theirs}")
        if held:
            parts.append("Windows: " + ", ".join(held) + ".")
    return " ".join(parts)


def balance_lines_caption(analysis: Analysis) -> str:
    """What the dashed lines of the balance chart mark, for its caption."""
    if analysis.balance is None:
        return ""
    lines = dominance_lines(analysis.balance)
    if not lines:
        return "Each point is a window of the conversation."
    words = [f"above the upper dashed line you held {percent(lines[0][0])} of the talk or more"]
    if len(lines) > 1:
        theirs = lines[1][0]
        words.append(
            f"below the lower one {percent(theirs)} or less "
            f"(they held {percent(1.0 - theirs)} or more)"
        )
    return "Each point is a window of the conversation; " + ", ".join(words) + "."


# -- progress -----------------------------------------------------------------------------

PR_WIDTH = 1000.0
PR_LEFT, PR_RIGHT = 56.0, 24.0
PR_PANEL = 150.0
PR_TOP = 28.0
PR_GAP = 56.0
PR_AXIS = 40.0


@dataclass(frozen=True, slots=True)
class ProgressLayout:
    width: float
    height: float
    xs: tuple[float, ...]
    slot: float
    share_y: Scale
    score_y: Scale


def progress_layout(n: int) -> ProgressLayout:
    slot = (PR_WIDTH - PR_LEFT - PR_RIGHT) / max(n, 1)
    xs = tuple(PR_LEFT + slot * (i + 0.5) for i in range(n))
    share_y = Scale(0.0, 1.0, PR_TOP + PR_PANEL, PR_TOP)
    score_top = PR_TOP + PR_PANEL + PR_GAP
    score_y = Scale(0.0, 100.0, score_top + PR_PANEL, score_top)
    height = score_top + PR_PANEL + PR_AXIS
    return ProgressLayout(PR_WIDTH, height, xs, slot, share_y, score_y)


def progress_svg(
    points: Sequence[ProgressPoint],
    ident: str,
    *,
    desc: str,
    current: int | None = None,
) -> str | None:
    """Talk share against each conversation's band (top) and the score (bottom), one column per
    saved conversation, oldest first; ``current`` (an index) is ringed."""
    if not points:
        return None
    layout = progress_layout(len(points))
    sy, cy = layout.share_y, layout.score_y
    body: list[str] = []
    for panel, title, levels in (
        (sy, "Your talk share against the target band", (0.0, 0.5, 1.0)),
        (cy, "Two-way score", (0.0, 50.0, 100.0)),
    ):
        body.append(el("text", text(title), x=PR_LEFT, y=panel.b - 12, class_="tw-label tw-bold"))
        for level in levels:
            shown = percent(level) if panel is sy else f"{level:.0f}"
            body.append(
                el(
                    "line",
                    x1=PR_LEFT,
                    x2=PR_WIDTH - PR_RIGHT,
                    y1=panel(level),
                    y2=panel(level),
                    class_="tw-grid",
                )
            )
            body.append(
                el("text", text(shown), x=PR_LEFT - 6, y=panel(level) + 4, class_="tw-axis tw-end")
            )
    band_w = min(44.0, layout.slot * 0.6)
    frame = min(layout.slot - 4.0, 130.0)  # the ring around this conversation's column
    shares: list[tuple[float, float]] = []
    scores: list[tuple[float, float]] = []
    marks: list[str] = []
    label_every = max(1, math.ceil(len(points) * 96 / (PR_WIDTH - PR_LEFT - PR_RIGHT)))
    for i, (p, x) in enumerate(zip(points, layout.xs, strict=True)):
        band = f"{p.share_low * 100:.0f}-{p.share_high * 100:.0f}%"
        body.append(
            el(
                "rect",
                hover(f"{p.date.isoformat()} {p.mode}: target band {band}"),
                x=x - band_w / 2,
                y=sy(p.share_high),
                width=band_w,
                height=sy(p.share_low) - sy(p.share_high),
                class_="tw-band-soft",
            )
        )
        if i == current:
            body.append(
                el(
                    "rect",
                    x=x - frame / 2,
                    y=PR_TOP - 4,
                    width=frame,
                    height=cy.a - PR_TOP + 8,
                    rx=6,
                    class_="tw-current",
                )
            )
        if i % label_every == 0 or i == current or i == len(points) - 1:
            body.append(
                el(
                    "text",
                    text(p.date.strftime("%d %b %Y")),
                    x=x,
                    y=cy.a + 22,
                    class_="tw-axis tw-mid" + (" tw-bold" if i == current else ""),
                )
            )
        where = f"{p.date.isoformat()} {p.source}"
        if p.talk_share is not None:
            shares.append((x, sy(p.talk_share)))
            verdict = shares_and_band(p.talk_share, p.share_low, p.share_high)
            marks.append(
                el(
                    "circle",
                    hover(
                        f"{where}: talk share {percent(p.talk_share)}, {verdict} the {band} band"
                    ),
                    cx=x,
                    cy=sy(p.talk_share),
                    r=6.0 if i == current else 5.0,
                    class_="tw-point " + off_band_class(p.talk_share, p.share_low, p.share_high),
                )
            )
        if p.score is not None:
            scores.append((x, cy(p.score)))
            marks.append(
                el(
                    "circle",
                    hover(f"{where}: score {p.score}"),
                    cx=x,
                    cy=cy(p.score),
                    r=6.0 if i == current else 4.5,
                    class_="tw-score-point",
                )
            )
            if len(points) <= 24:
                marks.append(
                    el(
                        "text",
                        text(str(p.score)),
                        x=x,
                        y=cy(p.score) - 10,
                        class_="tw-figure tw-mid",
                    )
                )
    for line, cls in ((shares, "tw-progress-line"), (scores, "tw-score-line")):
        if len(line) > 1:
            body.append(
                el("polyline", points=" ".join(f"{_num(a)},{_num(b)}" for a, b in line), class_=cls)
            )
    body += marks
    return svg(
        ident=ident,
        width=layout.width,
        height=layout.height,
        title="Progress over your saved conversations",
        desc=desc,
        body=body,
        css_class="tw-progress",
    )
