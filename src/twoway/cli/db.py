"""``twoway db``: where the store is, what it holds, and a safe backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from twoway.cli._options import DbOption, JsonOption
from twoway.cli._store import (
    console,
    db_from,
    echo,
    esc,
    open_store,
    print_json,
    table,
)

db_app = typer.Typer(
    help="The store itself: where it is and what it holds (info), and a safe copy (backup).\n\n"
    "Example: twoway db info",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@db_app.callback()
def db_command(ctx: typer.Context, db: DbOption = None) -> None:
    """The store itself."""
    ctx.obj = {"db": db}


@db_app.command("info")
def info_command(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Where the store is, its schema version, and how many rows it holds.

    Example: twoway db info --json
    """
    with open_store(db_from(ctx, db)) as store:
        info = store.info()
    if as_json:
        print_json(info)
        return
    out = console()
    out.print(f"Database:       {esc(info.path or info.url)}")
    if info.path is None:
        out.print(f"URL:            {esc(info.url)}")
    out.print(f"Schema version: {esc(info.schema_version)} (newest known: {info.head_version})")
    grid = table("Table", "Rows")
    for name, count in info.counts.items():
        grid.add_row(name, str(count))
    out.print(grid)


@db_app.command("backup")
def backup_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    db: DbOption = None,
) -> None:
    """Make a consistent copy of the store, safe while twoway is in use (SQLite's backup
    API). For PostgreSQL, use pg_dump.

    Example: twoway db backup ~/twoway-2026-11-20.db
    """
    with open_store(db_from(ctx, db)) as store:
        written = store.backup(file, overwrite=force)
    echo(f"Backed up to {written}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
