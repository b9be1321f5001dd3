"""Commitments: who owes what to whom, and by when; hooks; what is never quoted."""

from __future__ import annotations

import pytest

from twoway.followup import find_commitments, find_hooks, is_sensitive, topics_raised
from twoway.followup.commitments import swap_person
from twoway.model import Conversation, Turn


def _talk(*lines: tuple[str, str]) -> Conversation:
    turns, t = [], 0.0
    for speaker, text in lines:
        turns.append(Turn(speaker, t, t + 5.0, text))
        t += 6.0
    return Conversation(tuple(turns), source="talk.txt")


CHAT = _talk(
    ("Jo", "How did you get into forecasting?"),
    (
        "Sam",
        "I started as an analyst at an insurance company. We just moved the whole forecasting "
        "pipeline to dbt, which made testing the data so much easier.",
    ),
    ("Jo", "I built a small model of bike-share demand for my capstone."),
    ("Sam", "Oh nice, send me the project, I'd like to see it."),
    ("Jo", "I will, thank you! Is there anyone else I should talk to?"),
    ("Sam", "I'll be honest, it's a small team. I'll introduce you to Omar by Friday."),
    ("Jo", "Would you be open to looking at my resume?"),
    ("Sam", "Sure, happy to."),
)


def test_promises_requests_and_accepted_questions_are_found() -> None:
    found = [(c.by, c.to, c.action, c.due, c.kind) for c in find_commitments(CHAT, "Jo")]
    assert found == [
        # "send me the project" said by Sam: Jo owes it, in Jo's voice.
        ("Jo", "Sam", "send you the project", None, "request"),
        # "I'll be honest" is said for now, not owed later.
        ("Sam", "Jo", "introduce you to Omar by Friday", "by Friday", "promise"),
        ("Sam", "Jo", "look at your resume", None, "request"),
    ]


def test_in_conversation_acts_and_declined_requests_are_not_commitments() -> None:
    talk = _talk(
        ("Ann", "Let me tell you about the team. I'll give you a quick overview."),
        ("Bo", "Could you send me the slides?"),
        ("Ann", "Sorry, they are confidential."),
        ("Ann", "Let me know if you have questions. I'll write it with a timer."),
    )
    assert find_commitments(talk, "Bo") == ()


def test_it_is_resolved_from_what_the_other_person_asked_for() -> None:
    talk = _talk(
        ("Jas", "Would you mind sending me the slides?"),
        ("Pete", "Sure, I'll send them after the call."),
    )
    (c,) = find_commitments(talk, "Jas")
    assert (c.by, c.action, c.due) == ("Pete", "send the slides after the call", "after the call")


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("send me your portfolio by Thursday", "send you my portfolio by Thursday"),
        ("put you in touch with my manager", "put me in touch with your manager"),
        ("send you the paper we wrote", "send me the paper you wrote"),
    ],
)
def test_swap_person(said: str, heard: str) -> None:
    assert swap_person(said) == heard


def test_hooks_are_verbatim_ranked_and_never_private() -> None:
    talk = _talk(
        ("Ann", "What are you working on?"),
        (
            "Bo",
            "We're rebuilding the mortgage application from scratch this year. I was going "
            "through a divorce when I joined, so I needed a steadier job. It had forty screens.",
        ),
    )
    hooks = find_hooks(talk, "Bo", "Ann")
    assert [(h.quote, h.kind) for h in hooks] == [
        ("We're rebuilding the mortgage application from scratch this year.", "plan")
    ]
    # The divorce is private; "It had forty screens." leans on what came before.
    assert hooks[0].answers == "What are you working on?"
    assert topics_raised(talk, "Bo", "Ann") == (hooks[0].quote,)


@pytest.mark.parametrize(
    "text",
    [
        "For this level it's seventy to eighty-two, plus a bonus target of ten percent.",
        "I had surgery last spring.",
        "My daughter was born in March.",
        "I'm on a visa, so I'd need sponsorship.",
        "I'm sixty-one.",
        "Between us, we have about four months of runway.",
    ],
)
def test_sensitive_details(text: str) -> None:
    assert is_sensitive(text)


