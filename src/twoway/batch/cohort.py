"""The cohort view of a batch: each mode's headline, each student's trend, distributions,
outliers and a table linking to each report.

``cohort(rows)`` computes everything from the conversation rows (pure); ``render_cohort_html``
turns it into one self-contained page (inline SVG, no external URLs, Jinja2 with autoescape).

Interviews and networking chats have different targets (40-60% and 10-30% of the talk by
default), so the headline gives each mode its own median and band, and the talk-share
histogram is drawn once per mode. A student (the rows' ``me``, ignoring case) with several
conversations gets one row with a trend: their conversations in the order of their paths, read
as numbers where they hold digits (``week2`` before ``week10``), judged by
:func:`twoway.report.progress.trend`, the rule ``twoway progress`` uses.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twoway.analysis.timeline import median
from twoway.batch._columns import Row

TALK_SHARE_OUTLIER = 0.75
MONOLOGUE_OUTLIER_S = 180.0
LOWEST_SCORES = 10
MODE_NAMES = {
    "interview": ("interview", "interviews"),
    "networking": ("networking chat", "networking chats"),
}
# Trend margins, as twoway progress: a smaller change is "steady".
SCORE_STEADY, SHARE_STEADY = 5.0, 0.03


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    highlight: bool = False  # inside the target band


@dataclass(frozen=True, slots=True)
class Histogram:
    title: str
    unit: str
    bars: tuple[Bar, ...]
    note: str = ""
    # The bin edges (a value past the last one counts in a last "N+" bar) and whether the
    # values are whole numbers (one bar per value, labelled under it) or ranges (labelled at
    # the edges between bars).
    edges: tuple[float, ...] = ()
    integer: bool = False

    @property
    def peak(self) -> int:
        return max((b.count for b in self.bars), default=0)


@dataclass(frozen=True, slots=True)
class ModeSummary:
    """One mode's headline: how many, the median talk share, its band, how many on target."""

    mode: str
    count: int
    median_share: float | None
    band: tuple[float, float] | None  # the most common target band of the mode's rows
    on_target: int

    @property
    def name(self) -> str:
        """``"interviews"``, ``"networking chats"``."""
        return MODE_NAMES.get(self.mode, (self.mode, f"{self.mode} conversations"))[1]

    @property
    def counted(self) -> str:
        """``"8 interviews"``, ``"1 networking chat"``."""
        one, many = MODE_NAMES.get(self.mode, (f"{self.mode} conversation",) * 2)
        return f"{self.count} {one if self.count == 1 else many}"


@dataclass(frozen=True, slots=True)
class Student:
    """One "me" across the cohort: their conversations in path order, and how they moved."""

    name: str
    rows: tuple[Row, ...]
    score_trend: str | None  # "improving" | "steady" | "slipping"; None with fewer than two
    share_trend: str | None  # the same, judged by the distance outside each row's band

    @property
    def scores(self) -> list[int | None]:
        return [r["score"] for r in self.rows]

    @property
    def shares(self) -> list[float | None]:
        return [share_of(r) for r in self.rows]

    @property
    def on_target(self) -> int:
        return sum(1 for r in self.rows if r["on_target"])

    @property
    def latest(self) -> Row:
        return self.rows[-1]


@dataclass(slots=True)
class Cohort:
    rows: list[Row]  # the ok rows, latest per path
    failed: list[Row]
    band: tuple[float, float] | None  # the most common target band
    on_target: int
    histograms: list[Histogram] = field(default_factory=list)
    outliers: dict[str, list[Row]] = field(default_factory=dict)
    modes: list[ModeSummary] = field(default_factory=list)  # interview first
    students: list[Student] = field(default_factory=list)  # lowest latest score first


