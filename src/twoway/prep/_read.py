"""Reading a job description file (an adapter at the edge: the rest of the package is pure).

Like transcripts: UTF-8, or UTF-8 / UTF-16 with a byte-order mark; a binary or empty file, or
bytes that do not decode, are ``InputError``\\ s naming the file (and the line, for bad bytes).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from pathlib import Path

from twoway.errors import EncodingError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def read_text_file(source: str | os.PathLike[str], what: str = "job description") -> str:
    """The text of ``source`` (``"-"``: standard input), newlines normalised to ``\\n``."""
    name = os.fspath(source)
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(name).read_bytes()
        except IsADirectoryError as exc:
            raise InputError(f"is a directory, not a {what} file", path=name) from exc
        except FileNotFoundError as exc:
            raise InputError("no such file", path=name) from exc
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}", path=name) from exc
    encoding, label = "utf-8", "UTF-8"
    for bom, enc, lab in _BOMS:
        if data.startswith(bom):
            encoding, label = enc, lab
            break
    else:
        if b"\x00" in data:
            raise InputError(f"binary file, not a {what}", path=name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else None
        raise EncodingError(
            f"not valid {label} (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=name,
            line=line,
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("the file is empty", path=name)
    return io.StringIO(text, newline=None).read()
