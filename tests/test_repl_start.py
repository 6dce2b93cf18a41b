"""The terminal chat draws its prompt before loading the glossary, and loads it behind it.

Time to prompt is prompt-toolkit's start-up; the glossary and the chat's handlers load
while the user reads the greeting. A team's glossary or a region, which may be wrong,
are checked before the prompt instead. ``Later`` holds what loads behind the prompt.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from glossary import Glossary
from glossary_cli import repl
from glossary_cli.chat_state import ChatState
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.later import Later
from glossary_cli.main import main


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def test_the_glossary_loads_after_the_prompt_is_drawn(pipe: PipeInput) -> None:
    out = io.StringIO()
    seen: dict[str, Any] = {}

    def load() -> ChatState:
        seen["said"] = out.getvalue()  # what was on the screen when the load began
        seen["thread"] = threading.current_thread()
        return ChatState(Glossary.default())

    pipe.send_text("20+8\r\x04")
    code = repl.run_repl(
        Later(load), out=out, history=InMemoryHistory(), colour=False, input=pipe,
        output=DummyOutput(),
    )  # fmt: skip
    assert code == Exit.OK
    assert seen["said"].startswith("glossary chat: ")  # the greeting came first
    assert seen["thread"] is not threading.main_thread()
    assert "20+8  numeric-formula" in out.getvalue()


def test_a_load_that_fails_ends_the_chat_at_the_first_answer(pipe: PipeInput) -> None:
    def load() -> ChatState:
        raise UserError("team.yaml: no such file; check the path", Exit.INPUT)

    out = io.StringIO()
    pipe.send_text("20+8\r")
    with pytest.raises(UserError, match="no such file"):
        repl.run_repl(
            Later(load), out=out, history=InMemoryHistory(), colour=False, input=pipe,
            output=DummyOutput(),
        )  # fmt: skip
    assert out.getvalue().startswith("glossary chat: ")
    assert "numeric-formula" not in out.getvalue()


def test_nothing_is_completed_while_the_glossary_loads() -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    completer = repl.TermCompleter(lambda: None)
    assert list(completer.get_completions(Document("双区"), CompleteEvent())) == []


def test_later_hands_its_error_to_the_caller_and_runs_once() -> None:
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        raise ValueError("broken")

    later: Later[int] = Later(make)
    later.start()
    later.start()
    with pytest.raises(ValueError, match="broken"):
        later.get()
    later.join()
    assert later.peek() is None
    assert calls == [1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("options", "checked_first"),
    [([], False), (["--region", "罗湖"], True), (["--no-bundled", "--glossary", "t.yaml"], True)],
    ids=["bundled-only", "region", "team-glossary"],
)
def test_what_a_user_may_have_got_wrong_is_checked_before_the_prompt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, options: list[str], checked_first: bool
) -> None:
    given: list[Later[ChatState]] = []

    def fake_repl(state: Later[ChatState], **_: object) -> int:
        given.append(state)
        return Exit.OK

    monkeypatch.setattr(repl, "run_repl", fake_repl)
    monkeypatch.setenv("GLOSSARY_HISTORY", str(tmp_path / "history"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").write_text("entries: [\n", encoding="utf-8")  # a syntax error
    err = io.StringIO()
    code = main(["chat", *options], stdin=_Terminal(), stdout=_Terminal(), stderr=err)
    if "--glossary" in options:  # checked first: refused before any prompt
        assert (code, given) == (Exit.DATA, [])
        assert "t.yaml:1: malformed YAML" in err.getvalue()
        return
    assert code == Exit.OK
    [state] = given
    assert (state.peek() is not None) is checked_first  # loaded already, or not yet
    assert state.get().glossary is Glossary.default()
