"""Opening a transcript: bytes, encoding, binary and empty checks, and a decoded line stream.

Readers never see bytes. ``Source`` peeks at the first 64 KiB to choose the encoding (a UTF-16 or
UTF-8 byte-order mark, else UTF-8), to refuse binary and empty files early, and to give the
sniffer a sample of text; the readers then get an ``io.TextIOWrapper`` over the same file so a
200 MB caption file is decoded and parsed line by line instead of held as one string.

Decoding happens in chunks, so a ``UnicodeDecodeError`` does not tell which line was bad;
``encoding_error`` rescans the bytes to name it, which only costs time on the error path.
"""

from __future__ import annotations

import codecs
import io
import os
import select
import stat
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from twoway.errors import EncodingError, InputError, UnknownFormatError
from twoway.formats.encoding import detect as detect_encoding

HEAD_BYTES = 64 * 1024


def strip_bom(text: str) -> str:
    """``text`` without a leading byte-order mark (one a caller decoded by hand may keep)."""
    return text[1:] if text.startswith("\ufeff") else text


class Source:
    """A binary file (or stdin's bytes) with its encoding worked out and its head decoded.

    ``head_text`` is at most 64 KiB of decoded text for sniffing; a character cut at the end of
    the sample or a bad byte in it is replaced, the real decoding error comes from the stream.
    """

    def __init__(self, raw: BinaryIO, path: str) -> None:
        self.raw = raw
        self.path = path
        self._wrapper: io.TextIOWrapper | None = None
        head = raw.read(HEAD_BYTES)
        self.size = raw.seek(0, io.SEEK_END)  # bytes; no line or turn has more characters
        # A ZIP archive (a Word .docx) is binary but readable: load() hands it to formats.docx.
        self.is_zip = head.startswith(b"PK\x03\x04")
        if self.is_zip:
            self.encoding, self.encoding_label, self.head_text = "utf-8", "UTF-8", ""
            return
        detected = detect_encoding(head)
        self.encoding, self.encoding_label = detected.codec, detected.label
        if detected.label == "UTF-8" and b"\x00" in head:
            raise UnknownFormatError("binary file, not a transcript", path=path)
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        self.head_text = strip_bom(decoder.decode(head, final=len(head) < HEAD_BYTES))
        if not self.head_text.strip() and len(head) < HEAD_BYTES:
            raise InputError("the file is empty", path=path)

    def text_stream(self) -> TextIO:
        """The whole file as decoded lines (universal newlines: CRLF and CR become LF)."""
        self._detach()
        self.raw.seek(0)
        # A plain TextIOWrapper (not a subclass): CPython iterates only the exact type at C speed.
        self._wrapper = io.TextIOWrapper(self.raw, encoding=self.encoding, newline=None)
        return self._wrapper

    def _detach(self) -> None:
        # Take the binary file back from the text wrapper, which would close it when collected.
        if self._wrapper is not None:
            self._wrapper.detach()
            self._wrapper = None

    def read_text(self) -> str:
        """The whole file as one string (for JSON, which has to be parsed whole anyway)."""
        try:
            return self.text_stream().read()
        except UnicodeDecodeError as exc:
            raise self.encoding_error() from exc

    def encoding_error(self) -> EncodingError:
        """An ``EncodingError`` naming the first line that does not decode."""
        self._detach()
        self.raw.seek(0)
        if self.encoding_label != "UTF-8":
            data = self.raw.read()
            try:
                data.decode(self.encoding)
            except UnicodeDecodeError as exc:
                before = data[: exc.start].decode(self.encoding, errors="replace")
                return EncodingError(
                    f"not valid {self.encoding_label}: {exc.reason}",
                    path=self.path,
                    line=before.count("\n") + 1,
                )
        else:
            for lineno, line in enumerate(self.raw, 1):
                if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    column = len(line[: exc.start].decode("utf-8", errors="replace")) + 1
                    return EncodingError(
                        f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {column}); "
                        "save the transcript as UTF-8",
                        path=self.path,
                        line=lineno,
                    )
        return EncodingError(f"not valid {self.encoding_label}", path=self.path)


def open_source(source: str | os.PathLike[str]) -> tuple[BinaryIO, str]:
    """The binary file for ``source`` and the name errors should use; ``"-"`` is stdin.

    stdin is read into memory so that it can be rewound for sniffing and error rescans.
    """
    if isinstance(source, str) and source == "-":
        if sys.stdin.isatty():
            raise InputError("standard input is a terminal: pipe a transcript in", path="-")
        try:
            fd = sys.stdin.buffer.fileno()
        except (OSError, ValueError):  # io.UnsupportedOperation: an in-memory stdin
            return io.BytesIO(sys.stdin.buffer.read()), "-"
        return io.BytesIO(read_stream(fd, "-")), "-"
    path = os.fspath(source)
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode) and not Path(path).is_dir():
            # A pipe (`<(cat f)`, /dev/stdin, a FIFO) cannot be rewound for sniffing: read it.
            return io.BytesIO(_read_pipe(path)), path
        return Path(path).open("rb"), path  # the caller closes it
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a transcript file", path=path) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", path=path) from exc


# A pipe is read into memory (it cannot be rewound); past this it is refused, not read on.
MAX_PIPE_BYTES = 2 * 1024**3
# How long to wait for the first bytes of a pipe whose writer may never come (a FIFO nobody opened).
PIPE_WAIT_S = 30.0


def _read_pipe(path: str) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return read_stream(fd, path)
    finally:
        os.close(fd)


def read_stream(fd: int, path: str, *, wait_s: float = PIPE_WAIT_S) -> bytes:
    """Everything a pipe or stream ``fd`` gives, up to ``MAX_PIPE_BYTES``.

    ``InputError`` when nothing arrives within ``wait_s`` (a FIFO with no writer would block
    forever) or when the stream is larger than the limit.
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(wait_s * 1000):
        raise InputError(
            f"nothing arrived on this pipe in {wait_s:.0f} s (no program is writing to it)",
            path=path,
        )
    os.set_blocking(fd, True)
    chunks: list[bytes] = []
    size = 0
    while chunk := os.read(fd, 1 << 20):
        size += len(chunk)
        if size > MAX_PIPE_BYTES:
            raise InputError("more than 2 GiB from a pipe: save it to a file first", path=path)
        chunks.append(chunk)
    return b"".join(chunks)


# XML readers feed expat blocks of about this many characters.
TEXT_BLOCK_CHARS = 64 * 1024


def text_blocks(source: str | Iterable[str], size: int = TEXT_BLOCK_CHARS) -> Iterator[str]:
    """``source`` in blocks of about ``size`` characters, for parsers that take text in pieces
    (expat): a minified file is one long line, which is read in blocks too (never whole) when
    ``source`` is a file; lines are joined into blocks (one parser call per block, not per line).

    >>> [len(b) for b in text_blocks("x" * 10, size=4)], list(text_blocks(["a\\n", "b\\n"]))
    ([4, 4, 2], ['a\\nb\\n'])
    """
    if isinstance(source, str):
        text = strip_bom(source)
        for at in range(0, len(text), size):
            yield text[at : at + size]
        return
    read = getattr(source, "read", None)
    if callable(read):
        yield from iter(partial(read, size), "")
        return
    block: list[str] = []
    length = 0
    for line in source:
        block.append(line)
        length += len(line)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)
