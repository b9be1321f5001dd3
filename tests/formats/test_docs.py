"""Every example in docs/formats.md reads as the format of the section it is in."""

from __future__ import annotations

from pathlib import Path

from twoway.formats import FORMATS, parse_text

DOC = Path(__file__).parents[2] / "docs" / "formats.md"


def test_every_example_reads_as_its_sections_format() -> None:
    section = ""
    checked = 0
    parts = DOC.read_text(encoding="utf-8").split("```")
    for index, part in enumerate(parts):
        if index % 2 == 0:
            headings = [line for line in part.splitlines() if line.startswith("## `")]
            if headings:
                section = headings[-1].split("`")[1]
            continue
        language, _, body = part.partition("\n")
        if language == "python":
            continue
        assert section in FORMATS
        assert parse_text(body).format == section, body
        checked += 1
    assert checked == len(FORMATS)
