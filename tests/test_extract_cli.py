"""``glossary extract``: metadata from the report's heading lines, several reports at once,
and the examples of docs/commands/extract.md, run as written."""

from __future__ import annotations

import doctest
import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary._extract.curate import split_compound
from glossary._extract.extract import extract
from glossary_cli.exit_codes import Exit
from glossary_cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"
LONGGANG = FIXTURES / "seeds" / "longgang-2023-work-report.txt"
REPORTS = FIXTURES / "reports"
DOCS = Path(__file__).parent.parent / "docs"
#: A glossary without a single heading line above it.
BARE = "名词解释\n1.双一流：指世界一流大学和一流学科。\n2.两新：即设备更新和以旧换新。\n"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the Longgang report, two corpus reports and two texts."""
    (tmp_path / "report.txt").write_bytes(LONGGANG.read_bytes())
    for name in ("guangdong-2026.txt", "hainan-2026.txt"):
        (tmp_path / name).write_bytes((REPORTS / name).read_bytes())
    (tmp_path / "bare.txt").write_text(BARE, encoding="utf-8")
    (tmp_path / "news.txt").write_text("今天天气很好。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sources(out: str) -> list[dict[str, Any]]:
    return [entry["senses"][0] for entry in yaml.safe_load(out)["entries"]]


# --- metadata from the heading lines ----------------------------------------------------


def test_yaml_needs_no_options_when_the_heading_lines_say_it_all(folder: Path) -> None:
    code, out, err = run("extract", "report.txt")
    assert (code, err) == (Exit.OK, "")
    senses = sources(out)
    assert len(senses) == 19
    assert senses[0]["source"] == {
        "document": "2023年龙岗区政府工作报告",
        "issuer": "龙岗区人民政府",
        "date": "2023-01-12",
        "item": 1,
    }
    assert senses[0]["scope"] == {
        "region": "龙岗区",
        "level": "district",
        "issuer": "龙岗区人民政府",
    }
    (folder / "draft.yaml").write_text(out, encoding="utf-8")
    assert run("validate", "--no-bundled", "draft.yaml")[0] == Exit.OK


def test_options_override_the_heading_lines(folder: Path) -> None:
    options = ("--region", "深圳市龙岗区", "--issuer", "深圳市龙岗区人民政府", "--level", "city")
    code, out, _ = run("extract", "report.txt", *options)
    [sense, *_] = sources(out)
    assert code == Exit.OK
    assert sense["scope"] == {
        "region": "深圳市龙岗区",
        "level": "city",
        "issuer": "深圳市龙岗区人民政府",
    }
    assert sense["source"]["document"] == "2023年龙岗区政府工作报告"  # from the heading


@pytest.mark.parametrize(
    "given",
    [(), ("title",), ("title", "issuer", "region"), ("issuer", "level", "date")],
    ids=["none", "title", "three", "other-three"],
)
def test_each_value_found_nowhere_is_named_on_its_own_line(
    folder: Path, given: tuple[str, ...]
) -> None:
    values = {
        "title": "报告",
        "issuer": "某区人民政府",
        "region": "某区",
        "level": "district",
        "date": "2024-01-10",
    }
    options = [part for field in given for part in (f"--{field}", values[field])]
    code, out, err = run("extract", "bare.txt", *options)
    missing = [field for field in values if field not in given]
    assert (code, out) == (Exit.USAGE, "")
    assert err.splitlines() == [
        f"glossary: bare.txt: no {field} in the report's heading lines; give --{field}"
        for field in missing
    ]


def test_a_corpus_report_drafts_from_its_heading_lines(folder: Path) -> None:
    code, out, err = run("extract", "guangdong-2026.txt")
    assert (code, err) == (Exit.OK, "")
    senses = sources(out)
    assert {s["source"]["document"] for s in senses} == {"2026年广东省政府工作报告"}
    assert {(s["scope"]["region"], s["scope"]["level"]) for s in senses} == {("广东省", "province")}
    assert {s["source"]["date"] for s in senses} == {"2026-01-26"}


# --- several reports --------------------------------------------------------------------


def test_json_of_several_reports_is_keyed_by_file(folder: Path) -> None:
    code, out, err = run("extract", "news.txt", "report.txt", "bare.txt", "--format", "json")
    data = json.loads(out)
    assert code == Exit.OK
    assert list(data) == ["news.txt", "report.txt", "bare.txt"]
    assert (len(data["news.txt"]), len(data["report.txt"]), len(data["bare.txt"])) == (0, 18, 2)
    assert err == "glossary: news.txt: no glossary section (名词解释) found; nothing to extract\n"


def test_json_of_one_report_stays_an_array(folder: Path) -> None:
    code, out, _ = run("extract", "bare.txt", "--format", "json")
    assert (code, [item["term"] for item in json.loads(out)]) == (Exit.OK, ["双一流", "两新"])


def test_stdin_among_several_reports_is_keyed_dash(folder: Path) -> None:
    code, out, _ = run("extract", "-", "bare.txt", "--format", "json", stdin=BARE)
    assert code == Exit.OK
    assert list(json.loads(out)) == ["-", "bare.txt"]


def test_text_gives_a_block_per_report(folder: Path) -> None:
    code, out, _ = run("extract", "bare.txt", "news.txt", "report.txt", "--format", "text")
    blocks = out.split("\n\n")
    assert code == Exit.OK
    assert [block.splitlines()[0] for block in blocks] == [
        "== bare.txt: 2 items",
        "== report.txt: 18 items",
    ]
    assert blocks[0].splitlines()[1:] == [
        "1. 双一流",
        "   指世界一流大学和一流学科。",
        "2. 两新",
        "   即设备更新和以旧换新。",
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "名词解释\n1.双碳：指碳达峰与碳中和。\n\n包括两个目标。\n2.乙：指乙。\n",
            "== plain.txt: 2 items\n1. 双碳\n   指碳达峰与碳中和。\n   包括两个目标。\n"
            "2. 乙\n   指乙。\n",
        ),
        (
            "名词解释\n双碳：指碳达峰与碳中和。\n",
            "== plain.txt: 1 item\n- 双碳\n   指碳达峰与碳中和。\n",
        ),
    ],
    ids=["paragraphs", "unnumbered"],
)
def test_text_shows_paragraphs_and_unnumbered_items(folder: Path, text: str, shown: str) -> None:
    (folder / "plain.txt").write_text(text, encoding="utf-8")
    assert run("extract", "plain.txt", "--format", "text") == (Exit.OK, shown, "")


def test_yaml_of_several_reports_is_one_draft(folder: Path) -> None:
    names = ["guangdong-2026.txt", "hainan-2026.txt", "report.txt", "news.txt"]
    code, out, err = run("extract", *names)
    assert code == Exit.OK
    assert err == "glossary: news.txt: no glossary section (名词解释) found; nothing to extract\n"
    entries = yaml.safe_load(out)["entries"]
    expected = sum(
        len(split_compound(item))
        for name in names
        for item in extract((folder / name).read_text(encoding="utf-8"))
    )
    assert len(entries) == expected
    assert len({entry["id"] for entry in entries}) == expected
    documents = {entry["senses"][0]["source"]["document"] for entry in entries}
    assert documents == {
        "2026年广东省政府工作报告",
        "2026年海南省政府工作报告",
        "2023年龙岗区政府工作报告",
    }
    (folder / "draft.yaml").write_text(out, encoding="utf-8")
    assert run("validate", "--no-bundled", "draft.yaml")[0] == Exit.OK


def test_options_apply_to_every_report(folder: Path) -> None:
    code, out, _ = run("extract", "guangdong-2026.txt", "hainan-2026.txt", "--level", "city")
    assert code == Exit.OK
    assert {sense["scope"]["level"] for sense in sources(out)} == {"city"}


REFUSED = {
    "same-metadata": (
        ("report.txt", "copy.txt"),
        "glossary: report.txt and copy.txt have the same title, issuer and date"
        " (2023年龙岗区政府工作报告 / 龙岗区人民政府 / 2023-01-12):"
        " their entries would share ids\n",
    ),
    "title-for-several": (
        ("report.txt", "bare.txt", "--title", "报告"),
        "glossary: --title cannot apply to 2 reports: give one REPORT,"
        " or let each report's heading lines say\n",
    ),
    "date-and-url-for-several": (
        ("report.txt", "bare.txt", "--date", "2024-01-01", "--url", "https://example.org/r"),
        "glossary: --date, --url cannot apply to 2 reports: give one REPORT,"
        " or let each report's heading lines say\n",
    ),
    "named-twice": (
        ("report.txt", "bare.txt", "report.txt"),
        "glossary: report.txt is given twice; name each report once\n",
    ),
}


@pytest.mark.parametrize(("argv", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_before_anything_is_written(
    folder: Path, argv: tuple[str, ...], message: str
) -> None:
    (folder / "copy.txt").write_bytes(LONGGANG.read_bytes())
    assert run("extract", *argv) == (Exit.USAGE, "", message)


# --- the documentation's examples -------------------------------------------------------


def doc_examples(path: Path) -> list[tuple[str, list[str]]]:
    """The ``$ `` lines of a doc's console blocks, each with the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    text = path.read_text(encoding="utf-8")
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.replace("\\\n    ", "").splitlines():  # a continued command
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def run_example(command: str, last: int) -> tuple[int, list[str]]:
    """Run ``glossary ARGS [| head -N] [> FILE]`` or ``echo $?``: its code and what it shows.

    What is shown is stderr, then stdout (none when redirected to a file).
    """
    if command == "echo $?":
        return last, [str(last)]
    command, _, target = command.partition(" > ")
    command, _, head = command.partition(" | head -")
    argv = shlex.split(command)
    assert argv[0] == "glossary", command
    code, out, err = run(*argv[1:])
    if target:
        Path(target).write_text(out, encoding="utf-8")
        out = ""
    shown = out.splitlines()[: int(head)] if head else out.splitlines()
    return code, err.splitlines() + shown


@pytest.mark.parametrize("doc", ["commands/extract.md", "extract.md"])
def test_the_doc_examples_show_real_output(folder: Path, doc: str) -> None:
    examples = doc_examples(DOCS / doc)
    assert examples
    code = Exit.OK
    for command, shown in examples:
        code, got = run_example(command, code)
        assert got == shown, command


def test_the_doc_python_examples_run(folder: Path) -> None:
    result = doctest.testfile(str(DOCS / "extract.md"), module_relative=False)
    assert result.attempted >= 10
    assert result.failed == 0
