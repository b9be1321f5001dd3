"""``twoway followups``: thank-you notes, staying in touch, and what you promised to do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from twoway import dates
from twoway.cli._options import DbOption, JsonOption
from twoway.cli._store import (
    console,
    db_from,
    echo,
    open_store,
    print_json,
    table,
)
from twoway.display import MISSING, day

if TYPE_CHECKING:
    from rich.text import Text

    from twoway.store import Followup

IdArg = Annotated[int, typer.Argument(metavar="ID", help="The follow-up's number (see the list).")]

followups_app = typer.Typer(
    help="List your follow-ups (thank-yous, check-ins, and what you and they promised in a "
    "saved conversation), due and overdue first, then upcoming (alone, or with --json), "
    "or work with one: add, done, snooze.\n\nExample: twoway followups --all",
    rich_markup_mode=None,
)


@followups_app.callback(invoke_without_command=True)
def followups_command(
    ctx: typer.Context,
    include_done: Annotated[bool, typer.Option("--all", help="Include the ones done.")] = False,
    person: Annotated[
        str | None, typer.Option("--person", help="Only this person's follow-ups.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List follow-ups: overdue and due today first, then upcoming."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    today = dates.today()
    with open_store(db) as store:
        items = store.followups(include_done=include_done, person=person, today=today)
    if as_json:
        print_json([{**_plain(f), "status": f.status(today)} for f in items])
        return
    if not items:  # one plain line: rich is not even loaded
        typer.echo(
            "Nothing to follow up. Saving a conversation with --with NAME adds a thank-you "
            "and a check-in, and what you and they promised in it."
        )
        return
    out = console()
    from rich.text import Text

    grid = table("Id", "Due", "Status", "Person", "What")
    for f in items:
        status = f.status(today)
        style = {"overdue": "bold red", "due": "bold yellow"}.get(status, "")
        grid.add_row(
            str(f.id),
            day(f.due),
            Text(status, style=style),
            f.person or MISSING,
            _what(f),
        )
    out.print(grid)


def _what(f: Followup) -> Text:
    """What to do; for a commitment, with the due as said when the action does not say it, or
    that no day was said (the due date is then a default: docs/store.md), dim."""
    from rich.text import Text

    text = Text(f.what)
    if f.kind == "commitment":
        if f.due_phrase is None:
            text.append(" (no day said)", style="dim")
        elif f.due_phrase.casefold() not in f.what.casefold():
            text.append(f" (said: {f.due_phrase})", style="dim")
    return text


def _plain(value: object) -> dict[str, object]:
    from twoway.cli._store import plain

    result = plain(value)
    assert isinstance(result, dict)
    return result


@followups_app.command("add")
def add_command(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Who it is about.")],
    what: Annotated[str, typer.Argument(metavar="WHAT", help="What to do.")],
    due: Annotated[
        str, typer.Option(help="When: YYYY-MM-DD, today, tomorrow or +N (days from today).")
    ] = "+7",
    db: DbOption = None,
) -> None:
    """Add a follow-up for someone.

    Example: twoway followups add dana "Send the article on data contracts" --due 2026-12-01
    """
    when = dates.parse_date(due, "--due")
    with open_store(db_from(ctx, db)) as store:
        item = store.add_followup(person, what, when)
    echo(f"Follow-up #{item.id} for {item.person}, due {day(item.due)}: {item.what}")


@followups_app.command("done")
def done_command(ctx: typer.Context, followup_id: IdArg, db: DbOption = None) -> None:
    """Mark a follow-up done.

    Example: twoway followups done 3
    """
    with open_store(db_from(ctx, db)) as store:
        item = store.complete_followup(followup_id)
    echo(f"Done: #{item.id} {item.what}")


@followups_app.command("snooze")
def snooze_command(
    ctx: typer.Context,
    followup_id: IdArg,
    days: Annotated[int, typer.Option(help="How many days later.", min=1)] = 7,
    db: DbOption = None,
) -> None:
    """Push a follow-up some days later (from today if it is overdue).

    Example: twoway followups snooze 3 --days 14
    """
    with open_store(db_from(ctx, db)) as store:
        item = store.snooze_followup(followup_id, days, today=dates.today())
    echo(f"Snoozed #{item.id} to {day(item.due)}: {item.what}")


def register(app: typer.Typer) -> None:
    app.add_typer(followups_app, name="followups")
