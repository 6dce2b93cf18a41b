"""The command line of corpus runs: ``explain``/``check`` on several files and directories,
``explain --format jsonl``, the ``corpus`` commands' errors and progress, what start-up
does not import, and the examples of README.md and docs/commands/corpus.md.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import Glossary
from glossary._corpus import Progress
from glossary_cli.commands.corpus import Bar
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO
from glossary_cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOC = ROOT / "docs" / "commands" / "corpus.md"
EXPLAIN_DOC = ROOT / "docs" / "commands" / "explain.md"
README = ROOT / "README.md"
A = "落实“六稳”“六保”工作。\n"
B = "发展“20+8”产业集群。\n"
HEAVY = ("dask", "distributed", "pyarrow")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    (tmp_path / "dir" / "b.md").write_text(B, encoding="utf-8")
    (tmp_path / "dir" / "sub" / "c.txt").write_text(A + B, encoding="utf-8")
    (tmp_path / "dir" / "data.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- explain and check on several files -------------------------------------------------


def test_one_file_is_written_exactly_as_before(drafts: Path) -> None:
    assert run("explain", "a.txt") == (Exit.OK, Glossary.default().explain(A).render(), "")


def test_several_files_and_a_directory_each_under_a_heading(drafts: Path) -> None:
    code, out, err = run("explain", "a.txt", "dir")
    assert (code, err) == (Exit.OK, "")
    render = Glossary.default().explain
    assert out == (
        f"==> a.txt <==\n{render(A).render()}"
        f"\n==> dir/b.md <==\n{render(B).render()}"
        f"\n==> dir/sub/c.txt <==\n{render(A + B).render()}"
    )


def test_jsonl_is_one_json_object_per_document(drafts: Path) -> None:
    code, out, err = run("explain", "--format", "jsonl", "dir", "-", stdin=B)
    assert (code, err) == (Exit.OK, "")
    lines = out.splitlines()
    assert len(lines) == 3
    documents = [json.loads(line) for line in lines]
    assert [d["path"] for d in documents] == ["dir/b.md", "dir/sub/c.txt", None]
    for document, text in zip(documents, (B, A + B, B), strict=True):
        expected = json.loads(Glossary.default().explain(text).render("json"))
        assert {k: v for k, v in document.items() if k != "path"} == expected
    # One file is one line too.
    assert run("explain", "--format", "jsonl", "a.txt")[1].count("\n") == 1


def test_a_file_that_cannot_be_read_does_not_stop_the_others(drafts: Path) -> None:
    (drafts / "old.txt").write_bytes(A.encode("gb18030"))
    code, out, err = run("explain", "--format", "jsonl", "old.txt", "nosuch.txt", "empty", "a.txt")
    assert code == Exit.INPUT
    assert [json.loads(line)["path"] for line in out.splitlines()] == ["a.txt"]
    assert err.splitlines() == [
        "glossary: old.txt: is not UTF-8; it looks like GB18030: pass --encoding gb18030, "
        "or convert it to UTF-8",
        "glossary: nosuch.txt: no such file; check the path",
        "glossary: empty: no text files in it (.txt, .md, .markdown, .text)",
    ]


def test_check_takes_a_directory(drafts: Path) -> None:
    code, out, _ = run("check", "dir", "a.txt")
    assert code == Exit.FINDINGS
    assert {line.split(":")[0] for line in out.splitlines()} == {
        "dir/b.md",
        "dir/sub/c.txt",
        "a.txt",
    }
    code, _, err = run("check", "empty")
    assert (code, err) == (
        Exit.INPUT,
        "glossary: empty: no text files in it (.txt, .md, .markdown, .text)\n",
    )


# --- the corpus commands' errors and progress -------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["corpus", "a.txt"], "the following arguments are required: --out"),
        (["corpus", "a.txt", "--out", "t", "--workers", "0"], "at least 1 (got '0')"),
        (
            ["corpus", "a.txt", "--out", "t", "--workers", "2", "--scheduler", "tcp://h:1"],
            "not allowed with argument --workers",
        ),
    ],
    ids=["no-out", "no-workers", "both"],
)
def test_usage_errors(drafts: Path, argv: list[str], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out, err.count("\n")) == (Exit.USAGE, "", 1)
    assert message in err


def test_a_scheduler_out_of_reach_is_one_line(
    drafts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossary._corpus._cluster._CONNECT_TIMEOUT", "1s")
    code, out, err = run("corpus", "a.txt", "--out", "t", "--scheduler", "tcp://127.0.0.1:1")
    assert (code, out, err.count("\n")) == (Exit.INPUT, "", 1)
    assert err.startswith("glossary: cannot reach the Dask scheduler at tcp://127.0.0.1:1: ")


def test_a_report_of_a_folder_without_tables(drafts: Path) -> None:
    code, _, err = run("corpus-report", "empty")
    assert (code, err) == (
        Exit.INPUT,
        "glossary: empty: holds no corpus tables (no documents/part-*.parquet)\n",
    )


def test_without_the_extra_the_commands_say_how_to_install_it(tmp_path: Path) -> None:
    probe = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from glossary_cli.main import main\n"
        f"sys.exit(main(['corpus-report', {str(tmp_path)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (
        Exit.USAGE,
        "glossary: the corpus commands need pyarrow: pip install 'glossary[corpus]'\n",
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_on_a_terminal_and_errors_on_their_own_line() -> None:
    streams = IO(io.StringIO(), io.StringIO(), Terminal())
    bar = Bar(streams)
    bar.update(Progress(1, 2, "a.txt", "annotated"))
    bar.update(Progress(2, 2, "b.txt", "failed", "binary file (NUL byte at offset 0)"))
    bar.close()
    assert streams.stderr.getvalue() == (
        "\r[##########----------] 1/2 a.txt"
        "\r\x1b[Kglossary: b.txt: binary file (NUL byte at offset 0)\n"
        "\r[####################] 2/2 b.txt"
        "\r\x1b[K"
    )


def test_in_a_pipe_only_the_errors_show() -> None:
    streams = IO(io.StringIO(), io.StringIO(), io.StringIO())
    bar = Bar(streams)
    bar.update(Progress(1, 2, "a.txt", "annotated"))
    bar.update(Progress(2, 2, "b.txt", "failed", "no such file"))
    bar.close()
    assert streams.stderr.getvalue() == "glossary: b.txt: no such file\n"


# --- what start-up does not import ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("len(glossary.explain('双区驱动'))", 1),
        ("main(['explain', {file!r}])", Exit.OK),
        ("main(['check', {file!r}])", Exit.FINDINGS),
        ("main(['corpus', '--help'])", Exit.OK),
    ],
    ids=["library", "explain", "check-hook", "corpus-help"],
)
def test_the_library_cli_and_hook_never_import_dask_or_pyarrow(
    tmp_path: Path, code: str, value: int
) -> None:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    probe = (
        "import contextlib, io, sys\n"
        "import glossary\n"
        "from glossary_cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    value = {code.format(file=str(tmp_path / 'a.txt'))}\n"
        "print(value)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout.splitlines()[-2:] == [str(value), "[]"]


# --- the examples of the docs -----------------------------------------------------------


def _console(text: str) -> list[tuple[str, list[str]]]:
    """The ``$ command`` lines of the ``console`` blocks of a Markdown text, with output."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def _vague(lines: list[str]) -> list[str]:
    """Lines with the run's time and the machine's core count made alike."""
    return [re.sub(r"in [\d.]+ s on \d+ workers?", "in T s on N workers", line) for line in lines]


