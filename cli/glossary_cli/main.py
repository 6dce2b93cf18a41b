"""The ``glossary`` command: parse the command line, run a command, map errors to exit codes.

``main`` never raises and never lets a traceback reach the user: every failure becomes
one line on stderr and an exit code of ``exit_codes.Exit`` (docs/cli.md). Imports are
lazy: the library, json and prompt-toolkit are loaded by the handlers that use them.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from collections.abc import Sequence
from io import StringIO
from typing import Any, NoReturn, TextIO

from glossary_cli.errors import Stopped, UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import OPTION_LIMIT, size_option
from glossary_cli.io import IO, error, isatty, output_failed, problem_lines, write_out
from glossary_cli.visible import visible

#: Exit status of a bug: EX_SOFTWARE of sysexits.h.
INTERNAL = 70
#: Exit status when stdout is closed under us (``glossary ... | head``): 128 + SIGPIPE.
BROKEN_PIPE = 141

EPILOG = """\
examples:
  glossary                          chat on a terminal; answer stdin line by line otherwise
  glossary lookup 1+1+10+N          what a term means, where it comes from
  glossary explain report.txt       the text with each term's expansion after it
  glossary extract report.txt --format json
  glossary validate --glossary team/

`glossary COMMAND --help` shows a command's options and an example.
"""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors that point at the right ``--help``."""

    def error(self, message: str) -> NoReturn:
        """Report a bad command line in one line and exit with Exit.USAGE."""
        self.exit(Exit.USAGE, visible(f"{self.prog}: {message} (see {self.prog} --help)") + "\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """Parse as argparse does, blaming words nobody takes on the command named.

        argparse reports them from the top-level parser, whose help does not list the
        command's options: ``glossary explain f --bogus`` must point at
        ``glossary explain --help``.
        """
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            from glossary_cli.usage import commands

            command = commands(self).get(getattr(parsed, "command", None) or "", self)
            command.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


class _Unshown(Parser):
    """The parser of ``_parse_fast``, whose output nobody sees: its help is never laid out.

    argparse makes a help formatter for every option it adds (to check its metavar), and
    a formatter measures the terminal through shutil, whose import (with zlib, bz2 and
    lzma) costs 2 ms. Parsing does not depend on the width; only help and errors do.
    """

    def _get_formatter(self, *args: object, **kwargs: object) -> argparse.HelpFormatter:
        return argparse.HelpFormatter(prog=self.prog, width=80)


def common_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """``--glossary PATH`` (repeatable), ``--no-bundled`` and ``--max-input``, for every command."""
    parser.add_argument(
        "--glossary",
        action="append",
        dest=f"{prefix}glossary_paths",
        metavar="PATH",
        help="add a team's glossary file or directory (repeatable)",
    )
    parser.add_argument(
        "--no-bundled",
        action="store_true",
        dest=f"{prefix}no_bundled",
        help="leave the bundled glossary out",
    )
    parser.add_argument(
        "--max-input",
        type=size_option,
        dest=f"{prefix}max_input",
        metavar="SIZE",
        help="read at most SIZE from one input (64M, 1G); default $GLOSSARY_MAX_INPUT, else 256M",
    )


#: The module that registers each command, so that a run can build the parser of its own
#: command alone: the others cost start-up (their modules, their imports, argparse's work
#: per option) that ``glossary check`` in a pre-commit hook pays on every commit. A command
#: missing here, or moved to another module, still works: see ``_parse_fast``.
REGISTRARS = {
    "chat": "glossary_cli.commands.chat",
    "explain": "glossary_cli.commands.explain",
    "lookup": "glossary_cli.commands.lookup",
    "search": "glossary_cli.commands.lookup",
    "extract": "glossary_cli.commands.extract",
    "coverage": "glossary_cli.commands.coverage",
    "corpus": "glossary_cli.commands.corpus",
    "corpus-report": "glossary_cli.commands.corpus",
    "validate": "glossary_cli.commands.data",
    "fmt": "glossary_cli.commands.data",
    "annotate": "glossary_cli.hook",
    "check": "glossary_cli.hook",
}


def build_parser() -> Parser:
    """The whole command line: global options and every subcommand."""
    from glossary_cli.commands import MODULES

    return _build([*(f"glossary_cli.commands.{name}" for name in MODULES), "glossary_cli.hook"])


def _build(registrars: Sequence[str], parser_class: type[Parser] = Parser) -> Parser:
    """Global options and the subcommands the modules ``registrars`` register, in order."""
    parser = parser_class(
        prog="glossary",
        description="Explain the jargon of Chinese government documents.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    # Given before the command (``glossary --glossary x chat``): kept under other names,
    # since a subcommand's defaults would overwrite the same names.
    common_options(parser, prefix="top_")
    common = parser_class(add_help=False)
    common_options(common)
    # Subparsers are of our Parser class; the registration protocol speaks of ArgumentParser.
    subparsers: argparse._SubParsersAction[Any] = parser.add_subparsers(
        dest="command", metavar="COMMAND"
    )
    for name in registrars:
        _register(name, subparsers, common)
    return parser


def _register(
    name: str,
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the commands of module ``name``; the pre-commit hook's may be absent."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if name != "glossary_cli.hook" or exc.name != name:
            raise
        return
    module.register(subparsers, common)


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (metadata is slow)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("glossary")
        except PackageNotFoundError:
            number = "unknown"
        sys.stdout.write(f"glossary {number}\n")
        parser.exit(0)


class _ParserExitError(Exception):
    """argparse ended the run (help, ``--version``, a usage error) with exit code ``code``."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _parse(parser: Parser, argv: Sequence[str], io: IO) -> argparse.Namespace:
    """Parse ``argv``; argparse's own output (help, errors) goes to our streams.

    Raises ``_ParserExitError`` when argparse has finished the run itself. Its help and
    ``--version`` are caught and written by ``write_out``: argparse itself ignores a
    failing stdout, and a full disk would lose the help without a word.
    """
    shown = StringIO()
    stop: _ParserExitError | None = None
    with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(io.stderr):
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            stop = _ParserExitError(exit_.code if isinstance(exit_.code, int) else Exit.USAGE)
    if shown.getvalue():
        write_out(io, shown.getvalue())
    if stop is not None:
        raise stop
    return _merged(args)


def _parse_fast(argv: Sequence[str]) -> argparse.Namespace | None:
    """Parse ``argv`` with the parser of the command it names alone; None if that fails.

    The first word of ``argv`` that names a command picks the parser (none: the global
    options alone, which is ``glossary`` starting the chat). The two parsers differ only in
    the commands they accept, so when this one succeeds the whole one gives the same
    result; when it does not (help, --version, an error, an option's value taken for the
    command), nothing of its output is shown and the caller parses again with the whole
    command line, so that help and errors are exactly the whole parser's.
    """
    command = next((word for word in argv if word in REGISTRARS), None)
    parser = _build(() if command is None else (REGISTRARS[command],), _Unshown)
    with contextlib.redirect_stdout(StringIO()), contextlib.redirect_stderr(StringIO()):
        try:
            args = parser.parse_args(argv)
        except SystemExit:
            return None
    return _merged(args)


def _merged(args: argparse.Namespace) -> argparse.Namespace:
    """The common options given before the command joined with those given after it."""
    args.glossary_paths = [
        *(args.top_glossary_paths or ()),
        *(getattr(args, "glossary_paths", None) or ()),
    ]
    args.no_bundled = args.top_no_bundled or getattr(args, "no_bundled", False)
    args.max_input = getattr(args, "max_input", None) or args.top_max_input
    return args


def _dispatch(argv: Sequence[str], io: IO) -> int:
    parsed = _parse_fast(argv)
    if parsed is None:
        from glossary_cli.usage import misplaced

        parser = build_parser()
        message = misplaced(parser, argv)
        if message is not None:  # argparse would take the option's value for the command
            error(io, message)
            return Exit.USAGE
        try:
            parsed = _parse(parser, argv, io)
        except _ParserExitError as stop:
            return stop.code
    handler = getattr(parsed, "handler", None)
    if handler is None:  # ``glossary`` alone: the chat
        from glossary_cli.commands.chat import run as chat

        handler = chat
    limit = OPTION_LIMIT.set(parsed.max_input)  # for every read of this run (inputs.py)
    try:
        return int(handler(parsed, io))
    finally:
        OPTION_LIMIT.reset(limit)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``glossary`` with ``argv`` and return its exit code; never raises.

    A standard stream the shell closed (``glossary lookup x >&-``) is None in ``sys``:
    a closed stdout is refused before anything runs, a closed stdin reads as a
    ``UserError`` (INPUT) when a command reads it, and a closed stderr swallows messages.
    """
    io = IO(
        stdin or sys.stdin or ClosedInput(),
        stdout or sys.stdout or ClosedOutput(),
        stderr or sys.stderr or StringIO(),
    )
    try:
        if isinstance(io.stdout, ClosedOutput):
            raise UserError(
                "standard output is closed; redirect it (> /dev/null to discard it)", Exit.OUTPUT
            )
        code = _dispatch(sys.argv[1:] if argv is None else argv, io)
        flush(io.stdout)
        return code
    except UserError as exc:
        error(io, exc.message)
        return exc.code
    except KeyboardInterrupt:
        if isatty(io.stderr):  # the terminal echoed ^C: the shell's prompt needs a new line
            io.stderr.write("\n")
        return Exit.INTERRUPTED
    except BrokenPipeError:
        return BROKEN_PIPE
    except Stopped as stop:  # SIGTERM or SIGHUP during a rewrite, cleaned up after
        import signal

        name = signal.Signals(stop.signal).name
        error(io, f"stopped by {name}; the file being written is unchanged")
        return 128 + stop.signal
    except Exception as exc:
        return _library_error(exc, io)


def flush(stdout: TextIO) -> None:
    """Flush ``stdout``; ``BrokenPipeError`` as it is, ``UserError`` (OUTPUT) for any other."""
    try:
        stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_failed(exc) from None


class ClosedOutput(StringIO):
    """What stands for a standard output the shell closed: ``main`` refuses to run on it."""


class ClosedInput(StringIO):
    """What stands for a standard input the shell closed: reading it is a ``UserError``."""

    def read(self, size: int | None = -1, /) -> str:
        """Refuse: there is nothing to read from."""
        raise UserError("standard input is closed; pipe or redirect the text into it", Exit.INPUT)

    # typeshed gives StringIO.readline two incompatible signatures, from its two bases.
    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        """Refuse, as ``read`` does (iterating over the stream calls this too)."""
        return self.read()


def _library_error(exc: Exception, io: IO) -> int:
    """Map the library's errors to their exit codes; anything else is an internal error."""
    from glossary import DataError, GlossaryError, InputError

    if isinstance(exc, DataError):
        problem_lines(io, exc.problems)
        return Exit.DATA
    if isinstance(exc, InputError):
        error(io, str(exc))
        return Exit.INPUT
    if isinstance(exc, GlossaryError):
        error(io, str(exc))
        return Exit.DATA
    error(io, f"internal error: {type(exc).__name__}: {exc}")
    return INTERNAL


def run() -> NoReturn:
    """The console script: exit with ``main``'s code; a closed stdout ends quietly."""
    code = main(sys.argv[1:])
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        # What is left in the buffer cannot be written, and Python would try again (and
        # complain) while closing stdout at exit: point it at nothing.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if isinstance(exc, BrokenPipeError):
            code = BROKEN_PIPE
        elif code != Exit.OUTPUT:  # not said yet
            if sys.stderr is not None:
                error(IO(sys.stdin, sys.stdout, sys.stderr), output_failed(exc).message)
            code = Exit.OUTPUT
    # The command is done and its output flushed. Spare the shutdown its passes of the
    # cyclic garbage collector over every object still alive, which cost more (5-9 ms)
    # than checking a short draft: objects are still freed by reference counting, and
    # Python does not promise to finalise objects that live until exit anyway.
    gc.freeze()
    sys.exit(code)
