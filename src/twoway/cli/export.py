"""``twoway export``: everything in the store, as JSON or CSV, to take with you."""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Annotated, Any

import typer

from twoway.cli._options import DbOption, format_option, output_option
from twoway.cli._store import open_store
from twoway.errors import UsageError

EXPORT_HELP = """Export everything twoway keeps (conversations, turns, questions, analyses,
people, companies, notes, follow-ups): JSON (one object, schema twoway.export/1) or CSV (one
file per table, in a folder or a .zip).

Example: twoway export --format csv -o twoway-export.zip
"""


def export_command(
    fmt: Annotated[str, format_option("json or csv.")] = "json",
    output: Annotated[
        Path | None,
        output_option("Where: a file for JSON (default: stdout); a folder or .zip for CSV."),
    ] = None,
    db: DbOption = None,
) -> None:
    if fmt not in ("json", "csv"):
        raise UsageError(f"--format takes json or csv; got {fmt!r}")
    if fmt == "csv" and output is None:
        raise UsageError("CSV export writes one file per table: give -o FOLDER or -o FILE.zip")
    if output is not None and not output.parent.exists():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    with open_store(db) as store:
        data = store.export_dict()
    if fmt == "json":
        from twoway.report.text_safety import safe_json

        text = safe_json(data, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"Exported to {output}", err=True)
        return
    assert output is not None
    files = {f"{name}.csv": _csv(rows) for name, rows in data["tables"].items()}
    if output.suffix.lower() == ".zip":
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text)
    else:
        if output.exists() and (not output.is_dir() or any(output.iterdir())):
            raise UsageError(f"{output}: exists and is not an empty folder")
        output.mkdir(exist_ok=True)
        for name, text in files.items():
            (output / name).write_text(text, encoding="utf-8")
    typer.echo(f"Exported {len(files)} tables to {output}", err=True)


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    for k, v in row.items()
                }
            )
    return buffer.getvalue()


def register(app: typer.Typer) -> None:
    app.command("export", help=EXPORT_HELP)(export_command)
