"""Thank-you notes: two things the recipient said, quoted verbatim; the promises made."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import twoway
from twoway.analysis import analyze
from twoway.analysis.result import PlanCoverage, PlannedQuestion, Suggestion
from twoway.errors import InputError, SpeakerError
from twoway.followup import Citation, ThankYouNote, draft_thank_you
from twoway.followup._quotes import second_person
from twoway.followup.commitments import Commitment
from twoway.model import Conversation, Turn

ROOT = Path(__file__).parents[2]

# An interview where Dana (the hiring manager) says what she enjoys, a challenge and a project,
# around small talk, questions to Alex and logistics that a note must not quote.
DANA = "Dana Lee"
ALEX = "Alex Rivera"
TURNS = (
    (DANA, "Hi Alex, thanks for joining. Can you tell me about yourself?"),
    (
        ALEX,
        "Sure. I build batch pipelines in Airflow at a retailer, and I moved our reporting "
        "to dbt last year.",
    ),
    (
        DANA,
        "Great. Right now the team is migrating the nightly batch jobs to Kafka, and the "
        "streaming migration touches about forty dashboards.",
    ),
    (ALEX, "What have you enjoyed most about working here?"),
    (
        DANA,
        "Honestly, I love that the data platform team gets to pick its own tools. We moved "
        "from cron to Airflow in 2023 and nobody had to wait for permission.",
    ),
    (ALEX, "That sounds great. What is the hardest part of the job right now?"),
    (
        DANA,
        "Good question. The hardest part is on-call: schema changes from the product teams "
        "still break our pipelines about twice a month.",
    ),
    (ALEX, "How does the team handle that?"),
    (DANA, "We have runbooks. Our recruiter will reach out this week to schedule the next round."),
    (ALEX, "Thank you, Dana, I really enjoyed this."),
    (DANA, "Likewise, Alex. Talk to you soon."),
)


def _conversation(turns: tuple[tuple[str, str], ...] = TURNS) -> Conversation:
    out, t = [], 0.0
    for speaker, text in turns:
        length = 0.4 * len(text.split())
        out.append(Turn(speaker, t, t + length, text))
        t += length + 0.5
    return Conversation(tuple(out), source="dana.txt")


def _their_text(conversation: Conversation, name: str) -> str:
    return " ".join(t.text for t in conversation.turns_of(name) if t.text)


@pytest.fixture
def conversation() -> Conversation:
    return _conversation()


def test_the_best_hook_is_quoted_verbatim_alone(conversation: Conversation) -> None:
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), "dana")
    assert note.recipient == DANA
    # By the rules of docs/follow-up.md ("Hooks"): the challenge answers Alex's question (+3,
    # +1 as the first sentence of the answer), is a challenge (+5) and says what is hardest
    # (+2). The plan ("the team is migrating ... to Kafka") is of another kind but more than 2
    # points behind, so one well-chosen quote is the note's.
    assert [c.why for c in note.citations] == ["a challenge they mentioned"]
    assert (
        "I appreciated how candid you were about the challenges: “The hardest part is on-call: "
        "schema changes from the product teams still break our pipelines about twice a month.”"
    ) in note.text
    for citation in note.citations:
        assert citation.quote in _their_text(conversation, DANA)


def test_without_the_plan_only_the_challenge_is_quoted() -> None:
    # What she enjoys (11 points) is well below the challenge (16): one well-chosen quote reads
    # better than a second, weaker one, so it is left out.
    without_migration = tuple(t for t in TURNS if "Kafka" not in t[1])
    conversation = _conversation(without_migration)
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), DANA)
    assert [c.why for c in note.citations] == ["a challenge they mentioned"]
    assert "I love that the data platform team" not in note.text
    assert (
        "I appreciated how candid you were about the challenges: “The hardest part is on-call: "
        "schema changes from the product teams still break our pipelines about twice a month.” "
        "I also valued the chance to learn more about your work" in note.text
    )
    assert note.notes == ()  # one good quote is enough: nothing to add before sending


def test_the_note_has_a_salutation_and_a_sign_off(conversation: Conversation) -> None:
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), DANA)
    assert note.text.startswith("Hi Dana,\n\n")
    assert note.text.endswith("Best regards,\nAlex\n")
    assert MIN_WORDS <= note.words <= MAX_WORDS
    assert note.open_question is None  # no plan and no suggestion
    assert "hear more about" not in note.text
    assert note.notes == ()


MIN_WORDS, MAX_WORDS = 100, 200


def test_small_talk_logistics_and_questions_are_never_quoted(conversation: Conversation) -> None:
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), DANA)
    quoted = " ".join(c.quote for c in note.citations)
    for never in ("thanks for joining", "recruiter", "Talk to you soon", "tell me about"):
        assert never not in quoted


def test_the_same_input_gives_the_same_note(conversation: Conversation) -> None:
    analysis = analyze(conversation, me="Alex")
    first = draft_thank_you(conversation, analysis, DANA, company="Acme")
    again = draft_thank_you(
        _conversation(), analyze(_conversation(), me="Alex"), DANA, company="Acme"
    )
    assert first == again


def test_company_role_and_sender_are_used(conversation: Conversation) -> None:
    note = draft_thank_you(
        conversation,
        analyze(conversation, me="Alex"),
        DANA,
        sender="Alexandra Rivera",
        company="Acme Logistics",
        role="Data Engineer",
    )
    assert "about the Data Engineer role at Acme Logistics." in note.text
    assert "the chance to join Acme Logistics." in note.text
    assert note.text.endswith("Best regards,\nAlexandra\n")


def test_the_open_question_comes_from_the_analysis_suggestions_first(
    conversation: Conversation,
) -> None:
    analysis = analyze(conversation, me="Alex")
    suggestion = Suggestion(
        "You said: “We have runbooks.” Could you tell me more about that?",
        "We have runbooks.",
        "Dana raised this themselves.",
    )
    note = draft_thank_you(
        conversation, dataclasses.replace(analysis, suggestions=(suggestion,)), DANA
    )
    assert note.open_question == suggestion.text
    # A suggestion is a quote and a question: it stays in the markdown, not in the email.
    assert "runbooks" not in note.text
    assert f"- {suggestion.text}" in note.markdown


def test_without_suggestions_a_planned_question_not_asked_is_left_open(
    conversation: Conversation,
) -> None:
    # No "me" and no sender: no follow-up suggestions can be made, so the plan is used; the
    # pay question is skipped (it does not belong in a thank-you note), the asked one too.
    plan = PlanCoverage(
        "plan.json",
        (
            PlannedQuestion("What have you enjoyed most?", "them", True, "What have you...", 95),
            PlannedQuestion("What is the salary range?", "compensation", False, None, 20),
            PlannedQuestion("How do people grow on the team?", "growth", False, None, 30),
        ),
    )
    analysis = dataclasses.replace(analyze(conversation), plan=plan)
    note = draft_thank_you(conversation, analysis, DANA)
    assert note.open_question == "How do people grow on the team?"
    assert "I'd love to hear more about how people grow on the team next time." in note.text
    assert note.text.endswith("Best regards,\n[Your name]\n")


def test_markdown_lists_the_quotes_with_their_times(conversation: Conversation) -> None:
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), DANA)
    assert note.markdown.startswith("## Thank-you note\n\nHi Dana,\n\n")
    assert "### What Dana said that it quotes" in note.markdown
    assert "Best regards,  \nAlex" in note.markdown
    first = note.citations[0]
    assert first.start_s is not None
    minutes, seconds = divmod(round(first.start_s), 60)
    listed = f"- {minutes}:{seconds:02d} “{first.quote}” (a challenge they mentioned)"
    assert listed in note.markdown


def test_networking_notes_talk_about_their_work_not_a_role() -> None:
    conversation = _conversation()
    note = draft_thank_you(conversation, analyze(conversation, me="Alex", mode="networking"), DANA)
    assert "talk with me about your work." in note.text
    assert "role" not in note.text
    # The closing says "stay in touch" once, not in two sentences in a row.
    assert note.text.count("stay in touch") == 1
    assert "Thanks again for being so generous with your time.\n" in note.text
    assert MIN_WORDS <= note.words <= MAX_WORDS


# -- the bundled balanced interview ---------------------------------------------------------


@pytest.fixture(scope="module")
def balanced() -> tuple[Conversation, ThankYouNote]:
    conversation = twoway.load(ROOT / "examples" / "balanced_interview.vtt")
    analysis = twoway.analyze(conversation, me="Priya")
    return conversation, draft_thank_you(conversation, analysis, "Marcus")


def test_balanced_example_quotes_what_marcus_enjoys(
    balanced: tuple[Conversation, ThankYouNote],
) -> None:
    conversation, note = balanced
    assert note.recipient == "Marcus Chen"
    marcus = _their_text(conversation, "Marcus Chen")
    assert len(note.citations) == 1
    for citation in note.citations:
        assert citation.quote in marcus
        assert f"“{citation.quote}" in note.text
        assert citation.start_s is not None
    # His answer to "What have you enjoyed most about working here?" (which I love), starting
    # in the cue at 10:34.982.
    assert note.citations[0] == Citation(
        "Here, because the whole company sells analytics, people take the numbers seriously "
        "and they argue with them, which I love.",
        634.982,
        "what they enjoy",
    )


def test_balanced_example_fits_the_length(balanced: tuple[Conversation, ThankYouNote]) -> None:
    _, note = balanced
    assert note.text.startswith("Hi Marcus,")
    assert note.text.endswith("Best regards,\nPriya\n")
    assert MIN_WORDS <= note.words <= MAX_WORDS
    assert note.notes == ()


# -- edge cases -----------------------------------------------------------------------------


def test_a_recipient_who_is_not_here_is_an_error_listing_the_speakers(
    conversation: Conversation,
) -> None:
    with pytest.raises(SpeakerError) as error:
        draft_thank_you(conversation, analyze(conversation, me="Alex"), "Zed")
    assert str(error.value) == (
        "recipient 'Zed' is not a speaker here; speakers: Dana Lee, Alex Rivera"
    )
    assert error.value.speakers == (DANA, ALEX)


def test_a_note_to_yourself_is_an_error(conversation: Conversation) -> None:
    with pytest.raises(SpeakerError) as error:
        draft_thank_you(conversation, analyze(conversation, me="Alex"), "alex")
    assert str(error.value) == "recipient 'alex' is you (--me); the note goes to one of: Dana Lee"


def test_timing_only_transcripts_cannot_have_a_note() -> None:
    rttm = Conversation(
        (Turn("spk1", 0.0, 5.0), Turn("spk2", 5.5, 9.0)), source="call.rttm", format="rttm"
    )
    with pytest.raises(InputError) as error:
        draft_thank_you(rttm, analyze(rttm, me="spk2"), "spk1")
    assert str(error.value) == (
        "call.rttm: the transcript has no words (timing only), so there is nothing to quote in "
        "a thank-you note; use a transcript with text"
    )


def test_a_recipient_who_said_little_gets_an_honest_generic_note() -> None:
    quiet = _conversation(
        (
            (DANA, "Hi Alex. Tell me about yourself."),
            (
                ALEX,
                "I build batch pipelines in Airflow at a retailer and moved our reporting to "
                "dbt last year, which cut the nightly run from four hours to one.",
            ),
            (DANA, "Great, thanks."),
            (ALEX, "What does a typical day look like on the team?"),
            (DANA, "Oh, it varies a lot."),
        )
    )
    note = draft_thank_you(quiet, analyze(quiet, me="Alex"), DANA)
    assert note.citations == ()
    assert note.notes[0] == (
        "Dana said nothing specific enough to quote back (13 words in all): this part of the "
        "note is generic; add something they said before sending"
    )
    assert "I valued the chance to learn more about your work" in note.text
    assert MIN_WORDS <= note.words <= MAX_WORDS


def test_a_label_instead_of_a_name_gets_a_placeholder_salutation() -> None:
    turns = tuple(("SPEAKER_00" if s == DANA else "SPEAKER_01", text) for s, text in TURNS)
    conversation = _conversation(turns)
    note = draft_thank_you(conversation, analyze(conversation, me="SPEAKER_01"), "SPEAKER_00")
    assert note.text.startswith("Hi [Their name],")
    assert note.text.endswith("Best regards,\n[Your name]\n")
    assert "put their name in the salutation" in note.notes[0]


# -- retelling ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "retold"),
    [
        ("I'm proud of how we run on-call.", "you're proud of how you run on-call"),
        ("Um, so we just reorganized the team.", "you just reorganized the team"),
        ("I was worried about it, but it worked.", "you were worried about it, but it worked"),
        ("Our PMs love it, uh, more than I expected.", "your PMs love it, more than you expected"),
        ("The team is great here.", "the team is great there"),
        ("Kafka is the backbone of our platform.", "Kafka is the backbone of your platform"),
        (
            "Yeah, the period comparison is a known pain point, the team is working on it.",
            "the period comparison is a known pain point, and the team is working on it",
        ),
        (
            "Because we ship weekly, the team is always busy.",
            "because you ship weekly, the team is always busy",
        ),
    ],
)
def test_second_person(said: str, retold: str) -> None:
    assert second_person(said, {"Kafka"}) == retold


def test_a_quote_without_its_leading_yeah_is_still_verbatim() -> None:
    turns = tuple(
        (speaker, text.replace("The hardest part", "Yeah, so the hardest part"))
        for speaker, text in TURNS
        if "Kafka" not in text
    )
    conversation = _conversation(turns)
    note = draft_thank_you(conversation, analyze(conversation, me="Alex"), DANA)
    assert note.citations[0].quote == (
        "the hardest part is on-call: schema changes from the product teams still break our "
        "pipelines about twice a month."
    )
    assert note.citations[0].quote in _their_text(conversation, DANA)


def test_the_sample_in_the_docs_is_real() -> None:
    docs = (ROOT / "docs" / "follow-up.md").read_text(encoding="utf-8")
    sample = docs.split("<!-- sample: balanced_interview.vtt Marcus -->\n```text\n", 1)[1]
    sample = sample.split("```", 1)[0]
    conversation = twoway.load(ROOT / "examples" / "balanced_interview.vtt")
    note = draft_thank_you(
        conversation,
        twoway.analyze(conversation, me="Priya"),
        "Marcus",
        company="Northwind Analytics",
        role="Product Analyst",
    )
    assert note.text == sample
    assert f"{note.words} words." in docs


@pytest.mark.parametrize(
    ("action", "offered"),
    [
        # The clause "I built when I was ..." would need its verb changed: cut before it.
        (
            "send you the link to the portfolio I built when I was switching",
            "send me the link to the portfolio",
        ),
        ("intro you to my old manager", "intro me to your old manager"),
        (
            "have Rico take you on a ride-along next week",
            "have Rico take me on a ride-along next week",
        ),
        ("send you what I have", None),
        # A second subject, "you two", or a pronoun with nothing to refer to: left out.
        ("text you my schedule tonight and you pick a day", None),
        ("connect you two over email this week", None),
        ("dig up the sign-up link for the one the state society runs", None),
        ("ask the terminal manager about it", None),
        # An aside after a comma is their words, not part of the offer.
        (
            "put your name in for a ride-along with Dennis, my night sup, probably next week",
            "put my name in for a ride-along with Dennis",
        ),
        (
            "dig up the contact for the ATA study group, there's one that meets on Zoom",
            "dig up the contact for the ATA study group",
        ),
        ("have my HR generalist, Paulette email you", None),
    ],
)
def test_an_offer_is_retold_without_rewriting_a_clause(action: str, offered: str | None) -> None:
    from twoway.followup.thankyou import _offered

    assert _offered(action) == offered


def _recruiter_call(*turns: tuple[str, str]) -> Conversation:
    return Conversation(
        turns=tuple(Turn(speaker=sp, start=None, end=None, text=t) for sp, t in turns),
        source="call.txt",
    )


def test_logistics_titles_stage_directions_and_the_opening_line_are_never_quoted() -> None:
    call = _recruiter_call(
        ("Nina Park", "Hi Derek, I'm calling about the Claims Adjuster opening in Tampa."),
        ("Derek Hale", "Great, thanks for calling. What does the team work on?"),
        (
            "Nina Park",
            "I've been the claims manager here going on eight years. We're open six-thirty to "
            "six. (laughs) The hiring manager runs the Gulf Coast property unit. Shifts are a "
            "2-2-3 rotation, twelve-hour shifts. For Spanish legal, we pay twelve to fourteen "
            "cents a word. We had an audit finding last year, an FDA 483, on one trial. We're "
            "rebuilding our hurricane triage model so adjusters reach flooded homes in two days.",
        ),
        ("Derek Hale", "That sounds great."),
    )
    note = draft_thank_you(call, analyze(call, me="Derek Hale"), "Nina")
    assert [c.quote for c in note.citations] == [
        "We're rebuilding our hurricane triage model so adjusters reach flooded homes in two days."
    ]


def test_a_hiring_step_is_not_thanked_as_a_favour() -> None:
    from twoway.followup.thankyou import _promise_sentences

    def offer(action: str) -> Commitment:
        return Commitment(
            "Beth", "Fatima", action, None, "promise", action.split()[0], action, "Beth", None
        )

    out, _ = _promise_sentences([], [offer("follow up with your references this week")])
    assert not any("grateful" in o for o in out)
    out, _ = _promise_sentences([], [offer("introduce you to Maritza")])
    assert out == ["I'm grateful for your offer to introduce me to Maritza."]
