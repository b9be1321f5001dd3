"""--me-pattern and --me-role: which speaker a rule picks."""

from __future__ import annotations

import pytest

from twoway.batch._me import MeRule
from twoway.errors import SpeakerError


def test_a_pattern_matches_the_label_as_the_file_writes_it() -> None:
    speakers = ("Speaker A", "Speaker B")
    assert MeRule.pattern("B").resolve(speakers) == "Speaker B"
    assert MeRule.pattern("^B$").resolve(speakers) == "Speaker B"
    assert MeRule.pattern("speaker a").resolve(speakers) == "Speaker A"


def test_a_pattern_that_matches_several_names_is_still_an_error() -> None:
    with pytest.raises(SpeakerError, match="matches 2 speakers"):
        MeRule.pattern("an").resolve(("Dana Lee", "Ann Kim"))
