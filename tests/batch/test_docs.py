"""docs/batch.md documents every column of both tables, with its type, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twoway.batch import CONVERSATION_COLUMNS, ROLE_WORDS, SPEAKER_COLUMNS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "batch.md").read_text(encoding="utf-8")
TYPES = {"str": "string", "int": "int", "float": "float", "bool": "bool"}


def documented(heading: str) -> list[tuple[str, str]]:
    section = DOC.split(f"### {heading}", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `(\w+)` \| (\w+) \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize(
    "heading,columns",
    [("Conversation columns", CONVERSATION_COLUMNS), ("Speaker columns", SPEAKER_COLUMNS)],
)
def test_columns_are_documented(heading: str, columns: tuple[tuple[str, str], ...]) -> None:
    assert documented(heading) == [(name, TYPES[kind]) for name, kind in columns]


def test_role_words_are_documented() -> None:
    for words in ROLE_WORDS.values():
        for word in words:
            assert f"`{word}`" in DOC
