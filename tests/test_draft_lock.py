"""annotate locks the draft from reading it to renaming over it (issue 21, "also seen").

Two runs of annotate on one draft used to race: the second read the draft, the first
renamed its rewrite over it, and the second refused ("changed while it was being
annotated", exit 4). With ``writes.locked`` they take turns. The lock is advisory
(``fcntl.flock``): it holds back only those who take it.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from glossary import Glossary
from glossary._hook.annotate import annotate
from glossary_cli.drafts import DraftError, annotate_file
from glossary_cli.exit_codes import Exit
from glossary_cli.writes import RefusedError, locked

LINE = "落实“六稳六保”，坚持“1+6+N”工作体系，推动双区驱动。\n"


def held_elsewhere(path: Path) -> int:
    """A descriptor of ``path`` holding its lock, as another process's would.

    flock locks belong to an open file, so a second ``open`` in this process contends
    with it as another process would.
    """
    descriptor = os.open(path, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def is_locked(path: Path) -> bool:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def test_the_draft_is_locked_while_the_block_runs(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(LINE)
    with locked(path):
        assert is_locked(path)
    assert not is_locked(path)


def test_a_lock_never_released_ends_in_a_message(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(LINE)
    holder = held_elsewhere(path)
    try:
        start = time.monotonic()
        refused = pytest.raises(RefusedError, match=r"draft\.md: is locked by another process")
        with refused, locked(path, wait=0.3):
            pytest.fail("the lock was taken twice")
        assert time.monotonic() - start < 5
    finally:
        os.close(holder)


def test_a_draft_replaced_while_waiting_is_locked_as_it_is_now(tmp_path: Path) -> None:
    # The holder rewrites the draft as annotate does (a rename over it), then lets go:
    # the waiter holds a lock on the replaced file, and must lock the new one instead.
    path = tmp_path / "draft.md"
    path.write_text("old\n")
    holder = held_elsewhere(path)
    seen: list[bool] = []

    def wait_then_look() -> None:
        with locked(path):
            seen.append(is_locked(path))
            seen.append(path.read_text() == "new\n")

    waiter = threading.Thread(target=wait_then_look)
    waiter.start()
    time.sleep(0.2)
    (tmp_path / "new").write_text("new\n")
    os.replace(tmp_path / "new", path)
    os.close(holder)
    waiter.join(timeout=30)
    assert seen == [True, True]


@pytest.mark.parametrize("kind", ["missing", "fifo", "directory"])
def test_what_is_not_a_regular_file_is_not_locked_but_reported(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "draft.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    with locked(path):  # no wait, no error: reading the draft says what is wrong
        pass
    with pytest.raises(DraftError, match=r"draft\.md: "):
        annotate_file(path, Glossary.default())


def test_annotate_file_refuses_a_draft_locked_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary_cli.writes

    path = tmp_path / "draft.md"
    path.write_text(LINE)
    monkeypatch.setattr(glossary_cli.writes, "LOCK_WAIT", 0.2)
    holder = held_elsewhere(path)
    try:
        with pytest.raises(DraftError, match=r"is locked by another process.*draft is unchanged"):
            annotate_file(path, Glossary.default())
    finally:
        os.close(holder)
    assert path.read_text() == LINE


@pytest.mark.slow
def test_concurrent_annotate_runs_take_turns(tmp_path: Path) -> None:
    # A draft of about 3 MB: each run takes long enough to overlap with the others.
    path = tmp_path / "draft.md"
    original = LINE * 40_000
    path.write_text(original)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "glossary", "annotate", "draft.md"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            assert stream is not None
            stream.close()
    # One run annotates (exit 1, pre-commit's "changed"); the others find it done.
    assert sorted(code for code, _ in results) == [Exit.OK, Exit.OK, Exit.FINDINGS], results
    assert all(err == b"" for _, err in results)
    assert path.read_text() == annotate(original, Glossary.default(), markdown=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]
