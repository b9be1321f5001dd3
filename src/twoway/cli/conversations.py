"""``twoway conversations``: the conversations you saved."""

from __future__ import annotations

from typing import Annotated

import typer

from twoway.cli._options import DbOption, JsonOption, YesOption
from twoway.cli._store import (
    confirm,
    console,
    db_from,
    echo,
    esc,
    open_store,
    print_json,
    table,
)
from twoway.display import MISSING, day, percent

RefArg = Annotated[
    str,
    typer.Argument(
        metavar="CONVERSATION", help="Its id, its source file name, or 'last' (the newest)."
    ),
]

conversations_app = typer.Typer(
    help="List the conversations you saved, newest first (alone, or with --json), or work with "
    "one: show, delete.\n\nExample: twoway conversations --person dana",
    rich_markup_mode=None,
)


@conversations_app.callback(invoke_without_command=True)
def conversations_command(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only those with this person.")] = None,
    company: Annotated[str | None, typer.Option(help="Only those with this company.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List saved conversations, newest first."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db) as store:
        items = store.conversations(person=person, company=company)
    if as_json:
        print_json(items)
        return
    if not items:  # one plain line: rich is not even loaded
        typer.echo(
            "No conversations saved yet. Save one with: twoway analyze FILE --me NAME --save"
        )
        return
    out = console()
    grid = table(
        "Id",
        "Date",
        "Source",
        "Company",
        "Role",
        "With",
        "Score",
        "Your share",
        optional=("Role", "Score", "Company", "With"),
    )
    for c in items:
        grid.add_row(
            str(c.id),
            day(c.date),
            c.source,
            c.company or MISSING,
            c.role or MISSING,
            ", ".join(c.people) or MISSING,
            str(c.score) if c.score is not None else MISSING,
            percent(c.talk_share),
        )
    out.print(grid)


@conversations_app.command("show")
def show_command(
    ctx: typer.Context, ref: RefArg, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Show a saved conversation; --json prints it whole (turns and analysis).

    Example: twoway conversations show last --json
    """
    with open_store(db_from(ctx, db)) as store:
        stored = store.conversation(ref)
    if as_json:
        print_json(
            {
                **_dict(stored.summary),
                "turns": [_dict(t) for t in stored.conversation.turns],
                "analysis": stored.analysis,
            }
        )
        return
    c = stored.summary
    out = console()
    out.print(f"[bold]#{c.id} {esc(c.source)}[/bold]  {day(c.date)}  {esc(c.mode)}")
    for label, value in (
        ("Company", c.company),
        ("Role", c.role),
        ("With", ", ".join(c.people)),
        ("Me", c.me),
        ("Score", None if c.score is None else f"{c.score}/100"),
        ("Your share", percent(c.talk_share)),
        ("Turns", str(len(stored.conversation.turns))),
    ):
        out.print(f"{label + ':':12}{esc(value or MISSING)}")
    questions = [q for q in stored.analysis.get("questions", []) if q.get("is_me")]
    if questions:
        out.print("\n[bold]Your questions[/bold]")
        for q in questions:
            out.print(f"  - {esc(q['text'])}")


def _dict(value: object) -> dict[str, object]:
    from twoway.cli._store import plain

    result = plain(value)
    assert isinstance(result, dict)
    return result


@conversations_app.command("delete")
def delete_command(
    ctx: typer.Context, ref: RefArg, yes: YesOption = False, db: DbOption = None
) -> None:
    """Delete a saved conversation and all of its data: turns, questions, analysis and
    follow-ups. The people stay.

    Example: twoway conversations delete 3 --yes
    """
    with open_store(db_from(ctx, db)) as store:
        summary = store.conversation(ref).summary
        confirm(f"Delete conversation #{summary.id} ({summary.source}, {day(summary.date)})?", yes)
        store.delete_conversation(summary.id)
    echo(f"Deleted conversation #{summary.id} ({summary.source})")


def register(app: typer.Typer) -> None:
    app.add_typer(conversations_app, name="conversations")