def latest_per_path(rows: Iterable[Row]) -> list[Row]:
    """One row per file: the last written wins (a re-analyzed file after a failure)."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest.pop(row["path"], None)
        latest[row["path"]] = row
    return list(latest.values())


def cohort(all_rows: Iterable[Row]) -> Cohort:
    rows = latest_per_path(all_rows)
    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] != "ok"]
    band = _common_band(ok)
    result = Cohort(ok, failed, band, sum(1 for r in ok if r["on_target"]))
    result.modes = mode_summaries(ok)
    share_histograms = [
        _histogram(
            "Your talk share" + (f": {m.name}" if len(result.modes) > 1 else ""),
            "%",
            [100 * s for s in (share_of(r) for r in ok if r["mode"] == m.mode) if s is not None],
            edges=list(range(0, 101, 5)),
            band=None if m.band is None else (100 * m.band[0], 100 * m.band[1]),
            note="shaded: the target band",
        )
        for m in result.modes
    ] or [_histogram("Your talk share", "%", [], edges=list(range(0, 101, 5)))]
    result.histograms = [
        *share_histograms,
        _histogram(
            "Questions asked",
            "",
            [r["questions_asked"] for r in ok if r["questions_asked"] is not None],
            edges=list(range(13)),
            integer=True,
        ),
        _histogram(
            "Longest monologue",
            "min",
            [r["longest_monologue_s"] / 60 for r in ok if r["longest_monologue_s"] is not None],
            edges=[x / 2 for x in range(21)],
        ),
        _histogram(
            "Two-way score",
            "",
            [r["score"] for r in ok if r["score"] is not None],
            edges=list(range(0, 101, 10)),
        ),
    ]
    scored = sorted(
        (r for r in ok if r["score"] is not None), key=lambda r: (r["score"], r["path"])
    )
    result.outliers = {
        f"Talk more than {TALK_SHARE_OUTLIER:.0%} of the time": sorted(
            (r for r in ok if (share_of(r) or 0) > TALK_SHARE_OUTLIER),
            key=lambda r: -(share_of(r) or 0),
        ),
        "Never ask a question": [r for r in ok if r["questions_asked"] == 0],
        f"A monologue over {MONOLOGUE_OUTLIER_S / 60:.0f} minutes": sorted(
            (r for r in ok if (r["longest_monologue_s"] or 0) > MONOLOGUE_OUTLIER_S),
            key=lambda r: -(r["longest_monologue_s"] or 0),
        ),
        f"Lowest {LOWEST_SCORES} scores": scored[:LOWEST_SCORES],
    }
    result.students = students(ok)
    return result


def share_of(row: Row) -> float | None:
    """My talk share (by time), else my share of the words; ``None`` when unknown."""
    value = row["me_talk_share"] if row["me_talk_share"] is not None else row["me_word_share"]
    return None if value is None else float(value)


def _common_band(rows: Iterable[Row]) -> tuple[float, float] | None:
    bands = Counter(
        (r["target_low"], r["target_high"]) for r in rows if r["target_low"] is not None
    )
    return bands.most_common(1)[0][0] if bands else None


def mode_summaries(rows: Sequence[Row]) -> list[ModeSummary]:
    """Each mode's headline, interviews first: medians never mix a 50% and a 20% target."""
    modes = sorted({str(r["mode"]) for r in rows}, key=lambda m: (m != "interview", m))
    summaries = []
    for mode in modes:
        mine = [r for r in rows if r["mode"] == mode]
        shares = [s for s in (share_of(r) for r in mine) if s is not None]
        summaries.append(
            ModeSummary(
                mode,
                len(mine),
                median(shares),
                _common_band(mine),
                sum(1 for r in mine if r["on_target"]),
            )
        )
    return summaries


def off_band(row: Row) -> float | None:
    """How far my share is outside the row's own band: 0 on target (as ``twoway progress``)."""
    share = share_of(row)
    low, high = row["target_low"], row["target_high"]
    if share is None or low is None or high is None:
        return None
    return max(float(low) - share, share - float(high), 0.0)


def path_order(path: str) -> list[Any]:
    """A sort key reading digit runs as numbers: ``week2/a.vtt`` before ``week10/a.vtt``.

    >>> sorted(["w10.vtt", "w2.vtt", "w1.vtt"], key=path_order)
    ['w1.vtt', 'w2.vtt', 'w10.vtt']
    """
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", path)
        if part
    ]


