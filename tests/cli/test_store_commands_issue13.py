"""Issue 13's frictions in the CLI's store commands: tables that never split a word, a missing
cohort file, ``--save`` without ``--with``, ``--with`` resolved like ``--me``, escapes in what
the store shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from twoway.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"
BALANCED = str(EXAMPLES / "balanced_interview.vtt")  # Marcus Chen and Priya Nair
MONOLOGUE = str(EXAMPLES / "monologue_interview.vtt")  # Dana Lee and Alex Rivera

COMPANY = "Brightwell Health Partners International"
PERSON = "Marcus Oyelaran-Whitfield"
TITLE = "Director of Clinical Data Platforms"


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("TWOWAY_DB", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = str(tmp_path / "twoway.db")
    code, _, err = run(
        capsys, "analyze", BALANCED, "--me", "Priya", "--save", "--with", PERSON,
        "--company", COMPANY, "--role", "Senior Analytics Engineer", "--date", "2026-11-20",
        "--db", url, "--json",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "people", "edit", PERSON, "--title", TITLE, "--db", url)
    assert code == 0, err
    return url


# -- tables: no word split, whatever the width ------------------------------------------------

WORDS = [*COMPANY.split(), PERSON.split()[1], *TITLE.split(), "Conversations", "Senior",
         "Analytics", "Engineer", "balanced_interview.vtt", "Next", "follow-up"]  # fmt: skip


def assert_no_word_split(out: str, width: int) -> None:
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), out
    tokens = {t for line in lines for t in line.split()}
    for word in WORDS:
        # A word is shown whole or not at all; never its first part alone ("Brigh", "Conversatio").
        pieces = [t for t in tokens if t != word and len(t) >= 3 and word.startswith(t)]
        assert not pieces, f"{word!r} split into {pieces} at width {width}:\n{out}"
    assert not re.search(r"\w…", out) or width < 60, out  # no ellipsis needed at 60 and up


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("command", ["people", "conversations", "companies"])
def test_tables_never_split_a_word(
    db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    command: str,
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))  # rich sizes a console that is not a terminal so
    code, out, err = run(capsys, command, "--db", db)
    assert code == 0, err
    assert_no_word_split(out, width)
    assert "Priya" not in out or command != "people"


def test_people_table_drops_optional_columns_first_and_says_so(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run(capsys, "people", "--db", db)
    header = out.splitlines()[0].split()
    assert header[0] == "Name" and "Title" not in header
    assert "(hidden at this width: title" in out
    assert "Oyelaran-Whitfield" in out and "Brightwell" in out
    # Wide enough for everything: nothing hidden.
    monkeypatch.setenv("COLUMNS", "200")
    _, out, _ = run(capsys, "people", "--db", db)
    assert "hidden" not in out and TITLE in out and COMPANY in out


def test_person_detail_shows_stored_text_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(tmp_path / "t.db")
    assert (
        run(capsys, "people", "add", "Dana [link=https://evil.example]x[/link]", "--db", url)[0]
        == 0
    )
    code, out, err = run(
        capsys, "people", "note", "Dana", "call back \x1b]0;pwned\x07 soon", "--db", url
    )
    assert code == 0 and "\x1b" not in out + err
    code, out, err = run(capsys, "people", "show", "Dana", "--db", url)
    assert code == 0, err
    assert "Dana [link=https://evil.example]x[/link]" in out  # markup shown, not obeyed
    assert "\x1b" not in out and "\x07" not in out and "call back \ufffd]0;pwned\ufffd soon" in out


# -- twoway cohort MISSING ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["missing.csv", "missing.jsonl", "missing.parquet"])
def test_cohort_of_a_missing_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "cohort", name)
    assert code == 1
    assert out == ""
    assert (
        err == f"twoway: error: {name}: no such file or folder (give what twoway batch -o wrote)\n"
    )


# -- --save and --with ----------------------------------------------------------------------


def test_save_without_with_adds_no_thank_you_for_nobody(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(tmp_path / "t.db")
    code, out, err = run(capsys, "analyze", MONOLOGUE, "--me", "Alex", "--save", "--db", url,
                         "--date", "2026-11-20", "--json")  # fmt: skip
    assert code == 0, err
    # No thank-you for nobody; the one follow-up is the recruiter's promise Dana reported ("our
    # recruiter, Kim, will reach out within a week"), owed to Alex, nobody's yet.
    assert err == (
        "Saved conversation #1 (monologue_interview.vtt, 2026-11-20); 1 follow-up added "
        "(name who you talked to with --with NAME for a thank-you follow-up)\n"
    )
    code, out, _ = run(capsys, "followups", "--all", "--json", "--db", url)
    items = json.loads(out)
    assert code == 0 and [(f["kind"], f["person"]) for f in items] == [("commitment", None)]
    # Naming them later, on the same conversation, adds theirs (and only theirs), and the
    # commitment becomes theirs to chase.
    code, _, err = run(capsys, "analyze", MONOLOGUE, "--me", "Alex", "--save", "--with", "Dana",
                       "--db", url, "--json")  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "followups", "--json", "--db", url)
    assert '"person": null' not in out and out.count('"person": "Dana Lee"') == 3


@pytest.mark.parametrize(("given", "person"), [("Dana", "Dana Lee"), ("dana lee", "Dana Lee")])
def test_with_resolves_a_speaker_as_me_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str, person: str
) -> None:
    url = str(tmp_path / "t.db")
    code, _, err = run(capsys, "analyze", MONOLOGUE, "--me", "Alex", "--save", "--with", given,
                       "--date", "2026-11-20", "--db", url, "--json")  # fmt: skip
    assert code == 0, err
    assert err.startswith(
        f"Saved conversation #1 (monologue_interview.vtt, 2026-11-20) with {person};"
    )
    code, out, _ = run(capsys, "people", "--json", "--db", url)
    assert [p["name"] for p in __import__("json").loads(out)] == [person]


def test_with_a_speaker_label_and_with_someone_unnamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vtt = tmp_path / "labels.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Speaker A>Hello, thanks for joining.\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v Speaker B>Happy to be here. What is the team like?\n",
        encoding="utf-8",
    )
    url = str(tmp_path / "t.db")
    code, _, err = run(capsys, "analyze", str(vtt), "--me", "B", "--save", "--with", "A",
                       "--with", "Jordan Lee", "--db", url, "--json")  # fmt: skip
    assert code == 0, err
    assert "with Jordan Lee, Speaker A;" in err or "with Speaker A, Jordan Lee;" in err


def test_with_matching_several_speakers_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vtt = tmp_path / "two_danas.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Dana Lee>Hello.\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v Dana Wu>Hi.\n\n"
        "00:00:09.000 --> 00:00:12.000\n<v Alex>Hi both. What is the team like?\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "analyze", str(vtt), "--me", "Alex", "--save", "--with", "Dana",
                       "--db", str(tmp_path / "t.db"), "--json")  # fmt: skip
    assert code == 1
    assert err == (
        "twoway: error: --with 'Dana' matches several speakers: Dana Lee, Dana Wu; "
        "give the full name\n"
    )