def test_work_details_are_not_sensitive() -> None:
    assert not is_sensitive("We serve about nine thousand families a month now.")
    assert not is_sensitive("I'm pretty sure our customer base doubled.")
    assert is_sensitive("Around eighty-five.", answers="And the range?")


# Any first-person future verb is a commitment (docs/follow-up.md, "Commitments"), not only the
# follow-up verbs; each line is a shape, with its decoys below.
@pytest.mark.parametrize(
    ("said", "action", "due"),
    [
        (
            "I'll have HR reach out about the site visit by Wednesday.",
            "have HR reach out about the site visit by Wednesday",
            "by Wednesday",
        ),
        (
            "I'll bring my welding certificate when I come in.",
            "bring my welding certificate when I come in",
            "when I come in",
        ),
        (
            "I'm going to do the free trial and send you a draft in a couple weeks.",
            "do the free trial and send you a draft in a couple weeks",
            "in a couple weeks",
        ),
        ("Okay, I'll put your name in with Marisol.", "put your name in with Marisol", None),
        (
            "We'll let all the finalists know by the end of next week.",
            "let all the finalists know by the end of next week",
            "by the end of next week",
        ),
        (
            "If your director agrees, I'll get you a seat at the March training.",
            "get you a seat at the March training",
            None,
        ),
        (
            "I'll call you Monday afternoon after I talk to the owner.",
            "call you Monday afternoon after I talk to the owner",
            "Monday afternoon",
        ),
        ("Okay, then I'll be there.", "be there", None),
    ],
)
def test_any_first_person_future_deed_is_a_commitment(said: str, action: str, due: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Thank you."))
    found = [(c.by, c.action, c.due) for c in find_commitments(talk, "Jo")]
    assert found == [("Sam", action, due)]


@pytest.mark.parametrize(
    "said",
    [
        "I'll be honest, the hours are long.",
        "I'm going to grab a coffee before we start.",
        "So I'll give you the quick version of the team.",
        "I'll take that as a compliment.",
        "I can't promise anything, but I'll try.",
        "Maybe I'll reach out to them next year.",
        "If I say I'll get the trucks out by Friday, I get them out by Friday.",
        "My manager said she'd set up the tour.",
        "I sent those to the recruiter last week.",
        "Will you be at the conference dinner?",
        "We're going to hire three more nurses in the spring.",
        "Sure, send them.",
        "Email me.",
    ],
)
def test_talk_hedges_reports_and_plans_are_not_commitments(said: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Okay."))
    assert find_commitments(talk, "Jo") == ()


def test_a_request_with_a_promise_owes_both_ways_only_when_the_listener_says_so() -> None:
    # "Send it over, I'll look at it": the sending is the condition of the promise; the
    # listener owes it when they say they will ("I will, thanks!"), not for a "Thanks!".
    said = ("Sam", "Send it over, I'll look at it this weekend.")
    found = [
        (c.by, c.action, c.kind)
        for c in find_commitments(_talk(said, ("Jo", "I will, thanks!")), "Jo")
    ]
    assert found == [
        ("Jo", "send it over", "request"),
        ("Sam", "look at it this weekend", "promise"),
    ]
    found = [
        (c.by, c.action, c.kind) for c in find_commitments(_talk(said, ("Jo", "Thanks!")), "Jo")
    ]
    assert found == [("Sam", "look at it this weekend", "promise")]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("We restructured in June and we let Dana Ortiz go.", "private"),
        ("Pat Lee's position was eliminated in the spring.", "private"),
        ("I took about a twenty percent pay cut the first year.", "compensation"),
        ("It pays thirty-one an hour to start.", "compensation"),
        ("I'm on an H-1B, so I'd need a transfer.", "immigration"),
        ("I'm fasting for Ramadan this month.", "identity"),
        ("My blood counts have been low since the treatment.", "health"),
        ("I'm a single dad, so mornings are hard.", "family"),
        ("I switched careers at forty-four.", "age"),
    ],
)
def test_layoffs_pay_and_private_details_are_sensitive(text: str, family: str) -> None:
    from twoway.followup.sensitive import sensitive_reason

    assert sensitive_reason(text) == family


