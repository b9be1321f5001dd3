"""Commitments in the web app: the report before saving shows them (days from the date in the
form), saving makes them follow-ups, the conversation and follow-ups pages show who owes what
and when, and "Mark done" closes one."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

import twoway
from twoway.followup import find_commitments
from twoway.web import Settings

from .conftest import csrf

CHEF = (
    Path(__file__).parents[2] / "benchmarks" / "data" / "notes_blind5" / "20_coffee_peer_chef.txt"
)
ME, THEM = "Camille Roy", "Youssef Benali"


def _upload(client: TestClient) -> str:
    response = client.post(
        "/upload",
        data={"csrf_token": csrf(client), "mode": "networking"},
        files={"transcript": (CHEF.name, CHEF.read_bytes(), "text/plain")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _text(page: str) -> str:
    """The words of ``page``: tags as spaces (then none before a colon: "<strong>X</strong>:")."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace(" :", ":")


def test_commitments_from_report_to_follow_ups_and_done(
    client: TestClient, settings: Settings
) -> None:
    location = _upload(client)
    shown = client.get(f"{location}/report", params={"me": ME, "mode": "networking"})
    assert shown.status_code == 200
    page = _text(shown.text)
    # The report counts days from the form's date, today (TWOWAY_TODAY, 2026-11-24: a Tuesday).
    assert f"You owe {THEM}: be there Tuesday at two · due Tuesday at two (2026-12-01)" in page
    assert f"{THEM} owes you: text you" in page and "due tonight (2026-11-24)" in page
    assert "“I'll text you his number tonight.”" in page

    saved = client.post(
        f"{location}/save",
        data={"csrf_token": csrf(client), "me": ME, "mode": "networking", "person": THEM,
              "company": "", "role": "", "date": "2026-11-20"},
        follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    conversation = client.get(saved.headers["location"]).text
    found = [c for c in find_commitments(twoway.load(CHEF), ME) if ME in (c.by, c.to)]
    assert f"{2 + len(found)} follow-ups added" in _text(conversation)
    rows = re.findall(
        r'<tr id="followup-(\d+)" class="status-(\w+)">(.*?)</tr>', conversation, re.S
    )
    owed = [(i, status, _text(row)) for i, status, row in rows if "owes you" in row]
    mine = [(i, status, _text(row)) for i, status, row in rows if "You owe" in row]
    assert len(owed) + len(mine) == len(found) and owed and mine
    # Said on Friday the 20th: "tonight" was that day (overdue now), "Tuesday at two" the 24th
    # (today: due).
    text_him = next(row for row in owed if "tonight" in row[2])
    assert text_him[1] == "overdue" and text_him[2].startswith("2026-11-20 overdue")
    assert "“I'll text you his number tonight.”" in text_him[2]
    tuesday = next(row for row in mine if "Tuesday at two" in row[2])
    assert tuesday[1] == "due" and tuesday[2].startswith("2026-11-24 due")
    # The report on the saved conversation counts from its date.
    assert "due tonight (2026-11-20)" in _text(conversation)

    listed = _text(client.get("/followups").text)
    assert f"You owe {THEM}: be there Tuesday at two" in listed
    assert f"{THEM} owes you: text you" in listed
    done = client.post(
        f"/followups/{text_him[0]}/done",
        data={"csrf_token": csrf(client), "next": "/followups"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/followups"
    assert f'id="followup-{text_him[0]}"' not in client.get("/followups").text
    everything = client.get("/followups?all=1").text
    row = re.search(rf'<tr id="followup-{text_him[0]}" class="status-done">', everything)
    assert row is not None

    from twoway.store import open as open_store

    with open_store(settings.db) as store:
        closed = [f for f in store.followups(include_done=True) if f.id == int(text_him[0])]
    assert closed[0].kind == "commitment" and closed[0].done_at is not None
    assert (closed[0].owner, closed[0].owed_to, closed[0].due_phrase) == (THEM, "me", "tonight")
