"""Topic and kind cues across industries, and the learned model beside them (docs/questions.md)."""

from __future__ import annotations

import importlib.resources
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from twoway.analysis import _question_topics as qt
from twoway.analysis.question_networking import NETWORKING_TOPICS, networking_topic_of
from twoway.analysis.questions import KINDS, TOPICS, kind_of, topic_of

ROOT = Path(__file__).resolve().parents[2]


def stripped(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]+", " ", text.replace("'", ""))).strip().lower()


# Written for these tests, not taken from any data set.
KIND_CASES = [
    # technical: experience with a tool, software, procedure (the labelling guide in
    # docs/questions.md: how to do licensed work is technical, the licence held is logistics)
    ("What's your experience with SolidWorks?", "technical"),
    ("Are you familiar with ServSafe guidelines?", "technical"),
    ("Which scheduling software have you used at the front desk?", "technical"),
    ("How do you calibrate a pressure gauge?", "technical"),
    # logistics: availability, shifts, transportation, physical demands, start, relocation,
    # licences and certifications held
    ("Do you have your journeyman license?", "logistics"),
    ("Are you certified in medication administration?", "logistics"),
    ("Are you available to work Saturdays during tax season?", "logistics"),
    ("Can you work overnight shifts on the weekend?", "logistics"),
    ("Do you have reliable transportation to get to the warehouse?", "logistics"),
    ("This job involves lifting patients, is that okay for you?", "logistics"),
    ("How soon would you be able to start if we offered you the job?", "logistics"),
    ("Would you consent to a background check?", "logistics"),
    # situational: hypotheticals
    ("How would you handle a resident who refuses to take a shower?", "situational"),
    ("Imagine a shipment comes in short right before a big sale. What do you do?", "situational"),
    ("Suppose the client wants to cut the budget in half mid-project.", "situational"),
    ("What would you say to a guest who found a hair in their soup?", "situational"),
    # behavioral: past behavior and facts of past jobs
    ("Tell me about a time you had to handle a medication error.", "behavioral"),
    ("How many tables did you cover on a Friday night at your last job?", "behavioral"),
    ("Give me an example of a time you trained a new cashier.", "behavioral"),
    ("Describe a situation where you had to stop work for safety reasons.", "behavioral"),
    # motivational
    ("Why do you want to work for the county?", "motivational"),
    ("What drew you to pediatric dentistry?", "motivational"),
    ("Why law?", "motivational"),
    ("What made you want to apply to a small firm?", "motivational"),
    # other: small talk and stock questions with no kind
    ("Tell me a bit about yourself.", "other"),
    ("How would your former principal describe you?", "other"),
    ("Why should we hire you over the other applicants?", "other"),
    ("Did you find parking okay?", "other"),
]

TOPIC_CASES = [
    ("How long have you been at the hospital?", "them"),
    ("What got you into HVAC in the first place?", "them"),
    ("What does a typical shift look like in the ER?", "day_to_day"),
    ("How many students would I have in each class?", "day_to_day"),
    ("How has the firm changed since the merger?", "company"),
    ("Is the store planning to open new locations?", "company"),
    ("What would you want the new hire to focus on first?", "role"),
    ("What are the sales quotas for this territory?", "role"),
    ("Is there a mentorship program for new grads?", "growth"),
    ("Do you offer an apprenticeship for welders?", "growth"),
    ("Is there a skills test in the next round?", "next_steps"),
    ("When will I know whether I got the job?", "next_steps"),
    ("Is there a night shift differential?", "compensation"),
    ("Do servers here keep their own tips?", "compensation"),
    ("Is there anything about my resume that worries you?", "self"),
    ("Would my lack of hospital experience be a problem?", "self"),
    ("Sorry, could you repeat that?", "other"),
    # borderline cases the labelling guide decides
    ("Who would I be reporting to?", "role"),
    ("How much travel does the position involve?", "role"),
    ("Does the hospital offer tuition reimbursement?", "compensation"),
    ("What's the turnover been like on the unit?", "day_to_day"),
    ("What's the company's policy on remote work?", "company"),
    ("Is the team mostly remote?", "day_to_day"),
]


