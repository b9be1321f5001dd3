"""The note's register and its promises: a friend gets a casual note, an agency is not the
employer, "be there" and a due said in the reply are kept, a private promise is left out."""

from __future__ import annotations

from twoway.analysis import analyze
from twoway.followup import draft_thank_you
from twoway.model import Conversation, Turn


def _talk(*lines: tuple[str, str]) -> Conversation:
    return Conversation(
        tuple(Turn(who, 6.0 * i, 6.0 * i + 5.0, text) for i, (who, text) in enumerate(lines))
    )


REUNION = _talk(
    ("Duncan Buchanan", "Rachel! Well, look at you. How long's it been?"),
    ("Rachel Okonkwo", "Duncan! Hi. It's been three years? Since your leaving do."),
    ("Duncan Buchanan", "God. Right, what are you having? My shout."),
    ("Rachel Okonkwo", "A flat white, thanks. So how is the new job treating you?"),
    ("Duncan Buchanan", "Honestly it's the best move I made. We've gone from twenty beds' worth "
     "of hospital-at-home to sixty in two years, and the team built most of it from scratch."),
    ("Rachel Okonkwo", "That's amazing. I'm thinking of applying for the service manager post."),
    ("Duncan Buchanan", "Do it. What I will do is put in a word with Ailsa."),
    ("Rachel Okonkwo", "That would be brilliant. Can I send you the job link so you know "
     "which one?"),
    ("Duncan Buchanan", "Aye, send it over."),
    ("Rachel Okonkwo", "I'll send you the job link tonight."),
)  # fmt: skip


def test_a_reunion_gets_a_casual_note_with_the_favour_and_the_promise() -> None:
    note = draft_thank_you(
        REUNION,
        analyze(REUNION, me="Rachel Okonkwo", mode="networking"),
        "Duncan",
        company="Lothian Health",
    )
    assert note.text.startswith(
        "Hi Duncan,\n\nThanks so much for making the time to catch up. It was really good to "
        "hear how things are going at Lothian Health.\n"
    )
    assert "As promised, I'll send you the job link tonight." in note.text
    # "a word" is a piece rate only after an amount; putting in a word is a favour.
    assert "I'm also grateful for your offer to put in a word with Ailsa." in note.text
    assert note.text.endswith("\n\nBest,\nRachel\n")
    assert "generous with your time" not in note.text


def test_a_first_meeting_stays_formal() -> None:
    renamed = {"Duncan Buchanan": "Luis Ferreira", "Rachel Okonkwo": "Corinne Baptiste"}
    later = [
        Turn(renamed[t.speaker or ""], (t.start or 0.0) + 6.0, (t.end or 0.0) + 6.0, t.text)
        for t in REUNION.turns[3:]
    ]
    hello = Turn("Corinne Baptiste", 0.0, 5.0, "Luis? Hi! I'm Corinne. Great to see you.")
    first = Conversation((hello, *later))
    note = draft_thank_you(first, analyze(first, me="Corinne Baptiste", mode="networking"), "Luis")
    assert "Thank you for taking the time to talk with me about your work." in note.text
    assert note.text.endswith("Best regards,\nCorinne\n")


SCREEN = _talk(
    ("Megan Holt", "Thanks for hopping on. I'm with Lakeshore Talent Partners and I'm recruiting "
     "for a property claims adjuster at Maple Mutual."),
    ("Harpreet Sandhu", "Thanks for calling. What does the team look like?"),
    ("Megan Holt", "It's eight adjusters and the catastrophe team just doubled after the spring "
     "storms, which is why they're hiring."),
    ("Harpreet Sandhu", "Could you send me the job description?"),
    ("Megan Holt", "Sure, I'll send it this afternoon. Can you send me an updated resume?"),
    ("Harpreet Sandhu", "Yes, tonight."),
    ("Megan Holt", "Perfect. Bring your adjuster licence number to the interview too."),
    ("Harpreet Sandhu", "Okay, I'll be there Thursday at ten with it. And I'll send my last two "
     "payslips by Friday."),
)  # fmt: skip


def test_an_agency_is_not_the_employer_and_my_promises_keep_their_time() -> None:
    note = draft_thank_you(
        SCREEN,
        analyze(SCREEN, me="Harpreet Sandhu"),
        "Megan",
        company="Lakeshore Talent Partners",
        role="Property Claims Adjuster",
    )
    assert "about the Property Claims Adjuster role." in note.text
    assert "join Lakeshore" not in note.text
    assert "excited about the opportunity." in note.text
    # The due was said in the reply ("Yes, tonight."), and "be there" with a time is kept.
    assert "As promised, I'll send you an updated resume tonight." in note.text
    assert "I'll also be there Thursday at ten" in note.text
    # Payslips are pay: never in the note, and the markdown says what was left out.
    assert "payslips" not in note.text
    assert any("payslips" in n for n in note.notes)
