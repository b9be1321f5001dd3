"""What a note never quotes (docs/follow-up.md, "Never quoted"): the families added after blind
set 5, each with work sentences that must stay quotable."""

from __future__ import annotations

import pytest

from twoway.followup.sensitive import is_sensitive, sensitive_reason


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # what someone is on, makes or starts at, in words
        ("I'm on one forty-five at the moment, plus the car.", "compensation"),
        ("Now I'm at, um, seventy-three.", "compensation"),
        ("A senior buyer here makes about sixty-eight.", "compensation"),
        ("Graduates start around forty-one.", "compensation"),
        ("One thirty-five plus super.", "compensation"),
        ("My CTC is twelve lakhs right now.", "compensation"),
        ("I did an unpaid placement for a summer.", "compensation"),
        # leave, care, injuries, a stammer
        ("I'm technically on stress leave from the bank.", "health"),
        ("My mother is in a care home now.", "health"),
        ("I tore my ACL in my second season.", "health"),
        ("I had a stammer all through school.", "health"),
        ("My own dad worked nights for thirty years.", "family"),
        # said in confidence, and company matters
        ("That's not public yet, so keep it to yourself.", "private"),
        ("I shouldn't really say this, but the team lead is leaving.", "private"),
        ("We're being acquired by a logistics group in Rotterdam.", "private"),
        ("The family is in conversations with a hotel chain.", "private"),
        ("We're closing three branches in the north next spring.", "private"),
        ("There's a hiring freeze in finance until March.", "private"),
        ("Our main funder decided not to renew the grant.", "private"),
        ("The last supervisor was asked to leave after the audit.", "private"),
        ("He was walked out for falsifying timesheets.", "private"),
        ("There was a fatality on the line two years ago.", "private"),
        ("The whole rebuild was paused in January.", "private"),
        ("Their retention numbers are apparently pretty bad.", "private"),
        ("The board's not thrilled about the delay.", "private"),
        ("My current manager doesn't know I'm looking.", "private"),
    ],
)
def test_private_details_are_never_quoted(text: str, family: str) -> None:
    assert sensitive_reason(text) == family


@pytest.mark.parametrize(
    "text",
    [
        "We're at twenty-two aircraft now, with four more coming next year.",
        "We run long investigations, maybe one a month, alongside the daily newsletter.",
        "There's a lot of physiology and anatomy in the first year.",
        "We built fraud detection models for the card team.",
        "Show me the three directions you killed and why you killed them.",
        "Have a good story ready about the shutdown planning you led.",
        "We supply two assisted living facilities with blister packs.",
        "The conference starts at one thirty on Thursday.",
        "If you have a good investigation story from the lab, tell it.",
    ],
)
def test_work_talk_stays_quotable(text: str) -> None:
    assert not is_sensitive(text)
