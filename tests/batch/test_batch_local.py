"""``twoway batch`` on the local engine: mixed good and bad files, formats, me rules, resume."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from twoway.batch import CONVERSATION_COLUMNS, Batch, BatchConfig, read_rows

from .conftest import EXAMPLES, interview_vtt, run_cli

pytest.importorskip("pyarrow")


def rows(out: Path, kind: str = "conversation") -> list[dict[str, object]]:
    return sorted(
        read_rows(str(out), kind=kind), key=lambda r: (str(r["path"]), str(r.get("speaker")))
    )


@pytest.fixture
def mixed(cohort_dir: Path) -> Path:
    """The cohort plus every way a file can be bad."""
    bad = cohort_dir / "bad"
    bad.mkdir()
    (bad / "binary.vtt").write_bytes(b"\x00\x01\x02garbage" * 10)
    (bad / "empty.srt").write_text("", encoding="utf-8")
    (bad / "latin1.txt").write_bytes("Dana: Caf\xe9 au lait?\n".encode("latin-1"))
    (bad / "nobody.vtt").write_text(interview_vtt("Someone Else"), encoding="utf-8")
    (bad / "dangling.vtt").symlink_to(bad / "missing.vtt")
    (bad / "loop").symlink_to(cohort_dir)  # a symbolic link loop
    return cohort_dir


def test_a_folder_of_good_and_bad_files(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    result = run_cli(
        "batch", str(mixed), str(EXAMPLES / "monologue_interview.vtt"),
        "-o", str(out), "--me-pattern", "^(alex|sam|jo|ria|lee|max|bo) ", "--jobs", "1",
    )  # fmt: skip
    assert result.code == 1  # some files failed; the batch still finished
    table = {Path(str(r["path"])).name: r for r in rows(out)}
    ok = sorted(name for name, r in table.items() if r["status"] == "ok")
    assert ok == sorted(
        ["alex.vtt", "sam.vtt", "jo.vtt", "ria.vtt", "lee.vtt", "max.vtt", "bo.vtt",
         "monologue_interview.vtt"]
    )  # fmt: skip
    assert table["monologue_interview.vtt"]["me"] == "Alex Rivera"
    failed = {name: str(r["error"]) for name, r in table.items() if r["status"] == "failed"}
    assert set(failed) == {"binary.vtt", "empty.srt", "latin1.txt", "nobody.vtt", "dangling.vtt"}
    assert failed["binary.vtt"].endswith("binary.vtt: binary file, not a transcript")
    assert failed["empty.srt"].endswith("empty.srt: the file is empty")
    assert "latin1.txt:1: not valid UTF-8" in failed["latin1.txt"]
    assert "matches no speaker (speakers: Dana Lee, Someone Else)" in failed["nobody.vtt"]
    assert failed["dangling.vtt"].endswith("dangling.vtt: no such file (removed during the batch?)")
    assert all("\n" not in error for error in failed.values())
    # The loop is walked once and reported, not followed.
    assert "symbolic link loop: this folder was already walked" in result.err
    assert "done: 8 analyzed, 0 skipped (already done), 5 failed, of 13 files" in result.err
    assert "1 × the file is empty (e.g. " in result.err
    speakers = rows(out, "speaker")
    assert {r["speaker"] for r in speakers if r["is_me"]} >= {"Alex Kim", "Alex Rivera"}
    assert len([r for r in speakers if Path(str(r["path"])).name == "sam.vtt"]) == 2


def test_numbers_in_a_row_are_the_analysis(cohort_dir: Path, tmp_path: Path) -> None:
    import twoway

    out = tmp_path / "r.jsonl"
    assert run_cli("batch", str(cohort_dir), "-o", str(out), "--me-pattern", "^sam ").code == 1
    sam = next(r for r in rows(out) if str(r["path"]).endswith("sam.vtt"))
    analysis = twoway.analyze(twoway.load(str(sam["path"])), me="Sam Patel")
    me = analysis.me_stats
    assert me is not None and analysis.questioning is not None and analysis.score is not None
    assert sam["me_talk_share"] == round(me.talk_share or 0, 4)
    assert sam["me_talk_share"] > 0.75
    assert sam["questions_asked"] == 0 == analysis.questioning.asked
    assert sam["score"] == analysis.score.total
    assert sam["on_target"] is False


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_the_three_formats_hold_the_same_rows(
    cohort_dir: Path, tmp_path: Path, suffix: str
) -> None:
    reference = tmp_path / "ref.jsonl"
    run_cli("batch", str(cohort_dir), "-o", str(reference), "--me-role", "interviewer", "-j", "1")
    out = tmp_path / f"results{suffix}"
    run_cli("batch", str(cohort_dir), "-o", str(out), "--me-role", "interviewer", "-j", "2")
    assert rows(out) == rows(reference)
    assert rows(out, "speaker") == rows(reference, "speaker")
    assert [name for name, _ in CONVERSATION_COLUMNS] == list(rows(out)[0])


def test_layout_on_disk(cohort_dir: Path, tmp_path: Path) -> None:
    run_cli("batch", str(cohort_dir), "-o", str(tmp_path / "r.parquet"), "--me", "Dana")
    assert [p.suffix for p in (tmp_path / "r.parquet").iterdir()] == [".parquet"]
    assert len(list((tmp_path / "r.speakers.parquet").iterdir())) == 1
    run_cli("batch", str(cohort_dir), "-o", str(tmp_path / "r.csv"), "--me", "Dana")
    header = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("path,content_hash,status,error,format,mode,me,")
    assert (tmp_path / "r.speakers.csv").exists()
    run_cli("batch", str(cohort_dir), "-o", str(tmp_path / "r.jsonl"), "--me", "Dana")
    kinds = [json.loads(x)["kind"] for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert kinds.count("conversation") == 7 and kinds.count("speaker") == 14


def test_rerun_skips_what_is_done_and_picks_up_changes(cohort_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    analyses = tmp_path / "analyses.jsonl"
    args = ["batch", str(cohort_dir), "-o", str(out), "--me", "Dana", "--analyses", str(analyses)]
    assert run_cli(*args).code == 0
    again = run_cli(*args)
    assert again.code == 0
    assert "done: 0 analyzed, 7 skipped (already done), 0 failed" in again.err
    # A copy (same content, new name) is skipped by hash; an edited file is analyzed again.
    shutil.copy(cohort_dir / "week1" / "alex.vtt", cohort_dir / "week1" / "alex-copy.vtt")
    (cohort_dir / "week2" / "ria.vtt").write_text(interview_vtt("Ria Novak", seed=9))
    third = run_cli(*args)
    assert "done: 1 analyzed, 7 skipped (already done), 0 failed" in third.err
    table = rows(out)
    assert len(table) == 8
    assert len({r["content_hash"] for r in table}) == 8
    lines = analyses.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    assert json.loads(lines[0])["analysis"]["schema"] == "twoway.analysis/1"


def test_me_map(cohort_dir: Path, tmp_path: Path) -> None:
    mapping = cohort_dir / "map.csv"
    mapping.write_text(
        "path,me,mode\n"
        "week1/alex.vtt,Alex,interview\n"
        "week1/sam.vtt,Sam Patel,networking\n"
        f"{cohort_dir / 'week1' / 'jo.vtt'},jo,\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.csv"
    # No INPUTS: the map's files are the batch.
    assert run_cli("batch", "--me-map", str(mapping), "-o", str(out)).code == 0
    table = {Path(str(r["path"])).name: r for r in rows(out)}
    assert {n: (r["me"], r["mode"]) for n, r in table.items()} == {
        "alex.vtt": ("Alex Kim", "interview"),
        "sam.vtt": ("Sam Patel", "networking"),
        "jo.vtt": ("Jo Chen", "interview"),
    }
    assert table["sam.vtt"]["target_high"] == 0.3
    # Files outside the map fail one by one unless a rule covers them.
    out2 = tmp_path / "r2.csv"
    result = run_cli("batch", str(cohort_dir / "week2"), "--me-map", str(mapping), "-o", str(out2))
    assert result.code == 1
    assert f"4 × not in --me-map {mapping}" in result.err
    out3 = tmp_path / "r3.csv"
    args = [str(cohort_dir), "--me-map", str(mapping), "--me-pattern", "^(ria|lee|max|bo) "]
    assert run_cli("batch", *args, "-o", str(out3)).code == 0


def test_me_role_reads_role_labels(tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "a.vtt").write_text(interview_vtt("Candidate", "Interviewer"), encoding="utf-8")
    (folder / "b.vtt").write_text(interview_vtt("Alex Kim", "Dana Lee"), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    result = run_cli("batch", str(folder), "-o", str(out), "--me-role", "interviewee")
    table = {Path(str(r["path"])).name: r for r in rows(out)}
    assert table["a.vtt"]["me"] == "Candidate"
    assert str(table["b.vtt"]["error"]).endswith(
        "b.vtt: no speaker label names the interviewee role (speakers: Dana Lee, Alex Kim); "
        "transcript formats carry no role field: use --me, --me-map or --me-pattern"
    )
    assert result.code == 1


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "{tmp}/missing/results.parquet"], "the folder {tmp}/missing does not exist"),
        (["-o", "{tmp}/r.csv", "--analyses", "{tmp}/nope/a.jsonl"], "the folder {tmp}/nope"),
        (["-o", "{tmp}/r.csv", "--me", "A", "--me-pattern", "B"], "--me and --me-pattern both"),
        (["-o", "{tmp}/r.csv", "--me-role", "boss"], "--me-role takes one of: interviewee, interv"),
        (["-o", "{tmp}/r.csv", "--format", "xlsx"], "unknown --format 'xlsx'; choose one of: parq"),
        (["-o", "{tmp}/r.csv", "--engine", "dask"], "--engine dask needs --scheduler tcp://HOST"),
        (["-o", "{tmp}/r.csv", "--mode", "party"], "unknown mode 'party'; choose one of: interv"),
    ],
)
def test_bad_options_fail_before_any_work(
    cohort_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli("batch", str(cohort_dir), *[a.format(tmp=tmp_path) for a in args])
    assert result.code == 1
    assert result.err.startswith("twoway: error: ")
    assert message.format(tmp=tmp_path) in result.err
    assert not list(tmp_path.glob("r.*"))


def test_a_file_that_vanishes_after_listing(cohort_dir: Path, tmp_path: Path) -> None:
    batch = Batch(BatchConfig((str(cohort_dir),), str(tmp_path / "r.jsonl"), me="Dana", jobs=1))
    gone = cohort_dir / "week1" / "jo.vtt"
    gone.unlink()
    summary = batch.run()
    assert (summary.analyzed, summary.failed) == (6, 1)
    assert summary.reasons == {"no such file (removed during the batch?)": 1}


def test_fsspec_file_urls(cohort_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    out = tmp_path / "r.jsonl"
    assert (
        run_cli("batch", f"file://{cohort_dir}", "-o", str(out), "--me", "Dana", "-j", "1").code
        == 0
    )
    local = tmp_path / "l.jsonl"
    run_cli("batch", str(cohort_dir), "-o", str(local), "--me", "Dana", "-j", "1")
    assert str(rows(out)[0]["path"]).startswith("file:///")
    strip = {"path", "mtime_ns"}
    assert [{k: v for k, v in r.items() if k not in strip} for r in rows(out)] == [
        {k: v for k, v in r.items() if k not in strip} for r in rows(local)
    ]


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root")
def test_permission_denied(cohort_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    locked = cohort_dir / "week1" / "locked.vtt"
    locked.write_text(interview_vtt(), encoding="utf-8")
    locked.chmod(0)
    out = tmp_path / "r.jsonl"
    # Root reads anything; without the two capabilities that allow it, mode 000 means no.
    cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", sys.executable]
    cmd += ["-m", "twoway", "batch", str(cohort_dir), "-o", str(out), "--me", "Dana", "-j", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    failed = [r for r in rows(out) if r["status"] == "failed"]
    assert [r["error"] for r in failed] == [f"{locked}: cannot read: Permission denied"]
    assert len(rows(out)) == 8


def test_help_loads_no_batch_dependencies() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom twoway.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pyarrow', 'dask', 'distributed', 'fsspec', 'jinja2', "
        "'twoway.batch') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
