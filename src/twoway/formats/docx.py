"""Word documents (``.docx``): the transcripts Teams, Google Meet, Otter and Rev let you download.

A ``.docx`` is a ZIP archive (it starts with ``PK\\x03\\x04``), so ``Source`` does not refuse it as
binary but hands it here. Each paragraph of the document body becomes a line of text (a paragraph
with line breaks becomes several lines; an empty paragraph a blank line; table cells are read row
by row), and the lines go to the reader the text sniffer chooses, as if they had come from a
``.txt`` file: the ``text`` reader for Teams (``Name   0:04``), Meet, Otter and Rev documents,
``zoom-text`` for ``[Name] hh:mm:ss`` headers. One exception: Teams' older layout starts with a
``0:0:0.0 --> 0:0:5.2`` timing line, which the sniffer takes for SubRip, but its name is on a line
of its own, which only the ``text`` reader understands; such a document goes to ``text``.

python-docx is imported only when a ``.docx`` is read. ``word/document.xml`` larger than 256 MB
uncompressed is refused before it is parsed (a ZIP bomb would otherwise fill memory).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO

from twoway.errors import FormatError, InputError, UnknownFormatError

ZIP_MAGIC = b"PK\x03\x04"
MAX_DOCUMENT_XML_BYTES = 256 * 1024 * 1024
_SNIFF_CHARS = 64 * 1024


def lines(raw: IO[bytes], path: str) -> list[str]:
    """The text of the document body, one line per paragraph (or line break), in order."""
    try:
        with zipfile.ZipFile(raw) as archive:
            info = archive.getinfo("word/document.xml")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise FormatError(
            f"a damaged ZIP archive, not a readable .docx ({exc})", path=path
        ) from exc
    except KeyError as exc:
        raise UnknownFormatError(
            "a ZIP archive but not a Word document (no word/document.xml)", path=path
        ) from exc
    if info.file_size > MAX_DOCUMENT_XML_BYTES:
        raise FormatError(
            f"the document's text is {info.file_size // 2**20} MB unpacked, more than "
            f"{MAX_DOCUMENT_XML_BYTES // 2**20} MB: not read",
            path=path,
        )
    try:
        import docx
    except ImportError as exc:  # a dependency; only a broken install lacks it
        raise InputError(
            "reading .docx needs the package 'python-docx': pip install python-docx", path=path
        ) from exc
    raw.seek(0)
    try:
        document = docx.Document(raw)
        return list(_document_lines(document))
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken document
        raise FormatError(f"not a readable Word document: {exc}", path=path) from exc


def _document_lines(document: object) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            yield from block.text.split("\n")
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield from paragraph.text.split("\n")
            yield ""


def reader_for(document_lines: list[str], path: str) -> str:
    """The format whose reader takes the document's lines (see the module docstring)."""
    from twoway.formats import text
    from twoway.formats._registry import sniff

    head = "\n".join(document_lines)[:_SNIFF_CHARS]
    if not head.strip():
        raise InputError("the document has no text", path=path)
    try:
        name = sniff(head, "")
    except UnknownFormatError:
        return "text"  # prose in a document: unnamed paragraphs
    if name in ("srt", "vtt") and text.has_named_timing_blocks(document_lines):
        return "text"
    return name
