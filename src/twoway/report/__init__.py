"""Reports of an ``Analysis``: terminal (rich), markdown and JSON.

The renderers load on first use, so ``import twoway.report`` stays cheap and does not import
rich (the CLI needs it only when it prints a terminal report).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from twoway.report.markdown import render_markdown
    from twoway.report.terminal import render_terminal

__all__ = ["render_markdown", "render_terminal"]

_HOMES = {
    "render_markdown": "twoway.report.markdown",
    "render_terminal": "twoway.report.terminal",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