def students(rows: Sequence[Row]) -> list[Student]:
    """Rows grouped by "me" (ignoring case and spacing), each in path order with its trends;
    the lowest latest score first (who needs a look first), then by name."""
    from twoway.report.progress import trend

    groups: dict[str, list[Row]] = {}
    for row in rows:
        if not row["me"]:
            continue
        key = " ".join(str(row["me"]).split()).casefold()
        groups.setdefault(key, []).append(row)
    found = []
    for group in groups.values():
        ordered = tuple(sorted(group, key=lambda r: path_order(str(r["path"]))))
        name = Counter(str(r["me"]) for r in ordered).most_common(1)[0][0]
        scores = [r["score"] for r in ordered]
        found.append(
            Student(
                name,
                ordered,
                trend(scores, steady=SCORE_STEADY).word,
                trend(
                    [off_band(r) for r in ordered], higher_is_better=False, steady=SHARE_STEADY
                ).word,
            )
        )
    return sorted(
        found,
        key=lambda s: (
            s.latest["score"] is None,
            s.latest["score"] or 0,
            s.name.casefold(),
        ),
    )


def _histogram(
    title: str,
    unit: str,
    values: list[float],
    *,
    edges: list[float],
    band: tuple[float, float] | None = None,
    integer: bool = False,
    note: str = "",
) -> Histogram:
    """Bars between ``edges``; values past the last edge go to a last ``N+`` bar."""
    counts = [0] * len(edges)
    for value in values:
        index = len(edges) - 1
        for i in range(len(edges) - 1):
            if value < edges[i + 1] or (i == len(edges) - 2 and not integer and value == edges[-1]):
                index = i
                break
        counts[index] += 1
    bars = []
    for i, count in enumerate(counts):
        last = i == len(edges) - 1
        if integer:
            label = f"{edges[i]:g}+" if last else f"{edges[i]:g}"
        elif last:
            if count == 0:
                continue
            label = f"≥{edges[i]:g}"
        else:
            label = f"{edges[i]:g}–{edges[i + 1]:g}"
        inside = (
            band is not None
            and not last
            and edges[i] >= band[0] - 1e-9
            and edges[i + 1] <= band[1] + 1e-9
        )
        bars.append(Bar(label, count, inside))
    return Histogram(title, unit, tuple(bars), note, tuple(edges), integer)


# Axis labels: the chart is drawn in a 440-unit viewBox at 100% width, so labels and bars
# shrink together and never meet at any width. A label is about this wide per character.
AXIS_FONT = 12.0
CHAR_WIDTH = 0.62 * AXIS_FONT
LABEL_GAP = 8.0
LABEL_STEPS = (1, 2, 4, 5, 10, 20, 25, 50)


def axis_labels(
    labels: Sequence[str], positions: Sequence[float], spacing: float
) -> list[tuple[float, str]]:
    """Every ``k``-th label, with ``k`` the smallest step of :data:`LABEL_STEPS` that keeps the
    widest label clear of its neighbours (``spacing``: units between two positions).

    >>> axis_labels(["0", "5", "10", "15"], [0, 12, 24, 36], 12)
    [(0, '0'), (24, '10')]
    """
    widest = max((len(label) for label in labels), default=0) * CHAR_WIDTH + LABEL_GAP
    step = next((k for k in LABEL_STEPS if k * spacing >= widest), len(labels) or 1)
    return [(positions[i], labels[i]) for i in range(0, len(labels), step)]


