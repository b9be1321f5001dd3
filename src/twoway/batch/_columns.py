"""The two tables ``twoway batch`` writes: one row per conversation, one per speaker.

Each column is ``(name, kind)`` with ``kind`` one of ``str``, ``int``, ``float``, ``bool``; the
Parquet schema, the CSV reader and ``docs/batch.md`` (a test compares them) all come from here,
so a chunk whose values are all missing still gets the right types.
"""

from __future__ import annotations

from typing import Any

Column = tuple[str, str]

CONVERSATION_COLUMNS: tuple[Column, ...] = (
    ("path", "str"),
    ("content_hash", "str"),
    ("status", "str"),
    ("error", "str"),
    ("format", "str"),
    ("mode", "str"),
    ("me", "str"),
    ("duration_s", "float"),
    ("speakers", "int"),
    ("share_basis", "str"),
    ("me_talk_share", "float"),
    ("me_word_share", "float"),
    ("target_low", "float"),
    ("target_high", "float"),
    ("on_target", "bool"),
    ("questions_asked", "int"),
    ("questions_about_them", "int"),
    ("open_questions", "int"),
    ("follow_ups", "int"),
    ("their_questions", "int"),
    ("longest_monologue_s", "float"),
    ("monologues", "int"),
    ("switches_per_min", "float"),
    ("interruptions", "int"),
    ("me_interruptions", "int"),
    ("response_latency_s", "float"),
    ("balance", "str"),
    ("score", "int"),
    ("score_balance", "float"),
    ("score_questions", "float"),
    ("score_monologues", "float"),
    ("score_interactivity", "float"),
    ("size_bytes", "int"),
    ("mtime_ns", "int"),
    ("twoway_version", "str"),
)

SPEAKER_COLUMNS: tuple[Column, ...] = (
    ("path", "str"),
    ("content_hash", "str"),
    ("speaker", "str"),
    ("is_me", "bool"),
    ("talk_s", "float"),
    ("talk_share", "float"),
    ("words", "int"),
    ("word_share", "float"),
    ("turns", "int"),
    ("questions", "int"),
    ("longest_monologue_s", "float"),
    ("monologues", "int"),
    ("wpm", "float"),
    ("fillers_per_100w", "float"),
    ("interruptions", "int"),
    ("response_latency_s", "float"),
)

Row = dict[str, Any]


def empty_row(columns: tuple[Column, ...]) -> Row:
    return dict.fromkeys((name for name, _ in columns), None)


def from_text(value: str, kind: str) -> Any:
    """A CSV cell back to its value (``""`` is missing)."""
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return value == "true"
    return value


def to_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
