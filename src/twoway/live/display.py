"""The terminal's live view: one compact panel that can sit beside a video call.

``render(view)`` builds a rich renderable from a ``MeterView`` (no I/O); ``twoway.cli.live``
redraws it several times a second.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from twoway import display

if TYPE_CHECKING:
    from rich.console import RenderableType

    from twoway.live.meter import MeterView

BAR_WIDTH = 30
ME_STYLE = "bold cyan"
THEM_STYLE = "magenta"
CALM_NUDGE = "Pause and ask: you have held the floor past the limit."


def clock(seconds: float) -> str:
    """A running time as ``twoway.display.clock`` shows it, but counting whole seconds
    gone (a stopwatch does not show 1:00 before a minute has passed): ``83.6`` -> ``1:23``.

    >>> clock(83.6), clock(59.9), clock(3700)
    ('1:23', '0:59', '1:01:40')
    """
    return display.clock(math.floor(seconds))


def _bar(fraction: float, width: int, style: str, band: tuple[float, float] | None = None) -> str:
    """A bar of ``width`` cells filled to ``fraction``; ``band``'s empty cells are shaded."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    low, high = band if band is not None else (2.0, 2.0)
    empty = "".join("▒" if low * width <= i < high * width else "░" for i in range(filled, width))
    return f"[{style}]{'█' * filled}[/][dim]{empty}[/]"


def _share_row(view: MeterView) -> tuple[str, str]:
    targets = view.targets
    share = view.share
    if view.me is None:
        return "Talk share", (
            "[dim]one voice for all: enroll yours to see your share live "
            "(twoway voice enroll --me NAME sample.wav)[/]"
        )
    if share is None:
        return "Your talk share", "[dim]waiting for speech...[/]"
    status = view.status
    style = {"low": "yellow", "on": "green", "high": "red"}[status or "on"]
    verdict = {
        "low": "below the band: say more",
        "on": "in the band",
        "high": "above the band: listen more",
    }[status or "on"]
    bar = _bar(share, BAR_WIDTH, style, (targets.share_low, targets.share_high))
    band = f"{targets.share_low:.0%}-{targets.share_high:.0%}"
    return "Your talk share", f"{bar} [bold]{share:4.0%}[/]  band {band}  [{style}]{verdict}[/]"


def _floor_row(view: MeterView) -> tuple[str, str]:
    limit = view.targets.monologue_s
    if view.holder is None:
        return "Current turn", "[dim]nobody holds the floor[/]"
    name = view.names[view.holder]
    mine = view.my_floor
    style = ME_STYLE if mine else THEM_STYLE
    if not mine:
        return "Current turn", f"[{style}]{name}[/] {clock(view.floor_s)}"
    color = "red" if view.nudge else ("yellow" if view.nearing else "green")
    bar = _bar(view.floor_s / limit, BAR_WIDTH, color)
    return "Current turn", f"{bar} [{style}]{name}[/] {clock(view.floor_s)} of {clock(limit)}"


def _question_row(view: MeterView) -> tuple[str, str]:
    if not view.questions_on:
        return "Last question", "[dim]questions need --asr (live transcription)[/]"
    if view.since_question_s is None:
        return "Last question", "[dim]none asked yet[/]"
    latest = view.questions[-1].text if view.questions else ""
    text = f"{clock(view.since_question_s)} ago ({view.my_questions} asked)"
    return "Last question", f"{text}  [italic]{_escape(latest[:60])}[/]"


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _timeline(view: MeterView) -> str:
    """The last ``BAR_WIDTH`` seconds in two lanes: you on top (▀), the others below (▄)."""
    cells: list[str] = []
    if view.me is None:  # one voice for all: speech or silence
        return "".join("█" if bits else "[dim]·[/]" for bits in view.timeline[-BAR_WIDTH:])
    mine = 1 << view.me
    for bits in view.timeline[-BAR_WIDTH:]:
        me_on, others_on = bool(bits & mine), bool(bits & ~mine)
        if me_on and others_on:
            cells.append("[yellow]█[/]")
        elif me_on:
            cells.append(f"[{ME_STYLE}]▀[/]")
        elif others_on:
            cells.append(f"[{THEM_STYLE}]▄[/]")
        else:
            cells.append("[dim]·[/]")
    return "".join(cells)


def _turn_taking_row(view: MeterView) -> tuple[str, str]:
    rate = view.switches_per_min
    per_min = f" ({rate:.1f}/min)" if rate is not None else ""
    legend = "█ speech" if view.me is None else "▀ you ▄ them"
    return "Turn-taking", f"{_timeline(view)}  {view.switches} switches{per_min}; {legend}"


def _talk_row(view: MeterView) -> tuple[str, str]:
    parts = []
    for i, (name, talk) in enumerate(zip(view.names, view.talk_s, strict=True)):
        style = ME_STYLE if i == view.me else THEM_STYLE
        dot = "●" if view.speaking[i] else " "
        parts.append(f"[{style}]{dot} {_escape(name)}[/] {clock(talk)}")
    if view.deciding:
        parts.append("[yellow]● someone[/] (telling the voice...)")
    return "Talk time", "   ".join(parts)


def render(view: MeterView, *, title: str = "twoway live") -> RenderableType:
    """The panel for ``view`` (see the module doc)."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in (
        _share_row(view),
        _floor_row(view),
        _question_row(view),
        _turn_taking_row(view),
        _talk_row(view),
    ):
        grid.add_row(label, value)
    if view.nudge:
        grid.add_row("", f"[bold yellow]{CALM_NUDGE}[/]")
    for notice in view.notices:
        grid.add_row("", f"[yellow]{_escape(notice)}[/]")
    return Panel(
        grid,
        title=f"[bold]{_escape(title)}[/] · {clock(view.elapsed_s)}",
        subtitle="[dim]Ctrl-C stops and analyzes[/]",
        expand=False,
    )
