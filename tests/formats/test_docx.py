"""Word documents (.docx): paragraphs become lines for the text readers.

The fixtures in tests/data/docx were written by ``write_docx`` below (tests/data/docx/SOURCES.md):
the smallest package Word and python-docx open, with the paragraphs, line breaks (``<w:br/>``)
and tables of a real document body.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.errors import FormatError, InputError, UnknownFormatError
from twoway.formats import docx, load, parse_text
from twoway.formats.text import START_ONLY_NOTE
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data" / "docx"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

Block = str | list[list[str]]  # a paragraph ("\n" = a line break) or a table's rows of cells


def _paragraph(text: str) -> str:
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in text.split("\n")
    )
    return f"<w:p>{runs}</w:p>"


def document_xml(blocks: list[Block]) -> str:
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(_paragraph(block))
        else:
            rows = "".join(
                "<w:tr>" + "".join(f"<w:tc>{_paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>"
                for row in block
            )
            body.append(f"<w:tbl>{rows}</w:tbl>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}</w:body></w:document>'
    )


def write_docx(target: Path | io.BytesIO, blocks: list[Block]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml(blocks))


def estimated(speaker: str | None, start: float, end: float, words: str) -> Turn:
    return Turn(speaker, start, end, words, end_estimated=True)


def test_teams_document_with_header_and_words_in_one_paragraph() -> None:
    conv = load(DATA / "teams_transcript.docx")
    assert conv.format == "text"
    assert conv.turns == (
        estimated("Okafor, Chidi", 4.0, 7.6, "Thanks for joining. Can you hear me all right?"),
        estimated("Priya Raman (Guest)", 9.0, 12.2, "Yes, loud and clear. Thanks for having me."),
        estimated("Lindqvist, Maja [External]", 15.0, 17.4, "Hi both. I'll mostly listen today."),
        estimated("Okafor, Chidi", 3725.0, 3726.6, "Any questions for us?"),
    )
    assert conv.notes == (
        "Skipped 3 lines before the first timestamp (a title or header?).",
        START_ONLY_NOTE,
    )


def test_teams_older_layout_goes_to_the_text_reader_not_subrip() -> None:
    conv = load(DATA / "teams_timing_blocks.docx")
    assert conv.format == "text"
    assert conv.turns == (
        Turn("Agrawal, Mayurika", 0.0, 4.2, "We have a discussion today."),
        Turn("Reddy, Mohan S", 4.5, 6.1, "Yes."),
        Turn("Agrawal, Mayurika", 6.3, 9.05, "Then let's start with the mock UI."),
    )
    assert conv.notes == ()


def test_google_meet_document() -> None:
    conv = load(DATA / "meet_transcript.docx")
    assert [(t.speaker, t.text) for t in conv.turns] == [
        ("dana lee", "Thanks for making time."),
        ("Sam Osei", "Sure, let's start."),
        ("dana lee", "What was the hardest constraint?"),
    ]
    # The "... - Transcript" title is the heading the transcript follows; then "Attendees" and
    # the attendee list are skipped.
    assert conv.notes[0] == ("Skipped 2 lines before the first named speaker (a title or header?).")


def test_a_table_is_read_row_by_row() -> None:
    conv = load(DATA / "rev_table.docx")
    assert [(t.speaker, t.start, t.text) for t in conv.turns] == [
        ("Speaker 1", 0.0, "Thanks for joining us."),
        ("Speaker 2", 4.0, "Happy to be here."),
    ]


def test_zoom_saved_captions_pasted_into_word() -> None:
    target = io.BytesIO()
    write_docx(target, ["[Dana] 19:00:40", "Hi.", "", "[potuz] 19:00:44", "Hello."])
    lines = docx.lines(io.BytesIO(target.getvalue()), "captions.docx")
    assert lines == ["[Dana] 19:00:40", "Hi.", "", "[potuz] 19:00:44", "Hello."]
    assert docx.reader_for(lines, "x.docx") == "zoom-text"


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "Dana: hi")
    with pytest.raises(UnknownFormatError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: a ZIP archive but not a Word document (no word/document.xml)"
    )


def test_a_damaged_document(tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    target = io.BytesIO()
    write_docx(target, ["Dana: hi"])
    path.write_bytes(target.getvalue()[:200])
    with pytest.raises(FormatError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: a damaged ZIP archive, not a readable .docx")


def test_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(FormatError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: not a readable Word document: ")


def test_an_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    write_docx(path, ["", " "])
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value) == f"{path}: the document has no text"


def test_an_oversized_document_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.docx"
    write_docx(path, ["Dana: " + "word " * 1000])
    monkeypatch.setattr(docx, "MAX_DOCUMENT_XML_BYTES", 1000)
    with pytest.raises(FormatError, match="MB unpacked, more than 0 MB: not read"):
        load(path)


def test_a_forced_format_is_used(tmp_path: Path) -> None:
    path = tmp_path / "forced.docx"
    write_docx(path, ["Dana: hi", "Alex: hello"])
    assert load(path, format="text").speakers == ("Dana", "Alex")


def test_paragraph_lines_read_like_the_same_text() -> None:
    blocks: list[Block] = ["Dana Lee  0:05\nHello there.", "sam patel  0:09", "Hi!"]
    target = io.BytesIO()
    write_docx(target, blocks)
    lines = docx.lines(io.BytesIO(target.getvalue()), "x.docx")
    assert lines == ["Dana Lee  0:05", "Hello there.", "sam patel  0:09", "Hi!"]
    assert parse_text("\n".join(lines)).turns == (
        estimated("Dana Lee", 5.0, 6.0, "Hello there."),
        estimated("sam patel", 9.0, 10.0, "Hi!"),
    )


paragraphs = st.lists(
    st.one_of(
        st.sampled_from(
            ["Dana Lee  0:05", "Lee, Dana", "0:0:1.0 --> 0:0:2.0", "[potuz] 00:00:01", "kev: hi"]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    ),
    max_size=10,
)


@given(blocks=paragraphs)
def test_any_document_reads_or_raises_an_input_error(blocks: list[str]) -> None:
    target = io.BytesIO()
    write_docx(target, list(blocks))
    with contextlib.suppress(InputError):
        lines = docx.lines(io.BytesIO(target.getvalue()), "x.docx")
        assert len(lines) >= len(blocks)
        name = docx.reader_for(lines, "x.docx")
        parse_text("\n".join(lines) or " ", format=name)


def _good_document() -> bytes:
    target = io.BytesIO()
    write_docx(target, ["Dana Lee  0:05", "Hello there.", "sam patel  0:09", "Hi!"])
    return target.getvalue()


GOOD = _good_document()


@given(
    edits=st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(GOOD) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    ),
    cut=st.integers(min_value=4, max_value=len(GOOD)),
)
def test_damaged_bytes_raise_only_input_errors(edits: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(GOOD)
    for at, value in edits:
        data[at] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.docx"
        path.write_bytes(bytes(data[:cut]))
        with contextlib.suppress(InputError):
            load(path)
