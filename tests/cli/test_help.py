"""Every command documents itself, with an example, and is documented (sqlite-utils' rules):
in docs/cli.md, generated from ``--help`` and kept current, and in a guide (README.md or docs/)."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from twoway.cli import app

ROOT = Path(__file__).parents[2]


# typer vendors click (typer._click), so commands are recognized by shape, not by class.
def _commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    found: list[tuple[str, Any]] = []

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            found.append((f"{prefix}{name}", command))
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")

    walk(root, "")
    return found


@pytest.mark.parametrize("name,command", _commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_command_has_help_with_an_example(name: str, command: Any) -> None:
    assert command.help, f"twoway {name} has no help text"
    if not hasattr(command, "commands"):
        assert "Example" in command.help, f"twoway {name}: help text needs an example"
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"twoway {name} {param.opts[0]} has no help text"


def test_the_cli_reference_is_current() -> None:
    # docs/cli.md is generated from --help: a changed command or option fails here until
    # `python scripts/cli_reference.py` has rewritten it. (A process of its own: typer reads
    # at import whether to draw the help with rich.)
    script = str(ROOT / "scripts" / "cli_reference.py")
    check = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_cli_reference_has_every_command_and_is_linked() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, _ in _commands():
        assert f"## `twoway {name}`" in reference, f"docs/cli.md has no section for twoway {name}"
    assert "(docs/cli.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@functools.cache
def _guides() -> str:
    """README.md and every page of docs/ but the generated reference."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages if p.name != "cli.md")


@pytest.mark.parametrize("name", [name for name, _ in _commands()])
def test_every_command_is_documented_in_a_guide(name: str) -> None:
    # The whole command, "twoway companies add", not "add NAME" in a row about companies.
    pattern = r"\btwoway " + re.escape(name) + r"(?![\w-])"
    assert re.search(pattern, _guides()), f"twoway {name} appears in no guide (README.md, docs/)"
