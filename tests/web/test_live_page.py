"""The Live page and its WebSocket protocol (docs/live.md, "The Live page"), in-process.

FastAPI's TestClient opens ``/live/ws`` as the page's script does: who may open it, the start
message, audio messages and their limit, one session at a time, device events, Stop and a
dropped connection. The audio is real read speech from ``../shared/data/voices`` (the Live
page's demo conversation of ``scripts/screenshots.py``), sent as the page sends it: 50 ms
blocks of each source in turn; the result is held to ``twoway analyze`` on the same two tracks.
"""

from __future__ import annotations

import json
import re
import wave
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape
from starlette.testclient import WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from twoway.live.consent import REMINDER
from twoway.web.routes.live import BUSY, MAX_MESSAGE_BYTES, parse_audio
from twoway.web.security import CSP, LIVE_CSP

from .conftest import BASE, TOKEN, csrf, screenshots_module

ROOT = Path(__file__).parents[2]


flow = screenshots_module()

np = pytest.importorskip("numpy")

SOCKET = "ws://127.0.0.1:8765/live/ws"
ORIGIN = {"origin": BASE}
CALL = {"me": "Alex", "mode": "networking", "sources": ["Alex", "Dana"]}


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No voiceprints, and the consent marker in a folder of the test's own."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TWOWAY_DATA_DIR", str(folder))
    return folder


def receive(ws: WebSocketTestSession, key: str) -> Any:
    """The value of the next message carrying ``key`` (meter messages in between are read)."""
    for _ in range(1000):
        message = json.loads(ws.receive_text())
        if key in message:
            return message[key]
        assert "error" not in message, message
    raise AssertionError(f"no {key!r} message")


def start(ws: WebSocketTestSession, **changes: Any) -> Any:
    ws.send_text(json.dumps({"start": {**CALL, **changes}}))
    return receive(ws, "started")


def audio(index: int, samples: Any) -> bytes:
    return bytes([index]) + np.asarray(samples, "<f4").tobytes()


def refused(client: TestClient, headers: dict[str, str], url: str = SOCKET) -> int:
    """The close code of a socket the server refuses before accepting it."""
    with (
        pytest.raises(WebSocketDisconnect) as refusal,
        client.websocket_connect(url, headers=headers),
    ):
        pass
    return refusal.value.code


# -- the page -------------------------------------------------------------------------------


