"""Hostile data and file names reach no terminal raw (issue 21, item 1), in-process.

A team's glossary is data from other people: an expansion may carry escape sequences
that retitle or clear the terminal, a file name a right-to-left override. Every such
character must come out as a visible escape (``\\x1b``, ``\\u202e``: see docs/cli.md),
while the colours we add ourselves stay real escape sequences.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from entries import sense
from glossary import Entry, Glossary
from glossary_cli.chat import ChatState
from glossary_cli.exit_codes import Exit
from glossary_cli.layout import Line, render
from glossary_cli.main import main
from glossary_cli.repl import TermCompleter, prompt_text, run_repl

#: What no output may hold raw: C0 (but tab and line feed), DEL, C1 and bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

TITLE_AND_CLEAR = "展开\x1b]0;pwned\x07\x1b[2J"
EXPANSION = TITLE_AND_CLEAR + "\u2067末\x85"  # JSON leaves the last two raw
CSI = "定义\x9b31m红"
BACKWARDS = "gloss \u202ereversed\u202c"
DELETE = "用例\x7f。"
REGION = "深圳市\u2066恶意区"


def hostile_entry() -> Entry:
    """An entry whose every shown field carries a control or bidi character."""
    good = sense("shenzhen", "x")
    assert good.scope is not None
    assert good.source is not None
    bad = dataclasses.replace(
        good,
        expansion=EXPANSION,
        definition=CSI,
        gloss=BACKWARDS,
        usage=DELETE,
        scope=dataclasses.replace(good.scope, region=REGION),
        source=dataclasses.replace(good.source, document="文件\x1b[5m"),
    )
    return Entry("evil", "恶意术语", "other", (bad,), variants=("恶意\x1b[8m变体",))


def hostile_glossary() -> Glossary:
    return Glossary((hostile_entry(),))


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Glossary:
    """Every command loads the hostile glossary instead of the one it would."""
    glossary = hostile_glossary()
    for module in ("glossary_cli.commands.lookup", "glossary_cli.commands.chat"):
        monkeypatch.setattr(f"{module}.load_glossary", lambda args: glossary)
    monkeypatch.setattr("glossary_cli.hook.load_glossary", lambda args, config: glossary)
    return glossary


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def assert_shown_not_obeyed(text: str) -> None:
    assert RAW.search(text) is None, repr(RAW.search(text))
    assert "展开\\x1b]0;pwned\\x07\\x1b[2J" in text


@pytest.mark.parametrize(
    "argv",
    [("lookup", "恶意术语"), ("search", "恶意"), ("chat",)],
    ids=["lookup", "search", "piped-chat"],
)
def test_answers_show_control_characters_as_escapes(hostile: Glossary, argv: tuple[str]) -> None:
    code, out, err = run(*argv, stdin="恶意术语\n/source 恶意术语\n")
    assert (code, err) == (Exit.OK, "")
    assert_shown_not_obeyed(out)
    if argv[0] != "search":  # search shows the expansion alone
        assert "\\u202ereversed\\u202c" in out
        assert "定义\\x9b31m红" in out


@pytest.mark.parametrize("command", ["lookup", "search"])
def test_json_answers_escape_what_json_leaves_raw_and_keep_the_data(
    hostile: Glossary, command: str
) -> None:
    code, out, _ = run(command, "恶意术语", "--format", "json")
    assert code == Exit.OK
    assert RAW.search(out) is None
    (found,) = json.loads(out)
    if command == "search":
        assert found["expansion"] == EXPANSION
    else:
        assert found["senses"][0]["expansion"] == EXPANSION
        assert found["senses"][0]["gloss"] == BACKWARDS


def test_our_own_colours_stay_real_escape_sequences() -> None:
    shown = render([Line.of(("term", "a\x1b[2Jb"), " c\u202e")], colour=True)
    assert shown == "\x1b[1;36ma\\x1b[2Jb\x1b[0m c\\u202e\n"


def test_the_repl_shows_escapes_in_answers_prompt_and_completions(hostile: Glossary) -> None:
    state = ChatState(hostile, region=REGION)
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("恶意术语\r\x04")
        code = run_repl(state, out=out, history=_memory(), colour=True, input=pipe,
                        output=DummyOutput())  # fmt: skip
    assert code == Exit.OK
    assert RAW.search(out.getvalue().replace("\x1b[", "")) is None  # our colours aside
    assert "展开\\x1b]0;pwned\\x07\\x1b[2J" in out.getvalue()
    assert RAW.search(prompt_text(state)) is None
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    offered = list(TermCompleter(lambda: state).get_completions(Document("恶意"), CompleteEvent()))
    assert offered
    for completion in offered:
        assert RAW.search(completion.display_text + completion.display_meta_text) is None


def _memory() -> object:
    from prompt_toolkit.history import InMemoryHistory

    return InMemoryHistory()


# --- file names in messages -------------------------------------------------------------

BAD_NAME = "draft\x1b]0;pwned\x07\u202e.md"


def test_check_and_annotate_show_a_hostile_file_name_and_data_escaped(
    hostile: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(BAD_NAME).write_text("落实恶意术语。\n", encoding="utf-8")
    code, out, err = run("check", BAD_NAME)
    assert code == Exit.FINDINGS
    assert RAW.search(out + err) is None
    assert out.startswith("draft\\x1b]0;pwned\\x07\\u202e.md:1:3: ")
    assert "展开\\x1b]0;pwned" in out
    code, out, err = run("annotate", BAD_NAME)
    assert code == Exit.FINDINGS
    assert out == "glossary: annotated draft\\x1b]0;pwned\\x07\\u202e.md\n"


@pytest.mark.parametrize("command", ["check", "annotate", "explain", "extract"])
def test_an_error_shows_a_hostile_file_name_escaped(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(BAD_NAME).write_bytes(b"\xff\xfe\xfa not text")
    options = ["--format", "json"] if command == "extract" else []
    code, _, err = run(command, BAD_NAME, *options)
    assert code == Exit.INPUT
    assert RAW.search(err) is None
    assert err.startswith("glossary: draft\\x1b]0;pwned\\x07\\u202e.md: ")
    code, _, err = run(command, "missing\x1b[2J.md", *options)
    assert code == Exit.INPUT
    assert err == "glossary: missing\\x1b[2J.md: no such file; check the path\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_explain_escapes_on_a_terminal_and_writes_exactly_to_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = hostile_glossary()
    monkeypatch.setattr("glossary_cli.commands.explain.load_glossary", lambda args: glossary)
    text = "第一页\x0c落实恶意术语。\r\n"
    terminal, pipe = Terminal(), io.StringIO()
    for stdout in (terminal, pipe):
        code = main(["explain"], stdin=io.StringIO(text), stdout=stdout, stderr=io.StringIO())
        assert code == Exit.OK
    assert RAW.search(terminal.getvalue().replace("\r\n", "\n")) is None
    assert terminal.getvalue().startswith("第一页\\x0c落实恶意术语")
    assert terminal.getvalue().endswith("\r\n")  # a CRLF line break is layout, kept
    assert pipe.getvalue() == glossary.explain(text).render("inline")  # a file gets it exactly


# --- codecs (item 10) -------------------------------------------------------------------


def run_bytes(*argv: str, stdin: bytes) -> tuple[int, str, str]:
    """Run with stdin as a process gets it: bytes behind a text layer."""
    out, err = io.StringIO(), io.StringIO()
    text = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    code = main(list(argv), stdin=text, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib"])
@pytest.mark.parametrize("command", ["explain", "extract", "chat", "coverage"])
def test_a_codec_that_is_no_text_encoding_is_a_usage_error(command: str, codec: str) -> None:
    argv = [command, "-", "--encoding", codec] if command != "chat" else [command]
    if command == "chat":
        argv += ["--encoding", codec]
    code, out, err = run_bytes(*argv, stdin=b"x\n")
    assert (code, out) == (Exit.USAGE, "")
    assert f"argument --encoding: '{codec}' is not a text encoding; try utf-8" in err
    assert err.count("\n") == 1


def test_piped_utf16_without_a_byte_order_mark_names_the_fix() -> None:
    code, out, err = run_bytes(
        "chat", "--encoding", "utf-16", stdin="双区驱动\n".encode("utf-16-le")
    )
    assert (code, out) == (Exit.INPUT, "")
    assert err == (
        "glossary: standard input: starts without a byte-order mark, so its byte order is "
        "unknown: pass --encoding utf-16-le or utf-16-be\n"
    )
    code, out, _ = run_bytes(
        "chat", "--encoding", "utf-16-le", stdin="双区驱动\n".encode("utf-16-le")
    )
    assert code == Exit.OK
    assert out.startswith("双区驱动  ")


@pytest.mark.parametrize("command", ["explain", "chat"])
def test_a_codec_that_fails_whatever_it_reads_is_an_input_error(command: str) -> None:
    argv = [command, "--encoding", "undefined"]
    code, out, err = run_bytes(*argv, stdin=b"x\n")
    assert (code, out) == (Exit.INPUT, "")
    assert err.startswith("glossary: standard input: cannot be read as undefined: ")


# --- the input limit (item 5) -----------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("GLOSSARY_MAX_INPUT", "1K")
    return 1024


@pytest.mark.parametrize("command", ["explain", "extract", "coverage"])
def test_standard_input_past_the_limit_is_refused(small_limit: int, command: str) -> None:
    options = ["--format", "json"] if command == "extract" else []
    code, out, err = run_bytes(command, "-", *options, stdin=b"x" * small_limit)
    assert code == Exit.OK
    code, out, err = run_bytes(command, "-", *options, stdin=b"x" * (small_limit + 1))
    assert (code, out) == (Exit.INPUT, "")
    assert err == (
        "glossary: standard input: is larger than 1 KiB, the input limit; "
        "raise it with --max-input 1G (or GLOSSARY_MAX_INPUT)\n"
    )


@pytest.mark.parametrize("command", ["explain", "check", "annotate"])
def test_a_file_past_the_limit_is_refused_and_left_alone(
    small_limit: int, command: str, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    data = ("落实“六稳六保”。\n" * 200).encode()
    draft.write_bytes(data)
    code, out, err = run(command, str(draft))
    assert (code, out) == (Exit.INPUT, "")
    assert err == f"glossary: {draft}: is larger than 1 KiB, the input limit; " + (
        "raise it with --max-input 1G (or GLOSSARY_MAX_INPUT)\n"
    )
    assert draft.read_bytes() == data


def test_a_piped_chat_line_past_the_limit_stops_after_the_answers_before_it(
    small_limit: int,
) -> None:
    code, out, err = run_bytes("chat", stdin=b"20+8\n" + "双".encode() * 400 + b"\n")
    assert code == Exit.INPUT
    assert out.startswith("20+8  ")
    assert err.startswith("glossary: standard input, line 2: is larger than 1 KiB, the input")


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1T"])
def test_a_bad_limit_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("GLOSSARY_MAX_INPUT", value)
    code, out, err = run_bytes("explain", stdin=b"x")
    assert (code, out) == (Exit.USAGE, "")
    assert err == (
        f"glossary: GLOSSARY_MAX_INPUT={value}: not a size; give bytes, or a number with K, M "
        "or G (512M)\n"
    )


def test_explain_json_escapes_what_json_leaves_raw_wherever_it_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glossary = hostile_glossary()
    monkeypatch.setattr("glossary_cli.commands.explain.load_glossary", lambda args: glossary)
    for stdout in (Terminal(), io.StringIO()):
        code = main(
            ["explain", "--format", "json"],
            stdin=io.StringIO("落实恶意术语。"),
            stdout=stdout,
            stderr=io.StringIO(),
        )
        assert code == Exit.OK
        assert RAW.search(stdout.getvalue()) is None
        assert json.loads(stdout.getvalue()) == json.loads(
            glossary.explain("落实恶意术语。").render("json")
        )
