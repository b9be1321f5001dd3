"""The public API is small and stable, the core stays pure, and nothing phones home."""

from __future__ import annotations

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import twoway

SRC = Path(twoway.__file__).parent
CORE = [SRC / "model.py", SRC / "errors.py", *sorted((SRC / "analysis").glob("*.py"))]
ADAPTERS = (
    "twoway.formats",
    "twoway.audio",
    "twoway.report",
    "twoway.cli",
    "twoway.store",
    "twoway.web",
)


def test_public_api_is_pinned() -> None:
    assert twoway.__all__ == [
        "Analysis",
        "Conversation",
        "EncodingError",
        "FormatError",
        "InputError",
        "Mode",
        "SpeakerError",
        "Targets",
        "Turn",
        "TwowayError",
        "UnknownFormatError",
        "UsageError",
        "analyze",
        "load",
        "parse_text",
    ]
    assert sorted(twoway.__all__) == twoway.__all__


def test_library_round_trip_on_an_example() -> None:
    conversation = twoway.load(SRC.parents[1] / "examples" / "balanced_interview.vtt")
    analysis = twoway.analyze(conversation, me="Priya", mode="interview")
    assert analysis.me == "Priya Nair"
    assert analysis.to_dict()["schema"] == "twoway.analysis/1"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_imports_no_adapter_and_does_no_io(path: Path) -> None:
    imports = _imports(path)
    assert not [m for m in imports if m.startswith(ADAPTERS)], "the core must not import adapters"
    assert not imports & {"os", "sys", "io", "pathlib", "subprocess", "socket", "time", "datetime"}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"open", "print", "input"}


def test_help_does_not_load_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from twoway.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rich.console', 'yake', 'numpy', 'rapidfuzz', 'pydantic')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_network_is_blocked_in_tests() -> None:
    # pytest-socket (see pyproject addopts): a test that tried to phone home would fail.
    from pytest_socket import SocketBlockedError

    with pytest.warns(UserWarning, match="socket"), pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