@pytest.mark.parametrize(("text", "kind"), KIND_CASES)
def test_kind_of_across_industries(text: str, kind: str) -> None:
    assert kind_of(text) == kind
    assert kind_of(stripped(text)) == kind


@pytest.mark.parametrize(("text", "topic"), TOPIC_CASES)
def test_topic_of_across_industries(text: str, topic: str) -> None:
    assert topic_of(text) == topic
    assert topic_of(stripped(text)) == topic


def test_domain_cue_beats_a_generic_frame() -> None:
    # "how would you" plus a procedure verb is a technical question, not a hypothetical.
    assert kind_of("How would you wire a GFCI outlet?") == "technical"
    assert kind_of("How would you handle a customer who wants a discount?") == "situational"
    # "have you ever" is behavioral unless it asks about using a tool.
    assert kind_of("Have you ever had to fire someone?") == "behavioral"
    assert kind_of("Have you ever used Kronos for scheduling?") == "technical"


def test_labels_are_closed() -> None:
    assert {kind_of(t) for t, _ in KIND_CASES} <= set(KINDS)
    assert {topic_of(t) for t, _ in TOPIC_CASES} <= set(TOPICS)
    assert set(qt.TOPIC_LABELS) == set(TOPICS)
    assert set(qt.KIND_LABELS) == set(KINDS)


def _models_only(classifier: qt.Combined, text: str) -> str:
    """The label the two models choose together when no cue fires."""
    floor = classifier.floor
    scores = {
        lab: classifier.weight * max(lp, floor)
        for lab, lp in classifier.model.log_posteriors(text).items()
    }
    assert classifier.words is not None
    words = classifier.words.log_posteriors(text)
    for lab, lp in (words or {}).items():
        scores[lab] += classifier.words_weight * max(lp, floor)
    return qt._best(scores)


def test_the_models_decide_without_a_cue_and_a_strong_cue_wins() -> None:
    topic, kind = qt._classifier("topic"), qt._classifier("kind")
    # No cue: the two models' combined most probable label.
    text = "How are the nurses getting along these days?"
    assert qt.rule_label(text, qt._TOPIC_RULES) == ""
    assert topic_of(text) == _models_only(topic, text)
    assert kind_of("Zebra quantum lighthouse?") == _models_only(kind, "Zebra quantum lighthouse?")
    # The models' pull is bounded (weights times floored log posteriors): cues and models vote,
    # and a defining cue keeps its label against models that merely lean elsewhere.
    assert (topic.weight + topic.words_weight) * -topic.floor <= 8.0
    assert kind_of("Have you ever used Kronos for scheduling?") == "technical"
    assert topic_of("Sorry, could you repeat that? The audio cut out.") == "other"
    # Follow-ups on the story just told stay behavioral (the labelling guide).
    assert kind_of("How did you measure whether the migration worked?") == "behavioral"


def test_the_word_vector_model_is_linear_in_the_mean_word_vector() -> None:
    words = qt._classifier("topic").words
    assert words is not None
    # A question with no known word gets no opinion.
    assert words.log_posteriors("zzqx qqzv") is None
    # softmax(bias + scale * mean of the known words' rows), unknown words ignored.
    text = "Would the hospital help me get my CCRN? zzqx"
    known = [w for w in qt._normalize(text).split() if w in words._index]
    assert "zzqx" not in known and "ccrn" in known
    width = len(words.labels)
    rows = [words._rows[words._index[w] * width : (words._index[w] + 1) * width] for w in known]
    z = [b + words.scale * sum(r[k] for r in rows) / len(rows) for k, b in enumerate(words.bias)]
    norm = math.log(sum(math.exp(x) for x in z))
    got = words.log_posteriors(text)
    assert got is not None
    for k, lab in enumerate(words.labels):
        assert got[lab] == pytest.approx(z[k] - norm)


