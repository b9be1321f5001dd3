"""twoway: coach yourself to treat a job interview as a two-way conversation.

>>> import twoway
>>> conversation = twoway.load("examples/balanced_interview.vtt")  # doctest: +SKIP
>>> analysis = twoway.analyze(conversation, me="Priya", mode="interview")  # doctest: +SKIP
>>> analysis.to_dict()["schema"]  # doctest: +SKIP
'twoway.analysis/1'

The names below load on first use (PEP 562), so ``import twoway`` and ``twoway --help`` stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from twoway.errors import (
    EncodingError,
    FormatError,
    InputError,
    SpeakerError,
    TwowayError,
    UnknownFormatError,
    UsageError,
)
from twoway.model import Conversation, Turn

if TYPE_CHECKING:
    from twoway.analysis import Analysis, Mode, Targets, analyze
    from twoway.formats import load, parse_text

__all__ = [
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
__version__ = "0.1.0"

_LAZY = {
    "Analysis": "twoway.analysis",
    "Mode": "twoway.analysis",
    "Targets": "twoway.analysis",
    "analyze": "twoway.analysis",
    "load": "twoway.formats",
    "parse_text": "twoway.formats",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'twoway' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
