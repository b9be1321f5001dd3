"""``twoway prep`` end to end: the three outputs, -o, help, and one-line errors (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twoway.cli import main

DATA = Path(__file__).parents[1] / "data" / "prep"
JD = str(DATA / "data_engineer_jd.txt")
BASE = ("prep", "--role", "Data Engineer", "--company", "Acme")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_terminal_output_groups_by_stage_with_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *BASE, "--job-description", JD, "--interviewer", "Dana Lee")
    assert code == 0, err
    assert "Questions to ask: Data Engineer at Acme (interview, with Dana Lee)" in out
    assert out.index("Opening: build rapport") < out.index("Middle:") < out.index("Closing:")
    assert "What brought you to Acme?" in out
    assert "why: An easy, personal opener that lets Dana tell their own story first." in out
    assert "Key themes: Python, dbt, Kafka, Terraform, data quality" in out
    assert "from the job description" in out


def test_markdown_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *BASE, "--format", "markdown", "--count", "6")
    assert code == 0
    assert out.startswith("# Questions to ask: Data Engineer at Acme (interview)\n")
    assert "## Closing: next steps and staying in touch" in out
    assert "6. **What are the next steps in the process?** (next steps)" in out
    assert "   - *Why:* Closes the conversation cleanly and tells you when to follow up." in out


def test_json_output_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    from twoway.prep import Plan, build_plan

    code, out, _ = run(capsys, *BASE, "--jd", JD, "-f", "json", "--mode", "interview")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "twoway.plan/1" and len(data["questions"]) == 10
    expected = build_plan("Data Engineer", "Acme", Path(JD).read_text(encoding="utf-8"))
    assert Plan.from_dict(data, "-") == expected


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.md"
    code, out, _ = run(capsys, *BASE, "-f", "markdown", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Questions to ask")
    text_file = tmp_path / "plan.txt"
    assert run(capsys, *BASE, "-o", str(text_file))[0] == 0
    assert "Closing: next steps" in text_file.read_text(encoding="utf-8")


def test_networking_and_compensation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *BASE, "--mode", "networking", "-f", "json")
    assert code == 0 and json.loads(out)["mode"] == "networking"
    code, out, _ = run(capsys, *BASE, "--compensation", "-f", "markdown")
    assert "   - *When:* Only after they raise pay, or in a later round." in out


def test_utf16_job_description_with_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jd = tmp_path / "jd16.txt"
    jd.write_bytes(Path(JD).read_text(encoding="utf-8").encode("utf-16"))
    code, out, _ = run(capsys, *BASE, "--jd", str(jd), "-f", "json")
    assert code == 0 and json.loads(out)["themes"][:2] == ["Python", "dbt"]


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "prep", "--help")
    assert code == 0
    assert 'Example: twoway prep --role "Data Engineer" --company Acme' in " ".join(out.split())


def test_missing_job_description(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, *BASE, "--job-description", str(missing))
    assert (code, out) == (1, "")
    assert err == f"twoway: error: {missing}: no such file\n"


def test_empty_job_description(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    code, _, err = run(capsys, *BASE, "--job-description", str(empty))
    assert code == 1
    assert err == f"twoway: error: {empty}: the file is empty\n"


def test_binary_job_description(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "jd.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    code, _, err = run(capsys, *BASE, "--job-description", str(binary))
    assert code == 1
    assert err == f"twoway: error: {binary}: binary file, not a job description\n"


def test_bad_bytes_name_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin1 = tmp_path / "jd.txt"
    latin1.write_bytes("Data Engineer\nCaf\xe9 team\n".encode("latin-1"))
    code, _, err = run(capsys, *BASE, "--job-description", str(latin1))
    assert code == 1
    assert (
        err == f"twoway: error: {latin1}:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n"
    )


def test_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *BASE, "--format", "html")
    assert (code, err) == (
        1,
        "twoway: error: unknown format 'html'; choose one of: terminal, markdown, json\n",
    )
    code, _, err = run(capsys, *BASE, "--count", "50")
    assert (code, err) == (1, "twoway: error: --count must be between 3 and 30; got 50\n")
    code, _, err = run(capsys, *BASE, "--mode", "party")
    assert (code, err) == (
        1,
        "twoway: error: unknown mode 'party'; choose one of: interview, networking\n",
    )
