"""How ``main`` reads the command line: the fast parse of one command, and the whole parser.

``_parse_fast`` builds the parser of the command named in argv alone, to save start-up;
it must never give a different answer from the whole parser, only sometimes none.
"""

from __future__ import annotations

import argparse
import importlib
import io

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
