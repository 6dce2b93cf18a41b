"""Exit codes of every ``glossary`` command, documented in docs/cli.md."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """What a command's exit status means."""

    OK = 0  # done, nothing to report
    FINDINGS = 1  # check modes found something, or a fixer changed a file (pre-commit's rule)
    USAGE = 2  # bad command line (argparse's own code)
    DATA = 3  # a glossary file is invalid: one ``file:line: message`` per problem on stderr
    INPUT = 4  # an input is missing, not a regular file, too large, or not in its encoding
    OUTPUT = 74  # standard output failed: closed, full, or in an encoding that cannot hold it
    INTERRUPTED = 130  # Ctrl-C outside the REPL