@pytest.mark.parametrize(
    ("said", "action", "due"),
    [
        # "expect an email from me": the speaker owes the email.
        (
            "You can expect an email from me tonight with the full plan.",
            "email you tonight with the full plan",
            "tonight",
        ),
        # "... from Colleen in our HR": the speaker owes having her send it.
        (
            "Expect an email from Colleen in our HR by Thursday with the link.",
            "have Colleen in our HR email you by Thursday with the link",
            "by Thursday",
        ),
        (
            "Count on me to send the samples within the hour.",
            "send the samples within the hour",
            "within the hour",
        ),
        (
            "You can count on me to get you a sample letter by next Friday.",
            "get you a sample letter by next Friday",
            "by next Friday",
        ),
        ("I'll make sure Ravi sees them today.", "make sure Ravi sees them today", "today"),
        (
            "And let me loop in Ngozi, our grants manager.",
            "loop in Ngozi, our grants manager",
            None,
        ),
        (
            "I'm going to set you up with a ride-along next week.",
            "set you up with a ride-along next week",
            "next week",
        ),
        (
            "I'm going to put together a plan and send it over.",
            "put together a plan and send it over",
            None,
        ),
        (
            "But I'm going to talk to my super about a shadow day.",
            "talk to my super about a shadow day",
            None,
        ),
        # An invitation with a time makes "I'll walk you through" a later deed, due then.
        (
            "Come out Thursday and I'll walk you through the pour.",
            "walk you through the pour",
            "Thursday",
        ),
    ],
)
def test_promise_families(said: str, action: str, due: str | None) -> None:
    talk = _talk(("Sam", said), ("Jo", "Thank you."))
    found = [(c.by, c.to, c.action, c.due, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [("Sam", "Jo", action, due, "promise")]


@pytest.mark.parametrize(
    "said",
    [
        "We'll make sure of that.",
        "I'll walk you through the role.",  # said for now: no invitation, no time
        "I'll talk to you soon.",
        "Expect a lot of questions from the panel.",
    ],
)
def test_near_misses_of_the_promise_families_are_not_commitments(said: str) -> None:
    talk = _talk(("Sam", said), ("Jo", "Okay."))
    assert find_commitments(talk, "Jo") == ()


def test_a_step_towards_a_promise_is_one_commitment_with_it() -> None:
    talk = _talk(
        ("Sam", "Let me loop in Dana, and we'll get back to you by Friday with a time."),
        ("Jo", "Great."),
    )
    found = [(c.action, c.due) for c in find_commitments(talk, "Jo")]
    assert found == [("loop in Dana and get back to you by Friday with a time", "by Friday")]


def test_a_request_answered_with_a_promise_is_owed_once_as_the_promise() -> None:
    talk = _talk(
        ("Sam", "Could you send me a couple of samples you've done?"),
        ("Jo", "Yes. Count on me to send the redacted samples within the hour."),
        ("Sam", "And send me three clips."),
        ("Jo", "Yes, I'll send them tonight."),
    )
    found = [(c.by, c.action, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [
        ("Jo", "send the redacted samples within the hour", "promise"),
        ("Jo", "send the three clips tonight", "promise"),
    ]


def test_a_bare_go_ahead_to_an_offer_is_not_a_request() -> None:
    talk = _talk(
        ("Jo", "I'm going to email you the list of programs I'm looking at."),
        ("Sam", "Send it."),
    )
    found = [(c.by, c.action, c.kind) for c in find_commitments(talk, "Jo")]
    assert found == [("Jo", "email you the list of programs I'm looking at", "promise")]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("I burned out hard my fourth year.", "health"),
        ("I got hurt in 2019, two herniated discs.", "health"),
        ("We just lost six people in the November buyouts.", "private"),
        ("We had a caseworker assaulted on a home visit last year.", "private"),
        ("We're being sued by the county over the series.", "private"),
        ("I had a guy in my class who was forty-four.", "age"),
    ],
)
def test_more_sensitive_cues(text: str, family: str) -> None:
    from twoway.followup.sensitive import sensitive_reason

    assert sensitive_reason(text) == family


# The rules added after blind set 5 (docs/follow-up.md, "Commitments"); each with its decoys.


def _found(*lines: tuple[str, str], me: str = "Jo") -> list[tuple[str, str, str | None, str]]:
    return [(c.by, c.action, c.due, c.kind) for c in find_commitments(_talk(*lines), me)]


@pytest.mark.parametrize(
    ("said", "by", "action", "due"),
    [
        (
            "Priya Natarajan from our recruiting team will email you the offer details by Friday.",
            "Priya Natarajan",
            "email you the offer details by Friday",
            "by Friday",
        ),
        (
            "Our coordinator, Tomás Reyes, will call you tomorrow to book the site visit.",
            "Tomás Reyes",
            "call you tomorrow to book the site visit",
            "tomorrow",
        ),
        (
            "And Wendell Park in payroll is gonna send you the direct deposit form today.",
            "Wendell Park",
            "send you the direct deposit form today",
            "today",
        ),
        (
            "Bettina Cole in HR will be in touch within ten days with the decision.",
            "Bettina Cole",
            "be in touch within ten days with the decision",
            "within ten days",
        ),
    ],
)
def test_a_named_third_party_owes_what_the_speaker_says_they_will_do(
    said: str, by: str, action: str, due: str
) -> None:
    assert _found(("Sam", said), ("Jo", "Great, thanks.")) == [(by, action, due, "reported")]


def test_a_third_party_named_by_first_name_gets_their_full_name() -> None:
    found = _found(
        ("Sam", "Helen Okafor runs our apprenticeship intake. Helen will send you the forms."),
        ("Jo", "Brilliant."),
    )
    assert found == [("Helen Okafor", "send you the forms", None, "reported")]


def test_hearing_from_someone_is_owed_by_them_or_by_the_speaker() -> None:
    # A named person owes it; a team or a role is the speaker's to arrange.
    assert _found(("Sam", "You'll hear from Dana Whitfield next week."), ("Jo", "Okay.")) == [
        ("Dana Whitfield", "get in touch with you next week", "next week", "reported")
    ]
    assert _found(
        ("Sam", "You'll hear from our scheduling team to book the panel."), ("Jo", "Okay.")
    ) == [("Sam", "have our scheduling team get in touch to book the panel", None, "promise")]
    assert _found(
        ("Sam", "You should hear from me by Friday, at the latest, about the second round."),
        ("Jo", "Perfect."),
    ) == [
        ("Sam", "get back to you by Friday, at the latest", "by Friday, at the latest", "promise")
    ]


@pytest.mark.parametrize(
    "said",
    [
        "The Admissions Office will send you a confirmation letter.",  # not a person
        "If she decides to go ahead, Marta Quinn will send you a contract.",  # an open outcome
        'My old boss told me, "Kevin will call you next week," and he never did.',  # reported
        "She said she'd add you to the mailing list.",  # reported, and not named
    ],
)
def test_third_parties_that_owe_nothing_yet(said: str) -> None:
    assert _found(("Sam", said), ("Jo", "Okay.")) == []


@pytest.mark.parametrize(
    "said",
    [
        "I can get you a pass for the trade show — oh, no, wait, the passes are all gone.",
        "I'll send you our style guide — actually, no, it's internal only. Forget I said that.",
        "I was going to send you the rota, but it isn't final, so I'm going to hold off on that.",
    ],
)
def test_an_offer_taken_back_is_not_a_commitment(said: str) -> None:
    assert _found(("Sam", said), ("Jo", "No problem.")) == []


def test_taking_it_back_drops_only_the_offer_taken_back() -> None:
    found = _found(
        (
            "Sam",
            "I'll send you the deck tonight. I could add you to the beta — no, wait, it's full.",
        ),
        ("Jo", "No worries."),
    )
    assert found == [("Sam", "send you the deck tonight", "tonight", "promise")]


def test_an_offer_declined_in_the_next_turn_is_dropped() -> None:
    offer = ("Sam", "I could also introduce you to our head of data, if you like.")
    assert _found(offer, ("Jo", "That's kind, but I'd rather wait until I've applied.")) == []
    assert _found(offer, ("Jo", "No thanks, I think I'm set for now.")) == []
    later = "That's generous. Honestly, I met her at the meetup, so I think I'm okay."
    assert _found(offer, ("Jo", later)) == []
    assert _found(offer, ("Jo", "Oh, yes please!")) == [
        ("Sam", "introduce you to our head of data", None, "promise")
    ]


def test_an_accepted_offer_confirmed_in_the_next_turn_is_one_commitment() -> None:
    found = _found(
        ("Sam", "If it helps, I can connect you with Rafael on the platform team."),
        ("Jo", "Yes, please, that would be great."),
        ("Sam", "Okay, I'll email you both on Monday. And I'll also send you the reading list."),
    )
    assert found == [
        ("Sam", "email you both on Monday", "on Monday", "promise"),
        ("Sam", "send you the reading list", None, "promise"),
    ]


def test_a_new_deed_after_an_accepted_offer_does_not_replace_it() -> None:
    found = _found(
        ("Sam", "I can connect you with Lorena, who runs our Leeds office."),
        ("Jo", "I'd love that, yes."),
        ("Sam", "Great. I'm going to forward your CV to Alicia this afternoon."),
    )
    assert [a for _, a, _, _ in found] == [
        "connect you with Lorena, who runs our Leeds office",
        "forward your CV to Alicia this afternoon",
    ]


def test_the_person_who_answers_sure_ill_do_that_owes_the_request() -> None:
    found = _found(
        ("Sam", "Could you fill in the availability form for the panel?"),
        ("Jo", "Sure, I'll do that tonight."),
    )
    assert found == [("Jo", "fill in the availability form for the panel", "tonight", "request")]
    found = _found(
        ("Jo", "Would you be willing to be a reference for me?"),
        ("Sam", "Absolutely. Of course I will."),
    )
    assert found == [("Sam", "be a reference for you", None, "request")]


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        ("Can you tell me a bit about the team?", "Sure, I will."),
        ("Would you like a coffee?", "I think water will do."),
        ("Could you walk me through the rota?", "Yes, I can do that."),
    ],
)
def test_questions_about_now_are_not_requests(asked: str, reply: str) -> None:
    assert _found(("Sam", asked), ("Jo", reply)) == []


