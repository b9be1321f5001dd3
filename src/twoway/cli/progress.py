"""``twoway progress``: how your conversations changed over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from twoway.cli._options import DbOption, JsonOption, me_option
from twoway.cli._store import console, open_store, print_json

PROGRESS_HELP = """Show how your saved conversations changed over time: your talk share against
the target band, questions asked (and how many about them), longest monologue, score.

Example: twoway progress --me Alex --png progress.png
"""


def progress_command(
    me: Annotated[
        str | None, me_option("Only conversations where you were this speaker (a prefix works).")
    ] = None,
    png: Annotated[
        Path | None,
        typer.Option("--png", metavar="FILE", help="Also draw the chart to a PNG file."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with open_store(db) as store:
        points = store.progress_points(me)
    if as_json:
        print_json(points)
        return
    if not points:
        who = f" as {me}" if me else ""
        typer.echo(
            f"No saved conversations{who} yet. Save one with: twoway analyze FILE --me NAME --save"
        )
        return
    from twoway.report.progress import render_progress, write_progress_png

    render_progress(points, console(), me=me)
    if png is not None:
        write_progress_png(points, png, me=me)
        typer.echo(f"Chart written to {png}", err=True)


def register(app: typer.Typer) -> None:
    app.command("progress", help=PROGRESS_HELP)(progress_command)
