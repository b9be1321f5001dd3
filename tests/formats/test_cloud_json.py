"""Cloud speech-to-text JSON: AWS Transcribe, Google, Azure, Speechmatics, IBM Watson.

The fixtures in ``tests/data/<flavor>/`` are built to each vendor's documented schema (see the
``SOURCES.md`` beside them); the expected turns below are worked out from the files by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twoway.errors import FormatError, InputError
from twoway.formats import cloud_json, json_formats, load, parse_text, words
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"
EXPORTS = "exports"
WORDS_NOTE = words.WORDS_NOTE


def turns_of(path: Path) -> list[tuple[str | None, float | None, float | None, str | None]]:
    return [(t.speaker, t.start, t.end, t.text) for t in load(path).turns]


# AWS Transcribe -------------------------------------------------------------------------------

AWS_DIALOG = [
    ("spk_0", 0.52, 3.71, "Thanks for joining us. Can you walk me through your last project?"),
    ("spk_1", 4.3, 7.43, "Sure. I led the billing migration, mostly data work."),
    ("spk_0", 7.9, 8.3, "Great."),
]


@pytest.mark.parametrize(
    "name",
    [
        "speaker_labels_items.json",  # current layout: speaker_label on every item
        "speaker_labels_segments.json",  # older layout: speakers only in speaker_labels.segments
    ],
)
def test_aws_speakers_join_words_and_glue_punctuation(name: str) -> None:
    conv = load(DATA / "aws-transcribe" / name)
    assert conv.format == "aws-transcribe"
    assert [(t.speaker, t.start, t.end, t.text) for t in conv.turns] == AWS_DIALOG
    assert conv.notes == (WORDS_NOTE,)


def test_aws_items_without_speakers_are_one_unknown_speaker() -> None:
    conv = load(DATA / "aws-transcribe" / "no_speakers.json")
    # One unknown speaker; the 0.59 s pause after the question (over 0.5 s) ends a turn.
    assert conv.turns == (
        Turn(None, 0.52, 3.71, "Thanks for joining us. Can you walk me through your last project?"),
        Turn(None, 4.3, 8.3, "Sure. I led the billing migration, mostly data work. Great."),
    )
    assert conv.notes[-1] == "The file does not say who spoke; speakers are unknown."


def test_aws_channels_interleave_by_time() -> None:
    # ch_1's "Mm-hmm" (0.9-1.2 s) lands inside ch_0's question and splits it.
    assert turns_of(DATA / "aws-transcribe" / "channel_labels.json") == [
        ("ch_0", 0.3, 1.05, "So tell me about"),
        ("ch_1", 0.9, 1.2, "Mm-hmm."),
        ("ch_0", 1.05, 1.9, "the role you want?"),
        ("ch_1", 2.4, 3.9, "A platform role, ideally."),
    ]


def test_aws_call_analytics_segments_are_turns() -> None:
    conv = load(DATA / "aws-transcribe" / "call_analytics.json")
    assert conv.format == "aws-transcribe"
    assert conv.turns == (
        Turn("AGENT", 0.12, 1.9, "Thanks for calling, how can I help?"),
        Turn("CUSTOMER", 2.35, 4.4, "I'm calling about the analyst opening."),
    )
    assert conv.notes == ()


def test_aws_audio_segments_when_items_are_missing() -> None:
    doc = json.loads((DATA / "aws-transcribe" / "speaker_labels_items.json").read_text())
    del doc["results"]["items"]
    conv = parse_text(json.dumps(doc))
    assert [(t.speaker, t.start, t.end, t.text) for t in conv.turns] == AWS_DIALOG


# Google Speech-to-Text ------------------------------------------------------------------------


def test_google_v1_diarization_reads_the_last_result_once() -> None:
    # Results 1 and 2 hold the words untagged; result 3 repeats all of them with speakerTag.
    conv = load(DATA / "google-stt" / "v1_diarization.json")
    assert conv.format == "google-stt"
    assert conv.turns == (
        Turn("Speaker 1", 0.4, 1.7, "How did you hear about us?"),
        Turn("Speaker 2", 2.2, 3.4, "A friend referred me."),
        Turn("Speaker 1", 5.5, 5.9, "Nice."),
    )


def test_google_operation_with_seconds_and_nanos() -> None:
    # {"seconds": "1", "nanos": 400000000}; the first word's start is {} (zero left out).
    conv = load(DATA / "google-stt" / "v1_operation_nanos.json")
    assert conv.turns == (
        Turn(None, 0.0, 2.1, "so what drew you to data engineering"),
        Turn(None, 4.0, 5.2, "a statistics class"),
    )


def test_google_v2_offsets_and_speaker_labels() -> None:
    assert turns_of(DATA / "google-stt" / "v2_speaker_labels.json") == [
        ("Speaker 1", 0.2, 1.4, "tell me about a hard bug"),
        ("Speaker 2", 2.0, 3.0, "a race condition"),
    ]


def test_google_channels_without_word_times_use_result_end_times() -> None:
    conv = load(DATA / "google-stt" / "v1_channels_no_words.json")
    assert conv.turns == (
        Turn("Channel 1", 0.0, 2.1, "thanks for taking the call"),
        Turn("Channel 2", 0.0, 3.0, "happy to"),
        Turn("Channel 2", 3.0, 6.5, "what does the team work on"),
    )
    assert conv.notes == (cloud_json.RESULTS_NOTE,)


def test_google_without_any_times_is_untimed() -> None:
    conv = parse_text(
        '{"results": [{"alternatives": [{"transcript": "hello there", "confidence": 0.9}]}],'
        ' "totalBilledTime": "2s"}'
    )
    assert conv.format == "google-stt"
    assert conv.turns == (Turn(None, None, None, "hello there"),)


def test_google_v2_batch_inline_result() -> None:
    inner = json.loads((DATA / "google-stt" / "v2_speaker_labels.json").read_text())
    doc = {
        "name": "projects/p/locations/global/operations/123",
        "done": True,
        "response": {
            "results": {"gs://bucket/interview.wav": {"inlineResult": {"transcript": inner}}}
        },
    }
    assert [t.text for t in parse_text(json.dumps(doc)).turns] == [
        "tell me about a hard bug",
        "a race condition",
    ]


def test_google_unfinished_operation_says_so() -> None:
    with pytest.raises(FormatError) as caught:
        parse_text('{"name": "1", "done": false, "metadata": {}}', format="google-stt")
    assert str(caught.value) == ("<string>: response is missing: the operation has not finished")


# Azure AI Speech ------------------------------------------------------------------------------


def test_azure_stereo_batch_without_diarization_names_channels() -> None:
    # The NoMatch phrase (channel 1 at 7 s) has no words and is left out.
    assert turns_of(DATA / "azure-speech" / "batch_v3_stereo.json") == [
        ("Channel 0", 0.25, 1.35, "Why this team?"),
        ("Channel 1", 1.9, 4.25, "The on-call culture."),
        ("Channel 0", 5.0, 5.9, "What else?"),
    ]


def test_azure_conversation_transcriber_results() -> None:
    conv = load(DATA / "azure-speech" / "sdk_conversation_transcriber.json")
    assert conv.format == "azure-speech"
    assert conv.turns == (
        Turn("Guest-1", 0.42, 1.4, "Shall we start?"),
        Turn("Guest-2", 1.65, 2.35, "Yes, let's."),
        Turn(None, 2.5, 2.8, "Hmm."),  # SpeakerId "Unknown"
    )


def test_azure_v2_batch_files_are_channels() -> None:
    assert turns_of(DATA / "azure-speech" / "batch_v2_two_channels.json") == [
        ("Channel 0", 0.4, 1.73, "Where are you based?"),
        ("Channel 1", 2.1, 2.9, "In Lisbon."),
    ]


def test_azure_fast_transcription_milliseconds() -> None:
    assert turns_of(DATA / "azure-speech" / "fast_transcription.json") == [
        ("Speaker 1", 0.24, 1.72, "What is the team size?"),
        ("Speaker 2", 2.6, 3.72, "Eight engineers."),
    ]


def test_azure_iso_offsets_when_ticks_are_missing() -> None:
    doc = {
        "recognizedPhrases": [
            {
                "recognitionStatus": "Success",
                "channel": 0,
                "speaker": 2,
                "offset": "PT1M2.5S",
                "duration": "PT0.75S",
                "nBest": [{"display": "Sounds good."}],
            }
        ]
    }
    assert parse_text(json.dumps(doc)).turns == (Turn("Speaker 2", 62.5, 63.25, "Sounds good."),)


# Speechmatics ---------------------------------------------------------------------------------


def test_speechmatics_speakers_entities_and_unknown() -> None:
    conv = load(DATA / "speechmatics" / "v2_speakers.json")
    assert conv.format == "speechmatics"
    assert conv.turns == (
        Turn("S1", 0.3, 1.6, "What is your notice period?"),
        Turn("S2", 2.1, 2.9, "four weeks."),  # an entity: its written form
        Turn(None, 3.0, 3.2, "Mm"),  # speaker "UU": not assigned
        Turn("S1", 3.5, 3.8, "OK."),
    )


def test_speechmatics_channels_keep_punctuation_with_its_channel() -> None:
    # The recruiter's "?" comes after the candidate's "Yes" in the file; the opening quote
    # attaches to the word after it.
    assert turns_of(DATA / "speechmatics" / "v2_channels.json") == [
        ("Recruiter", 0.4, 1.1, "Any questions?"),
        ("Candidate", 1.0, 2.3, "Yes, “remote” work?"),
    ]


def test_speechmatics_punctuation_attaching_both_ways_joins_words() -> None:
    def word(
        content: str, start: float, end: float, kind: str = "word", **extra: str
    ) -> dict[str, object]:
        alternatives = [{"content": content, "speaker": "S1"}]
        return {
            "type": kind,
            "start_time": start,
            "end_time": end,
            "alternatives": alternatives,
            **extra,
        }

    doc = {
        "format": "2.9",
        "results": [
            word("a", 0.0, 0.2),
            word("well", 0.3, 0.5),
            word("-", 0.5, 0.5, "punctuation", attaches_to="both"),
            word("known", 0.5, 0.9),
            word("fact", 1.0, 1.3),
            word(".", 1.3, 1.3, "punctuation", attaches_to="previous"),
        ],
    }
    assert parse_text(json.dumps(doc)).turns == (Turn("S1", 0.0, 1.3, "a well-known fact."),)


def test_speechmatics_realtime_final_transcripts_only() -> None:
    assert turns_of(DATA / "speechmatics" / "realtime_messages.json") == [
        ("S1", 0.2, 1.6, "Where do you live?"),
        ("S2", 2.0, 2.7, "Porto."),
    ]


def test_speechmatics_v1_words_and_speakers() -> None:
    assert turns_of(DATA / "speechmatics" / "v1_words_speakers.json") == [
        ("M1", 0.3, 1.0, "Welcome aboard."),
        ("F1", 3.0, 3.8, "Thank you."),
    ]


# IBM Watson -----------------------------------------------------------------------------------


def test_watson_speaker_labels_and_hesitation() -> None:
    conv = load(DATA / "ibm-watson" / "recognize_speaker_labels.json")
    assert conv.format == "ibm-watson"
    assert conv.turns == (
        Turn("Speaker 0", 0.15, 1.7, "so what are you looking for next"),
        Turn("Speaker 1", 2.3, 3.8, "uh a smaller team"),
    )
    assert conv.notes == ("1 hesitation marker (%HESITATION) is read as 'uh'.", WORDS_NOTE)


def test_watson_stream_keeps_finals_and_the_latest_labels() -> None:
    # "about yourself" is first labelled speaker 1, then revised to speaker 0.
    conv = load(DATA / "ibm-watson" / "websocket_stream.json")
    assert conv.turns == (
        Turn("Speaker 0", 0.3, 1.5, "tell me about yourself"),
        Turn("Speaker 1", 2.2, 3.5, "I build data pipelines"),
    )
    assert conv.notes[0] == (
        "Read the final results of the stream (2 results); 1 interim result was left out."
    )


def test_watson_without_timestamps_is_untimed() -> None:
    conv = load(DATA / "ibm-watson" / "no_timestamps.json")
    assert conv.turns == (
        Turn(None, None, None, "what drew you to this role"),
        Turn(None, None, None, "uh the mission"),
    )
    assert conv.notes[0] == "1 hesitation marker (%HESITATION) is read as 'uh'."


# The public exports in ../shared/data (SOURCES.md there says what a reader must find) ---------


def test_shared_aws_call_analytics(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "aws-transcribe" / "aws_call_analytics_example-call.json")
    assert conv.format == "aws-transcribe"
    assert len(conv.turns) == 37
    speakers = [t.speaker for t in conv.turns]
    assert (speakers.count("AGENT"), speakers.count("CUSTOMER")) == (19, 18)
    assert (conv.start_s, conv.end_s) == (0.04, 182.89)
    assert conv.turns[0].text and conv.turns[0].text.startswith("Thank you for calling Anchor")


def test_shared_azure_batch(shared_dir: Path) -> None:
    folder = shared_dir / EXPORTS / "azure-speech"
    conv = load(folder / "azure_batch_summarizationInputSample.json")
    assert [(t.speaker, t.text) for t in conv.turns] == [
        ("Speaker 1", "Hi."),
        ("Speaker 2", "Hello how can I help you?"),
        ("Speaker 1", "I am having trouble issuing a return of a game on my Xbox Call of Duty."),
        ("Speaker 2", "You can bring the disk to the nearest Microsoft Store to return it."),
    ]
    assert (conv.turns[2].start, conv.turns[2].end, conv.end_s) == (3.87, 8.1, 12.31)
    old = load(folder / "azure_batch_transcriptSample_2020.json")
    assert [(t.speaker, t.start, t.end, t.text) for t in old.turns] == [
        ("Speaker 1", 0.04, 2.22, "Run Alabama drivers license."),
        ("Speaker 2", 2.28, 5.36, "0030"),
        ("Speaker 1", 5.4, 7.46, "669"),
    ]


def test_shared_azure_realtime(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "azure-speech" / "azure_realtimeresult.json")
    assert conv.turns == (
        Turn("Speaker 0", 0.09, 0.65, "Hello."),
        Turn("Speaker 1", 0.69, 1.7, "Hello hello."),
    )


def test_shared_speechmatics(shared_dir: Path) -> None:
    path = shared_dir / EXPORTS / "speechmatics" / "speechmatics_v2.9_enrollment_transcript.json"
    conv = load(path)
    # One speaker; the two pauses over 0.5 s (between the sentences) end turns.
    assert [(t.speaker, t.start, t.end) for t in conv.turns] == [
        ("S1", 0.08, 5.16),
        ("S1", 5.88, 9.48),
        ("S1", 10.16, 17.0),
    ]
    text = " ".join(t.text or "" for t in conv.turns)
    assert len(text.split()) == 51  # 51 words; the 5 punctuation marks are glued on
    assert text.startswith("When the sunlight strikes raindrops in the air. They act as")


def test_shared_watson_streams(shared_dir: Path) -> None:
    folder = shared_dir / EXPORTS / "ibm-watson"
    car = load(folder / "watson_car_loan_stream.json")
    assert car.speakers == ("Speaker 0", "Speaker 1")
    assert (car.start_s, car.end_s) == (0.06, 37.26)
    assert car.turns[0] == Turn(
        "Speaker 0", 0.06, 2.56, "Thank you for calling this is Dave speaking how can I help you"
    )
    assert car.notes[0] == (
        "Read the final results of the stream (2 results); 18 interim results were left out."
    )
    employed = load(folder / "watson_self_employed_stream.json")
    # Speaker 2 labels only three words in an early message; a later one revises them to 0.
    assert employed.speakers == ("Speaker 0", "Speaker 1")
    assert employed.turns[0] == Turn("Speaker 0", 0.04, 1.6, "so how are you doing these days")
    assert employed.end_s == 35.48
    assert employed.notes[:2] == (
        "Read the final results of the stream (4 results); 16 interim results were left out.",
        "2 hesitation markers (%HESITATION) are read as 'uh'.",
    )


def test_shared_watson_word_alternatives(shared_dir: Path) -> None:
    conv = load(shared_dir / EXPORTS / "ibm-watson" / "watson_results_word_alternatives.json")
    assert conv.turns == (
        Turn(
            None,
            1.48,
            6.14,
            "thunderstorms could produce large hail isolated tornadoes and heavy rain",
        ),
    )


# Sniffing -------------------------------------------------------------------------------------

MINE = set(cloud_json.FLAVORS)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DATA.glob("*/*.json") if p.parent.name in MINE),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_each_fixture_is_sniffed_as_its_vendor(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert cloud_json.sniff(data) == path.parent.name
    assert json_formats.sniff(data) == path.parent.name  # and no other flavor claims it first


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DATA.glob("*/*.json") if p.parent.name not in MINE),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_other_tools_json_is_not_claimed(path: Path) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        assert path.name == "bad.json"  # the one fixture of invalid JSON: nothing to claim
        return
    assert cloud_json.sniff(data) is None


@pytest.mark.parametrize(
    ("document", "flavor"),
    [
        ({"results": {"channels": []}}, None),  # Deepgram
        (
            {"results": [{"alternatives": [{"transcript": "x", "timestamps": []}], "final": True}]},
            "ibm-watson",
        ),
        ({"results": [{"alternatives": [{"transcript": "x"}]}]}, "google-stt"),
        ({"results": [{"alternatives": [{"transcript": "x"}], "foo": 1}]}, None),
        ({"results": [{"alternatives": [{"transcript": "x", "foo": 1}]}]}, None),
        ({"results": []}, None),
        ({"words": [{"text": "hi", "start": 0, "end": 1}], "speakers": []}, None),  # not v1
        ({"Transcript": [{"Content": "hi"}]}, None),  # no Call Analytics keys
        ({"phrases": [{"text": "hi"}]}, None),  # no fast transcription keys
        ([{"type": "Results", "channel": {}}], None),  # Deepgram streaming
        ([{"message": "AddPartialTranscript"}], None),  # no final transcript
        ([], None),
        ([1, 2], None),
        ("results", None),
    ],
)
def test_sniff_needs_each_vendors_own_keys(document: object, flavor: str | None) -> None:
    assert cloud_json.sniff(document) == flavor


@pytest.mark.parametrize(
    ("name", "flavor"),
    [
        ("aws", "aws-transcribe"),
        ("Google", "google-stt"),
        ("azure", "azure-speech"),
        ("watson", "ibm-watson"),
        ("speechmatics", "speechmatics"),
    ],
)
def test_format_names_and_aliases(name: str, flavor: str) -> None:
    folder = DATA / flavor
    path = sorted(folder.glob("*.json"))[0]
    assert load(path, format=name).format == flavor


# Errors name the JSON path --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flavor", "message"),
    [
        (
            '{"jobName": "j", "results": {"transcripts": [], "items": [{"type": "pronunciation",'
            ' "start_time": "2.0", "end_time": "1.5", "alternatives": [{"content": "hi"}]}]}}',
            None,
            "results.items[0] ends (1.5 s) before it starts (2 s)",
        ),
        (
            '{"results": [{"alternatives": [{"words": [{"startTime": "soon", "word": "a"}]}]}],'
            ' "totalBilledTime": "1s"}',
            "google-stt",
            "results[0].alternatives[0].words[0].startTime should be a time of 0 or more "
            "seconds, not 'soon'",
        ),
        (
            '{"recognizedPhrases": [{"recognitionStatus": "Success",'
            ' "nBest": [{"display": "x"}]}]}',
            None,
            "recognizedPhrases[0].offsetInTicks should be a time of 0 or more seconds, not None",
        ),
        (
            '{"format": "2.9", "results": [{"type": "word", "start_time": -1, "end_time": 1,'
            ' "alternatives": [{"content": "x"}]}]}',
            None,
            "results[0].start_time should be a time of 0 or more seconds, not -1",
        ),
        (
            '{"result_index": 0, "results": [{"final": true, "alternatives": [{"transcript": "x",'
            ' "timestamps": [["x", 1]]}]}]}',
            None,
            "results[0].alternatives[0].timestamps[0] should be [word, start, end]",
        ),
        ('{"segments": []}', "aws-transcribe", "results is missing"),
        ("[1]", "ibm-watson", "[0] should be an object, not a number"),
    ],
)
def test_errors_name_the_json_path(text: str, flavor: str | None, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_text(text, format=flavor)
    assert str(caught.value) == f"<string>: {message}"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (1.25, 1.25),
        ("4.87", 4.87),
        ("1.500s", 1.5),
        ("18s", 18.0),
        ({"seconds": "12", "nanos": 900000000}, 12.9),
        ({"nanos": 500000000}, 0.5),
        ({}, 0.0),
        ("PT0.13S", 0.13),
        ("PT1H2M3.5S", 3723.5),
        ("P1DT1S", 86401.0),
    ],
)
def test_every_vendors_time_spelling(value: object, seconds: float) -> None:
    assert cloud_json._seconds(value, "t", "<string>") == pytest.approx(seconds)


@pytest.mark.parametrize(
    "value", ["P", "PT", "1.5 m", "nan", "inf", "-1s", True, None, [], {"days": 1}, "P" * 99]
)
def test_bad_times_are_format_errors(value: object) -> None:
    with pytest.raises(FormatError, match="should be a time of 0 or more seconds"):
        cloud_json._seconds(value, "t", "<string>")


# Properties -----------------------------------------------------------------------------------

json_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "results",
                    "items",
                    "alternatives",
                    "content",
                    "start_time",
                    "end_time",
                    "type",
                    "speaker_label",
                    "speaker_labels",
                    "segments",
                    "channel_labels",
                    "channels",
                    "transcripts",
                    "Transcript",
                    "BeginOffsetMillis",
                    "words",
                    "startTime",
                    "word",
                    "speakerTag",
                    "response",
                    "done",
                    "recognizedPhrases",
                    "nBest",
                    "offsetInTicks",
                    "RecognitionStatus",
                    "Offset",
                    "NBest",
                    "format",
                    "attaches_to",
                    "timestamps",
                    "final",
                    "from",
                    "to",
                    "speaker",
                    "result_index",
                    "message",
                    "time",
                    "name",
                    "duration",
                    "phrases",
                    "AudioFileResults",
                    "SegmentResults",
                    "jobName",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(document=json_values, flavor=st.sampled_from((None, *cloud_json.FLAVORS)))
def test_any_document_reads_or_raises_input_error(document: object, flavor: str | None) -> None:
    if flavor is None:
        flavor = cloud_json.sniff(document)
        assume(flavor is not None)  # no vendor claims it: nothing to read
    notes: list[str] = []
    try:
        turns = list(cloud_json.parse(document, flavor=flavor, path="<doc>", notes=notes))
    except InputError:
        return
    for turn in turns:
        assert turn.start is None or turn.start >= 0


# Conversations composed in each vendor's layout read back word for word.

spoken = st.lists(
    st.tuples(
        st.integers(0, 2),  # speaker
        st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),  # word
        st.integers(1, 40),  # gap before it, in 10 ms (up to 0.4 s: no pause splits a turn)
        st.integers(1, 60),  # its length, in 10 ms
    ),
    min_size=1,
    max_size=30,
)


def _timed(words: list[tuple[int, str, int, int]]) -> list[tuple[int, str, float, float]]:
    out, clock = [], 0
    for speaker, word, gap, length in words:
        start, clock = clock + gap, clock + gap + length
        out.append((speaker, word, start / 100, clock / 100))
    return out


def _aws(words: list[tuple[int, str, float, float]]) -> object:
    items = [
        {
            "start_time": f"{a:.2f}",
            "end_time": f"{b:.2f}",
            "type": "pronunciation",
            "speaker_label": f"spk_{s}",
            "alternatives": [{"confidence": "0.9", "content": w}],
        }
        for s, w, a, b in words
    ]
    return {"jobName": "j", "results": {"transcripts": [{"transcript": ""}], "items": items}}


def _speechmatics(words: list[tuple[int, str, float, float]]) -> object:
    results = [
        {
            "type": "word",
            "start_time": a,
            "end_time": b,
            "alternatives": [{"content": w, "confidence": 1.0, "speaker": f"S{s + 1}"}],
        }
        for s, w, a, b in words
    ]
    return {"format": "2.9", "results": results}


def _watson(words: list[tuple[int, str, float, float]]) -> object:
    return {
        "result_index": 0,
        "results": [
            {
                "final": True,
                "alternatives": [
                    {
                        "transcript": " ".join(w for _, w, _, _ in words),
                        "timestamps": [[w, a, b] for _, w, a, b in words],
                    }
                ],
            }
        ],
        "speaker_labels": [
            {"from": a, "to": b, "speaker": s, "confidence": 0.5, "final": True}
            for s, _, a, b in words
        ],
    }


def _google(words: list[tuple[int, str, float, float]]) -> object:
    tagged = [
        {"startTime": f"{a:.2f}s", "endTime": f"{b:.2f}s", "word": w, "speakerTag": s + 1}
        for s, w, a, b in words
    ]
    plain = [{k: v for k, v in word.items() if k != "speakerTag"} for word in tagged]
    return {
        "results": [
            {"alternatives": [{"transcript": "", "words": plain}], "resultEndTime": "99s"},
            {"alternatives": [{"words": tagged}]},
        ]
    }


VENDORS = {
    "aws-transcribe": (_aws, "spk_{}"),
    "speechmatics": (_speechmatics, "S{}"),
    "ibm-watson": (_watson, "Speaker {}"),
    "google-stt": (_google, "Speaker {}"),
}


@given(words=spoken, vendor=st.sampled_from(sorted(VENDORS)))
def test_composed_documents_read_back(words: list[tuple[int, str, int, int]], vendor: str) -> None:
    timed = _timed(words)
    build, label = VENDORS[vendor]
    shift = 1 if vendor in ("speechmatics", "google-stt") else 0
    conv = parse_text(json.dumps(build(timed)))
    assert conv.format == vendor
    read = [(t.speaker, word) for t in conv.turns for word in (t.text or "").split()]
    assert read == [(label.format(s + shift), w) for s, w, _, _ in timed]
    assert conv.turns[0].start == timed[0][2]
    assert conv.end_s == timed[-1][3]
