"""Hostile input and output, in real processes (issue 21, items 2, 5, 9 and 11).

Devices, named pipes without a writer, closed or full standard streams, and signals
during a rewrite: each case ends with its documented exit code and one line on stderr,
never a traceback or a hang, and a draft byte for byte as it was. Every process runs
with a time-out, and with its memory capped, so that a regression fails the test
instead of the machine.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary_cli.exit_codes import Exit

pytestmark = pytest.mark.slow

#: The ``glossary`` script installed beside this Python.
GLOSSARY = str(Path(sys.executable).with_name("glossary"))
MEMORY = 2 * 2**30


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _caught_signals() -> None:
    """The child as a shell starts it: SIGTERM and SIGHUP not ignored (nohup would)."""
    _cap_memory()
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def glossary(
    *argv: str,
    cwd: Path,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    shell_prefix: str = "",
) -> subprocess.CompletedProcess[bytes]:
    """Run ``glossary ARGV`` and wait at most a minute for it."""
    command = [GLOSSARY, *argv]
    if shell_prefix:  # for redirections Popen cannot express: a closed descriptor
        command = ["sh", "-c", f'exec "$0" "$@" {shell_prefix}', *command]
    return subprocess.run(
        command,
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        preexec_fn=_cap_memory,
        timeout=60,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The stderr of a run, which must be exactly one line with no traceback."""
    err = result.stderr.decode()
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# --- non-regular files (item 5) ---------------------------------------------------------

