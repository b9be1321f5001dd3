"""Text from a transcript made safe to show: no control sequence, no lone surrogate.

A transcript is someone else's file. Its speaker names and words may hold

* **C0 and C1 control characters**: ``ESC ] 0 ; title BEL`` renames the terminal window,
  ``ESC [ 2 J`` clears it, ``ESC ] 8 ;; URL ESC \\`` draws a link that goes elsewhere than it
  says (and ``U+009B``, the one-character CSI, does the same on terminals that read C1);
* **lone surrogates** (``"\\ud800"`` in a JSON file): a Python string holds them, but no UTF-8
  encoder takes them, so writing one crashes the output half-way.

Every renderer (terminal, markdown, HTML, JSON, the web pages, the CLI's tables and messages)
passes what it shows through here, at its boundary, so the analysis keeps the text as read:

* :func:`safe_text` replaces each lone surrogate and each C0/C1 control but tab and newline with
  U+FFFD (``�``), visible, so a reader can tell something was there; carriage return, vertical
  tab, form feed and NEL become a space (they only ever meant "space here").
* :func:`safe_value` does that to every string inside records (dataclasses), tuples, lists and
  dicts, returning the very same object when nothing needed a change.
* :func:`safe_json` is ``json.dumps`` for output: surrogates become U+FFFD, controls stay but
  escaped (``\\u001b``, ``\\u009b``), so the data is whole and no terminal acts on it.

>>> safe_text("Dana \\x1b]0;pwned\\x07Lee")
'Dana \\ufffd]0;pwned\\ufffdLee'
>>> safe_text("line one\\nline two\\tend\\r")
'line one\\nline two\\tend '
>>> safe_json({"speaker": "A\\x1b[2J\\ud800"}, indent=None)
'{"speaker": "A\\\\u001b[2J\\ufffd"}'
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

__all__ = [
    "REPLACEMENT",
    "safe_json",
    "safe_json_text",
    "safe_text",
    "safe_value",
    "without_surrogates",
]

T = TypeVar("T")

REPLACEMENT = "\ufffd"

# C0 controls but tab (09) and newline (0A), DEL, the C1 controls, and every surrogate code point
# (a str can hold one, paired or not; UTF-8 cannot encode it).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = frozenset("\r\x0b\x0c\x85")
# After json.dumps(ensure_ascii=False), which escapes C0 itself: DEL and C1 as \\u escapes.
_JSON_RAW = re.compile("[\x7f-\x9f]")


def _replace(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACES else REPLACEMENT


def safe_text(text: str) -> str:
    """``text`` with every lone surrogate and C0/C1 control (but ``\\t`` and ``\\n``) replaced.

    >>> safe_text("plain text is returned as it is")
    'plain text is returned as it is'
    """
    if _UNSAFE.search(text) is None:  # the usual case: no copy
        return text
    return _UNSAFE.sub(_replace, text)


def without_surrogates(text: str) -> str:
    """``text`` with only its surrogates replaced (for output that escapes controls itself)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def safe_value(value: T, clean: Callable[[str], str] = safe_text) -> T:
    """``value`` with ``clean`` (default :func:`safe_text`) applied to every string in it.

    Walks dataclass instances (rebuilt with ``dataclasses.replace``), tuples, lists and dicts
    (keys too). Anything else is returned as it is; so is ``value`` itself when no string in it
    changed, so a clean analysis costs one scan and no copy. ``clean`` must return its argument
    itself when it has nothing to change (both cleaners here do).
    """
    return _clean(value, clean)  # type: ignore[no-any-return]


_ATOMS = frozenset({int, float, bool, type(None)})


def _clean(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, tuple | list):
        if _clean_records(value, clean):
            return value
        items = [_clean(v, clean) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
    if isinstance(value, dict):
        pairs = [(_clean(k, clean), _clean(v, clean)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return type(value)(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for name in _init_fields(type(value)):
            old = getattr(value, name)
            new = _clean(old, clean)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _clean_records(value: tuple[Any, ...] | list[Any], clean: Callable[[str], str]) -> bool:
    """True when ``value`` is records of one class holding only clean strings and numbers.

    The fast path for a conversation's turns (a long call has tens of thousands): one pass to
    collect their strings and one ``clean`` of them all joined, instead of a walk per field.
    """
    if not value:
        return True
    cls = type(value[0])
    if not dataclasses.is_dataclass(cls) or not all(type(v) is cls for v in value):
        return False
    names = _init_fields(cls)
    if not names:
        return True
    get = attrgetter(*names)
    fields = (
        [f for row in map(get, value) for f in row] if len(names) > 1 else list(map(get, value))
    )
    strings = [f for f in fields if type(f) is str]
    if len(strings) < len(fields) and not all(
        type(f) in _ATOMS for f in fields if type(f) is not str
    ):
        return False  # nested records or containers: the general walk
    joined = "\n".join(strings)  # both cleaners keep newlines, so this changes nothing
    return clean(joined) is joined


_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
        _FIELDS[cls] = names
    return names


def safe_json(data: object, *, indent: int | None = 2) -> str:
    """``data`` as JSON text that any UTF-8 output takes and no terminal acts on.

    Lone surrogates become U+FFFD; control characters are kept, escaped (``\\u001b``), so a
    program reading the JSON gets the text as the transcript had it.
    """
    return safe_json_text(json.dumps(data, indent=indent, ensure_ascii=False))


def safe_json_text(text: str) -> str:
    r"""A JSON document (``json.dumps(..., ensure_ascii=False)``) made as :func:`safe_json`
    makes it: surrogates replaced, DEL and C1 controls escaped (``json`` escapes C0 itself).

    >>> safe_json_text('["\x9b", "\ud800"]')
    '["\\u009b", "�"]'
    """
    text = without_surrogates(text)
    if _JSON_RAW.search(text) is None:
        return text
    # Outside strings JSON has no such character, so every match is inside a string.
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
