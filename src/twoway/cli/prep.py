"""``twoway prep``: a plan of questions to ask, tailored to a role and a job description."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from twoway.cli._options import ModeOption, ReportFormatOption, output_option
from twoway.errors import UsageError
from twoway.model import Mode

OUTPUT_FORMATS = ("terminal", "markdown", "json")

PREP_HELP = """Plan the questions to ask in an interview or a networking conversation: a balanced
set from a curated bank (about the person, the day-to-day, success in the role, growth, the
company, next steps), grouped by stage with why each one helps, plus questions built on the key
themes of the job description.

Example: twoway prep --role "Data Engineer" --company Acme --job-description jd.txt
--interviewer "Dana Lee" --format markdown -o questions.md

Save the plan with --format json -o plan.json to check later which questions you asked.
"""


def prep_command(
    role: Annotated[str, typer.Option("--role", help="The job title, such as 'Data Engineer'.")],
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    job_description: Annotated[
        str | None,
        typer.Option(
            "--job-description",
            "--jd",
            metavar="FILE",
            help="The job description as a text file ('-' reads stdin); its key themes "
            "become tailored questions.",
        ),
    ] = None,
    interviewer: Annotated[
        str | None, typer.Option("--interviewer", help="Who you will talk to, such as 'Dana Lee'.")
    ] = None,
    mode: ModeOption = Mode.INTERVIEW,
    count: Annotated[int, typer.Option("--count", "-n", help="How many questions (3-30).")] = 10,
    compensation: Annotated[
        bool,
        typer.Option(
            "--compensation",
            help="Include a pay or benefits question (ask it only after they raise pay).",
        ),
    ] = False,
    fmt: ReportFormatOption = None,
    output: Annotated[
        Path | None, output_option("Write the plan to this file, not the terminal.")
    ] = None,
) -> int:
    from twoway.prep import build_plan, read_text_file

    out_format = (fmt or "terminal").lower()
    if out_format not in OUTPUT_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(OUTPUT_FORMATS)}")
    if output is not None and not output.parent.exists():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    text = read_text_file(job_description) if job_description is not None else None
    plan = build_plan(
        role,
        company,
        job_description=text,
        interviewer=interviewer,
        mode=mode.value,
        count=count,
        compensation=compensation,
    )
    # The job description is someone else's text: nothing in it may drive the terminal.
    from twoway.report.text_safety import safe_json_text, safe_text, safe_value

    if out_format == "json":
        from twoway.prep.render import render_json

        _write(safe_json_text(render_json(plan)), output)
    elif out_format == "markdown":
        from twoway.prep.render import render_markdown

        _write(safe_text(render_markdown(plan)), output)
    else:
        from rich.console import Console

        from twoway.prep.render import render_terminal

        plan = safe_value(plan)

        if output is None:
            render_terminal(plan, Console())
        else:
            console = Console(record=True, width=100, file=io.StringIO())
            render_terminal(plan, console)
            _write(console.export_text(), output)
    return 0


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("prep", help=PREP_HELP)(prep_command)