def svg_bars(histogram: Histogram, width: int = 440, height: int = 190) -> dict[str, Any]:
    """Coordinates of each bar and of the axis labels (pure numbers; the template draws them).

    Whole-number histograms are labelled under the bars; ranges at the edges between bars
    (``0 5 10 ...``), thinned so that no two labels overlap."""
    n = max(len(histogram.bars), 1)
    left, right = 12, 12
    plot_h = height - 44
    step = (width - left - right) / n
    peak = max(histogram.peak, 1)
    bars = []
    for i, bar in enumerate(histogram.bars):
        h = 0 if bar.count == 0 else max(1.0, plot_h * bar.count / peak)
        bars.append(
            {
                "x": round(left + i * step + 1, 1),
                "y": round(16 + plot_h - h, 1),
                "w": round(max(step - 2, 1), 1),
                "h": round(h, 1),
                "label": bar.label,
                "count": bar.count,
                "highlight": bar.highlight,
                "tx": round(left + i * step + step / 2, 1),
            }
        )
    if histogram.integer or not histogram.edges:
        labels = [bar.label for bar in histogram.bars]
        positions = [round(left + i * step + step / 2, 1) for i in range(len(bars))]
    else:
        # One label per edge: the bars' left edges, then the right edge of the last range.
        shown = len(histogram.bars) + (0 if histogram.bars[-1].label.startswith("≥") else 1)
        edges = histogram.edges[:shown]
        labels = [f"{e:g}" for e in edges]
        positions = [round(left + i * step, 1) for i in range(len(edges))]
    ticks = [
        {"x": x, "label": label, "anchor": _anchor(x, left, width - right)}
        for x, label in axis_labels(labels, positions, step)
    ]
    return {
        "width": width,
        "height": height,
        "base": 16 + plot_h,
        "left": left,
        "right": width - right,
        "bars": bars,
        "ticks": ticks,
        "edges": not histogram.integer and bool(histogram.edges),
    }


def _anchor(x: float, left: float, right: float) -> str:
    """Keep an edge label inside the chart at either end."""
    if x - left < 6:
        return "start"
    if right - x < 6:
        return "end"
    return "middle"


def spark_points(values: Sequence[float | None], width: float = 96, height: float = 22) -> str:
    """An SVG ``points`` list for a small line of ``values`` on 0..100 (gaps skipped).

    >>> spark_points([0, 100], 100, 20)
    '3,17 97,3'
    """
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return ""
    n = len(values)
    pad = 3.0

    def x(i: int) -> float:
        return width / 2 if n == 1 else pad + i * (width - 2 * pad) / (n - 1)

    def y(v: float) -> float:
        return height - pad - max(0.0, min(100.0, v)) / 100 * (height - 2 * pad)

    return " ".join(f"{x(i):g},{y(v):g}" for i, v in known)


def display_paths(paths: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The folder the files share, and each path relative to it (the full path where they
    share none, or for URLs)."""
    paths = list(paths)
    local = [p for p in paths if "://" not in p]
    root = ""
    if local and len(local) == len(paths):
        try:
            root = os.path.commonpath([str(Path(p).parent) for p in local])
        except ValueError:  # absolute and relative paths mixed
            root = ""
    if not root or root in (os.sep, "."):
        return "", {p: p for p in paths}
    return root, {p: os.path.relpath(p, root) for p in paths}


def render_cohort_html(data: Cohort, links: dict[str, str], title: str) -> str:
    """The page; ``links`` maps a row's path to its report (relative to the page)."""
    import jinja2

    from twoway import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("twoway.batch", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f}%"
    env.filters["mmss"] = lambda v: "–" if v is None else f"{int(v // 60)}:{int(v % 60):02d}"
    env.filters["num"] = lambda v: (
        "–" if v is None or (isinstance(v, float) and math.isnan(v)) else v
    )
    root, shown = display_paths([str(r["path"]) for r in [*data.rows, *data.failed]])
    failures = Counter(_reason(r) for r in data.failed)
    return env.get_template("cohort.html.j2").render(
        title=title,
        cohort=data,
        charts=[(h, svg_bars(h)) for h in data.histograms],
        links=links,
        share=share_of,
        shown=shown,
        root=root,
        spark=spark_points,
        trend_marks={"improving": "▲", "steady": "=", "slipping": "▼"},
        failures=failures.most_common(),
        rows=sorted(data.rows, key=lambda r: (r["score"] is None, r["score"] or 0, r["path"])),
        version=__version__,
    )


def _reason(row: Row) -> str:
    error = str(row["error"] or "failed")
    path = str(row["path"])
    return error[len(path) + 2 :] if error.startswith(path + ":") else error
