"""Words, filler words and self/other references in a turn's text.

The definitions here are the ones ``docs/metrics.md`` states; change both together.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

# Chinese and Japanese are written without spaces between words: each Han character, kana or
# CJK symbol letter counts as one word (docs/metrics.md, "Words"). Korean uses spaces and is not
# in these ranges.
CJK_CHARS = "\u3005\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# A word: letters or digits, with inner apostrophes kept ("I'm", "don't", "3D"), or one CJK
# character. The question detector and the quote finder tokenize with the same patterns.
WORD_PATTERN = rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}]+(?:['’][^\W_{CJK_CHARS}]+)*"
_CJK = re.compile(f"[{CJK_CHARS}]")
# The same in lowercased ASCII text with plain apostrophes: a range is cheaper to test than a
# Unicode category.
ASCII_WORD_PATTERN = r"[a-z0-9]+(?:'[a-z0-9]+)*"
_WORD = re.compile(WORD_PATTERN)
_ASCII_WORD = re.compile(ASCII_WORD_PATTERN)

# One-word fillers: um, uh, erm (any repetition of their letters: umm, uhh, uhm, ermm), basically.
_ONE_WORD_FILLER = re.compile(r"u+m+|u+h+m*|e+r+m+|basically")
# Two-word fillers, with the words before them that make them ordinary speech instead
# ("do you know", "what I mean", "what kind of").
_TWO_WORD_FILLERS: dict[tuple[str, str], frozenset[str]] = {
    ("you", "know"): frozenset(
        "do did does don't didn't if would will could as what whether".split()
    ),
    ("i", "mean"): frozenset("what do did".split()),
    ("sort", "of"): frozenset(
        "what which this that these those the a any some every one same different all no".split()
    ),
    ("kind", "of"): frozenset(
        "what which this that these those the a any some every one same different all no".split()
    ),
}
SELF_WORDS = frozenset("i me my mine myself i'm i've i'd i'll".split())
OTHER_WORDS = frozenset(
    """you your yours yourself yourselves you're you've you'd you'll
    we us our ours ourselves we're we've we'd we'll""".split()
)


@dataclass(frozen=True, slots=True)
class TextCounts:
    words: int = 0
    fillers: int = 0
    self_refs: int = 0
    other_refs: int = 0


EMPTY_COUNTS = TextCounts()


# Lowercased ASCII with every character that cannot be part of a word made a space: byte by
# byte, much cheaper than running the word pattern.
_FOLD_ASCII = bytes(
    ord(ch) if ch in string.ascii_lowercase + string.digits + "'" else ord(" ")
    for ch in (chr(c).lower() for c in range(256))
)


def _folded_ascii(plain: str) -> str | None:
    """ASCII ``plain`` (plain apostrophes) folded so that its words are the runs between spaces.

    ``None`` when an apostrophe is not between two letters or digits (next to a space, another
    apostrophe or either end: quotes, "'tis"); such an apostrophe is not part of a word, and
    that text is left to the word pattern.
    """
    folded = plain.encode("ascii").translate(_FOLD_ASCII).decode("ascii")
    if "'" in folded and (
        " '" in folded or "' " in folded or "''" in folded or folded[0] == "'" or folded[-1] == "'"
    ):
        return None
    return folded


def _words(text: str) -> tuple[list[str], str | None]:
    """The words of non-empty ``text`` and, when it is ASCII, its folded form (else ``None``)."""
    # The word pattern treats both apostrophes alike, and lowercasing ASCII text is one letter
    # for one: such text (nearly all of it) is normalized whole, before the split.
    plain = text.replace("’", "'")
    if plain.isascii():
        folded = _folded_ascii(plain)
        if folded is not None:
            return folded.split(), folded
        return _ASCII_WORD.findall(plain.lower()), None
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)], None


def words(text: str | None) -> list[str]:
    """The words of ``text``, lowercased, with typographic apostrophes made plain."""
    return _words(text)[0] if text else []


def count_words(text: str | None) -> int:
    return len(_WORD.findall(text)) if text else 0


def count_cjk(text: str | None) -> int:
    """How many of ``text``'s words are Chinese or Japanese characters (each counts as a word).

    >>> count_cjk("面接はどうでしたか"), count_words("面接はどうでしたか"), count_cjk("Hi there")
    (9, 9, 0)
    """
    if not text or text.isascii():
        return 0
    return len(_CJK.findall(text))


# The first words of the two-word fillers; with "u", "e" and "b" the only words worth a closer look.
_TWO_WORD_FIRST = frozenset(first for first, _ in _TWO_WORD_FILLERS)
_REFERENCES = SELF_WORDS | OTHER_WORDS


def _may_have_fillers(folded: str) -> bool:
    """False when folded text surely has no filler: each one holds one of these strings."""
    return (
        "um" in folded  # u+m+
        or "uh" in folded  # u+h+m*
        or "rm" in folded  # e+r+m+
        or "basically" in folded
        or "know" in folded
        or "mean" in folded
        or ("of" in folded and ("sort" in folded or "kind" in folded))
    )


def count_text_sums(text: str | None) -> tuple[int, int, int, int]:
    """``count_text``'s words, fillers, self and other references as a plain tuple.

    For summing over many segments without an object for each.
    """
    if not text:
        return 0, 0, 0, 0
    tokens, folded = _words(text)
    if not tokens:
        return 0, 0, 0, 0
    # Self and other references are counted over all words first, then taken back where such a
    # word starts a two-word filler ("you know", "I mean"). That is the same count as one pass
    # that skips the words of a filler: a filler's second word ("know", "mean", "of") is never a
    # reference and never starts a filler, and a one-word filler is never a reference.
    refs = [word for word in tokens if word in _REFERENCES]
    self_refs = sum(map(SELF_WORDS.__contains__, refs))
    other_refs = len(refs) - self_refs
    fillers = 0
    if folded is None or _may_have_fillers(folded):
        last = len(tokens) - 1
        for i, word in enumerate(tokens):
            if word in _TWO_WORD_FIRST:
                if i < last:
                    blockers = _TWO_WORD_FILLERS.get((word, tokens[i + 1]))
                    if blockers is not None and (i == 0 or tokens[i - 1] not in blockers):
                        fillers += 1
                        if word in SELF_WORDS:
                            self_refs -= 1
                        elif word in OTHER_WORDS:
                            other_refs -= 1
            elif word[0] in "ueb" and _ONE_WORD_FILLER.fullmatch(word):
                fillers += 1
    return len(tokens), fillers, self_refs, other_refs


def count_text(text: str | None) -> TextCounts:
    """Words, fillers and self/other references in one piece of text."""
    sums = count_text_sums(text)
    return TextCounts(*sums) if sums[0] else EMPTY_COUNTS
