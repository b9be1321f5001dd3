"""Which Unicode encoding a transcript's bytes are in, told from its first bytes.

Transcripts come as UTF-8 (most tools), UTF-16 (Windows tools: Notepad's "Unicode", Teams and
Word exports, Praat's TextGrids) and, rarely, UTF-32, with or without a byte-order mark. The
order of the tests:

1. a byte-order mark: UTF-32 (``FF FE 00 00``, ``00 00 FE FF``; before UTF-16, whose mark
   ``FF FE`` starts the UTF-32 one), UTF-8 (``EF BB BF``), UTF-16 (``FF FE``, ``FE FF``);
2. without a mark, the NUL bytes of mostly-ASCII text: in UTF-32 three of every four bytes are
   NUL, in UTF-16 every other one, at odd offsets (little-endian) or even ones (big-endian).
   The sample must be at least 8 bytes and at least 90% of its code units must fit the pattern,
   so a binary file with scattered NULs is not taken for text;
3. otherwise UTF-8; bytes that are not valid UTF-8 then get an ``EncodingError`` naming the
   line (there is no guessing among 8-bit code pages, which would read garbage silently).

The audio sniffer asks this module first, so a UTF-16 caption file (whose mark ``FF FE`` is also
an MPEG frame sync) is never sent to the audio decoder.

>>> detect("Hi".encode("utf-16")).label, detect("Hi".encode("utf-16-le") * 4).codec
('UTF-16', 'utf-16-le')
>>> detect("WEBVTT".encode("utf-32-be")).codec, detect(b"WEBVTT").codec
('utf-32-be', 'utf-8')
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """``codec`` for Python's codecs (it drops the mark, if any); ``label`` for messages."""

    codec: str
    label: str
    has_bom: bool


_BOMS = (
    (codecs.BOM_UTF32_LE, TextEncoding("utf-32", "UTF-32", True)),
    (codecs.BOM_UTF32_BE, TextEncoding("utf-32", "UTF-32", True)),
    (codecs.BOM_UTF8, TextEncoding("utf-8-sig", "UTF-8", True)),
    (codecs.BOM_UTF16_LE, TextEncoding("utf-16", "UTF-16", True)),
    (codecs.BOM_UTF16_BE, TextEncoding("utf-16", "UTF-16", True)),
)
UTF8 = TextEncoding("utf-8", "UTF-8", False)
_SAMPLE = 4096
_MIN_SHARE = 0.9


def bom_encoding(head: bytes) -> TextEncoding | None:
    """The encoding named by a byte-order mark at the start of ``head``, if any."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _share(units: list[bytes], fits: Callable[[bytes], object]) -> float:
    if not units:
        return 0.0
    return sum(1 for unit in units if fits(unit)) / len(units)


def _without_bom(head: bytes) -> TextEncoding | None:
    sample = head[:_SAMPLE]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    quads = [sample[i : i + 4] for i in range(0, len(sample) - 3, 4)]
    if _share(quads, lambda q: q[1:] == b"\0\0\0" and q[0]) >= _MIN_SHARE:
        return TextEncoding("utf-32-le", "UTF-32", False)
    if _share(quads, lambda q: q[:3] == b"\0\0\0" and q[3]) >= _MIN_SHARE:
        return TextEncoding("utf-32-be", "UTF-32", False)
    pairs = [sample[i : i + 2] for i in range(0, len(sample) - 1, 2)]
    if _share(pairs, lambda p: p[1] == 0 and p[0] != 0) >= _MIN_SHARE:
        return TextEncoding("utf-16-le", "UTF-16", False)
    if _share(pairs, lambda p: p[0] == 0 and p[1] != 0) >= _MIN_SHARE:
        return TextEncoding("utf-16-be", "UTF-16", False)
    return None


def detect(head: bytes) -> TextEncoding:
    """The encoding of a file whose first bytes are ``head`` (see the module docstring)."""
    return bom_encoding(head) or _without_bom(head) or UTF8


def is_wide_text(head: bytes) -> bool:
    """True when ``head`` is UTF-16 or UTF-32 text (with or without a byte-order mark).

    >>> is_wide_text(b"\\xff\\xfeW\\x00E\\x00B\\x00V\\x00"), is_wide_text(b"\\xff\\xfb\\x90\\x00")
    (True, False)
    """
    encoding = detect(head)
    if encoding.label not in ("UTF-16", "UTF-32"):
        return False
    unit = 2 if encoding.label == "UTF-16" else 4
    sample = head[: min(len(head), 512) // unit * unit]
    text = sample.decode(encoding.codec, errors="replace").lstrip("\ufeff")
    if not text:
        return True
    readable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
    return readable >= _MIN_SHARE * len(text)
