"""``twoway analyze`` end to end: outputs, options, and one-line errors with exit code 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from twoway.cli import main

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_is_the_documented_schema(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, err = run(
        capsys, "analyze", str(EXAMPLES / "balanced_interview.vtt"), "--me", "priya", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    schema = json.loads((ROOT / "docs" / "analysis.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["me"] == "Priya Nair" and data["format"] == "vtt"
    assert [s["name"] for s in data["speakers"]] == ["Marcus Chen", "Priya Nair"]


def test_terminal_report_names_speakers_and_score(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(EXAMPLES / "monologue_interview.vtt"), "--me", "Alex")
    assert code == 0
    assert "Alex Rivera" in out and "Dana Lee" in out
    assert "/100" in out
    assert "You spoke 78% of the time" in out


def test_markdown_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "analyze",
        str(EXAMPLES / "coffee_chat.txt"),
        "--me",
        "Jordan",
        "--mode",
        "networking",
        "--format",
        "markdown",
    )
    assert code == 0
    assert out.lstrip().startswith("#")
    assert "Jordan Patel" in out and "| " in out


def test_several_files_give_a_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(EXAMPLES / "monologue_interview.vtt"), str(EXAMPLES / "panel_interview.json")]
    code, out, _ = run(capsys, "analyze", *files, "--json")
    assert code == 0
    data = json.loads(out)
    assert [d["source"] for d in data] == files
    assert [d["format"] for d in data] == ["vtt", "whisperx"]


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(
        capsys, "analyze", str(EXAMPLES / "panel_interview.json"), "--json", "-o", str(target)
    )
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["schema"] == "twoway.analysis/1"


def test_forced_input_format_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "analyze",
        str(EXAMPLES / "coffee_chat.txt"),
        "--format",
        "text",
        "--from",
        "text",
        "--json",
        "--me",
        "Jordan",
        "--target",
        "30",
        "--band",
        "20-40",
    )
    assert code == 0
    assert json.loads(out)["targets"] == {
        "share": 0.3,
        "share_low": 0.2,
        "share_high": 0.4,
        "monologue_s": 90.0,
        "questions": 4,
    }


def test_missing_file_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", "no/such/interview.vtt")
    assert code == 1 and out == ""
    assert err.startswith("twoway: error: no/such/interview.vtt")
    assert err.count("\n") == 1


def test_unknown_me_lists_the_speakers(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "analyze", str(EXAMPLES / "balanced_interview.vtt"), "--me", "Jordan"
    )
    assert code == 1
    assert err == (
        "twoway: error: --me 'Jordan' is not a speaker here; speakers: Marcus Chen, Priya Nair\n"
    )


def test_bad_band_and_format_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(EXAMPLES / "coffee_chat.txt")
    code, _, err = run(capsys, "analyze", example, "--band", "forty")
    assert code == 1
    assert err == "twoway: error: --band takes LOW-HIGH in percent, such as 40-60; got 'forty'\n"
    code, _, err = run(capsys, "analyze", example, "--format", "pdf")
    assert code == 1 and err.startswith("twoway: error: unknown format 'pdf'; output formats:")


def test_one_bad_file_among_several(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "empty.vtt"
    bad.write_text("")
    code, out, err = run(
        capsys, "analyze", str(bad), str(EXAMPLES / "panel_interview.json"), "--json"
    )
    assert code == 1
    assert err.startswith(f"twoway: error: {bad}")
    assert json.loads(out)["format"] == "whisperx"  # the good file is still analyzed


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    data = (EXAMPLES / "coffee_chat.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "analyze", "-", "--json", "--me", "Sam")
    assert code == 0
    assert json.loads(out)["source"] == "-"


def test_no_traceback_without_debug(tmp_path: Path) -> None:
    bad = tmp_path / "garbage.vtt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe junk")
    result = subprocess.run(
        [sys.executable, "-m", "twoway", "analyze", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"twoway: error: {bad}")
    debug = subprocess.run(
        [sys.executable, "-m", "twoway", "analyze", str(bad), "--debug"],
        capture_output=True,
        text=True,
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "analyze" in out
    code, out, _ = run(capsys, "analyze", "--help")
    assert code == 0 and "Example: twoway analyze" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("twoway ")


def test_usage_errors_are_typers_own(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze")
    assert code == 1 and err.startswith("twoway: error: give a transcript or recording FILE")
    code, _, err = run(capsys, "analyze", "x.vtt", "--bogus")
    assert code == 2 and "No such option" in err


def test_plan_and_suggestions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.json"
    assert (
        main(
            [
                "prep",
                "--role",
                "Product Analyst",
                "--company",
                "Northwind",
                "--format",
                "json",
                "-o",
                str(plan),
            ]
        )
        == 0
    )
    capsys.readouterr()
    code, out, err = run(
        capsys,
        "analyze",
        str(EXAMPLES / "balanced_interview.vtt"),
        "--me",
        "Priya",
        "--plan",
        str(plan),
        "--suggest",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["plan"]["source"] == str(plan)
    assert data["plan"]["total"] == len(json.loads(plan.read_text())["questions"])
    asked = [q for q in data["plan"]["questions"] if q["asked"]]
    assert asked and all(q["asked_as"] and q["similarity"] >= 67 for q in asked)
    assert len(data["suggestions"]) == 3


def test_plan_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = str(EXAMPLES / "balanced_interview.vtt")
    code, _, err = run(capsys, "analyze", example, "--plan", str(tmp_path / "nope.json"))
    assert code == 1 and "nope.json: no such file" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "twoway.plan/1",\n "questions": [}\n')
    code, _, err = run(capsys, "analyze", example, "--plan", str(broken))
    assert code == 1 and err.startswith(f"twoway: error: {broken}:2: not JSON")
    code, _, err = run(capsys, "analyze", example, "--suggest")
    assert code == 1 and "--suggest needs --me" in err
