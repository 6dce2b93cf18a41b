"""Usage errors that say where the fix is: a command's option given before the command.

``glossary --region 罗湖 explain f.txt`` would be read by argparse as the command
``罗湖``. Only ``--glossary`` and ``--no-bundled`` (and ``--help``, ``--version``) may
come before the command; ``misplaced`` finds a command's option there and says where it
goes, with the command line to type. Run only when parsing has already failed.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Sequence

#: The command ``glossary`` runs when none is named.
DEFAULT = "chat"
#: Characters a POSIX shell reads specially: a word holding none is shown unquoted.
_SPECIAL = re.compile(r"""[\s'"\\$`|&;<>()*?\[\]#~!{}]""")


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of ``parser`` by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option(parser: argparse.ArgumentParser, word: str) -> argparse.Action | None:
    """The action of the option ``word`` (``--x`` or ``--x=value``) in ``parser``, if any."""
    return parser._option_string_actions.get(word.split("=", 1)[0])


def _values(action: argparse.Action, word: str) -> int:
    """How many of the following words an option given as ``word`` takes."""
    if "=" in word or action.nargs in (0, "?", "*") or action.nargs == argparse.SUPPRESS:
        return 0
    return action.nargs if isinstance(action.nargs, int) else 1


def misplaced(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The message for a command's options given before the command, or None.

    >>> from glossary_cli.main import build_parser
    >>> print(misplaced(build_parser(), ["--region", "罗湖", "lookup", "x"]))  # doctest: +ELLIPSIS
    --region is an option of chat, explain, ..., not of lookup, and goes after the command ...
    >>> print(misplaced(build_parser(), ["--region", "罗湖"]))
    --region goes after the command: glossary chat --region 罗湖 (see glossary chat --help)
    >>> misplaced(build_parser(), ["explain", "--region", "罗湖"]) is None
    True
    """
    named = commands(parser)
    at = next((k for k, word in enumerate(argv) if word in named), len(argv))
    name = argv[at] if at < len(argv) else DEFAULT
    command = named.get(name)
    if command is None:
        return None
    leading: list[str] = []
    moved: list[str] = []
    k = 0
    while k < at:
        word = argv[k]
        own, theirs = _option(parser, word), _option(command, word)
        action = own or theirs
        if word == "--" or action is None:
            return _elsewhere(named, word, name) if word.startswith("-") else None
        taken = [word, *argv[k + 1 : k + 1 + _values(action, word)]]
        (leading if own is not None else moved).extend(taken)
        k += len(taken)
    if not moved:
        return None
    typed = " ".join(map(_shell, ["glossary", *leading, name, *moved, *argv[at + 1 :]]))
    option = moved[0].split("=", 1)[0]
    return f"{option} goes after the command: {typed} (see glossary {name} --help)"


def _shell(word: str) -> str:
    """``word`` as a shell reads it back: quoted only when it must be (罗湖 is not).

    >>> _shell("罗湖"), _shell("a b"), _shell("")
    ('罗湖', "'a b'", "''")
    """
    return word if word and not _SPECIAL.search(word) else shlex.quote(word)


def _elsewhere(named: dict[str, argparse.ArgumentParser], word: str, name: str) -> str | None:
    """For an option ``name`` does not take: which commands take it, or None if none does."""
    takers = [n for n, parser in named.items() if _option(parser, word) is not None]
    if not takers:
        return None
    option = word.split("=", 1)[0]
    return (
        f"{option} is an option of {', '.join(takers)}, not of {name}, and goes after the "
        f"command (see glossary {takers[0]} --help)"
    )
