"""twoway: coach yourself to treat a job interview as a two-way conversation.

>>> import twoway
>>> conversation = twoway.load("examples/balanced_interview.vtt")  # doctest: +SKIP
>>> analysis = twoway.analyze(conversation, me="Priya", mode="interview")  # doctest: +SKIP
>>> analysis.to_dict()["schema"]  # doctest: +SKIP
'twoway.analysis/1'

The names below load on first use (PEP 562), so ``import twoway`` and ``twoway --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from twoway._lazy import lazy_names
from twoway.errors import (
    BatchError,
    ComposeError,
    EncodingError,
    FormatError,
    InputError,
    MissingExtraError,
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
__version__ = "0.1.0"

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "Analysis": "twoway.analysis",
        "Mode": "twoway.analysis",
        "Targets": "twoway.analysis",
        "analyze": "twoway.analysis",
        "load": "twoway.formats",
        "parse_text": "twoway.formats",
    },
)