def _run_examples(examples: list[tuple[str, list[str]]], directory: Path) -> None:
    shutil.copytree(EXAMPLES, directory / "examples")
    for command, shown in examples:
        argv = command.split()
        assert argv[0] == "glossary", command
        words = []
        for word in argv[1:]:  # the shell's globbing
            words.extend(sorted(map(str, Path().glob(word))) if "*" in word else [word])
        _code, out, err = run(*words)
        assert _vague((err + out).splitlines()) == _vague(shown), command  # as a terminal shows


def test_the_corpus_page_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    examples = [e for e in _console(DOC.read_text(encoding="utf-8")) if "corpus" in e[0]]
    assert len(examples) >= 3
    _run_examples(examples, tmp_path)
    assert (tmp_path / "tables" / "report.html").exists()


def test_the_readme_corpus_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    examples = [e for e in _console(README.read_text(encoding="utf-8")) if "corpus" in e[0]]
    assert len(examples) == 2
    _run_examples(examples, tmp_path)


def test_the_explain_page_examples_of_several_documents_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "news.txt").write_text(
        "发展“20+8”产业集群，打造“双区”驱动新引擎。\n", encoding="utf-8"
    )
    (tmp_path / "short.txt").write_text("实施“十四五”规划。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = EXPLAIN_DOC.read_text(encoding="utf-8")
    section = text.split("## Several documents", 1)[1].split("\n## ", 1)[0]
    examples = _console(section)
    assert len(examples) == 2
    for command, shown in examples:
        _code, out, err = run(*command.split()[1:])
        assert (err + out).splitlines() == shown, command