def test_ill_do_it_takes_the_deed_said_just_before() -> None:
    found = _found(
        ("Sam", "Oh, I should send you the link to the bursary page. I'll do it after this call."),
        ("Jo", "Thank you!"),
    )
    assert found == [
        (
            "Sam",
            "send you the link to the bursary page after this call",
            "after this call",
            "promise",
        )
    ]


@pytest.mark.parametrize(
    "said",
    [
        "I'll pray for your dad.",
        "I'll keep my fingers crossed for you.",
        "I'll cross my fingers for you on Thursday.",
    ],
)
def test_pleasantries_are_not_commitments(said: str) -> None:
    assert _found(("Sam", said), ("Jo", "Thank you, that means a lot.")) == []


@pytest.mark.parametrize(
    "said",
    [
        "I'm going to grab a flat white, hang on.",
        "Let me get you a glass of water.",
        "I'll order a scone first.",
        "I'll get us something to drink.",
    ],
)
def test_narrating_an_immediate_action_is_not_a_commitment(said: str) -> None:
    assert _found(("Sam", said), ("Jo", "Sure.")) == []


def test_a_personal_plan_is_not_a_promise_to_the_listener() -> None:
    said = "Honestly, I'm going to sell the food truck and go back to school, it's simpler."
    assert _found(("Jo", said), ("Sam", "That makes sense.")) == []
    # With a time, or with something for the listener, it is owed.
    assert _found(
        ("Jo", "I'm going to redo my portfolio site this weekend."), ("Sam", "Good.")
    ) == [("Jo", "redo my portfolio site this weekend", "this weekend", "promise")]