COMMANDS = [
    ("explain",),
    ("check",),
    ("annotate",),
    ("extract", "--format", "json"),
    ("coverage",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_device_is_refused_unread(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = glossary(command[0], "/dev/zero", *command[1:], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (Exit.INPUT, b"")
    assert one_line(result) == (
        "glossary: /dev/zero: is a character device, not a regular file; name a text file\n"
    )


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_named_pipe_without_a_writer_is_refused_at_once(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    result = glossary(command[0], "draft.md", *command[1:], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (Exit.INPUT, b"")
    assert one_line(result) == (
        "glossary: draft.md: is a named pipe (FIFO), not a regular file; name a text file\n"
    )
    assert fifo.is_fifo()  # not replaced by a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_an_endless_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zeros:
        result = glossary(
            "explain", "-", cwd=tmp_path, stdin=zeros.fileno(), env={"GLOSSARY_MAX_INPUT": "8M"}
        )
    assert (result.returncode, result.stdout) == (Exit.INPUT, b"")
    assert one_line(result).startswith("glossary: standard input: is larger than 8 MiB")


# --- standard output that cannot be written (item 9) ------------------------------------


def test_a_closed_stdout_is_one_line_and_exit_74(tmp_path: Path) -> None:
    result = glossary("lookup", "双区驱动", cwd=tmp_path, stdout=None, shell_prefix=">&-")
    assert result.returncode == Exit.OUTPUT
    assert one_line(result) == (
        "glossary: standard output is closed; redirect it (> /dev/null to discard it)\n"
    )


def test_a_closed_stdin_is_an_input_error(tmp_path: Path) -> None:
    result = glossary("explain", cwd=tmp_path, stdin=None, shell_prefix="<&-")
    assert (result.returncode, result.stdout) == (Exit.INPUT, b"")
    assert one_line(result) == (
        "glossary: standard input is closed; pipe or redirect the text into it\n"
    )


@pytest.mark.parametrize("argv", [("lookup", "双区驱动"), ("--help",), ("search", "双区")], ids=str)
def test_a_full_stdout_is_one_line_and_exit_74(tmp_path: Path, argv: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = glossary(*argv, cwd=tmp_path, stdout=full.fileno())
    assert result.returncode == Exit.OUTPUT
    assert one_line(result) == (
        "glossary: standard output: cannot write to it: No space left on device\n"
    )


def test_an_ascii_stdout_is_one_line_and_exit_74(tmp_path: Path) -> None:
    result = glossary("lookup", "双区驱动", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == Exit.OUTPUT
    assert one_line(result) == (
        "glossary: standard output: its encoding (ascii) cannot write U+53CC; "
        "use UTF-8 (PYTHONIOENCODING=utf-8)\n"
    )


# --- signals during a rewrite (item 11) -------------------------------------------------

LINE = "落实“六稳六保”，坚持“1+6+N”工作体系，推动双区驱动。\n"


def big_draft(directory: Path) -> tuple[Path, bytes]:
    """A draft of about 20 MB, which takes annotate long enough to write to be caught at it."""
    path = directory / "report.md"
    data = (LINE * (20_000_000 // len(LINE.encode()))).encode()
    path.write_bytes(data)
    return path, data


def temporaries(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.startswith(".report.md.glossary-")]


def signal_mid_write(directory: Path, number: int) -> subprocess.Popen[bytes] | None:
    """Start annotate on the big draft; send ``number`` once its temporary file appears.

    None when the rewrite was done before it could be caught, or finished before the
    signal landed (then the caller tries again).
    """
    child = subprocess.Popen(
        [GLOSSARY, "annotate", "report.md"],
        cwd=directory,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_caught_signals,  # a run under nohup must not ignore the SIGHUP we send
    )
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if temporaries(directory):
            child.send_signal(number)
            child.wait(timeout=60)
            # The rename may win the race with the signal on a busy machine: the run then
            # ends as a finished annotate (exit 1, the draft rewritten), and is tried again.
            return None if child.returncode == 1 else child
    child.kill()
    child.wait()
    return None


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_rewrite_leaves_the_draft_and_no_temporary(
    tmp_path: Path, number: signal.Signals
) -> None:
    for _ in range(5):
        path, data = big_draft(tmp_path)
        child = signal_mid_write(tmp_path, number)
        if child is not None:
            break
    else:
        pytest.fail("the rewrite was never caught under way in five tries")
    assert child.returncode == 128 + number
    assert child.stderr is not None
    assert child.stderr.read().decode() == (
        f"glossary: stopped by {number.name}; the file being written is unchanged\n"
    )
    assert path.read_bytes() == data
    assert temporaries(tmp_path) == []


def test_after_a_sigkill_the_next_run_removes_the_temporary_file(tmp_path: Path) -> None:
    for _ in range(5):
        path, data = big_draft(tmp_path)
        child = signal_mid_write(tmp_path, signal.SIGKILL)
        if child is not None:
            break
    else:
        pytest.fail("the rewrite was never caught under way in five tries")
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == data
    assert temporaries(tmp_path)  # SIGKILL cannot be caught: the file is left...
    path.write_text(LINE, encoding="utf-8")  # (a small draft: the check is quick)
    assert glossary("check", "report.md", cwd=tmp_path).returncode == Exit.FINDINGS
    assert temporaries(tmp_path) == []  # ...and the next run removes it


# --- the examples of docs/cli.md ----------------------------------------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def documented_examples() -> list[tuple[str, str]]:
    """The ``$ command`` lines of docs/cli.md's section on input, with the output shown."""
    section = DOC.read_text(encoding="utf-8").split("## Input that is not a text file")[1]
    block = section.split("```console\n")[1].split("```")[0]
    examples: list[tuple[str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            examples.append((line[2:], ""))
        else:
            command, shown = examples[-1]
            examples[-1] = (command, shown + line + "\n")
    return examples


@pytest.mark.parametrize(("command", "shown"), documented_examples())
def test_the_documented_examples_say_what_the_doc_shows(
    tmp_path: Path, command: str, shown: str
) -> None:
    result = subprocess.run(
        ["sh", "-c", command],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env={**os.environ, "PATH": f"{Path(GLOSSARY).parent}:{os.environ['PATH']}"},
        timeout=60,
        check=False,
    )
    assert (result.stdout + result.stderr).decode() == shown  # each writes to one of them
    assert result.returncode in (Exit.USAGE, Exit.INPUT, Exit.OUTPUT)
