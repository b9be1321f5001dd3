"""The public API is small and stable, the core stays pure, packages meet through public names
only (no cycles hidden in functions), and nothing phones home."""

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
        "BatchError",
        "ComposeError",
        "Conversation",
        "EncodingError",
        "FormatError",
        "InputError",
        "MissingExtraError",
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


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str:
    """``twoway.audio`` for ``twoway.audio._pipeline``; a top-level module is its own package."""
    return ".".join(module.split(".")[:2])


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imported(path: Path, root: Path) -> list[tuple[int, str]]:
    """Every ``twoway`` name ``path`` imports, anywhere in it (in functions, under
    ``TYPE_CHECKING``): ``(line, "twoway.package.module.name")``, relative imports resolved."""
    module = _module_name(path, root).split(".")
    here = module if path.name == "__init__.py" else module[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*here[: len(here) - node.level + 1], *([base] if base else [])])
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "twoway"]


def _owner(name: str) -> str | None:
    """Where ``name`` may be imported from: the package of its first private part (``twoway`` for
    ``twoway._lazy``, shared by all of twoway; ``twoway.audio`` for ``twoway.audio._pipeline``
    or ``twoway.audio.features._helper``), or ``None`` when nothing in it is private."""
    parts = name.split(".")
    private = next((i for i, part in enumerate(parts) if i and _is_private(part)), None)
    if private is None:
        return None
    return "twoway" if private == 1 else ".".join(parts[:2])


def _private_reach_ins(root: Path) -> list[str]:
    """``twoway.X._y`` (a private module or an underscore name) imported from outside
    ``twoway.X``: other packages use what ``twoway.X`` exports (``__init__``, public modules)."""
    found = []
    for path in sorted((root / "twoway").rglob("*.py")):
        importer = _module_name(path, root)
        for line, name in _imported(path, root):
            owner = _owner(name)
            if owner is not None and importer != owner and not importer.startswith(owner + "."):
                found.append(f"{path.relative_to(root)}:{line}: {name}")
    return found


SOURCES = sorted(SRC.rglob("*.py"))


def test_no_private_imports_across_packages() -> None:
    assert _private_reach_ins(SRC.parent) == []


def test_private_imports_are_found_in_functions_and_relative_imports(tmp_path: Path) -> None:
    cli = tmp_path / "twoway" / "cli"
    cli.mkdir(parents=True)
    (cli / "__init__.py").write_text("from .. import __version__\n", encoding="utf-8")
    (cli / "_own.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "twoway" / "_shared.py").write_text("Y = 2\n", encoding="utf-8")
    (cli / "voice.py").write_text(
        "from twoway.cli._own import X\n"  # its own package: fine
        "from twoway.audio import voiceprint\n"  # a public module: fine
        "from twoway._shared import Y\n"  # private to twoway as a whole: fine
        "def enroll() -> None:\n"
        "    from twoway.audio._pipeline import run\n"
        "    import twoway.report._png\n"
        "    from ..audio.features import _private\n"
        "    from twoway.audio import _pipeline\n",
        encoding="utf-8",
    )
    assert _private_reach_ins(tmp_path) == [
        "twoway/cli/voice.py:5: twoway.audio._pipeline.run",
        "twoway/cli/voice.py:6: twoway.report._png",
        "twoway/cli/voice.py:7: twoway.audio.features._private",
        "twoway/cli/voice.py:8: twoway.audio._pipeline",
    ]


def _runtime_imports(path: Path, modules: set[str]) -> set[str]:
    """The twoway modules ``path`` imports when it runs: in functions too, not under
    ``TYPE_CHECKING``; ``from twoway.store import _people`` imports the module ``_people``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for node in ast.walk(branch)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(name if name in modules else node.module for name in names)
    return found & modules


# Lazy loads inside formats, on purpose: cloud JSON's readers load only when a JSON file is read,
# and the text reader asks zoom_text about relative times only for a transcript that has them.
KNOWN_CYCLES = [
    ["twoway.formats.cloud_json", "twoway.formats.json_formats"],
    ["twoway.formats.text", "twoway.formats.zoom_text"],
]


def _import_cycles(root: Path) -> list[list[str]]:
    """The groups of modules that import each other (Tarjan's strongly connected components)."""
    paths = {
        _module_name(path, root): path
        for path in sorted((root / "twoway").rglob("*.py"))
        if "migrations" not in path.parts
    }
    graph = {m: _runtime_imports(path, set(paths)) - {m} for m, path in paths.items()}
    cycles: list[list[str]] = []
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component = [stack.pop()]
            while component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return sorted(cycles)


def test_no_import_cycles_hidden_in_functions() -> None:
    assert _import_cycles(SRC.parent) == KNOWN_CYCLES


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
