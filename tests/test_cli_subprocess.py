"""The installed ``glossary`` console script, run as a user runs it: in a real process."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from glossary_cli.exit_codes import Exit

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def console_script() -> str:
    """The ``glossary`` script installed next to this Python (the venv's bin/)."""
    found = shutil.which("glossary", path=str(BIN))
    assert found is not None, f"no glossary console script in {BIN}"
    return found


def environ(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(GLOSSARY_HISTORY=str(tmp_path / "history"), **extra)
    return env


def test_the_console_script_looks_up_a_term(tmp_path: Path) -> None:
    result = subprocess.run(
        [console_script(), "lookup", "1+1+10+N"],
        capture_output=True,
        text=True,
        env=environ(tmp_path),
        check=False,
    )
    assert result.returncode == Exit.OK
    assert result.stdout.startswith("1+1+10+N  numeric-formula\n")
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_the_console_script_answers_a_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [console_script(), "chat"],
        input="1+1+10+N\n什么是双区驱动\n",
        capture_output=True,
        text=True,
        env=environ(tmp_path),
        check=False,
    )
    assert result.returncode == Exit.OK
    assert [a.splitlines()[0] for a in result.stdout.split("\n\n") if a] == [
        "1+1+10+N  numeric-formula",
        "双区驱动  slogan",
    ]


def test_python_m_glossary_and_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "explain", "--format", "rtf"],
        capture_output=True,
        text=True,
        env=environ(tmp_path),
        check=False,
    )
    assert result.returncode == Exit.USAGE
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("code", "absent"),
    [
        ("import glossary; glossary.explain('双区驱动')", "prompt_toolkit"),
        ("from glossary_cli.main import main; main(['lookup', '20+8'])", "prompt_toolkit"),
        ("from glossary_cli.main import main; main(['lookup', '20+8'])", "yaml"),
        ("import glossary; glossary.explain('坚持“1+6+N”，做好“两重”')", "pypinyin"),
        ("from glossary_cli.main import main; main(['check', '-'])", "pypinyin"),
    ],
    ids=["library", "lookup-command", "lookup-warm-cache", "explain-no-pinyin", "hook-no-pinyin"],
)
def test_what_is_not_imported(tmp_path: Path, code: str, absent: str) -> None:
    warm = [sys.executable, "-c", code]
    subprocess.run(warm, capture_output=True, check=True, env=environ(tmp_path))
    probe = f"{code}; import sys; print({absent!r} in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environ(tmp_path)
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_a_reader_that_leaves_early_makes_a_broken_pipe(tmp_path: Path) -> None:
    # Several times what a pipe holds, so that the write is under way when the reader goes.
    big = tmp_path / "big.txt"
    big.write_text("发展“20+8”产业集群，打造“双区”驱动新引擎。\n" * 20000, encoding="utf-8")
    child = subprocess.Popen(
        [console_script(), "explain", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ(tmp_path),
    )
    assert child.stdout is not None
    assert child.stderr is not None
    assert child.stdout.read(10)
    child.stdout.close()  # as ``| head -c 10`` does
    assert child.wait(timeout=60) == 141
    assert child.stderr.read() == b""


def _read_until(fd: int, wanted: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
    return seen


def test_the_repl_in_a_real_terminal(tmp_path: Path) -> None:
    primary, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    child = subprocess.Popen(
        [console_script()],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=environ(tmp_path, TERM="xterm"),
        close_fds=True,
    )
    os.close(secondary)
    try:
        assert b"glossary>" in _read_until(primary, b"glossary>")
        os.write(primary, "双区驱动是啥\r".encode())
        answer = _read_until(primary, b"related:")
        assert "\x1b[1;36m双区驱动\x1b[0m".encode() in answer  # coloured on a terminal
        # Ctrl-D only reaches the REPL once it prompts again: between prompts the terminal
        # is in cooked mode, where the line discipline itself would swallow it.
        after = answer.split(b"related:", 1)[1]
        assert b"glossary>" in after or b"glossary>" in _read_until(primary, b"glossary>")
        os.write(primary, b"\x04")
        assert child.wait(timeout=20) == Exit.OK
    finally:
        child.kill()
        os.close(primary)
    assert "双区驱动是啥" in (tmp_path / "history").read_text(encoding="utf-8")
