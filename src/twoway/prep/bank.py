"""The curated question bank: questions a candidate can ask, tagged by topic, stage and mode.

The bank ships as package data (``question_bank.toml``); ``load_bank()`` reads and validates it
once. A user's own bank in the same format can be read with ``load_bank(path)``; its problems
are ``InputError``\\ s naming the file. The format: ``docs/prep.md``, "The bank".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from twoway.analysis.questions import TOPICS
from twoway.errors import InputError

STAGES = ("opening", "middle", "closing")
MODES = ("interview", "networking")
PLACEHOLDERS = ("{company}", "{role}", "{interviewer}")
BANK_RESOURCE = "question_bank.toml"


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """One question of the bank, placeholders (``{company}``...) not yet filled in."""

    text: str
    topic: str
    stage: str
    modes: tuple[str, ...]
    why: str
    roles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    note: str | None = None

    @property
    def needs_interviewer(self) -> bool:
        return "{interviewer}" in self.text


def load_bank(path: str | Path | None = None) -> tuple[BankQuestion, ...]:
    """The questions of the bank shipped with twoway, or of the TOML file ``path``.

    >>> bank = load_bank()
    >>> len(bank) >= 60, bank[0].topic
    (True, 'them')
    """
    if path is None:
        return _shipped_bank()
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", path=name) from exc
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", path=name) from exc
    return parse_bank(data, name)


@lru_cache(maxsize=1)
def _shipped_bank() -> tuple[BankQuestion, ...]:
    data = resources.files("twoway.prep").joinpath(BANK_RESOURCE).read_bytes()
    return parse_bank(data, BANK_RESOURCE)


def parse_bank(data: bytes, path: str = "<bank>") -> tuple[BankQuestion, ...]:
    """The questions in the TOML bytes ``data``; ``InputError`` (naming ``path``) when invalid."""
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=path) from exc
    entries = doc.get("question")
    if not isinstance(entries, list) or not entries:
        raise InputError("no [[question]] entries", path=path)
    questions = tuple(_entry(entry, i, path) for i, entry in enumerate(entries, 1))
    seen: set[str] = set()
    for q in questions:
        if q.text in seen:
            raise InputError(f"question {q.text!r} is in the bank twice", path=path)
        seen.add(q.text)
    return questions


def _entry(entry: Any, index: int, path: str) -> BankQuestion:
    where = f"question {index}"
    if not isinstance(entry, dict):
        raise InputError(f"{where} is not a table", path=path)
    unknown = set(entry) - {"text", "topic", "stage", "modes", "why", "roles", "keywords", "note"}
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}", path=path)

    def text_field(name: str, optional: bool = False) -> str | None:
        value = entry.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{where}: {name!r} must be a non-empty string", path=path)
        return value.strip()

    def list_field(name: str) -> tuple[str, ...]:
        value = entry.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise InputError(f"{where}: {name!r} must be a list of strings", path=path)
        return tuple(v.strip().lower() for v in value)

    text = text_field("text") or ""
    topic = text_field("topic") or ""
    stage = text_field("stage") or ""
    if topic not in TOPICS:
        raise InputError(f"{where}: topic {topic!r} is not one of {', '.join(TOPICS)}", path=path)
    if stage not in STAGES:
        raise InputError(f"{where}: stage {stage!r} is not one of {', '.join(STAGES)}", path=path)
    modes = list_field("modes")
    if not modes or any(m not in MODES for m in modes):
        raise InputError(f"{where}: modes must name interview and/or networking", path=path)
    bad = [p for p in _placeholders(text) if p not in PLACEHOLDERS]
    if bad:
        raise InputError(f"{where}: unknown placeholder {bad[0]}", path=path)
    return BankQuestion(
        text=text,
        topic=topic,
        stage=stage,
        modes=modes,
        why=text_field("why") or "",
        roles=list_field("roles"),
        keywords=list_field("keywords"),
        note=text_field("note", optional=True),
    )


def _placeholders(text: str) -> list[str]:
    out: list[str] = []
    start = text.find("{")
    while start >= 0:
        end = text.find("}", start)
        out.append(text[start : end + 1] if end > start else text[start:])
        start = text.find("{", start + 1)
    return out
