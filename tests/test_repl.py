"""The chat REPL driven through prompt-toolkit's pipe input, with no terminal.

Keys are sent as a terminal would send them: ``\\r`` is Enter, ``\\x03`` Ctrl-C,
``\\x04`` Ctrl-D, ``\\t`` Tab, ``\\x1b[A`` Up, and a paste is wrapped in the bracketed
paste sequences ``\\x1b[200~`` ... ``\\x1b[201~``.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.utils import get_cwidth

from entries import small_glossary
from glossary import Glossary
from glossary_cli.chat import COMMANDS, ChatState
from glossary_cli.exit_codes import Exit
from glossary_cli.layout import colour_wanted, width
from glossary_cli.repl import (
    HISTORY_LIMIT,
    TermCompleter,
    history_path,
    open_history,
    run_repl,
)

PASTE = "2022年以来，全面落实“1+1+10+N”经济运行调度机制，\n抢抓“双区”驱动等重大历史机遇。"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def converse(
    pipe: PipeInput, keys: str, history: History | None = None, state: ChatState | None = None
) -> tuple[int, str]:
    """Type ``keys`` into a fresh REPL, then Ctrl-D; return its exit code and what it said."""
    out = io.StringIO()
    pipe.send_text(keys + "\x04")
    code = run_repl(
        state or ChatState(Glossary.default()),
        out=out,
        history=history or InMemoryHistory(),
        colour=False,
        input=pipe,
        output=DummyOutput(),
    )
    return code, out.getvalue()


def test_a_term_is_answered(pipe: PipeInput) -> None:
    code, said = converse(pipe, "1+1+10+N\r")
    [entry] = Glossary.default().lookup("1+1+10+N")
    assert code == Exit.OK
    assert said.startswith("glossary chat: ")
    assert "1+1+10+N  numeric-formula" in said
    assert entry.senses[0].source is not None
    assert entry.senses[0].source.document in said


def test_a_question_is_answered(pipe: PipeInput) -> None:
    _, said = converse(pipe, "什么是双区驱动？\r")
    assert "双区驱动  slogan" in said


def test_history_is_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history"
    with create_pipe_input() as first:
        converse(first, "双区驱动是啥\r/region 罗湖\r", history=open_history(path, print))
    assert path.is_file()
    assert list(FileHistory(str(path)).load_history_strings()) == ["/region 罗湖", "双区驱动是啥"]
    with create_pipe_input() as second:  # Up twice recalls the first query of the last session
        _, said = converse(second, "\x1b[A\x1b[A\r", history=open_history(path, print))
    assert "双区驱动  slogan" in said


def test_a_pasted_report_is_not_kept_in_the_history(tmp_path: Path, pipe: PipeInput) -> None:
    path = tmp_path / "history"
    report = "抢抓“双区”驱动等重大历史机遇。\n" * (HISTORY_LIMIT // 10)
    converse(pipe, f"\x1b[200~{report}\x1b[201~\r20+8\r", history=open_history(path, print))
    assert list(FileHistory(str(path)).load_history_strings()) == ["20+8"]


def test_an_unusable_history_path_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    warnings: list[str] = []
    history = open_history(blocker / "history", warnings.append)
    assert isinstance(history, InMemoryHistory)
    assert len(warnings) == 1
    assert str(blocker / "history") in warnings[0]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"GLOSSARY_HISTORY": "/x/h", "XDG_DATA_HOME": "/d"}, "/x/h"),
        ({"XDG_DATA_HOME": "/d", "HOME": "/home/u"}, "/d/glossary/history"),
        ({"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/glossary/history"),
        ({"HOME": "/home/u"}, "/home/u/.local/share/glossary/history"),
    ],
    ids=["explicit", "xdg", "relative-xdg-ignored", "home"],
)
def test_history_path(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: str
) -> None:
    # platformdirs, asked when no variable says where, reads the process's environment.
    monkeypatch.setenv("HOME", environ.get("HOME", "/nowhere"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert history_path(environ).as_posix() == expected


def completions(text: str) -> dict[str, str]:
    completer = TermCompleter(lambda: ChatState(Glossary.default()))
    found = completer.get_completions(Document(text), CompleteEvent(text_inserted=True))
    return {c.text: c.display_meta_text for c in found}


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("双区", "双区驱动"),
        ("什么是双区", "双区驱动"),
        ("雙區", "双区驱动"),
        ("1+1+", "1+1+10+N"),
        ("“20", "“20+8”产业集群"),
        ("sqqd", "双区驱动"),
        ("shuangqu", "双区驱动"),
    ],
    ids=["prefix", "in-question", "traditional", "formula", "variant", "pinyin", "syllables"],
)
def test_completion_shows_the_expansion(typed: str, term: str) -> None:
    [entry] = [e for e in Glossary.default() if term in e.surfaces]
    found = completions(typed)
    assert term in found
    assert found[term].rstrip("…") in entry.senses[0].expansion
    assert found[term]


def test_completion_replaces_only_the_term_being_typed() -> None:
    completer = TermCompleter(lambda: ChatState(Glossary.default()))
    [first, *_] = completer.get_completions(Document("什么是双区"), CompleteEvent())
    assert first.start_position == -2


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("/re", "/region"),
        ("/region 罗", "深圳市罗湖区"),
        ("/format h", "html"),
        ("/list s", "slogan"),
    ],
    ids=["command", "region", "format", "kind"],
)
def test_completion_of_commands_and_arguments(typed: str, offered: str) -> None:
    assert offered in completions(typed)


def test_tab_completes_in_the_session(pipe: PipeInput) -> None:
    # prompt-toolkit completes in background tasks, one at a time: keys arriving in one
    # burst would race them. A person types, pauses, presses Tab, pauses, presses Enter.
    def type_slowly() -> None:  # Enter takes the highlighted completion, then sends
        for keys in ("sqqd", "\t", "\r", "\r\x04"):
            time.sleep(0.4)
            pipe.send_text(keys)

    out = io.StringIO()
    typist = threading.Thread(target=type_slowly)
    typist.start()
    run_repl(
        ChatState(Glossary.default()),
        out=out,
        history=InMemoryHistory(),
        colour=False,
        input=pipe,
        output=DummyOutput(),
    )
    typist.join()
    assert "双区驱动  slogan" in out.getvalue()


@pytest.mark.parametrize("name", list(COMMANDS), ids=list(COMMANDS))
def test_help_lists_every_command(pipe: PipeInput, name: str) -> None:
    _, said = converse(pipe, "/help\r")
    assert COMMANDS[name].usage in said
    assert COMMANDS[name].summary.split()[0] in said


def test_region_command_changes_the_answers(pipe: PipeInput) -> None:
    state = ChatState(small_glossary())
    _, said = converse(pipe, "/region 福田\r1+10+N\r", state=state)
    assert "Region set to 深圳市福田区." in said
    answer = said.split("Region set to 深圳市福田区.")[1]
    assert answer.index("ft-110n exp") < answer.index("lh-110n exp")


def test_a_bracketed_paste_of_several_lines_is_one_passage(pipe: PipeInput) -> None:
    _, said = converse(pipe, f"\x1b[200~{PASTE}\x1b[201~\r")
    expected = Glossary.default().explain(PASTE).render("inline")
    assert "2 terms found:" in said
    for line in expected.splitlines():  # each line fits in 80 columns, so none is wrapped
        if width(line) <= 80:
            assert line in said


def test_ctrl_c_clears_the_line_and_the_chat_goes_on(pipe: PipeInput) -> None:
    _, said = converse(pipe, "量子计算\x03双区驱动\r")
    assert "双区驱动  slogan" in said
    assert "量子计算" not in said


def test_escape_enter_starts_a_new_line(pipe: PipeInput) -> None:
    _, said = converse(pipe, "抢抓“双区”驱动机遇，\x1b\r发展“20+8”产业集群。\r")
    assert "2 terms found:" in said


@pytest.mark.parametrize("leave", ["\x04", "/quit\r", "/exit\r"], ids=["ctrl-d", "quit", "exit"])
def test_leaving_stops_before_further_input(pipe: PipeInput, leave: str) -> None:
    code, said = converse(pipe, f"{leave}双区驱动\r")
    assert code == Exit.OK
    assert "slogan" not in said


def test_answers_wrap_at_80_columns(pipe: PipeInput) -> None:
    _, said = converse(pipe, "20+8\r")
    rows = said.splitlines()
    assert max(width(row) for row in rows) <= 80
    assert max(width(row) for row in rows) >= 76  # the long definition fills its rows


@pytest.mark.parametrize(
    "text",
    [
        "双区驱动",
        "1+1+10+N",
        "“20+8”",
        "ＡＢＣ，。",
        "e\u0301",
        "粤港澳大湾区 + 深圳（“双区”）",
        "⁠（",
    ],
    ids=["cjk", "ascii", "quotes", "full-width", "combining", "mixed", "word-joiner"],
)
def test_width_agrees_with_prompt_toolkit(text: str) -> None:
    assert width(text) == get_cwidth(text)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "wanted"),
    [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False), ({"NO_COLOR": ""}, True)],
    ids=["tty", "no-color", "dumb", "empty-no-color"],
)
def test_colour_honours_no_color(environ: dict[str, str], wanted: bool) -> None:
    assert colour_wanted(_Tty(), environ) is wanted
    assert colour_wanted(io.StringIO(), environ) is False
