"""What the store's commands share: opening the store, output helpers (options: ``_options``).

Nothing heavy is imported here at module level: SQLAlchemy and rich load inside the helpers.
Whatever comes from the store (names, sources, notes, what was said) is shown through these
helpers, which make it safe (``twoway.report.text_safety``): ``table`` and ``print_json`` do it
themselves; markup strings take values through ``esc``, plain lines go through ``echo``.
Dates, shares and the mark for a missing value are shown as everywhere else (``twoway.display``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

import typer

from twoway.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from twoway.cli._tables import Grid
    from twoway.store import Store


def open_store(db: str | None) -> Store:
    from twoway.store import open as open_store_at

    return open_store_at(db)


def db_from(ctx: typer.Context, db: str | None) -> str | None:
    """``--db`` given to the subcommand, else to its group (``twoway people --db X show Y``)."""
    if db is not None:
        return db
    parent = ctx.parent
    obj = parent.obj if parent is not None else None
    return obj.get("db") if isinstance(obj, dict) else None


def plain(value: Any) -> Any:
    """Records (dataclasses) as JSON-ready values: dates as ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def print_json(value: Any) -> None:
    from twoway.report.text_safety import safe_json

    sys.stdout.write(safe_json(plain(value), indent=2) + "\n")


def esc(value: object) -> str:
    """A value to put inside a rich markup string: made safe, its ``[`` escaped."""
    from rich.markup import escape

    from twoway.report.text_safety import safe_text

    return escape(safe_text(str(value)))


def echo(message: str, *, err: bool = False) -> None:
    """``typer.echo`` of a line that holds stored text: controls and surrogates replaced."""
    from twoway.report.text_safety import safe_text

    typer.echo(safe_text(message), err=err)


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def table(*columns: str, optional: Sequence[str] = ()) -> Grid:
    """A table that never splits a word: on a narrow console the ``optional`` columns go
    first (in that order), then words are cut with an ellipsis (``cli/_tables.py``)."""
    from twoway.cli._tables import grid

    return grid(*columns, optional=optional)


def confirm(question: str, yes: bool) -> None:
    """Ask before deleting; without a terminal, ``--yes`` is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"{question} Add --yes to confirm.")
    if not typer.confirm(question, default=False):
        raise typer.Exit(code=1)