@pytest.mark.parametrize(
    "said",
    [
        "I'll try to finish the mock-up first.",  # a hedge
        "And I'll do a lot of, like, quick quizzes at the start of each lesson.",  # a method
        "I'll give you the gist of the role first.",  # told now
        "I'll note that down.",
        "I'll apologise in advance for the noise.",
        "We could check with legal whether that's allowed.",  # a suggestion
    ],
)
def test_hedges_methods_and_things_said_now(said: str) -> None:
    assert _found(("Sam", said), ("Jo", "Okay.")) == []


def test_what_i_will_do_is_a_promise_and_what_i_do_is_a_habit() -> None:
    assert _found(
        ("Sam", "But what I'll do is forward your portfolio to our creative director."),
        ("Jo", "Thank you."),
    ) == [("Sam", "forward your portfolio to our creative director", None, "promise")]
    assert _found(("Sam", "What I do is check the logs every morning."), ("Jo", "Nice.")) == []


def test_a_promise_with_a_tag_question_is_a_promise() -> None:
    found = _found(
        ("Jo", "I'll send you the revised schedule by Thursday, if that works?"),
        ("Sam", "Perfect."),
    )
    assert found == [("Jo", "send you the revised schedule by Thursday", "by Thursday", "promise")]


def test_quoted_words_and_vague_social_plans_are_not_promises() -> None:
    quoted = 'My manager told me, "I\'ll promote you next year" — she says that every year.'
    assert _found(("Sam", quoted), ("Jo", "Ha.")) == []
    social = "We should get a beer sometime, I'll show you the new brewery."
    assert _found(("Sam", social), ("Jo", "I'd like that.")) == []
    # A professional favour "sometime" is still owed.
    assert _found(
        ("Sam", "I'm happy to do a practice interview with you sometime."), ("Jo", "Thank you!")
    ) == [("Sam", "do a practice interview with you sometime", None, "promise")]