def test_the_live_page_runs_its_own_script_and_no_other_page_runs_any(client: TestClient) -> None:
    page = client.get("/live")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == LIVE_CSP
    assert "script-src 'self'; connect-src 'self'" in LIVE_CSP
    scripts = re.findall(r"<script[^>]*>", page.text)
    assert scripts == ['<script src="/static/live.js" defer>']
    assert '<a href="/live" aria-current="page">Live</a>' in page.text
    for name in ("live.js", "live-worklet.js"):
        served = client.get(f"/static/{name}")
        assert served.status_code == 200 and "javascript" in served.headers["content-type"]
        # Nothing from elsewhere: the only addresses are the ones the page tells you to open.
        assert not re.search(
            r"(?:https?:|wss?:)?//(?!127\.0\.0\.1:PORT|localhost:PORT)\w", served.text
        )
    for path in ("/", "/people", "/prep"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert "script-src 'none'" in CSP and "<script" not in response.text
        assert '<a href="/live">Live</a>' in response.text


def test_the_consent_reminder_is_shown_until_the_first_session(client: TestClient) -> None:
    shown = str(escape(REMINDER))  # as the page writes it (autoescaped: "person&#39;s")
    assert shown in client.get("/live").text
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        started = start(ws)
        assert started["consent"] == REMINDER  # the page shows it at the start, once
        ws.send_text(json.dumps({"stop": {}}))
        receive(ws, "finishing")
    page = client.get("/live").text
    assert shown not in page
    assert "may need the other person's consent" in page  # the short form stays
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        assert start(ws)["consent"] is None


# -- who may open the socket ----------------------------------------------------------------


def test_a_socket_from_another_origin_or_host_is_refused(client: TestClient) -> None:
    for origin in (
        "http://evil.example",
        "http://127.0.0.1:9999",
        "null",
        "https://127.0.0.1:8765",
    ):
        assert refused(client, {"origin": origin}) == 1008, origin
    assert refused(client, {}) == 1008  # browsers always send Origin: none is not a browser's page
    # DNS rebinding: another site's name resolving to 127.0.0.1, with its own origin.
    evil = {"origin": "http://evil.example:8765"}
    assert refused(client, evil, "ws://evil.example:8765/live/ws") == 1008
    for host in ("127.0.0.1:8765", "localhost:8765"):
        with client.websocket_connect(f"ws://{host}/live/ws", headers={"origin": f"http://{host}"}):
            pass


def test_off_loopback_the_socket_needs_the_token(exposed: FastAPI) -> None:
    client = TestClient(exposed)
    url, origin = "ws://192.0.2.10:8765/live/ws", {"origin": "http://192.0.2.10:8765"}
    assert refused(client, origin, url) == 1008
    assert refused(client, {**origin, "cookie": "twoway_token=wrong-token-0123456789"}, url) == 1008
    with client.websocket_connect(url, headers={**origin, "cookie": f"twoway_token={TOKEN}"}) as ws:
        assert start(ws)["names"] == ["Alex", "Dana"]
    bearer = {**origin, "authorization": f"Bearer {TOKEN}"}
    with client.websocket_connect(url, headers=bearer) as ws:
        assert start(ws)["me"] == 0


# -- the protocol ---------------------------------------------------------------------------


def _start_text(**changes: Any) -> str:
    return json.dumps({"start": {**CALL, **changes}})


@pytest.mark.parametrize(
    ("first", "error"),
    [
        (b"\x00\x00\x00\x00\x00", "expected a JSON message."),
        ("hello", "a text message must be JSON."),
        ('{"stop": {}}', 'the first message must be {"start": {...}}.'),
        (_start_text(mode="party"), "mode takes interview or networking; got 'party'."),
        (
            _start_text(sources=["Alex", "alex"]),
            "your name and theirs must differ: both are 'Alex'.",
        ),
        (_start_text(sources=["Alex", " "]), "name both sides: your name and theirs."),
        (
            _start_text(sources=["A", "B", "C"]),
            "sources takes [YOUR NAME, THEIR NAME] (the microphone, then the tab) or [null] "
            "(one microphone for everyone).",
        ),
    ],
)
def test_a_bad_start_is_answered_with_what_is_wrong(
    client: TestClient, first: str | bytes, error: str
) -> None:
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        if isinstance(first, bytes):
            ws.send_bytes(first)
        else:
            ws.send_text(first)
        assert json.loads(ws.receive_text()) == {"error": error}
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_text()
        assert closed.value.code == 1003


def test_an_audio_message_over_64_kb_is_refused_with_a_message(client: TestClient) -> None:
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        start(ws)
        ws.send_bytes(audio(0, np.zeros(16_000, np.float32)))  # 64,001 bytes: taken
        ws.send_bytes(bytes([0]) + bytes(MAX_MESSAGE_BYTES))  # 65,537 bytes
        error = receive(ws, "error")
        assert error == (
            "an audio message of 65,537 bytes is over the limit of 65,536 (64 KB): send blocks "
            "of 20-100 ms. The session stopped; what was measured is kept."
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            receive(ws, "done")
        assert closed.value.code == 1009


def test_malformed_audio_is_refused_and_odd_samples_are_made_safe() -> None:
    with pytest.raises(ValueError, match="one byte \\(the source\\) and float32 samples; got 6"):
        parse_audio(b"\x00" * 6, 2)
    with pytest.raises(ValueError, match="audio for source 2, but there are 2 sources"):
        parse_audio(audio(2, [0.0]), 2)
    index, samples = parse_audio(audio(1, [np.nan, np.inf, -3.0, 0.25]), 2)
    assert index == 1
    assert samples.dtype == np.float32 and samples.tolist() == [0.0, 0.0, -1.0, 0.25]


def test_a_second_session_is_refused_while_one_runs(client: TestClient) -> None:
    with client.websocket_connect(SOCKET, headers=ORIGIN) as first:
        start(first)
        with client.websocket_connect(SOCKET, headers=ORIGIN) as second:
            assert json.loads(second.receive_text()) == {"error": BUSY}
            with pytest.raises(WebSocketDisconnect) as closed:
                second.receive_text()
            assert closed.value.code == 1013
        first.send_text(json.dumps({"stop": {}}))
        receive(first, "finishing")
    with client.websocket_connect(SOCKET, headers=ORIGIN) as again:  # free again
        assert start(again)["names"] == ["Alex", "Dana"]


def test_a_lost_source_is_a_notice_and_the_meter_goes_on(client: TestClient) -> None:
    lost = "No tab audio: sharing was refused."
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        start(ws)
        ws.send_text(json.dumps({"notice": lost + "\x07"}))
        ws.send_text(json.dumps({"end_source": 1}))
        block = np.zeros(800, np.float32)
        for _ in range(40):  # two seconds of the microphone alone, and a stray tab block
            ws.send_bytes(audio(0, block))
        ws.send_bytes(audio(1, block))
        for _ in range(100):
            meter = receive(ws, "meter")
            if meter["elapsed_s"] >= 1.9:
                break
        assert meter["notices"] == [lost]
        assert meter["elapsed_s"] < 2.2  # the tab's block after its end was not counted
        ws.send_text(json.dumps({"end_source": 7}))
        assert receive(ws, "error").startswith("end_source takes a source's index; got 7.")


# -- with real speech -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("av")
    if not flow.VOICES.is_dir():
        pytest.skip(f"{flow.VOICES} is not there (../shared/data)")
    return flow.live_demo(tmp_path_factory.mktemp("live"), flow.SHORT_TALK)


def _samples(path: Path) -> Any:
    with wave.open(str(path), "rb") as source:
        pcm = np.frombuffer(source.readframes(source.getnframes()), "<i2")
    return pcm.astype(np.float32) / 32767


def _talk(ws: WebSocketTestSession, demo: Any, until_s: float | None = None) -> None:
    """The two tracks as the page sends them: 50 ms of the microphone, 50 ms of the tab..."""
    mic, tab = (_samples(demo.tracks[name]) for name in ("Alex", "Dana"))
    end = len(mic) if until_s is None else round(until_s * 16_000)
    for at in range(0, end, 800):
        ws.send_bytes(audio(0, mic[at : at + 800]))
        ws.send_bytes(audio(1, tab[at : at + 800]))


def test_stop_gives_the_analysis_twoway_analyze_gives(
    client: TestClient, demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        start(ws)
        _talk(ws, demo)
        ws.send_text(json.dumps({"stop": {}}))
        done = receive(ws, "done")
    from twoway.cli import main

    capsys.readouterr()
    tracks = [f"--track=Alex={demo.tracks['Alex']}", f"--track=Dana={demo.tracks['Dana']}"]
    assert main(["analyze", *tracks, "--me", "Alex", "--mode", "networking", "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    got = done["analysis"]
    # The same features, fed the same 30 s chunks: the same analysis, but for the source's name
    # (and the "Who are you?" hint the web's reading gives a recording is not there either).
    assert got["source"] == "live: microphone + tab audio"
    # The command's JSON also lists the commitments it found (none: the demo has no words);
    # the live page's analysis is the core one.
    assert expected["commitments"] == []
    assert {k: v for k, v in got.items() if k != "source"} == {
        k: v for k, v in expected.items() if k not in ("source", "commitments")
    }
    mine = next(s for s in expected["speakers"] if s["is_me"])
    assert done["me"] == "Alex" and abs(done["share"] - mine["talk_share"]) < 0.0005

    # "Who are you?" reads it again in the other mode: the same turns.
    other = client.get(
        f"/uploads/{done['upload_id']}/report", params={"me": "Alex", "mode": "interview"}
    )
    again = re.search(r'<span id="my-share" data-value="([^"]*)">', other.text)
    assert other.status_code == 200 and again and abs(float(again.group(1)) - done["share"]) < 1e-3
    # The report page and the save form of an upload take it from there.
    report = client.get(done["report"])
    assert report.status_code == 200
    match = re.search(r'<span id="my-share" data-value="([^"]*)">', report.text)
    assert match and abs(float(match.group(1)) - done["share"]) < 1e-9
    saved = client.post(
        f"/uploads/{done['upload_id']}/save",
        data={"csrf_token": csrf(client), "me": "Alex", "mode": "networking",
              "person": "Dana Lee", "company": "Acme", "role": "Data engineer", "date": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303 and saved.headers["location"].startswith("/conversations/")
    person = client.get("/people/Dana%20Lee")
    assert person.status_code == 200 and "Acme" in person.text


def test_a_dropped_connection_keeps_what_was_measured(client: TestClient, demo: Any) -> None:
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        start(ws)
        _talk(ws, demo, until_s=25.0)
        while receive(ws, "meter")["elapsed_s"] < 24.9:  # all of it heard
            pass
    # The page is gone without a Stop: the session was analyzed all the same.
    last = client.get("/live/last", follow_redirects=False)
    assert last.status_code == 303
    assert re.fullmatch(
        r"/uploads/[\w-]+/report\?me=Alex&mode=networking", last.headers["location"]
    )
    report = client.get(last.headers["location"])
    assert report.status_code == 200 and "Live session" in report.text
    page = client.get("/live").text
    assert (
        "the connection dropped" in page and last.headers["location"].replace("&", "&amp;") in page
    )


def test_transcribing_live_gives_the_meter_questions_and_the_report_words(
    client: TestClient, demo: Any
) -> None:
    from twoway.web.reading import asr_available

    if not asr_available():
        pytest.skip("live transcription needs Whisper (twoway[asr])")
    with client.websocket_connect(SOCKET, headers=ORIGIN) as ws:
        assert start(ws, asr=True)["questions_on"] is True
        _talk(ws, demo)
        ws.send_text(json.dumps({"stop": {}}))
        done = receive(ws, "done")
    analysis = done["analysis"]
    assert analysis["has_text"] is True
    said = [t["text"] for t in analysis["turns"] if t["speaker"] == "Alex"]
    assert all(said) and len(" ".join(said).split()) > 40  # read speech, heard live
    assert any(
        n.endswith("Transcribed live, one stretch of speech at a time.") for n in analysis["notes"]
    )
