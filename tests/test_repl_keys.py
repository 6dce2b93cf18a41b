"""The chat on a terminal, as pgcli and ptpython users expect it: keys, suggestions, pager.

Driven through prompt-toolkit's pipe input (see tests/test_repl.py). prompt-toolkit
completes and suggests in background tasks, so keys that depend on them are typed as a
person types: a pause before each group. What the session sent is read back from its
history, which holds each submitted line.
"""

from __future__ import annotations

import io
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from glossary import Glossary
from glossary_cli.chat import ChatState
from glossary_cli.layout import width
from glossary_cli.main import main
from glossary_cli.pager import pager_command
from glossary_cli.repl import run_repl

PAUSE = 0.4


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def typed(
    pipe: PipeInput,
    groups: Sequence[str],
    history: InMemoryHistory | None = None,
    *,
    pager: Sequence[str] | None = None,  # the pager's arguments; None: no pager
    output: DummyOutput | None = None,
    state: ChatState | None = None,
) -> tuple[str, list[str]]:
    """Type each group of keys after a pause, then Ctrl-D; what was said, and what was sent."""
    history = history if history is not None else InMemoryHistory()
    before = len(list(history.load_history_strings()))

    def typist() -> None:
        for keys in [*groups, "\x04"]:
            time.sleep(PAUSE)
            pipe.send_text(keys)

    out = io.StringIO()
    thread = threading.Thread(target=typist)
    thread.start()
    run_repl(
        state or ChatState(Glossary.default()),
        out=out,
        history=history,
        colour=False,
        input=pipe,
        output=output or DummyOutput(),
        pager=None if pager is None else lambda: pager,
    )
    thread.join()
    sent = list(reversed(list(history.load_history_strings())))  # oldest first
    return out.getvalue(), sent[before:]


def test_enter_on_a_completion_taken_with_tab_accepts_it(pipe: PipeInput) -> None:
    said, sent = typed(pipe, ["sqqd", "\t", "\r", "的含义", "\r"])
    assert sent == ["双区驱动的含义"]  # Enter took 双区驱动; the next one sent the line
    assert said.count("双区驱动  slogan") == 1


def test_enter_on_a_completion_highlighted_with_down_accepts_it(pipe: PipeInput) -> None:
    said, sent = typed(pipe, ["1+1+", "\x1b[B", "\r", "\r"])
    assert sent == ["1+1+10+N"]
    assert "1+1+10+N  numeric-formula" in said


def test_enter_with_no_completion_highlighted_sends_the_line(pipe: PipeInput) -> None:
    # The menu is open (completion while typing) but nothing in it is highlighted.
    said, sent = typed(pipe, ["双区驱", "\r"])
    assert sent == ["双区驱"]
    assert "“双区驱” is not in the glossary" in said


def test_right_arrow_takes_the_grey_suggestion_from_history(pipe: PipeInput) -> None:
    history = InMemoryHistory(["双区驱动是啥", "20+8"])  # newest last
    said, sent = typed(pipe, ["双区", "\x1b[C", "\r"], history)
    assert sent == ["双区驱动是啥"]
    assert "双区驱动  slogan" in said


def _recorder(path: Path) -> list[str]:
    """A pager that writes what it is given to ``path``."""
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
    return [sys.executable, "-c", script, str(path)]


def test_an_answer_taller_than_the_terminal_goes_through_the_pager(
    pipe: PipeInput, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    said, _ = typed(pipe, ["/list\r"], pager=_recorder(paged))
    shown = paged.read_text(encoding="utf-8")
    assert shown.count("\n") > DummyOutput().get_size().rows
    assert "numeric-formula (" in shown
    assert "numeric-formula (" not in said  # paged, not printed as well


def test_an_answer_that_fits_is_printed(pipe: PipeInput, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    said, _ = typed(pipe, ["20+8\r"], pager=_recorder(paged))
    assert "20+8  numeric-formula" in said
    assert not paged.exists()


def test_a_pager_that_cannot_run_leaves_the_answer_printed(pipe: PipeInput, tmp_path: Path) -> None:
    said, _ = typed(pipe, ["/list\r"], pager=[str(tmp_path / "no-such-pager")])
    assert "numeric-formula (" in said


def test_piped_answers_are_never_paged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", " ".join(_recorder(paged)))
    out = io.StringIO()
    main(["chat"], stdin=io.StringIO("/list\n"), stdout=out, stderr=io.StringIO())
    assert "numeric-formula (" in out.getvalue()
    assert not paged.exists()


def test_the_pager_is_pager_else_less(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    less = tmp_path / "less"
    less.write_text("#!/bin/sh\ncat\n", encoding="utf-8")
    less.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pager_command({}) == [str(less), "-R"]
    assert pager_command({"PAGER": "more -d"}) == ["more", "-d"]
    assert pager_command({"PAGER": ""}) is None
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pager_command({}) is None  # no less: the answer is printed


class _Narrow(DummyOutput):
    def get_size(self) -> Size:
        return Size(rows=40, columns=36)


def test_the_banner_wraps_at_the_terminals_width(pipe: PipeInput) -> None:
    said, _ = typed(pipe, [], output=_Narrow())
    banner = said.split("\n\n")[0].splitlines()
    assert len(banner) > 2  # two lines in 80 columns, more in 36
    assert max(width(row) for row in banner) <= 36
    assert " ".join(banner).startswith("glossary chat: ")
