"""``glossary annotate --diff`` (a dry run) and ``glossary check --unknown-only``, in-process.

A dry run writes nothing and prints a unified diff that the real ``patch`` turns into
exactly what ``annotate`` writes: BOM, CRLF and a missing final line break included.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from glossary_cli.exit_codes import Exit
from glossary_cli.main import main

JARGON = "落实“六稳六保”，坚持“1+6+N”工作体系。\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository as the current directory (settings are looked up there)."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


DRAFTS = {
    "md": ("draft.md", JARGON.encode(), ()),
    "txt-crlf-bom-no-final": (
        "draft.txt",
        "\ufeff引言。\r\n落实“六稳六保”，坚持“1+6+N”。".encode(),
        (),
    ),
    "md-footnotes": ("draft.md", ("# 标题\n\n" + JARGON).encode(), ("--footnotes",)),
}


@pytest.mark.parametrize("case", list(DRAFTS), ids=list(DRAFTS))
def test_the_diff_is_what_annotate_would_write(repo: Path, case: str) -> None:
    name, original, options = DRAFTS[case]
    (repo / name).write_bytes(original)
    before = os.stat(repo / name)
    code, diff, err = run("annotate", "--diff", *options, name)
    assert (code, err) == (Exit.FINDINGS, "")
    assert (repo / name).read_bytes() == original  # nothing written
    assert os.stat(repo / name).st_mtime_ns == before.st_mtime_ns
    assert diff.startswith(f"--- {name}\n+++ {name}\n@@ ")
    subprocess.run(["patch", "-s", "-p0"], input=diff.encode(), cwd=repo, check=True)
    patched = (repo / name).read_bytes()
    (repo / name).write_bytes(original)
    assert run("annotate", *options, name)[0] == Exit.FINDINGS
    assert patched == (repo / name).read_bytes()


def test_the_diff_of_an_annotated_draft_is_empty(repo: Path) -> None:
    (repo / "draft.md").write_bytes(JARGON.encode())
    run("annotate", "draft.md")
    assert run("annotate", "--diff", "draft.md") == (Exit.OK, "", "")


def test_a_dry_run_over_several_drafts_reports_each_and_its_problems(repo: Path) -> None:
    (repo / "a.md").write_bytes(JARGON.encode())
    (repo / "b.txt").write_bytes("今天天气很好。\n".encode())
    code, out, err = run("annotate", "--diff", "a.md", "missing.md", "b.txt")
    assert code == Exit.INPUT  # the worst: a draft that cannot be read
    assert out.startswith("--- a.md\n+++ a.md\n")
    assert "b.txt" not in out  # nothing would change there
    assert err == "glossary: missing.md: no such file; check the path\n"


def test_a_dry_run_leaves_a_killed_runs_temporary_file(repo: Path) -> None:
    # A real run sweeps such leftovers; a dry run writes and removes nothing at all.
    (repo / "a.md").write_bytes(JARGON.encode())
    leftover = repo / ".a.md.glossary-4194303-deadbeef.tmp"  # no process has that id
    leftover.write_bytes(b"half")
    old = os.stat(leftover).st_mtime - 7 * 24 * 3600
    os.utime(leftover, (old, old))
    listing = sorted(os.listdir(repo))
    run("annotate", "--diff", "a.md")
    assert sorted(os.listdir(repo)) == listing
    run("annotate", "a.md")
    assert not leftover.exists()


def test_unknown_only_leaves_the_glossarys_terms_out(repo: Path) -> None:
    (repo / "draft.txt").write_bytes(JARGON.encode())
    code, out, err = run("check", "--unknown-only", "draft.txt")
    assert (code, out, err) == (Exit.FINDINGS, "draft.txt:1:12: “1+6+N” — unknown jargon\n", "")
    every = run("check", "draft.txt")[1].splitlines()
    assert len(every) == 2
    assert every[1] == out.rstrip("\n")


def test_unknown_only_passes_a_draft_whose_jargon_the_glossary_knows(repo: Path) -> None:
    (repo / "draft.md").write_bytes("落实“六稳六保”，发展“20+8”产业。\n".encode())
    assert run("check", "draft.md")[0] == Exit.FINDINGS
    assert run("check", "--unknown-only", "draft.md") == (Exit.OK, "", "")
