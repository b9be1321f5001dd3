"""The real thing: ``twoway serve`` in a subprocess, Debian's Chromium driven by Playwright.

For each transcript example: upload it, pick me, check the share and the question count shown
against ``twoway analyze --json``, save it with a person, find it under the person, and mark
the thank-you follow-up done. The server listens on a free loopback port with a fresh store.

Sockets: pytest-socket blocks them in every test (pyproject addopts). These tests only lift
that to connect to 127.0.0.1 (``allow_hosts``); ``enable_socket`` is not used because in
pytest-socket it takes precedence over ``allow_hosts`` and would open everything. Playwright
talks to its driver and the browser over pipes.

Skipped when the ``playwright`` package or Chromium (``$TWOWAY_CHROMIUM``, else
``/usr/bin/chromium``; scripts/setup/chromium.sh) is missing. No browser is ever downloaded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, TRANSCRIPTS, analyze_json, same_share, screenshots_module

ROOT = Path(__file__).parents[2]


flow = screenshots_module()
CHROMIUM = flow.chromium_path()
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium (scripts/setup/chromium.sh)"),
    pytest.mark.allow_hosts(["127.0.0.1"]),
    pytest.mark.slow,
]

PEOPLE = {
    "monologue_interview.vtt": ("Dana Lee", "Northwind Analytics", "Data Engineer"),
    "second_round_interview.srt": ("Dana Lee", "Northwind Analytics", "Data Engineer"),
    "balanced_interview.vtt": ("Marcus Chen", "Northwind Analytics", "Product Analyst"),
    "coffee_chat.txt": ("Sam Okafor", "", ""),
    "panel_interview.json": ("SPEAKER_00", "Contoso", "Analytics Engineer"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    db = tmp_path_factory.mktemp("browser") / "twoway.db"
    with flow.serve(db, env={"TWOWAY_TODAY": "2026-11-24"}) as running:
        running.db = db
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = flow.launch(playwright, CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.mark.parametrize(("name", "me", "mode"), TRANSCRIPTS)
def test_upload_pick_me_save_find_and_mark_the_thank_you_done(
    server: Any,
    page: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    me: str,
    mode: str,
) -> None:
    person, company, role = PEOPLE[name]
    shown = flow.analyze_and_save(
        page, server.url, EXAMPLES / name, me, mode=mode, person=person, company=company,
        role=role, date="2026-11-20",
    )  # fmt: skip

    monkeypatch.setenv("TWOWAY_TODAY", "2026-11-24")
    expected = analyze_json(capsys, name, me, mode)
    mine = next(s for s in expected["speakers"] if s["is_me"])
    share = mine["talk_share"] if expected["share_basis"] == "time" else mine["word_share"]
    # The JSON rounds the share; the page shows the unrounded one as a whole percent.
    assert same_share(shown.share_value, share)
    assert shown.share == f"{shown.share_value:.0%}" == f"{share:.0%}"
    assert shown.questions == expected["questioning"]["asked"]

    conversation_id = int(shown.conversation_url.rsplit("/", 1)[1].split("?")[0])
    assert page.is_visible("text=Saved conversation")

    # Find it under the person.
    page.goto(server.url + "/people")
    page.click(f'table.list a:text-is("{person}")')
    page.wait_for_url("**/people/*")
    assert page.is_visible(f'a[href="/conversations/{conversation_id}"]')

    # Mark this conversation's thank-you done, from the person's page.
    from twoway.store import open as open_store

    with open_store(str(server.db)) as store:
        thank_you = next(
            f
            for f in store.followups()
            if f.conversation_id == conversation_id and f.kind == "thank_you"
        )
    page.click(f"#followup-{thank_you.id} button:text('Mark done')")
    page.wait_for_url("**/people/*")
    assert page.inner_text(f"#followup-{thank_you.id} .badge").strip() == "done"
    with open_store(str(server.db)) as store:
        done = {f.id: f for f in store.followups(include_done=True)}
    assert done[thank_you.id].done_at is not None


def test_every_page_renders_in_the_browser(server: Any, page: Any) -> None:
    for path in ("/", "/people", "/conversations", "/followups", "/progress", "/prep"):
        response = page.goto(server.url + path)
        assert response is not None and response.status == 200, path
        assert page.is_visible("nav")


def test_prep_downloads_the_plan(server: Any, page: Any) -> None:
    page.goto(server.url + "/prep")
    page.fill("#role", "Data Engineer")
    page.fill("#company", "Acme")
    page.click("form.card button[type=submit]")
    assert page.is_visible("text=Questions to ask: Data Engineer at Acme")
    with page.expect_download() as info:
        page.click("button:text('Download markdown')")
    download = info.value
    assert download.suggested_filename == "questions-data-engineer-acme.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("# Questions to ask: Data Engineer at Acme (interview)")


# -- phone and desktop widths (issue 13): nothing cut, nothing one word wide ----------------

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
BOX = "e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width, r.height]; }"


def _at(browser: Any, width: int) -> Any:
    return browser.new_context(viewport={"width": width, "height": 900}).new_page()


def _shown(page: Any, selector: str) -> list[list[float]]:
    """The boxes of the elements matching ``selector`` that are displayed."""
    return [box for box in page.eval_on_selector_all(selector, f"es => es.map({BOX})") if box[2]]


@pytest.mark.parametrize("width", [flow.PHONE, flow.DESKTOP])
def test_the_report_and_follow_ups_fit_the_screen(server: Any, browser: Any, width: int) -> None:
    page = _at(browser, width)
    try:
        # The whole flow at this width; the report page is checked just before saving.
        seen: dict[str, Any] = {}

        def check_report(p: Any) -> None:
            seen["overflow"] = p.evaluate(OVERFLOW)
            for chart in ("tw-timeline", "tw-balance"):
                seen[chart] = {
                    "narrow": _shown(p, f".tw-for-narrow svg.{chart}"),
                    "wide": _shown(p, f".tw-for-wide svg.{chart}"),
                }
            seen["hints"] = _shown(p, ".tw-scroll-hint")
            seen["placeholder"] = p.evaluate(
                "() => { const s = getComputedStyle(document.querySelector('#company'),"
                " '::placeholder'); return [s.color, s.fontStyle]; }"
            )
            seen["company"] = p.get_attribute("#company", "placeholder")

        flow.analyze_and_save(
            page, server.url, EXAMPLES / "monologue_interview.vtt", "Alex Rivera",
            person="Dana Lee", company="", role="", date="2026-11-20", before_save=check_report,
        )  # fmt: skip
        assert seen["overflow"] <= 0  # the page never scrolls sideways
        for chart in ("tw-timeline", "tw-balance"):
            shown = seen[chart]["narrow"] if width == flow.PHONE else seen[chart]["wide"]
            hidden = seen[chart]["wide"] if width == flow.PHONE else seen[chart]["narrow"]
            assert len(shown) == 1 and hidden == [], chart
            left, right, chart_width, _ = shown[0]
            assert left >= 0 and right <= width, chart  # the whole chart is on screen
            assert chart_width > 0.8 * (width if width == flow.PHONE else 1000), chart
        # The tables that still scroll say so on a phone, and only there.
        assert (len(seen["hints"]) > 0) == (width == flow.PHONE)
        # Placeholders are hints: "e.g. ...", grey italic.
        assert seen["company"] == "e.g. Northwind Analytics"
        assert seen["placeholder"] == ["rgb(110, 118, 134)", "italic"]

        page.goto(server.url + "/followups")
        assert page.evaluate(OVERFLOW) <= 0
        buttons = _shown(page, "table.followups button")
        assert buttons
        for left, right, _, _ in buttons:
            assert left >= 0 and right <= width  # "Mark done" is on screen
        whats = _shown(page, "table.followups td.what")
        table = _shown(page, "table.followups")[0]
        for _, _, what_width, _ in whats:
            if width == flow.PHONE:  # the text gets the row's full width, not one word's
                assert what_width >= 0.85 * table[2]
            else:
                assert what_width >= 14 * 16
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def cohort_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pyarrow", reason="the batch extra is not installed")
    page: Path = flow.cohort_page(tmp_path_factory.mktemp("cohort"))
    return page


@pytest.mark.parametrize("width", [flow.PHONE, flow.DESKTOP])
def test_the_cohort_page_fits_and_its_labels_never_overlap(
    browser: Any, cohort_html: Path, width: int
) -> None:
    page = _at(browser, width)
    try:
        page.goto(cohort_html.as_uri())
        assert page.evaluate(OVERFLOW) <= 0
        # Interviews and networking chats each have their own median.
        assert re.match(
            r"\d+%\s+median talk share, interviews", page.inner_text(".card.mode-interview")
        )
        networking = page.inner_text(".card.mode-networking")
        assert re.match(r"\d+%\s+median talk share, networking chats", networking)
        assert "target 10%–30%" in networking and "of 2 on target" in networking
        # One row per student, with a trend.
        assert page.locator("table.students tbody tr").count() == 4
        charts = page.eval_on_selector_all(
            "svg.hist",
            f"svgs => svgs.map(s => [...s.querySelectorAll('text.axis')].map({BOX}))",
        )
        assert len(charts) == 5  # share per mode, questions, monologue, score
        for labels in charts:
            labels.sort()
            for before, after in itertools.pairwise(labels):
                assert before[1] <= after[0], (before, after)  # no two labels touch
            assert labels[0][0] >= 0 and labels[-1][1] <= width
        # Nothing under the footer but the page's bottom margin.
        footer_bottom = page.evaluate(
            "document.querySelector('footer').getBoundingClientRect().bottom + window.scrollY"
        )
        assert page.evaluate("document.documentElement.scrollHeight") - footer_bottom <= 48
    finally:
        page.context.close()
