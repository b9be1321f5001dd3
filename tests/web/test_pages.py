"""Every page renders; the upload-report-save flow shows what ``twoway analyze --json`` says;
the history pages show what was saved, from the same store the CLI uses."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from twoway.web import Settings
from twoway.web.reading import asr_available

from .conftest import EXAMPLES, TRANSCRIPTS, Report, analyze_json, csrf, report, same_share, upload

EMPTY_PAGES = ["/", "/people", "/conversations", "/followups", "/followups?all=1", "/progress",
               "/prep"]  # fmt: skip


@pytest.mark.parametrize("path", EMPTY_PAGES)
def test_every_page_renders_on_an_empty_store(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<nav" in response.text and "</html>" in response.text


@pytest.mark.parametrize(("name", "me", "mode"), TRANSCRIPTS)
def test_report_figures_match_analyze_json(
    client: TestClient, capsys: pytest.CaptureFixture[str], name: str, me: str, mode: str
) -> None:
    shown = report(client, name, me, mode)
    expected = analyze_json(capsys, name, me, mode)
    mine = next(s for s in expected["speakers"] if s["is_me"])
    share = mine["talk_share"] if expected["share_basis"] == "time" else mine["word_share"]
    text, value = shown.figure("my-share")
    assert same_share(float(value), share)
    assert text == f"{float(value):.0%}" == f"{share:.0%}"
    questions, _ = shown.figure("my-questions")
    assert int(questions) == expected["questioning"]["asked"]
    # The report itself (twoway.report.html) is on the page, with the same source name.
    assert 'class="tw-report' in shown.page
    assert f"twoway report: {name}" in shown.page


def test_who_are_you_lists_the_speakers_as_radio_buttons(client: TestClient) -> None:
    response = upload(client, "panel_interview.json", follow=True)
    assert response.status_code == 200
    for speaker in ("SPEAKER_00", "SPEAKER_01", "SPEAKER_02"):
        assert f'type="radio" name="me" value="{speaker}"' in response.text


def test_save_then_find_it_under_the_person_and_mark_the_thank_you_done(
    client: TestClient, settings: Settings
) -> None:
    token = csrf(client)
    shown = report(client, "monologue_interview.vtt", "Alex Rivera")
    saved = client.post(
        f"{shown.upload_url}/save",
        data={
            "csrf_token": token,
            "me": "Alex Rivera",
            "mode": "interview",
            "person": "Dana Lee",
            "company": "Northwind Analytics",
            "role": "Data Engineer",
            "date": "2026-11-02",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/conversations/1?saved=1"
    page = client.get(saved.headers["location"]).text
    assert "Saved conversation #1 with Dana Lee" in page
    # The upload is gone once saved.
    assert client.get(shown.upload_url).status_code == 404

    people = client.get("/people").text
    assert '<a href="/people/Dana%20Lee">Dana Lee</a>' in people
    person = client.get("/people/Dana%20Lee").text
    assert '<a href="/conversations/1">monologue_interview.vtt</a>' in person
    assert "Send a thank-you note to Dana Lee" in person
    thank_you = re.search(r'<tr id="followup-(\d+)"[^>]*>(?:(?!</tr>).)*thank-you', person, re.S)
    assert thank_you, "no thank-you follow-up on the person's page"
    followup_id = thank_you.group(1)
    done = client.post(
        f"/followups/{followup_id}/done",
        data={"csrf_token": token, "next": "/people/Dana%20Lee"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/people/Dana%20Lee"

    # The CLI sees the same store: the thank-you is done, the stay-in-touch one still open.
    from twoway.store import open as open_store

    with open_store(settings.db) as store:
        items = {f.kind: f for f in store.followups(include_done=True)}
    assert items["thank_you"].done_at is not None
    assert items["stay_in_touch"].done_at is None
    listed = client.get("/followups?all=1").text
    assert 'class="badge badge-done">done<' in listed


def test_saved_conversation_pages(client: TestClient) -> None:
    token = csrf(client)
    for name, date in (("monologue_interview.vtt", "2026-11-02"),
                       ("second_round_interview.srt", "2026-11-23")):  # fmt: skip
        shown = report(client, name, "Alex Rivera")
        client.post(
            f"{shown.upload_url}/save",
            data={"csrf_token": token, "me": "Alex Rivera", "mode": "interview",
                  "person": "Dana Lee", "company": "Northwind Analytics", "date": date},
        )  # fmt: skip
    listing = client.get("/conversations").text
    assert "second_round_interview.srt" in listing and "monologue_interview.vtt" in listing
    second = client.get("/conversations/2").text
    assert 'id="my-share" data-value=' in second and ">47%<" in second
    note = client.get("/conversations/2/thank-you", params={"to": "Dana Lee"})
    assert note.status_code == 200 and "Hi Dana," in note.text
    progress = client.get("/progress", params={"me": "Alex"}).text
    assert "<svg" in progress  # the HTML report's progress chart
    assert progress.count('<a href="/conversations/') == 2
    assert "improving" in progress
    person = client.get("/people/Dana%20Lee").text
    assert "What have you enjoyed most about working here?" in person


def test_the_web_shows_times_shares_dates_and_gaps_as_the_report_does() -> None:
    from twoway.web.pages import make_templates

    page = make_templates().from_string(
        "{{ 3700|clock }} {{ 208.4|clock }} {{ none|clock }} {{ 0.783|percent }} "
        "{{ none|percent }} {{ none|day }} {{ '' or missing }}"
    )
    assert page.render() == "1:01:40 3:28 — 78% — — —"  # 3,700 s was 61:40, gaps were -


def test_what_was_not_given_shows_as_a_dash_in_the_lists(client: TestClient) -> None:
    token = csrf(client)
    shown = report(client, "monologue_interview.vtt", "Alex Rivera")
    client.post(
        f"{shown.upload_url}/save",
        data={"csrf_token": token, "me": "Alex Rivera", "mode": "interview",
              "person": "Dana Lee", "date": "2026-11-02"},
    )  # fmt: skip
    row = re.search(r"<tr>\s*<td class=\"nowrap\">2026-11-02</td>(?:(?!</tr>).)*</tr>",
                    client.get("/conversations").text, re.S)  # fmt: skip
    assert row, "no row for the saved conversation"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert cells[3:5] == ["—", "—"]  # no company, no role (after date, source, with)
    people = client.get("/people").text
    assert "<td>—</td>\n    <td>—</td>" in people  # no company, no title
    assert ">-<" not in people


def test_saving_with_a_bad_date_keeps_the_form_filled(client: TestClient) -> None:
    shown = report(client, "coffee_chat.txt", "Jordan Patel", "networking")
    response = client.post(
        f"{shown.upload_url}/save",
        data={"csrf_token": csrf(client), "me": "Jordan Patel", "mode": "networking",
              "person": "Sam Okafor", "company": "Acme", "role": "", "date": "20-11-2026"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "takes a date as YYYY-MM-DD" in response.text
    assert 'value="Sam Okafor"' in response.text and 'value="Acme"' in response.text


def test_an_unparseable_upload_shows_the_cli_message_with_the_form_kept(
    client: TestClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = b"WEBVTT\n\n00:00:09.000 --> 00:00:05.000\nDana: Hello\n"
    response = upload(client, "broken.vtt", bad, mode="networking")
    assert response.status_code == 400
    # The same one line as the CLI for the same file.
    path = tmp_path / "broken.vtt"
    path.write_bytes(bad)
    from twoway.cli import main

    capsys.readouterr()
    assert main(["analyze", str(path), "--json"]) == 1
    cli_line = capsys.readouterr().err.strip().removeprefix("twoway: error: ")
    expected = cli_line.replace(str(path), "broken.vtt")
    assert f'<p class="error-line">{expected}</p>' in response.text.replace("&#39;", "'")
    assert "choose the file broken.vtt again" in response.text
    assert 'value="networking" checked' in response.text


def test_a_pasted_transcript_works_like_a_file(client: TestClient) -> None:
    response = client.post(
        "/upload",
        data={"csrf_token": csrf(client), "mode": "interview",
              "text": "Dana: Tell me about yourself.\nAlex: Sure. What does the team do?\n"},
        follow_redirects=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert 'value="Alex"' in response.text and 'value="Dana"' in response.text


def test_nothing_chosen_asks_for_a_file(client: TestClient) -> None:
    response = client.post("/upload", data={"csrf_token": csrf(client), "mode": "interview"})
    assert response.status_code == 400
    assert "Choose a transcript file" in response.text


def test_a_speaker_who_is_not_there_is_asked_again(client: TestClient) -> None:
    location = upload(client, "coffee_chat.txt").headers["location"]
    response = client.get(f"{location}/report", params={"me": "Nobody"})
    assert response.status_code == 400
    assert "is not one of the speakers" in response.text


def test_unknown_things_are_404_pages(client: TestClient) -> None:
    for path in ("/people/Nobody", "/conversations/42", "/conversations/abc", "/nowhere",
                 "/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert "<h1>Not found</h1>" in response.text


def test_prep_plan_and_downloads(client: TestClient) -> None:
    token = csrf(client)
    jd = (Path(__file__).parents[1] / "data" / "prep" / "data_engineer_jd.txt").read_bytes()
    fields = {"csrf_token": token, "role": "Data Engineer", "company": "Northwind",
              "interviewer": "Dana Lee", "mode": "interview", "count": "10"}  # fmt: skip
    page = client.post("/prep", data=fields, files={"job_description_file": ("jd.txt", jd)})
    assert page.status_code == 200
    assert "Questions to ask: Data Engineer at Northwind (interview, with Dana Lee)" in page.text
    assert "Snowflake" in page.text  # a theme of the job description

    from twoway.prep import build_plan
    from twoway.prep.render import render_json, render_markdown

    text = jd.decode("utf-8")
    plan = build_plan("Data Engineer", "Northwind", job_description=text, interviewer="Dana Lee")
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))
    assert hidden["role"] == "Data Engineer"
    for fmt, body in (("json", render_json(plan)), ("markdown", render_markdown(plan))):
        download = client.post(
            "/prep/download",
            data={**fields, "job_description": text, "format": fmt},
        )
        assert download.status_code == 200
        assert download.text == body
        assert download.headers["content-disposition"].startswith(
            'attachment; filename="questions-data-engineer-northwind.'
        )


def test_prep_without_a_role_says_so(client: TestClient) -> None:
    response = client.post(
        "/prep", data={"csrf_token": csrf(client), "company": "Acme", "mode": "interview"}
    )
    assert response.status_code == 400
    assert "give the role and the company" in response.text
    assert 'value="Acme"' in response.text


def test_the_report_stylesheet_is_served(client: TestClient) -> None:
    from twoway.report.html import report_css

    response = client.get("/report.css")
    assert response.status_code == 200 and response.text == report_css()
    assert response.headers["content-type"].startswith("text/css")
    assert client.get("/static/twoway.css").status_code == 200


def test_examples_exist() -> None:
    assert all((EXAMPLES / name).is_file() for name, _, _ in TRANSCRIPTS)


def test_a_recording_is_transcribed_offline_when_asked(client: TestClient) -> None:
    import importlib.util

    # Found, not imported: resemblyzer's old webrtcvad needs pkg_resources, which twoway does not.
    if importlib.util.find_spec("resemblyzer") is None:
        pytest.skip("one mixed track needs twoway[diarize]")
    if not asr_available():
        pytest.skip("twoway[asr] (Whisper tiny.en) is not installed")
    # Unticked by default: the box applies to recordings only (tests/web/test_phone_and_forms.py).
    assert 'name="asr" value="on">' in client.get("/").text
    audio = (EXAMPLES / "mock_interview.ogg").read_bytes()

    def report_of(fields: dict[str, str]) -> str:
        response = client.post(
            "/upload",
            data={"csrf_token": csrf(client), "mode": "interview", **fields},
            files={"transcript": ("mock_interview.ogg", audio, "audio/ogg")},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        location = response.headers["location"]
        shown = client.get(f"{location}/report", params={"me": "Speaker 2"})
        assert shown.status_code == 200, shown.text
        return shown.text

    # The candidate (Speaker 2) asks two questions in examples/mock_interview.ogg; Whisper's words
    # find both ("What does success look like in the first six months?", "And how does the team
    # share knowledge?"), as `twoway analyze --asr` does.
    heard = Report("", report_of({"asr": "on"}))
    assert heard.figure("my-questions")[0] == "2"
    assert "Words transcribed offline with Whisper tiny.en" in heard.page
    # Unticked, the recording gives timing only.
    silent = report_of({})
    assert "Words transcribed offline" not in silent
    assert "questions need a transcript" in silent


def test_a_recording_is_read_in_the_background_with_its_stage_shown(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The audio pipeline is replaced by one that stops half way until the test lets it go on,
    # so the page in between can be seen (the real pipeline is tested above and in tests/audio).
    import threading

    import twoway.audio
    from twoway.audio import AudioResult
    from twoway.errors import InputError
    from twoway.formats import parse_text

    go_on = threading.Event()
    seen: list[bool] = []

    def pipeline(path: object, *, progress: Any = None, asr: bool = False, **_: Any) -> AudioResult:
        seen.append(asr)
        progress(f"Reading {path}", 3, 6)  # the private copy's path, shown as the file's name
        assert go_on.wait(30)
        if b"broken" in Path(str(path)).read_bytes():
            raise InputError("no audio stream", path=str(path))
        conversation = parse_text("[00:00:01] Dana: Why this role?\n[00:00:04] Alex: The team.\n")
        return AudioResult(conversation, ())

    monkeypatch.setattr(twoway.audio, "analyze_audio", pipeline)
    audio = (EXAMPLES / "mock_interview.ogg").read_bytes()
    for name, content in (("interview.ogg", audio), ("broken.ogg", b"OggS broken")):
        go_on.clear()
        response = client.post(
            "/upload",
            data={"csrf_token": csrf(client), "mode": "interview", "asr": "on"},
            files={"transcript": (name, content, "audio/ogg")},
            follow_redirects=False,
        )
        assert response.status_code == 303  # at once: the recording is read in the background
        location = response.headers["location"]
        for _ in range(100):
            waiting = client.get(location)
            if f"Reading {name}: 50%" in waiting.text:
                break
            time.sleep(0.05)
        assert waiting.status_code == 200
        assert f"Reading {name}" in waiting.text
        assert '<meta http-equiv="refresh" content="2">' in waiting.text
        assert "twoway-uploads-" not in waiting.text
        go_on.set()
        for _ in range(100):
            done = client.get(location)
            if "Reading" not in done.text:
                break
            time.sleep(0.05)
        if name == "interview.ogg":
            assert done.status_code == 200
            assert 'type="radio" name="me" value="Alex"' in done.text
        else:  # the error names the uploaded file, and the form is back
            assert done.status_code == 400
            assert "broken.ogg: no audio stream" in done.text
            assert client.get(location).status_code == 404  # discarded
    assert seen == [asr_available(), asr_available()]
