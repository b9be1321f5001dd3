"""twoway: coach yourself to treat a job interview as a two-way conversation.

>>> import twoway
>>> conversation = twoway.load("examples/balanced_interview.vtt")  # doctest: +SKIP
>>> analysis = twoway.analyze(conversation, me="Priya", mode="interview")  # doctest: +SKIP
>>> analysis.to_dict()["schema"]  # doctest: +SKIP
'twoway.analysis/1'
"""

from twoway.analysis import Analysis, Mode, Targets, analyze
from twoway.errors import (
    EncodingError,
    FormatError,
    InputError,
    SpeakerError,
    TwowayError,
    UnknownFormatError,
    UsageError,
)
from twoway.formats import load, parse_text
from twoway.model import Conversation, Turn

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