def test_a_promise_waiting_on_an_open_outcome_is_not_owed() -> None:
    said = "If a role opens up, I can pass your name to the hiring manager."
    assert _found(("Sam", said), ("Jo", "Thanks.")) == []


def test_a_request_for_what_was_already_promised_is_not_new() -> None:
    # A go-ahead to the promise just made, and a reminder at the end of the call.
    found = _found(
        ("Jo", "I'll send you my writing samples tomorrow."),
        ("Sam", "Great, send them to my work address."),
        ("Jo", "Will do."),
        ("Sam", "Lovely to meet you. And send me those samples!"),
    )
    assert found == [("Jo", "send you my writing samples tomorrow", "tomorrow", "promise")]


def test_a_promise_restated_with_a_new_time_is_kept_once_as_restated() -> None:
    found = _found(
        ("Jo", "I'll send you the proposal by the end of the month."),
        ("Sam", "Sooner would be better, the board meets on the tenth."),
        ("Jo", "Okay, then I'll get it to you by the eighth."),
    )
    assert found == [("Jo", "get the proposal to you by the eighth", "by the eighth", "promise")]


def test_a_repeated_promise_is_not_counted_again() -> None:
    found = _found(
        ("Sam", "I'll ask Teresa tomorrow and text you."),
        ("Jo", "Amazing, thank you."),
        ("Sam", "Right, I have to run. I'll text you after I talk to Teresa."),
    )
    assert found == [("Sam", "ask Teresa tomorrow and text you", "tomorrow", "promise")]


