"""Reading transcripts: every supported format into one ``Conversation``.

>>> conv = parse_text("Dana: Tell me about yourself.\\nAlex: Sure, I build data pipelines.\\n")
>>> conv.format, conv.speakers
('text', ('Dana', 'Alex'))

``load`` takes a path (or ``"-"`` for stdin), works out the encoding and the format (content
first, file extension second, unless ``format=`` forces one) and returns a ``Conversation`` whose
``notes`` say in plain sentences what the reader had to assume. Every problem with the input is
a ``twoway.errors.InputError`` carrying the path and, where one applies, the 1-based line.
The formats, how each is recognized and what is taken from it: ``docs/formats.md``.
"""

from __future__ import annotations

import gc
import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from twoway.errors import InputError
from twoway.formats import _limits
from twoway.formats._limits import bounded_lines
from twoway.formats._registry import (
    FORMATS,
    JSON_FLAVORS,
    TRANSCRIPT_EXTENSIONS,
    conversation,
    describe_formats,
    is_line_format,
    line_reader,
    reads_blocks,
    resolve_name,
    sniff,
)
from twoway.formats._source import Source, open_source, strip_bom
from twoway.model import Conversation, Turn

__all__ = [
    "FORMATS",
    "TRANSCRIPT_EXTENSIONS",
    "describe_formats",
    "load",
    "parse_text",
    "resolve_name",
]


def load(source: str | os.PathLike[str], *, format: str | None = None) -> Conversation:
    """The conversation in the file ``source`` (``"-"``: standard input).

    ``format`` forces one of ``FORMATS`` (``UsageError`` for another name); by default the format
    is sniffed from the content, then the extension.
    """
    forced = resolve_name(format)
    raw, path = open_source(source)
    with raw:
        src = Source(raw, path)
        if src.is_zip:
            return _from_docx(src, path, forced)
        name = forced or sniff(src.head_text, path)
        notes: list[str] = []
        if is_line_format(name):
            stream = src.text_stream()
            lines: Iterable[str] = stream
            if src.size > _limits.MAX_TEXT_CHARS and not reads_blocks(name):
                lines = bounded_lines(stream, path)  # only a file this big can hold such a line
            try:
                with _gc_paused():
                    turns = tuple(line_reader(name)(lines, path=path, notes=notes))
            except UnicodeDecodeError as exc:
                raise src.encoding_error() from exc
            return conversation(turns, path=path, name=name, notes=notes)
        text = src.read_text()
    return _from_json(text, name, path)


def _from_docx(src: Source, path: str, forced: str | None) -> Conversation:
    """A Word document's paragraphs as lines, through the reader for their layout."""
    from twoway.formats import docx  # python-docx only for .docx files

    lines = docx.lines(src.raw, path)
    _limits.check_lines(lines, path)
    name = forced or docx.reader_for(lines, path)
    if not is_line_format(name):
        return _from_json("\n".join(lines), name, path)
    notes: list[str] = []
    turns = tuple(line_reader(name)(lines, path=path, notes=notes))
    return conversation(turns, path=path, name=name, notes=notes)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader builds its turns.

    A big caption file makes millions of small objects, none in a reference cycle; each one
    counts toward the collector's thresholds, and its repeated full passes over the growing heap
    cost about a third of the load time of a 200 MB file. Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_text(text: str, *, format: str | None = None, path: str = "<string>") -> Conversation:
    """The conversation in ``text``; ``path`` only names it in errors and ``Conversation.source``.

    >>> parse_text("[Dana] 00:00:05\\nHi.\\n").turns[0].start
    5.0
    """
    forced = resolve_name(format)
    text = strip_bom(text)
    if not text.strip():
        raise InputError("the text is empty", path=path)
    name = forced or sniff(text[: 64 * 1024], path)
    if is_line_format(name):
        notes: list[str] = []
        source: str | Iterable[str] = text
        if len(text) > _limits.MAX_TEXT_CHARS and not reads_blocks(name):
            source = bounded_lines(io.StringIO(text, newline=None), path)
        turns = tuple(line_reader(name)(source, path=path, notes=notes))
        return conversation(turns, path=path, name=name, notes=notes)
    return _from_json(text, name, path)


def _from_json(text: str, name: str, path: str) -> Conversation:
    from twoway.formats import json_formats  # json only for JSON files

    data = json_formats.load_json(text, path)
    json_formats.refuse_twoway_output(data, path)
    flavor = name if name in JSON_FLAVORS else json_formats.sniff(data)
    if flavor is None:
        raise json_formats.unknown_json(path)
    notes: list[str] = []
    turns: tuple[Turn, ...] = tuple(json_formats.parse(data, flavor=flavor, path=path, notes=notes))
    return conversation(turns, path=path, name=flavor, notes=notes)
