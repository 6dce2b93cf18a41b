"""annotate gives back the same file or none (issue 21, items 2 and 11), in-process.

A rewrite keeps the draft's mode, owner, group and extended attributes; it refuses a
read-only or hard-linked draft, one it could not give back to its owner and one changed
since it was read, leaving it byte for byte as it was; and a run removes the temporary
files that a killed run left, ours only.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary._hook.sections import BEGIN
from glossary_cli.drafts import DraftError, read_draft, write_draft
from glossary_cli.exit_codes import Exit
from glossary_cli.main import main
from glossary_cli.writes import STALE_AFTER, RefusedError, _give_back, temporary_name

JARGON = "落实“六稳六保”，坚持“双区驱动”。\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A draft that annotate would change, in an empty working directory."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "draft.md"
    path.write_text(JARGON, encoding="utf-8")
    return path


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_a_read_only_draft_is_refused_and_untouched(draft: Path) -> None:
    draft.chmod(0o444)
    code, out, err = run("annotate", "draft.md")
    assert (code, out) == (Exit.INPUT, "")
    assert err == (
        "glossary: draft.md: is read-only (mode 0444); make it writable (chmod u+w) to "
        "annotate it; the draft is unchanged\n"
    )
    assert draft.read_text(encoding="utf-8") == JARGON
    assert draft.stat().st_mode & 0o777 == 0o444
    assert names(draft.parent) == ["draft.md"]
    assert run("check", "draft.md")[0] == Exit.FINDINGS  # reading it is fine


def test_a_hard_linked_draft_is_refused_and_the_link_kept(draft: Path) -> None:
    other = draft.with_name("other.md")
    os.link(draft, other)
    code, out, err = run("annotate", "draft.md")
    assert (code, out) == (Exit.INPUT, "")
    assert err.startswith("glossary: draft.md: has 2 hard links, which a rewrite would split")
    assert err.endswith("; the draft is unchanged\n")
    assert draft.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == JARGON
    assert draft.stat().st_ino == other.stat().st_ino


def test_the_rewrite_keeps_owner_group_and_mode(draft: Path) -> None:
    # Only root can give a file away; anyone else checks that their own stays theirs.
    owner = (4321, 4322) if os.geteuid() == 0 else (os.geteuid(), os.getegid())
    os.chown(draft, *owner)
    draft.chmod(0o640)
    assert run("annotate", "draft.md")[0] == Exit.FINDINGS
    status = draft.stat()
    assert BEGIN in draft.read_text(encoding="utf-8")
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (*owner, 0o640)


def test_the_rewrite_keeps_extended_attributes(draft: Path) -> None:
    os.setxattr(draft, "user.glossary.note", "审阅中".encode())
    assert run("annotate", "draft.md")[0] == Exit.FINDINGS
    assert BEGIN in draft.read_text(encoding="utf-8")
    assert os.getxattr(draft, "user.glossary.note") == "审阅中".encode()


def test_a_draft_that_cannot_be_given_back_to_its_owner_is_refused(
    draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = draft.with_name("new")
    temporary.write_bytes(b"new")
    made = os.stat(temporary)
    foreign = os.stat_result((made.st_mode, 0, 0, 1, made.st_uid + 1, made.st_gid, 3, 0, 0, 0))

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    with pytest.raises(RefusedError, match="to whom a rewrite could not give it back"):
        _give_back(temporary, foreign, draft)


def test_a_draft_changed_since_it_was_read_is_left_alone(draft: Path) -> None:
    read = read_draft(draft)
    with draft.open("a", encoding="utf-8") as file:
        file.write("另一个进程追加的一行。\n")
    appended = draft.read_bytes()
    with pytest.raises(DraftError, match="changed while it was being annotated"):
        write_draft(draft, b"annotated", read.status)
    assert draft.read_bytes() == appended
    assert names(draft.parent) == ["draft.md"]


# --- temporary files left by a killed run (item 11) ----------------------------------------


def dead_pid() -> int:
    """The PID of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("command", ["annotate", "check"])
def test_a_run_removes_stale_temporary_files_of_ours_only(draft: Path, command: str) -> None:
    directory = draft.parent
    dead = directory / f".draft.md.glossary-{dead_pid()}-0123abcd.tmp"
    old = directory / f".draft.md.glossary-{os.getpid()}-4567cdef.tmp"
    running = directory / f".draft.md.glossary-{os.getpid()}-89abcdef.tmp"
    elsewhere = directory / f".notes.txt.glossary-{dead_pid()}-00000000.tmp"
    theirs = [directory / ".draft.md.abcd1234.tmp", directory / ".draft.md.glossary-1-xyz.tmp"]
    for path in (dead, old, running, elsewhere, *theirs):
        path.write_bytes(b"half a draft")
    past = time.time() - STALE_AFTER - 60
    os.utime(old, (past, past))
    run(command, "draft.md")
    assert not dead.exists()
    assert not old.exists()  # an hour old: its PID may be another process's by now
    assert not elsewhere.exists()  # beside another draft of the directory
    assert running.exists()  # its process (this one) may still be writing it
    assert all(path.exists() for path in theirs)


def test_the_temporary_name_follows_the_pattern_removed(draft: Path) -> None:
    name = temporary_name(draft)
    assert name.parent == draft.parent
    assert name.name.startswith(f".draft.md.glossary-{os.getpid()}-")
    name.write_bytes(b"x")
    past = time.time() - STALE_AFTER - 60
    os.utime(name, (past, past))
    run("check", "draft.md")
    assert not name.exists()


@pytest.mark.parametrize("command", ["annotate", "check"])
def test_a_symlink_loop_is_an_input_error(draft: Path, command: str) -> None:
    (draft.parent / "loop.md").symlink_to("loop.md")
    code, out, err = run(command, "loop.md", "draft.md")
    assert code == Exit.INPUT  # the worst met; the other draft is still done
    assert err == "glossary: loop.md: cannot read it: Too many levels of symbolic links\n"
    assert out.startswith("draft.md:" if command == "check" else "glossary: annotated draft.md")
