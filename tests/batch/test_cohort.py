"""``twoway cohort``: the self-contained page, its outliers, its links, the terminal summary."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from twoway.batch.cohort import cohort

from .conftest import run_cli

pytest.importorskip("pyarrow")


@pytest.fixture
def results(cohort_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    (cohort_dir / "broken.vtt").write_bytes(b"\x00\x00")
    out, analyses = tmp_path / "results.parquet", tmp_path / "analyses.jsonl"
    pattern = "^(alex|sam|jo|ria|lee|max|bo) "
    args = ["-o", str(out), "--me-pattern", pattern, "--analyses", str(analyses), "-j", "1"]
    assert run_cli("batch", str(cohort_dir), *args).code == 1
    return out, analyses


def test_outliers(results: tuple[Path, Path]) -> None:
    from twoway.batch import read_rows

    data = cohort(read_rows(str(results[0])))
    names = {k: sorted(Path(str(r["path"])).stem for r in v) for k, v in data.outliers.items()}
    assert names["Talk more than 75% of the time"] == ["bo", "max", "sam"]
    assert names["Never ask a question"] == ["max", "sam"]
    assert names["A monologue over 3 minutes"] == ["bo"]
    assert len(names["Lowest 10 scores"]) == 7
    assert [Path(str(r["path"])).name for r in data.failed] == ["broken.vtt"]
    assert data.band == (0.4, 0.6)


def test_html_page(results: tuple[Path, Path], tmp_path: Path) -> None:
    out, analyses = results
    page, reports = tmp_path / "site" / "cohort.html", tmp_path / "site" / "reports"
    page.parent.mkdir()
    result = run_cli(
        "cohort", str(out), "--html", str(page), "--reports", str(reports),
        "--analyses", str(analyses),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Cohort: 7 conversations, 1 failed" in result.out
    assert "Never ask a question" in result.out
    html = page.read_text(encoding="utf-8")
    html5lib = pytest.importorskip("html5lib")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)
    assert not re.search(r"(?:https?:)?//[a-z]", html.replace("</", ""))  # no external URL
    assert html.count("<svg") == 4
    assert "Talk more than 75% of the time (3)" in html
    assert "A monologue over 3 minutes (1)" in html
    assert "binary file, not a transcript" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert len(set(links)) == 7
    for link in links:
        assert (page.parent / link).is_file()


def test_reports_fall_back_to_json_without_the_html_report(
    results: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "twoway.report.html" else real(name, *a),
    )
    out, analyses = results
    page, reports = tmp_path / "cohort.html", tmp_path / "reports"
    args = ["cohort", str(out), "--html", str(page), "--reports", str(reports)]
    missing = run_cli(*args)
    assert missing.code == 1
    assert "give --analyses FILE (written by twoway batch --analyses)" in missing.err
    assert run_cli(*args, "--analyses", str(analyses)).code == 0
    assert len(list(reports.glob("*.json"))) == 7
    assert len(set(re.findall(r'href="([^"]+\.json)"', page.read_text()))) == 7


def test_missing_page_folder_is_an_error(results: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("cohort", str(results[0]), "--html", str(tmp_path / "no" / "c.html"))
    assert result.code == 1
    assert (
        result.err
        == f"twoway: error: {tmp_path}/no/c.html: the folder {tmp_path}/no does not exist\n"
    )
