"""``twoway companies``: the companies you talked to."""

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

NameArg = Annotated[
    str, typer.Argument(metavar="NAME", help="The company (a unique prefix works).")
]

companies_app = typer.Typer(
    help="List the companies you talked to (alone, or with --json), or work with one: "
    "show, add, delete.\n\nExample: twoway companies show Acme",
    rich_markup_mode=None,
)


@companies_app.callback(invoke_without_command=True)
def companies_command(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the companies, with conversations, people and last contact."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db) as store:
        companies = store.companies()
    if as_json:
        print_json(companies)
        return
    if not companies:  # one plain line: rich is not even loaded
        typer.echo(
            "No companies yet. Save a conversation with: twoway analyze FILE --save --company NAME"
        )
        return
    out = console()
    grid = table(
        "Company", "Conversations", "People", "Last contact", optional=("Last contact", "People")
    )
    for c in companies:
        grid.add_row(c.name, str(c.conversations), str(c.people), day(c.last_contact))
    out.print(grid)


@companies_app.command("show")
def show_command(
    ctx: typer.Context, name: NameArg, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """One company: the people you know there and your conversations with it.

    Example: twoway companies show acme
    """
    with open_store(db_from(ctx, db)) as store:
        detail = store.company(name)
    if as_json:
        print_json(detail)
        return
    out = console()
    c = detail.company
    out.print(f"[bold]{esc(c.name)}[/bold]  last contact {day(c.last_contact)}")
    out.print(f"People: {esc(', '.join(detail.people) or MISSING)}")
    if detail.conversations:
        grid = table(
            "Id",
            "Date",
            "Source",
            "Role",
            "With",
            "Score",
            "Your share",
            optional=("Role", "Score", "With"),
        )
        for conv in detail.conversations:
            grid.add_row(
                str(conv.id),
                day(conv.date),
                conv.source,
                conv.role or MISSING,
                ", ".join(conv.people) or MISSING,
                str(conv.score) if conv.score is not None else MISSING,
                percent(conv.talk_share),
            )
        out.print(grid)


@companies_app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The company's name.")],
    db: DbOption = None,
) -> None:
    """Add a company (companies are also added when you save with --company).

    Example: twoway companies add "Northwind Analytics"
    """
    with open_store(db_from(ctx, db)) as store:
        company = store.add_company(name)
    echo(f"Added {company.name}")


@companies_app.command("delete")
def delete_command(
    ctx: typer.Context, name: NameArg, yes: YesOption = False, db: DbOption = None
) -> None:
    """Delete a company; its people and conversations stay, without a company.

    Example: twoway companies delete Acme --yes
    """
    with open_store(db_from(ctx, db)) as store:
        company = store.company(name).company
        confirm(f"Delete the company {company.name}?", yes)
        store.delete_company(company.name)
    echo(f"Deleted {company.name}")


def register(app: typer.Typer) -> None:
    app.add_typer(companies_app, name="companies")
