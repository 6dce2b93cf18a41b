"""How ``main`` reads the command line: the fast parse of one command, and the whole parser.

``_parse_fast`` builds the parser of the command named in argv alone, to save start-up;
it must never give a different answer from the whole parser, only sometimes none.
"""

from __future__ import annotations

import argparse
import importlib
import io
import shlex

import pytest

from glossary_cli import main as main_module
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO

SAMPLES: dict[str, list[str]] = {
    "nothing": [],
    "lookup": ["lookup", "20+8"],
    "glossary-before-command": ["--glossary", "team/", "lookup", "20+8"],
    "glossary-both-sides": ["--glossary", "a", "lookup", "x", "--glossary", "b", "--no-bundled"],
    "explain-options": ["explain", "f.txt", "--format", "json", "--encoding", "gb18030"],
    "explain-stdin": ["explain"],
    "chat-region": ["chat", "--region", "罗湖", "--format", "footnotes"],
    "chat-encoding": ["chat", "--encoding", "gb18030"],
    "search-limit": ["search", "双区", "--limit", "3", "--format", "json"],
    "extract": ["extract", "r.txt", "--format", "json", "--date", "2023-01-12"],
    "validate": ["validate", "--no-bundled", "a.yaml", "b/"],
    "fmt": ["fmt", "--check"],
    "annotate": ["annotate", "a.md", "b.txt"],
    "check": ["check", "a.md"],
    "value-names-a-command": ["lookup", "--glossary", "search", "chat"],
    "term-names-a-command": ["lookup", "lookup"],
    "help": ["--help"],
    "command-help": ["lookup", "--help"],
    "version": ["--version"],
    "missing-argument": ["lookup"],
    "bad-choice": ["explain", "--format", "rtf"],
    "unknown-command": ["translate"],
    "unknown-option": ["lookup", "x", "--frobnicate"],
}


def _full(argv: list[str]) -> tuple[int | None, argparse.Namespace | None]:
    """The whole parser's verdict: an exit code, or the namespace."""
    streams = IO(io.StringIO(), io.StringIO(), io.StringIO())
    try:
        return None, main_module._parse(main_module.build_parser(), argv, streams)
    except main_module._ParserExitError as stop:
        return stop.code, None


@pytest.mark.parametrize("name", list(SAMPLES), ids=list(SAMPLES))
def test_the_fast_parse_agrees_with_the_whole_parser_or_gives_up(name: str) -> None:
    argv = SAMPLES[name]
    fast = main_module._parse_fast(argv)
    code, full = _full(argv)
    if fast is None:
        return  # the caller parses again with the whole parser
    assert code is None, f"the whole parser stops with {code} where the fast one succeeds"
    assert vars(fast) == vars(full)


@pytest.mark.parametrize(
    "name",
    ["nothing", "lookup", "glossary-before-command", "explain-options", "annotate"],
    ids=["nothing", "lookup", "glossary-before-command", "explain-options", "annotate"],
)
def test_the_fast_parse_succeeds_on_ordinary_command_lines(name: str) -> None:
    assert main_module._parse_fast(SAMPLES[name]) is not None


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["--help"], Exit.OK), (["--version"], Exit.OK), (["lookup"], Exit.USAGE)],
    ids=["help", "version", "usage-error"],
)
def test_the_whole_parser_stops_with_an_exit_code(argv: list[str], code: int) -> None:
    assert _full(argv)[0] == code


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(subparsers.choices)


def test_every_command_has_a_registrar() -> None:
    assert _commands(main_module.build_parser()) == set(main_module.REGISTRARS)


@pytest.mark.parametrize("command", list(main_module.REGISTRARS), ids=list(main_module.REGISTRARS))
def test_each_registrar_names_the_module_that_registers_its_command(command: str) -> None:
    module = main_module.REGISTRARS[command]
    importlib.import_module(module)
    assert command in _commands(main_module._build([module]))


# ---------------------------------------------------------------------------------------
# Usage errors that say where the fix is


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main_module.main(argv, stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "typed", "command"),
    [
        (["--region", "罗湖"], "glossary chat --region 罗湖", "chat"),
        (
            ["--region", "罗湖", "explain", "f.txt"],
            "glossary explain --region 罗湖 f.txt",
            "explain",
        ),
        (
            ["--glossary", "team/", "--format=json", "explain", "a b.txt"],
            "glossary --glossary team/ explain --format=json 'a b.txt'",
            "explain",
        ),
        (["--lang", "en", "chat"], "glossary chat --lang en", "chat"),
    ],
    ids=["no-command", "before-explain", "mixed-with-common", "before-chat"],
)
def test_a_commands_option_before_the_command_says_where_it_goes(
    argv: list[str], typed: str, command: str
) -> None:
    code, out, err = _run(argv)
    option = next(w for w in argv if w.startswith("-") and w != "--glossary").split("=")[0]
    assert code == Exit.USAGE
    assert out == ""
    assert err == (
        f"glossary: {option} goes after the command: {typed} (see glossary {command} --help)\n"
    )
    assert "invalid choice" not in err
    # The command line it shows is one the parser takes.
    assert _full(shlex.split(typed)[1:])[0] is None


def test_an_option_the_named_command_lacks_names_those_that_take_it() -> None:
    code, _, err = _run(["--region", "罗湖", "lookup", "双区"])
    assert code == Exit.USAGE
    assert err.startswith("glossary: --region is an option of chat, explain")
    assert "not of lookup" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["explain", "f.txt", "--bogus"], "glossary explain: unrecognized arguments: --bogus"),
        (["lookup", "x", "--frob", "y"], "glossary lookup: unrecognized arguments: --frob y"),
    ],
    ids=["explain", "lookup"],
)
def test_an_unknown_option_after_the_command_points_at_the_commands_help(
    argv: list[str], expected: str
) -> None:
    code, _, err = _run(argv)
    command = argv[0]
    assert code == Exit.USAGE
    assert err == f"{expected} (see glossary {command} --help)\n"


def test_an_option_no_command_takes_is_left_to_argparse() -> None:
    code, _, err = _run(["--frobnicate"])
    assert code == Exit.USAGE
    assert err == "glossary: unrecognized arguments: --frobnicate (see glossary --help)\n"
