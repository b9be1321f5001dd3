"""The HTML report's two main charts as PNG files (``--png DIR``), drawn with matplotlib.

``timeline.png`` (who spoke when: the same lanes, monologues, questions and interruptions as the
SVG timeline, from ``_svg.timeline_lanes``) and ``share.png`` (talk share per speaker with my
target band). Same palette as the HTML report. Needs the ``charts`` extra; matplotlib loads here
only, on the Agg canvas (no GUI, no global backend switch).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from twoway.analysis.result import Analysis
from twoway.display import clock, percent
from twoway.errors import MissingExtraError, UsageError
from twoway.model import Conversation
from twoway.report import _format as fmt
from twoway.report import _svg
from twoway.report.text_safety import safe_value

PALETTE = _svg.PALETTE


def write_report_pngs(
    analysis: Analysis, conversation: Conversation, folder: Path, *, prefix: str = ""
) -> list[Path]:
    """Write ``PREFIXtimeline.png`` (only with timing) and ``PREFIXshare.png`` into ``folder``
    (created when its parent exists); returns the paths written."""
    analysis, conversation = safe_value(analysis), safe_value(conversation)  # text_safety
    folder = Path(folder)
    if not folder.is_dir():
        if not folder.parent.is_dir():
            raise UsageError(f"{folder}: the folder {folder.parent} does not exist")
        folder.mkdir(exist_ok=True)
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingExtraError("the PNG charts", "charts", "matplotlib") from exc

    written = []
    if conversation.has_timing and analysis.share_basis == "time":
        lanes = len(_svg.lane_names(analysis, conversation))
        fig = Figure(figsize=(11, 1.2 + 0.75 * lanes), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        _timeline(fig, analysis, conversation)
        written.append(
            save_png(fig, folder / f"{prefix}timeline.png", {"Title": "twoway timeline"})
        )
    if analysis.speakers:
        fig = Figure(figsize=(8, 1.0 + 0.6 * len(analysis.speakers)), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        _share(fig, analysis)
        written.append(save_png(fig, folder / f"{prefix}share.png", {"Title": "twoway talk share"}))
    return written


def save_png(fig: Any, path: Path, metadata: dict[str, str]) -> Path:
    """Write ``fig`` as a PNG through a temporary file beside ``path``, so a failed run leaves
    no half image; the file gets the permissions of any new file (mkstemp's are 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            fig.savefig(out, format="png", metadata=metadata)
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _timeline(fig: Any, analysis: Analysis, conversation: Conversation) -> None:
    from matplotlib.ticker import FuncFormatter

    start, end = conversation.start_s or 0.0, conversation.end_s or 1.0
    resolution = max(end - start, 1.0) / 2000  # a PNG column is coarser than this
    lanes = _svg.timeline_lanes(analysis, conversation, resolution)
    ax = fig.subplots()
    rows = {lane.name: len(lanes) - 1 - i for i, lane in enumerate(lanes)}  # me on top
    for lane in lanes:
        y = rows[lane.name]
        if lane.is_me:
            ax.axhspan(y - 0.5, y + 0.5, color=PALETTE["me_tint"], zorder=0)
        ax.broken_barh(
            [(s.start_s, max(s.end_s - s.start_s, resolution)) for s in lane.spans],
            (y - 0.3, 0.6),
            color=PALETTE["me" if lane.is_me else "them"],
            zorder=2,
        )
    for m in analysis.monologues:
        if m.speaker in rows:
            y = rows[m.speaker]
            ax.add_patch(_rect(m.start_s, y - 0.38, m.duration_s, 0.76))
            ax.annotate(
                f"monologue {clock(m.duration_s)}",
                (m.start_s, y + 0.4),
                fontsize=8,
                color=PALETTE["monologue"],
                fontweight="bold",
                va="bottom",
            )
    for q in analysis.questions:
        if q.speaker in rows and q.start_s is not None and fmt.counts(q):
            ax.plot(
                [q.start_s],
                [rows[q.speaker] + 0.42],
                marker="D",
                markersize=4.5,
                color=PALETTE["me" if q.is_me else "them_q"],
                zorder=3,
            )
    for e in analysis.interruptions:
        if e.speaker in rows:
            ax.plot(
                [e.start_s],
                [rows[e.speaker] - 0.45],
                marker="^",
                markersize=6,
                color=PALETTE["interrupt"],
                zorder=3,
            )
    ax.set_yticks(
        [rows[lane.name] for lane in lanes],
        [lane.name + (" (you)" if lane.is_me else "") for lane in lanes],
    )
    for label, lane in zip(ax.get_yticklabels(), lanes, strict=True):
        if lane.is_me:
            label.set_fontweight("bold")
    ticks = _svg.time_ticks(start, end)
    ax.set_xticks(ticks)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: clock(v)))
    ax.set_xlim(start, end)
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(
        f"Who spoke when: {analysis.source}  (◆ question, ▲ interruption, outlined: monologue)",
        loc="left",
        fontsize=10,
    )


def _rect(x: float, y: float, width: float, height: float) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x, y), width, height, fill=False, edgecolor=PALETTE["monologue"], linewidth=1.8, zorder=4
    )


def _share(fig: Any, analysis: Analysis) -> None:
    speakers = sorted(analysis.speakers, key=lambda s: not s.is_me)
    targets = analysis.targets
    ax = fig.subplots()
    ys = list(range(len(speakers) - 1, -1, -1))
    for y, s in zip(ys, speakers, strict=True):
        ax.barh(y, 1.0, height=0.55, color=PALETTE["track"], zorder=1)
        if s.is_me:
            ax.fill_betweenx(
                [y - 0.4, y + 0.4],
                targets.share_low,
                targets.share_high,
                color=PALETTE["band_tint"],
                zorder=1.5,
            )
            for edge in (targets.share_low, targets.share_high):
                ax.plot(
                    [edge, edge], [y - 0.4, y + 0.4], color=PALETTE["band"], linewidth=2, zorder=3
                )
            ax.annotate(
                f"target {fmt.band(targets)}",
                ((targets.share_low + targets.share_high) / 2, y - 0.42),
                ha="center",
                va="top",
                fontsize=8,
                color=PALETTE["band"],
            )
        share = s.share or 0.0
        ax.barh(y, share, height=0.3, color=PALETTE["me" if s.is_me else "them"], zorder=2)
        ax.annotate(
            percent(s.share),
            (1.01, y),
            va="center",
            fontsize=10,
            fontweight="bold" if s.is_me else "normal",
            annotation_clip=False,
        )
    ax.set_yticks(ys, [s.name + (" (you)" if s.is_me else "") for s in speakers])
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.7, len(speakers) - 0.4)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(f"Talk share ({fmt.basis(analysis.share_basis)})", loc="left", fontsize=10)
