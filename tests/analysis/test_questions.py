"""Question detection and classification: forms, functions, topics, kinds and bad input."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.analysis.questions import (
    CALL_FUNCTION,
    FORMS,
    KINDS,
    TOPICS,
    DetectedQuestion,
    content_words,
    find_questions,
    is_call_check,
    kind_of,
    looks_english,
    opens_with_request,
    topic_of,
)

ROOT = Path(__file__).resolve().parents[2]


def stripped(text: str) -> str:
    """As ASR captions often arrive: no punctuation at all, lowercased."""
    joined = text.replace("'", "").replace("’", "")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]+", " ", joined)).strip().lower()


def counted(text: str) -> list[DetectedQuestion]:
    return [q for q in find_questions(text) if q.counts]


# --- forms, with and without punctuation -------------------------------------------------------

FORM_CASES = [
    ("What does the onboarding look like for new engineers?", "open"),
    ("How long has the team been working remotely?", "open"),
    ("Who would I be pairing with in the first few weeks?", "open"),
    ("Do you use feature flags for releases?", "closed"),
    ("Is there a budget for home office equipment?", "closed"),
    ("Could I ask how the team handles incidents?", "open"),
    ("Is the position based in Berlin or in Munich?", "choice"),
    ("Would I join the payments team or the identity team?", "choice"),
    ("Tell me about a project you led end to end.", "open"),
    ("I was wondering what the review process looks like.", "open"),
    ("I'd love to hear about how the product team sets priorities.", "open"),
    ("I'm curious whether the team does code reviews.", "closed"),
]


@pytest.mark.parametrize(("text", "form"), FORM_CASES)
def test_each_form_is_found_with_punctuation(text: str, form: str) -> None:
    found = counted(text)
    assert [q.form for q in found] == [form]


@pytest.mark.parametrize(("text", "form"), FORM_CASES)
def test_each_form_is_found_without_punctuation(text: str, form: str) -> None:
    found = counted(stripped(text))
    assert [q.form for q in found] == [form]


def test_tag_question_counts_and_covers_the_statement() -> None:
    text = "The deadline is pretty tight, isn't it?"
    (q,) = find_questions(text)
    assert (q.text, q.form, q.counts) == (text, "tag", True)


def test_tag_question_without_punctuation() -> None:
    (q,) = find_questions("that release went well didnt it")
    assert (q.form, q.counts) == ("tag", True)


def test_declarative_question_with_question_mark_counts() -> None:
    (q,) = find_questions("So the role is mostly front end?")
    assert (q.form, q.counts) == ("closed", True)


# --- backchannels and rhetorical questions ------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Really?", "Oh, really?", "Right?", "Oh yeah?", "Is that right?", "You did?", "Huh?"]
)
def test_backchannels_are_labelled_and_do_not_count(text: str) -> None:
    (q,) = find_questions(text)
    assert (q.function, q.counts) == ("backchannel", False)


@pytest.mark.parametrize(
    "text",
    [
        "We shipped it in two weeks, right?",
        "It's all about trust in the end, you know?",
        "Who doesn't love a clean test suite?",
        "Who knows, maybe it will work.",
    ],
)
def test_rhetorical_tags_and_questions_are_labelled_and_do_not_count(text: str) -> None:
    found = find_questions(text)
    assert found
    assert all(q.function == "rhetorical" and not q.counts for q in found)


def test_plain_agreement_is_not_reported_at_all() -> None:
    assert find_questions("Right.") == []
    assert find_questions("yeah") == []


# --- several questions in a turn ----------------------------------------------------------------


def test_two_questions_in_a_punctuated_turn() -> None:
    text = "That's really helpful. How big is the team? And who sets the roadmap?"
    assert [q.text for q in counted(text)] == ["How big is the team?", "who sets the roadmap?"]


def test_run_on_asr_text_gives_one_question_per_opening() -> None:
    text = "thats great what does the team look like and how do you measure success"
    found = counted(text)
    assert [q.text for q in found] == [
        "what does the team look like",
        "how do you measure success",
    ]
    assert [topic_of(q.text) for q in found] == ["day_to_day", "role"]


def test_three_run_on_questions() -> None:
    text = (
        "okay so how many people are on the team and is the role remote "
        "and when would you need someone to start"
    )
    assert len(counted(text)) == 3


def test_alternatives_joined_by_or_stay_one_choice_question() -> None:
    (q,) = counted("do you pay for certifications or is that up to me")
    assert q.form == "choice"


def test_a_false_start_joins_the_question_after_it() -> None:
    (q,) = counted("so have you, have you worked with Terraform before?")
    assert q.text == "have you, have you worked with Terraform before?"


# --- indirect questions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I was wondering what a typical day looks like.",
        "tell me about the last reorg",
        "I'd love to hear more about the mentoring program.",
        "I'm curious about how you split work across time zones.",
        "Walk me through how a feature goes from idea to production.",
        "one thing I'd like to understand is how on-call works",
        "Could you tell me a bit about the team's history?",
    ],
)
def test_indirect_questions_count(text: str) -> None:
    assert len(counted(text)) == 1
    assert len(counted(stripped(text))) == 1


# --- hard negatives -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What I did was rewrite the scheduler in Go.",
        "How we approached it was to split the monolith first.",
        "That is what I love about small teams.",
        "When I joined, we had no CI at all.",
        "Why I'm leaving is mostly about the commute.",
        "I asked them what they needed from the platform.",
        "I'm not sure how they priced it.",
        "Let me tell you about the outage we had.",
        "Can't complain, it's been a good quarter.",
        "Which is why we moved to Postgres.",
        "What happened was the vendor changed the API.",
        "It depends on what you mean by senior.",
        "I'd love to hear back from you either way.",
        "I'm curious to see how it turns out.",
        "What a great question.",
        "The problem is there were no tests.",
        "Would have been nice to have more time.",
        "Here's what I learned from it.",
    ],
)
def test_embedded_clauses_and_statements_do_not_fire(text: str) -> None:
    assert counted(text) == []
    assert counted(stripped(text)) == []


# --- precision: punctuation as evidence, pseudo-clefts, reported questions -----------------------

# Statements that read like questions. Each pins a false positive seen in the bundled examples or
# in SwDA train; none may count, with or without punctuation.
STATEMENTS = [
    # A pseudo-cleft with an auxiliary (examples/monologue_interview.vtt, a cue cut at a comma).
    "What had happened was Stripe had changed how their pagination worked for one of the "
    "endpoints,",
    "What we ended up doing was adding a dedup step before the merge.",
    "What I would say is that the team was too small for an on-call rotation.",
    "What would be great is a shorter feedback loop with the analysts.",
    # A question given as an example, then named as such (examples/monologue_interview.vtt).
    "Like, why is this number late, why does this table have duplicates, that kind of question.",
    "So is the dashboard wrong or is the data wrong, that was the question.",
    # Someone else's question, quoted.
    "My manager asked me, can you own the migration by the end of the quarter?",
    "And I was like, why would you page the whole team for that?",
    "She said, now, do you want to lead the reporting work or the pipelines?",
    # "well" after "really" is an adverb, not a boundary (examples/coffee_chat.txt).
    "And in practice, the people who do really well are the ones who can take a messy "
    "business question and answer it simply.",
    # Exclamations and agreement.
    "Oh, how nice.",
    "How interesting, I never thought of it that way.",
    "So do I.",
    # Looking for a word.
    "We moved everything to, what do you call it, a lakehouse, last spring.",
    "It was, uh, how shall I say it, a little chaotic at first.",
    "how should I put it,",
    # A clause, not a tag.
    "But I don't, you know, mind the on-call rotation much.",
]


@pytest.mark.parametrize("text", STATEMENTS)
def test_statements_that_look_like_questions_do_not_count(text: str) -> None:
    assert counted(text) == []
    assert counted(stripped(text)) == []


def test_a_question_reported_after_a_comma_does_not_count() -> None:
    # Without the comma ("... so slow she asked") the tail is not trusted: "do you know what
    # she asked" is a question.
    assert counted("Why was the job so slow, she asked.") == []
    assert len(counted("do you know what she asked")) == 1


@pytest.mark.parametrize(
    "text",
    [
        # Punctuated, ending with "." (examples/panel_interview.json): a hedge, not a question.
        "We snapshotted every column and it's now, what, something like forty million rows.",
        # A subject question after a boundary word, in a sentence ending with ".".
        "Great, and who decides what goes into the release after that.",
    ],
)
def test_a_period_in_punctuated_text_needs_strong_evidence(text: str) -> None:
    assert counted(text) == []
    # With "?" it is a question; and so it is for a transcriber whose periods mean nothing.
    assert len(counted(text[:-1] + "?")) == 1
    assert len([q for q in find_questions(text, punctuated=False) if q.counts]) == 1


@pytest.mark.parametrize(
    ("text", "form"),
    [
        # Strong evidence survives a period: a request, an inversion at the start, a tag.
        ("So, to start, why don't you just tell me a little bit about yourself.", "open"),
        ("Tell me about a time you handled a pipeline failure.", "open"),
        ("Can you walk me through the last incident.", "open"),
        ("I was wondering what the on-call rotation looks like.", "open"),
        ("Can you send me the slides.", "closed"),
        ("What are your salary expectations.", "open"),
        ("Do you use dbt for the transformations.", "closed"),
        ("What about the streaming side.", "open"),
        ("The deadline is pretty tight, isn't it.", "tag"),
    ],
)
def test_strong_questions_ending_with_a_period_still_count(text: str, form: str) -> None:
    assert [q.form for q in counted(text)] == [form]


@pytest.mark.parametrize(
    "text",
    [
        # Near misses of the rules above that are real questions.
        "What had happened to the old reporting team?",
        "How are decisions made here, is it pretty top down?",
        "Do you offer a learning budget, that kind of thing?",
        "Why does the pipeline have duplicates, is that a known issue?",
        "How many people work on the platform team?",
        "How come the migration took a year?",
        "Did you ever ask them about it?",
    ],
)
def test_true_questions_near_the_new_rules_still_count(text: str) -> None:
    assert counted(text)
    assert counted(stripped(text))


def test_reported_tail_keeps_a_question_after_it() -> None:
    text = "why is it late, that kind of question. So how do you debug that?"
    assert [q.text for q in counted(text)] == ["how do you debug that?"]


def test_word_search_is_not_a_question_but_the_question_around_it_is() -> None:
    text = "Do you use, what is it, Airflow for scheduling?"
    assert [q.text for q in counted(text)] == [text]


# --- topics and kinds ---------------------------------------------------------------------------

TOPIC_CASES = [
    ("What have you enjoyed most about working here?", "them"),
    ("How did you end up on this team yourself?", "them"),
    ("What is a typical day here like?", "day_to_day"),
    ("Who would I be working with day to day?", "day_to_day"),
    ("How has the company's strategy changed since the funding round?", "company"),
    ("How would you describe the culture?", "company"),
    ("What would you expect me to accomplish in the first 90 days?", "role"),
    ("How is success measured for this position?", "role"),
    ("Are there professional organizations you would recommend?", "growth"),
    ("Is there a mentoring program?", "growth"),
    ("What are the next steps in the process?", "next_steps"),
    ("When should I expect to hear back?", "next_steps"),
    ("What does the benefits package include?", "compensation"),
    ("How much parental leave is there?", "compensation"),
    ("Do you have any concerns about my experience?", "self"),
    ("Do you think I'd be a good fit?", "self"),
    ("Can you hear me all right?", "other"),
]


@pytest.mark.parametrize(("text", "topic"), TOPIC_CASES)
def test_topic_of(text: str, topic: str) -> None:
    assert topic_of(text) == topic
    assert topic_of(stripped(text)) == topic


KIND_CASES = [
    ("Tell me about a time you had to deal with a difficult coworker.", "behavioral"),
    ("Give me an example of a decision you regret.", "behavioral"),
    ("What's the difference between a list and a tuple in Python?", "technical"),
    ("How would you design a rate limiter?", "technical"),
    ("Why do you want to join a startup?", "motivational"),
    ("Where do you see yourself in three years?", "motivational"),
    ("What would you do if a release broke production on a Friday?", "situational"),
    ("How would you handle a stakeholder who keeps changing requirements?", "situational"),
    ("When would you be able to start?", "logistics"),
    ("Are you willing to relocate?", "logistics"),
    ("What are your salary expectations?", "logistics"),
    ("Do you have any questions for me?", "other"),
]


@pytest.mark.parametrize(("text", "kind"), KIND_CASES)
def test_kind_of(text: str, kind: str) -> None:
    assert kind_of(text) == kind
    assert kind_of(stripped(text)) == kind


def test_label_sets_are_closed() -> None:
    assert {topic_of(t) for t, _ in TOPIC_CASES} <= set(TOPICS)
    assert {kind_of(t) for t, _ in KIND_CASES} <= set(KINDS)
    texts = [t for t, _ in FORM_CASES]
    assert {q.form for t in texts for q in find_questions(t)} <= set(FORMS)


# --- content words and language -----------------------------------------------------------------


def test_content_words_drop_stopwords_and_plurals() -> None:
    assert content_words("How do the teams measure success?") == {"team", "measure", "success"}
    assert content_words("um, you know, I mean") == frozenset()


def test_content_words_show_a_follow_up() -> None:
    previous = "We moved the billing service to Kubernetes last year."
    follow_up = "How did the move to Kubernetes affect billing?"
    assert {"kubernete", "billing"} <= content_words(previous) & content_words(follow_up)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("What does a typical day look like for the team?", True),
        ("so um what do you like about it", True),
        ("um", True),
        ("", True),
        ("¿Cuál es el siguiente paso en el proceso de selección?", False),
        ("Wie sieht ein typischer Arbeitstag in diesem Team aus?", False),
        ("Quelles sont les prochaines étapes du processus ?", False),
        ("Какие следующие шаги?", False),
        ("次のステップは何ですか", False),
    ],
)
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [None, "", "   ", "um", "Um.", "...", "?", "??", "\n\n"])
def test_empty_and_filler_input_gives_no_counted_question(text: str | None) -> None:
    assert [q for q in find_questions(text) if q.counts] == []


def test_non_english_text_does_not_raise() -> None:
    for text in ["¿Qué hace el equipo?", "Was macht das Team?", "チームは何をしますか？"]:
        for q in find_questions(text):
            assert text[q.start : q.end] == q.text


def test_a_5000_word_run_on_turn_splits_into_its_questions() -> None:
    # Speed is measured in benchmarks/questions_eval.py ("a 5,000-word turn in ... ms"), not
    # here: a timed test fails on a busy machine. Here: every question is found, twice as many
    # in a turn twice as long, each one a span of the turn.
    sentence = "so what I did was I rebuilt the pipeline and how do you measure success "
    words = (sentence * 400).split()[:5000]
    turn = " ".join(words)
    found = find_questions(turn)
    assert len(found) >= 300
    assert all(turn[q.start : q.end] == q.text for q in found)
    double = find_questions(" ".join(words + words))
    assert len(double) in (2 * len(found), 2 * len(found) - 1, 2 * len(found) + 1)


# --- properties ---------------------------------------------------------------------------------

_speech = st.lists(
    st.sampled_from(
        "what how why who which do you is there could I and so um uh right ? . , ! really "
        "tell me about the team I was wondering if isn't it you know".split()
    )
    | st.text(max_size=8),
    max_size=40,
).map(" ".join)


@given(st.one_of(st.text(max_size=200), _speech))
def test_find_questions_never_raises_and_spans_are_ordered_substrings(text: str) -> None:
    found = find_questions(text)
    last_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.text.strip() == q.text and q.text
        assert q.start >= last_end
        last_end = q.end
        assert q.form in FORMS
        assert q.function in ("question", "backchannel", "rhetorical")


@given(st.text(max_size=200))
def test_classifiers_never_raise(text: str) -> None:
    assert topic_of(text) in TOPICS
    assert kind_of(text) in KINDS
    assert isinstance(looks_english(text), bool)
    assert all(w == w.lower() for w in content_words(text))


# --- the evaluation as a regression guard -------------------------------------------------------


def _load_eval():  # type: ignore[no-untyped-def]
    path = ROOT / "benchmarks" / "questions_eval.py"
    spec = importlib.util.spec_from_file_location("questions_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["questions_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_interview_eval_meets_the_targets(split: str) -> None:
    ev = _load_eval()
    rows = [r for r in ev.load_interview() if r.split == split]
    result = ev.evaluate_interview(rows)
    det = result["detection"]
    assert det["punctuated"]["f1"] >= 0.92
    assert det["stripped"]["f1"] >= 0.85
    assert result["topic"]["accuracy"] >= 0.80


def test_interview_eval_set_is_well_formed() -> None:
    ev = _load_eval()
    rows = ev.load_interview()
    assert len(rows) >= 250
    assert {r.split for r in rows} == {"dev", "test"}
    for r in rows:
        assert r.role in ("candidate", "interviewer")
        assert r.function in ("question", "backchannel", "rhetorical", "none")
        assert (r.questions > 0) == (r.function == "question")
        assert len(r.forms) == len(r.labels) == r.questions
        assert set(r.forms) <= set(FORMS)
        assert set(r.labels) <= set(TOPICS if r.role == "candidate" else KINDS)


# --- issue 15: short reciprocal questions, narration, musing, the call -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "And you?",
        "and you",
        "How about yourself?",
        "What about you?",
        "Anything else?",
        "Any others?",
        "Why not?",
        "You're Mr. Stevenson, right?",
        "So you started in 2019, right?",
    ],
)
def test_short_reciprocal_and_confirming_questions_count(text: str) -> None:
    assert len(counted(text)) == 1


def test_a_confirming_tag_on_the_listener_is_a_tag_question() -> None:
    (q,) = find_questions("You're Mr. Stevenson, right?")  # "Mr." does not end the sentence
    assert (q.text, q.form, q.function) == ("You're Mr. Stevenson, right?", "tag", "question")


@pytest.mark.parametrize(
    ("text", "function"),
    [("why not", "rhetorical"), ("It's a people business, right?", "rhetorical")],
)
def test_opinion_tags_and_bare_why_not_stay_rhetorical(text: str, function: str) -> None:
    assert [q.function for q in find_questions(text)] == [function]


def test_a_question_ends_where_the_story_goes_on() -> None:
    text = "how can you afford all of this and he said come I'll show you and he walked out"
    assert [q.text for q in counted(text)] == ["how can you afford all of this"]


@pytest.mark.parametrize(
    "text",
    [
        "and he said do you see that school over there",
        "so she goes are you coming or not",
        "one of the other subjects is do you think the economy will recover",
        "I wonder how much they paid for it, and then we drove to the airport.",
        "i wonder how much he paid for it and then he showed me the garage",
    ],
)
def test_reported_embedded_and_musing_questions_do_not_count(text: str) -> None:
    assert counted(text) == []


def test_i_wonder_at_the_end_of_a_turn_hands_the_question_over() -> None:
    assert len(counted("I wonder how many of the nurses have been here a long time.")) == 1
    assert len(counted("I wonder if you could tell me more about the team.")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Can you hear me?",
        "can you hear me okay",
        "Sorry, you're on mute.",
        "Can you see my screen?",
        "Is my audio coming through?",
        "I think you froze.",
        "Are you still there?",
    ],
)
def test_call_logistics_are_their_own_kind_and_never_count(text: str) -> None:
    found = find_questions(text)
    assert [q.function for q in found] == [CALL_FUNCTION]
    assert not any(q.counts for q in found)
    assert is_call_check(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can you see the problem with that design?",
        "Did you hear about the merger?",
        "were you there",
        # "cut out" with an object is about the work, not the connection.
        "Well, do you cut out your own patterns?",
    ],
)
def test_questions_that_mention_seeing_or_hearing_still_count(text: str) -> None:
    assert len(counted(text)) == 1


def test_requests_and_indirect_questions_are_recognised() -> None:
    assert opens_with_request("So, tell me about a time you disagreed with a manager.")
    assert opens_with_request("Could you walk me through the onboarding?")
    assert opens_with_request("I was wondering what the team is like.")
    assert not opens_with_request("Do you use Terraform here?")


@pytest.mark.parametrize(
    "text",
    [
        "So what" + "." * 100_000 + "x ok?",  # a run of dots with no blank after it
        "Shall " + "00, " * 25_000 + "we start?",  # one question with 25,000 commas
    ],
)
def test_long_runs_of_punctuation_are_read_in_linear_time(text: str) -> None:
    # Found by benchmarks/fuzz.py: 91 s and 24 s before (quadratic). The bound is the fuzzing
    # harness's per-input limit, 20 times what the linear code needs on a busy machine.
    import time

    began = time.process_time()
    find_questions(text)
    assert time.process_time() - began < 5.0
