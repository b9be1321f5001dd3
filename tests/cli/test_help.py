"""Every command documents itself, with an example (sqlite-utils' rule)."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from twoway.cli import app


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