def test_word_vectors_carry_meaning_beyond_the_training_words() -> None:
    # Words that no training question used still pull toward the label of their neighbours in
    # the embedding space: the point of the word-vector model.
    data = (ROOT / "benchmarks" / "data").glob("question_classes_train*.tsv")
    seen = set()
    for path in data:
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.update(qt._normalize(line).split())
    words = qt._classifier("topic").words
    assert words is not None
    cases = (
        ("salaries", "compensation"),
        ("pensions", "compensation"),
        ("seminars", "growth"),
        ("scholarships", "growth"),
        ("shareholders", "company"),
        ("bankruptcy", "company"),
    )
    checked = 0
    for word, label in cases:
        if word in seen:
            continue  # the case only proves something for an unseen word
        checked += 1
        got = words.log_posteriors(word)
        assert got is not None and max(got, key=got.__getitem__) == label, (word, got)
    assert checked >= 3


def test_subtle_phrasings() -> None:
    assert topic_of("I'm curious what the first few months usually look like") == "role"
    assert topic_of("so what got you into this line of work") == "them"
    assert topic_of("how's the team structured") == "day_to_day"
    assert topic_of("What's a typical day like for you as the store manager?") == "them"
    assert kind_of("do you see yourself staying in this field") == "motivational"


def test_the_model_file_ships_in_the_package() -> None:
    ref = importlib.resources.files("twoway.analysis").joinpath(qt.MODEL_FILE)
    raw = ref.read_bytes()
    assert len(raw) < 1024 * 1024
    data = json.loads(raw)
    assert data["format"] == 3 and set(data["topic"]["labels"]) == set(TOPICS)
    assert set(data["kind"]["labels"]) == set(KINDS)
    assert set(data["sources"]) == {"bank", "dev", "train", "train2", "train3", "train4", "train5"}


def test_the_model_file_is_rebuilt_byte_for_byte() -> None:
    script = ROOT / "benchmarks" / "train_question_classes.py"
    if not script.exists():
        pytest.skip("benchmarks/ not present")
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("name", "least", "industries", "per_label"),
    [
        ("question_classes_train.tsv", 400, 25, 15),
        ("question_classes_train2.tsv", 500, 40, 40),
        ("question_classes_train3.tsv", 800, 60, 45),
        ("question_classes_train4.tsv", 850, 70, 50),
        ("question_classes_train5.tsv", 600, 60, 30),
    ],
)
def test_training_sets_are_broad_and_balanced(
    name: str, least: int, industries: int, per_label: int
) -> None:
    path = ROOT / "benchmarks" / "data" / name
    if not path.exists():
        pytest.skip("benchmarks/ not present")
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith(("#", "role\t"))
    ]
    assert len(rows) >= least
    assert len({r[2] for r in rows} - {"general"}) >= industries
    for role, labels in (("candidate", TOPICS), ("interviewer", KINDS)):
        counts = {lab: sum(1 for r in rows if r[0] == role and r[1] == lab) for lab in labels}
        assert min(counts.values()) >= per_label, counts


# --- networking topics (issue 15): written for these tests, not taken from the blind set ---------

NETWORKING_CASES = [
    ("Is there anyone at your firm you think I should meet?", "referrals"),
    ("could you introduce me to your manager", "referrals"),
    ("Do you know anybody in clinical operations I could email?", "referrals"),
    ("What should I be doing right now to prepare for these roles?", "advice"),
    ("would you recommend getting an MBA first", "advice"),
    ("How can I make my application stand out?", "advice"),
    ("How do people typically move up in product?", "career_path"),
    ("what does the ladder look like from nurse to nurse manager", "career_path"),
    ("Is it common for engineers to switch into sales?", "career_path"),
    ("How did you get started in finance?", "their_story"),
    ("what do you like most about your work", "their_story"),
    ("What was your first job after school?", "their_story"),
    ("Where is the industry going with automation?", "industry"),
    ("how is the job market for designers right now", "industry"),
    ("What is the culture like at your company?", "company"),
    ("How was your trip?", "other"),
]


@pytest.mark.parametrize(("text", "topic"), NETWORKING_CASES)
def test_networking_topics(text: str, topic: str) -> None:
    assert networking_topic_of(text) == topic
    assert networking_topic_of(stripped(text)) == topic


def test_networking_topics_are_the_documented_ones() -> None:
    assert set(NETWORKING_TOPICS) == {
        "referrals", "advice", "career_path", "their_story", "industry", "company", "other"
    }  # fmt: skip
    assert {networking_topic_of(t) for t, _ in NETWORKING_CASES} <= set(NETWORKING_TOPICS)