def test_a_step_and_the_deed_it_serves_are_one_commitment_across_sentences() -> None:
    found = _found(
        (
            "Sam",
            "Let me ask our director, Mr. Okafor, whether there's budget for a second hire. "
            "I'll let you know on Friday.",
        ),
        ("Jo", "Thanks."),
    )
    assert [(a, d) for _, a, d, _ in found] == [
        (
            "ask our director, Mr. Okafor, whether there's budget for a second hire and let you "
            "know on Friday",
            "on Friday",
        )
    ]
    found = _found(
        ("Sam", "I'll send you the dates of the open evening. I'll look them up tonight."),
        ("Jo", "Thank you."),
    )
    assert found == [("Sam", "send you the dates of the open evening", "tonight", "promise")]
    found = _found(
        (
            "Sam",
            "What I can do is put you in touch with Gemma Price. I'll drop her a note this week.",
        ),
        ("Jo", "That would be great."),
    )
    assert found == [("Sam", "put you in touch with Gemma Price", "this week", "promise")]


def test_a_delivery_along_with_another_is_one_commitment() -> None:
    found = _found(
        (
            "Jo",
            "I'll email you the two certificates tomorrow. The licence I still have to scan, "
            "but I'll send it along with them.",
        ),
        ("Sam", "Perfect."),
    )
    assert found == [("Jo", "email you the two certificates tomorrow", "tomorrow", "promise")]


def test_more_verbs_of_following_up() -> None:
    assert _found(("Sam", "We'll ring you on Thursday, either way."), ("Jo", "Thanks.")) == [
        ("Sam", "ring you on Thursday", "on Thursday", "promise")
    ]
    assert _found(("Sam", "I'll give you some honest feedback on it."), ("Jo", "Please.")) == [
        ("Sam", "give you some honest feedback on it", None, "promise")
    ]
    assert _found(("Sam", "I'll put in a word with the practice manager."), ("Jo", "Thanks!")) == [
        ("Sam", "put in a word with the practice manager", None, "promise")
    ]
    assert _found(("Sam", "I'll tell him about you today."), ("Jo", "Thank you.")) == [
        ("Sam", "tell him about you today", "today", "promise")
    ]


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("I'll be there Tuesday at two.", "Tuesday at two"),
        ("I'll send you the brief early next week.", "early next week"),
        ("I'll send you the test today before five.", "today before five"),
        ("I'll send you the link right after this call.", "right after this call"),
        (
            "I'll send you the contract before close of business today.",
            "before close of business today",
        ),
        ("I'll send you the contract by end of day tomorrow.", "by end of day tomorrow"),
        ("I'll flick you the roster this arvo.", "this arvo"),
        ("I'll return it within the forty-eight hours.", "within the forty-eight hours"),
        ("I'll send you the pack when it opens.", "when it opens"),
        ("I'll call you back before I put your name forward.", "before I put your name forward"),
        (
            "I'll get it to you within a week of the results coming out.",
            "within a week of the results coming out",
        ),
        (
            "I'll send you the details when it's confirmed, probably in March.",
            "when it's confirmed, probably in March",
        ),
        ("I'll send you the dates the week after Easter.", "the week after Easter"),
        ("I'll get back to you before the 20th either way.", "before the 20th"),
        ("I'll apply before the deadline on the twelfth.", "on the twelfth"),
        ("I'll bring my site diary to the interview.", "to the interview"),
        ("I'll send you the essay I wrote when I was a student.", None),
    ],
)
def test_the_due_phrase_is_kept_as_said(said: str, due: str | None) -> None:
    (found,) = find_commitments(_talk(("Jo", said), ("Sam", "Great.")), "Jo")
    assert found.due == due


def test_a_step_of_the_process_is_not_a_favour() -> None:
    found = find_commitments(
        _talk(
            ("Sam", "I'll get back to you by Friday. And I'll get you a ride-along next week."),
            ("Jo", "Thank you!"),
        ),
        "Jo",
    )
    assert [(c.action, c.is_process) for c in found] == [
        ("get back to you by Friday", True),
        ("get you a ride-along next week", False),
    ]
