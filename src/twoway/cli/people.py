"""``twoway people``: the people you met, what they told you, your notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from twoway.store import PersonDetail, PersonSummary

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The person (a unique prefix works).")]

people_app = typer.Typer(
    help="List the people you met, with last contact and next follow-up (alone, or with "
    "--json), or work with one: show, add, edit, merge, delete, note.\n\n"
    'Example: twoway people show "Dana Lee"',
    no_args_is_help=False,
    rich_markup_mode=None,
)


@people_app.callback(invoke_without_command=True)
def people_command(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List everyone you met, with last contact and next follow-up.

    Example: twoway people --json
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db) as store:
        people = store.people()
    if as_json:
        print_json(people)
        return
    if not people:  # one plain line: rich is not even loaded
        typer.echo(
            "No people yet. Save a conversation with: twoway analyze FILE --save --with NAME"
        )
        return
    out = console()
    grid = table(
        "Name",
        "Company",
        "Title",
        "Conversations",
        "Last contact",
        "Next follow-up",
        optional=("Title", "Last contact", "Conversations", "Company"),
    )
    for p in people:
        grid.add_row(
            p.name,
            p.company or MISSING,
            p.title or MISSING,
            str(p.conversations),
            day(p.last_contact),
            day(p.next_followup),
        )
    out.print(grid)


@people_app.command("show")
def show_command(
    ctx: typer.Context, name: NameArg, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Everything about one person: conversations, their answers to your questions about
    them, topics they raised, your notes and follow-ups.

    Example: twoway people show dana
    """
    with open_store(db_from(ctx, db)) as store:
        detail = store.person(name)
    if as_json:
        print_json(detail)
    else:
        _render_detail(detail)


def _header(p: PersonSummary) -> str:
    about = ", ".join(x for x in (p.title, p.company, p.email) if x)
    return f"{p.name}" + (f" ({about})" if about else "")


def _render_detail(detail: PersonDetail) -> None:
    out = console()
    p = detail.person
    out.print(f"[bold]{esc(_header(p))}[/bold]")
    out.print(f"Last contact: {day(p.last_contact)}   Next follow-up: {day(p.next_followup)}")
    if detail.conversations:
        out.print("\n[bold]Conversations[/bold]")
        grid = table(
            "Id",
            "Date",
            "Source",
            "Company",
            "Role",
            "Mode",
            "Score",
            "Your share",
            optional=("Mode", "Role", "Company", "Score"),
        )
        for c in detail.conversations:
            grid.add_row(
                str(c.id),
                day(c.date),
                c.source,
                c.company or MISSING,
                c.role or MISSING,
                c.mode,
                str(c.score) if c.score is not None else MISSING,
                percent(c.talk_share),
            )
        out.print(grid)
    if detail.answers:
        out.print("\n[bold]What they told you about themselves[/bold]")
        for a in detail.answers:
            out.print(f"  \\[{day(a.date)}] You: {esc(a.question)}")
            out.print(f"      {esc(p.name)}: {esc(a.answer or '(no words recorded)')}\n")
    if detail.topics_raised:
        out.print(f"[bold]Topics they raised:[/bold] {esc(', '.join(detail.topics_raised))}")
    asked = [f"{kind} {n}" for kind, n in detail.their_questions if kind != "other"]
    if asked:
        out.print(f"[bold]Their questions:[/bold] {esc(', '.join(asked))}")
    if detail.notes:
        out.print("\n[bold]Notes[/bold]")
        for note in detail.notes:
            out.print(f"  \\[{note.created_at:%Y-%m-%d}] {esc(note.text)}")
    if detail.followups:
        out.print("\n[bold]Follow-ups[/bold]")
        for f in detail.followups:
            mark = "done" if f.done_at is not None else f"due {day(f.due)}"
            out.print(f"  #{f.id} {esc(f.what)} ({mark})")


@people_app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their full name.")],
    email: Annotated[str | None, typer.Option(help="Their email address.")] = None,
    title: Annotated[str | None, typer.Option(help="Their job title.")] = None,
    company: Annotated[str | None, typer.Option(help="Where they work.")] = None,
    db: DbOption = None,
) -> None:
    """Add someone you met (people are also added when you save a conversation with --with).

    Example: twoway people add "Sam Ortiz" --company Acme --title "Engineering Manager"
    """
    with open_store(db_from(ctx, db)) as store:
        person = store.add_person(name, email=email, title=title, company=company)
    echo(f"Added {_header(person)}")


@people_app.command("edit")
def edit_command(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    email: Annotated[str | None, typer.Option(help="Their email ('' clears it).")] = None,
    title: Annotated[str | None, typer.Option(help="Their job title ('' clears it).")] = None,
    company: Annotated[str | None, typer.Option(help="Where they work ('' clears it).")] = None,
    db: DbOption = None,
) -> None:
    """Change a person's name, email, title or company.

    Example: twoway people edit dana --title "Head of Data" --email dana@example.com
    """
    with open_store(db_from(ctx, db)) as store:
        person = store.edit_person(
            name, new_name=new_name, email=email, title=title, company=company
        )
    echo(f"Updated {_header(person)}")


@people_app.command("merge")
def merge_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The duplicate, removed after.")],
    into: Annotated[str, typer.Argument(metavar="INTO", help="The person to keep.")],
    db: DbOption = None,
) -> None:
    """Make two entries one person: conversations, notes and follow-ups move to INTO.

    Example: twoway people merge "D. Lee" "Dana Lee"
    """
    with open_store(db_from(ctx, db)) as store:
        person = store.merge_people(source, into)
    echo(f"Merged {source!r} into {person.name} ({person.conversations} conversations)")


@people_app.command("delete")
def delete_command(
    ctx: typer.Context,
    name: NameArg,
    keep_conversations: Annotated[
        bool,
        typer.Option(help="Keep the conversations that were with this person only."),
    ] = False,
    yes: YesOption = False,
    db: DbOption = None,
) -> None:
    """Delete a person and all their data: notes, follow-ups, and the conversations with only
    them (turns, questions, analysis); they are removed from conversations with others.

    Example: twoway people delete "Dana Lee" --yes
    """
    with open_store(db_from(ctx, db)) as store:
        person = store.person(name)
        confirm(
            f"Delete {person.person.name}, their notes and follow-ups, and the conversations with "
            "only them?",
            yes,
        )
        gone = store.delete_person(person.person.name, keep_conversations=keep_conversations)
    parts = [f"Deleted {gone.name}"]
    if gone.conversations_deleted:
        parts.append(f"{len(gone.conversations_deleted)} conversation(s) with only them")
    if gone.removed_from:
        parts.append(f"removed from {len(gone.removed_from)} conversation(s) with others")
    parts.append(f"{gone.notes} note(s), {gone.followups} follow-up(s)")
    echo("; ".join(parts))


@people_app.command("note")
def note_command(
    ctx: typer.Context,
    name: NameArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    db: DbOption = None,
) -> None:
    """Write down something about a person (shown by 'twoway people show').

    Example: twoway people note dana "Runs a data meetup on Thursdays; send her the article"
    """
    with open_store(db_from(ctx, db)) as store:
        note = store.add_note(name, text)
    echo(f"Noted for {note.person}: {note.text}")


def register(app: typer.Typer) -> None:
    app.add_typer(people_app, name="people")
