"""What the store's commands share: the ``--db`` and ``--json`` options, dates, output helpers.

Nothing heavy is imported here at module level: SQLAlchemy and rich load inside the helpers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from twoway.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from twoway.store import Store

DB_HELP = (
    "The store: a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
    "(default: $TWOWAY_DB, else twoway.db in your data folder)."
)
DbOption = Annotated[str | None, typer.Option("--db", metavar="URL", help=DB_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


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
    sys.stdout.write(json.dumps(plain(value), indent=2, ensure_ascii=False) + "\n")


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


_NO_WRAP = {
    "Id",
    "Date",
    "Due",
    "Source",
    "Last contact",
    "Next follow-up",
    "Status",
    "Score",
    "Rows",
}


def table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    result = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        result.add_column(column, overflow="fold", no_wrap=column in _NO_WRAP)
    return result


def day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "-"


def share(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "-"


def confirm(question: str, yes: bool) -> None:
    """Ask before deleting; without a terminal, ``--yes`` is required."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"{question} Add --yes to confirm.")
    if not typer.confirm(question, default=False):
        raise typer.Exit(code=1)
