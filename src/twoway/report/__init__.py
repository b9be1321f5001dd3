"""Reports of an ``Analysis``: terminal (rich), markdown and JSON, and the PNG charts
(``write_report_pngs``: the timeline and the talk share, with the ``charts`` extra).

The renderers load on first use, so ``import twoway.report`` stays cheap and does not import
rich (the CLI needs it only when it prints a terminal report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from twoway._lazy import lazy_names

if TYPE_CHECKING:
    from twoway.report._png import write_report_pngs
    from twoway.report.markdown import render_markdown
    from twoway.report.terminal import render_terminal

__all__ = ["render_markdown", "render_terminal", "write_report_pngs"]

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "render_markdown": "twoway.report.markdown",
        "render_terminal": "twoway.report.terminal",
        "write_report_pngs": "twoway.report._png",
    },
)
