"""The error tree drawn in twoway/errors.py is the real one, and every error is exported."""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Callable, Iterable
from importlib import import_module

import pytest

import twoway
from twoway import errors
from twoway.errors import ComposeError, TwowayError
from twoway.formats import rttm, sbv, srt, text, vtt, zoom_text
from twoway.model import Turn

BRANCH = re.compile(r"^(?P<indent>[ │]*)(?:├── |└── )?(?P<name>[A-Z]\w*Error)\b")


def _import_everything() -> None:
    for module in pkgutil.walk_packages(twoway.__path__, "twoway."):
        if module.name == "twoway.__main__" or ".migrations" in module.name:
            continue  # runs the CLI / Alembic's scripts: not modules to import
        import_module(module.name)


def _subclasses(cls: type[TwowayError]) -> Iterable[type[TwowayError]]:
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("twoway."):  # not the tests' own
            yield sub
            yield from _subclasses(sub)


def _drawn_tree() -> dict[str, str | None]:
    """Each class drawn in the errors module's docstring, with the class drawn as its parent."""
    assert errors.__doc__ is not None
    block = errors.__doc__.split("The tree::", 1)[1].split("\n\n", 2)[1]
    parents: dict[str, str | None] = {}
    open_at: list[tuple[int, str]] = []  # (column of the name, name), from the root down
    for line in block.splitlines():
        found = BRANCH.match(line.removeprefix("    "))
        assert found is not None, f"not a branch of the tree: {line!r}"
        column = found.start("name")
        while open_at and open_at[-1][0] >= column:
            open_at.pop()
        parents[found["name"]] = open_at[-1][1] if open_at else None
        open_at.append((column, found["name"]))
    return parents


def test_every_error_is_drawn_under_its_parent() -> None:
    _import_everything()
    real = {
        cls.__name__: next(b.__name__ for b in cls.__bases__ if issubclass(b, TwowayError))
        for cls in _subclasses(TwowayError)
    }
    assert {"BatchError", "ComposeError", "DeviceError", "MissingExtraError"} <= set(real)
    assert _drawn_tree() == {"TwowayError": None, **real}


def test_every_error_is_exported_by_its_package() -> None:
    _import_everything()
    for cls in _subclasses(TwowayError):
        package = ".".join(cls.__module__.split(".")[:2])
        home = import_module("twoway" if package == "twoway.errors" else package)
        assert cls.__name__ in home.__all__, f"{home.__name__}.__all__ lacks {cls.__name__}"
        assert getattr(home, cls.__name__) is cls


def test_the_tree_reader_sees_a_misplaced_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert errors.__doc__ is not None
    moved = errors.__doc__.replace(
        "    │   ├── EncodingError", "    │   │   ├── EncodingError", 1
    ).replace("    │   ├── UnknownFormatError", "    ├── UnknownFormatError", 1)
    monkeypatch.setattr(errors, "__doc__", moved)
    drawn = _drawn_tree()
    assert drawn["UnknownFormatError"] == "TwowayError"
    assert drawn["EncodingError"] == "InputError"


TIMED = [Turn("Dana", None, None, "Tell me about yourself.")]
COMPOSE_ERRORS: list[tuple[Callable[[list[Turn]], str], list[Turn], str]] = [
    (srt.compose, TIMED, "SRT needs turns with timing"),
    (vtt.compose, TIMED, "WebVTT needs turns with timing"),
    (sbv.compose, TIMED, "SBV needs turns with timing"),
    (rttm.compose, TIMED, "RTTM needs turns with timing"),
    (
        rttm.compose,
        [Turn("Dana Lee", 0.0, 2.5, "Hi")],
        "speaker 'Dana Lee' cannot be an RTTM field (empty or has spaces)",
    ),
    (
        vtt.compose,
        [Turn("Dana <Lead>", 0.0, 2.5, "Hi")],
        "speaker 'Dana <Lead>' cannot go in a WebVTT voice span",
    ),
    (
        srt.compose,
        [Turn("spk[1]", 0.0, 2.5, "Hi")],
        "speaker 'spk[1]' cannot be written as an SRT prefix",
    ),
    (
        text.compose,
        [Turn("Note: this", None, None, "Hi")],
        "speaker 'Note: this' does not look like a name",
    ),
    (
        zoom_text.compose,
        TIMED,
        "Zoom's text export needs a speaker and a start time for each turn",
    ),
]


@pytest.mark.parametrize(
    ("compose", "turns", "message"),
    COMPOSE_ERRORS,
    ids=[f"{c.__module__.rsplit('.', 1)[1]}-{m[:20]}" for c, _, m in COMPOSE_ERRORS],
)
def test_compose_errors_are_twoway_errors_and_value_errors(
    compose: Callable[[list[Turn]], str], turns: list[Turn], message: str
) -> None:
    with pytest.raises(ComposeError) as caught:
        compose(turns)
    assert str(caught.value) == message
    assert isinstance(caught.value, TwowayError)
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        compose(turns)  # callers written against the old bare ValueError still catch it
