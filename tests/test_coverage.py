"""Jargon candidates, the allow-list and ``glossary coverage``: unit, property, CLI.

The examples of docs/commands/coverage.md run in tests/test_doc_examples.py.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entries import small_glossary
from glossary import DataError
from glossary._coverage.coverage import coverage
from glossary._load.allow import Allowed
from glossary._match.jargon import candidates, shape
from glossary_cli.exit_codes import Exit
from glossary_cli.main import main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进“两重”建设", [("两重", "numbered set")]),
        ("「雙區」驅動", [("雙區", "numbered set")]),
        ("构建“1+M+N”服务体系", [("1+M+N", "formula")]),
        ("构建1+5+N体系", [("1+5+N", "formula")]),
        ("实施“人工智能+”行动", [("人工智能+", "programme +")]),
        ("“数据要素×”行动", [("数据要素×", "programme +")]),
        ("打造“好房子”", [("好房子", "quoted")]),
        ("版本1.2+3.4和v2+3", []),  # version-like runs are not formulas
        ("“1+5+N”和1+5+N", [("1+5+N", "formula"), ("1+5+N", "formula")]),
        ("没有引号的两重", []),  # unquoted words need a formula's shape
        ("“" + "长" * 25 + "”", []),  # longer than 24 characters: a quotation, not jargon
        ("“跨\n行”", []),
    ],
)
def test_candidates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.text, c.shape) for c in candidates(text)] == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [("20+8", "formula"), ("N+X", "quoted"), ("三个一批", "numbered set"), ("枫桥经验", "quoted")],
)
def test_shape(words: str, expected: str) -> None:
    assert shape(words) == expected


_TEXT = st.text(alphabet=st.sampled_from('“”「」"两双三1+5NX好房\n。、'), max_size=80)


@given(_TEXT)
def test_candidates_point_at_their_own_words_in_order(text: str) -> None:
    found = candidates(text)
    assert all(text[c.start : c.end] == c.text for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert all(c.text and "\n" not in c.text for c in found)


@given(_TEXT)
def test_every_candidate_gets_exactly_one_status(text: str) -> None:
    allowed = Allowed.parse("好  # emphasis\n")
    findings = coverage(small_glossary().explain(text), allowed)
    assert [f.candidate for f in findings] == list(candidates(text))
    for finding in findings:
        assert (finding.status == "missing") == (finding.why == "")


def test_a_candidate_is_explained_only_when_an_annotation_covers_it_whole() -> None:
    text = "抢抓“双区”驱动机遇，发展“20+8”和“双区”"
    found = {
        (f.candidate.start, f.status, f.why)
        for f in coverage(small_glossary().explain(text), Allowed.parse(""))
    }
    # “双区” inside 双区驱动 is covered; the bare “双区” at the end is not.
    assert found == {(3, "explained", "sqqd"), (14, "explained", "sz-208"), (21, "missing", "")}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("好\n", 1, "a reason is required on every line"),
        ("好  #  \n", 1, "a reason is required on every line"),
        (
            "# header\n\n好  # emphasis\n「好」  # again\n",
            4,
            "'「好」' is allowed already at line 3",
        ),
        ("  # no term\n", 1, "a reason is required on every line"),
    ],
)
def test_a_bad_allow_list_names_its_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(DataError) as raised:
        Allowed.parse(text, "allow.txt")
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == ("allow.txt", line)
    assert message in problem.message


def test_allowed_words_match_however_quoted_or_written() -> None:
    allowed = Allowed.parse("颜值  # colloquial 'looks'\n")
    assert allowed.reason("顏值") == allowed.reason(" 颜值 ") == "colloquial 'looks'"
    assert allowed.reason("颜") is None


# --- the command ----------------------------------------------------------------------


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("发展“20+8”。\n把事办“好”，实施“九个某某”。\n", encoding="utf-8")
    return path


@pytest.fixture
def allow(tmp_path: Path) -> Path:
    path = tmp_path / "allow.txt"
    path.write_text("好  # emphasis of an ordinary word\n", encoding="utf-8")
    return path


def test_the_command_lists_every_candidate_and_exits_1_on_a_missing_one(
    report: Path, allow: Path
) -> None:
    code, out, err = run("coverage", str(report), "--allow", str(allow))
    assert (code, err) == (Exit.FINDINGS, "")
    assert out.splitlines() == [
        f"{report}:1: explained “20+8” -> shenzhen-20-8",
        f"{report}:2: allowed “好” -> emphasis of an ordinary word",
        f"{report}:2: missing “九个某某” (numbered set)",
        f"{report}: 3 candidates: 1 explained, 1 allowed, 1 missing",
    ]


def test_missing_lists_only_the_missing_and_exit_0_when_none_is(
    tmp_path: Path, allow: Path
) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("发展“20+8”，把事办“好”。\n", encoding="utf-8")
    code, out, _ = run("coverage", str(clean), "--allow", str(allow), "--missing")
    assert (code, out) == (Exit.OK, f"{clean}: 2 candidates: 1 explained, 1 allowed, 0 missing\n")


def test_json_gives_counts_and_rows(report: Path, allow: Path) -> None:
    code, out, _ = run("coverage", str(report), "--allow", str(allow), "--format", "json")
    (document,) = json.loads(out)
    assert code == Exit.FINDINGS
    assert {k: document[k] for k in ("candidates", "explained", "allowed", "missing")} == {
        "candidates": 3,
        "explained": 1,
        "allowed": 1,
        "missing": 1,
    }
    row = document["candidates_listed"][2]
    assert row == {
        "start": 20,
        "end": 24,
        "line": 2,
        "text": "九个某某",
        "shape": "numbered set",
        "status": "missing",
        "why": "",
    }


def test_a_bad_allow_list_is_a_data_error_naming_its_line(report: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("好  # ok\n颜值\n", encoding="utf-8")
    code, out, err = run("coverage", str(report), "--allow", str(bad))
    assert (code, out) == (Exit.DATA, "")
    assert err == f"{bad}:2: want 'TERM  # reason': a reason is required on every line\n"


@pytest.mark.parametrize("content", [b"\xff\xfe\x00bad", None], ids=["not-utf8", "unreadable"])
def test_an_unreadable_allow_list_is_an_input_error(
    report: Path, tmp_path: Path, content: bytes | None
) -> None:
    bad = tmp_path / "allow.txt"
    if content is None:
        bad.mkdir()  # exists, but cannot be read as a file
    else:
        bad.write_bytes(content)
    code, out, err = run("coverage", str(report), "--allow", str(bad))
    assert (code, out) == (Exit.INPUT, "")
    assert err.startswith("glossary: ")
    assert str(bad) in err
    assert "internal error" not in err
    assert len(err.splitlines()) == 1


def test_a_missing_report_is_an_input_error(tmp_path: Path) -> None:
    code, out, err = run("coverage", str(tmp_path / "nowhere.txt"))
    assert (code, out) == (Exit.INPUT, "")
    assert "nowhere.txt" in err
    assert "Traceback" not in err


def test_the_bundled_allow_list_is_used_unless_no_bundled(report: Path, allow: Path) -> None:
    # With --no-bundled, neither the bundled entries nor the bundled allow-list apply.
    team = report.parent / "team.yaml"
    from entries import team_yaml

    team.write_text(team_yaml(), encoding="utf-8")
    code, out, _ = run("coverage", str(report), "--no-bundled", "--glossary", str(team))
    assert code == Exit.FINDINGS
    assert out.splitlines()[-1].endswith("3 candidates: 0 explained, 0 allowed, 3 missing")


def test_the_command_runs_as_a_real_process(report: Path, allow: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "glossary", "coverage", str(report), "--allow", str(allow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (Exit.FINDINGS, "")
    assert done.stdout.splitlines()[-1].endswith("1 explained, 1 allowed, 1 missing")
