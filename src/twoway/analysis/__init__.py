"""The pure analysis core: ``Conversation`` in, ``Analysis`` out. No I/O here."""

from twoway.analysis._question_topics import stem
from twoway.analysis.analyze import analyze, resolve_speaker
from twoway.analysis.result import SCHEMA, Analysis
from twoway.analysis.targets import DEFAULT_TARGETS, Mode, Targets, targets_for

__all__ = [
    "DEFAULT_TARGETS",
    "SCHEMA",
    "Analysis",
    "Mode",
    "Targets",
    "analyze",
    "resolve_speaker",
    "stem",
    "targets_for",
]
