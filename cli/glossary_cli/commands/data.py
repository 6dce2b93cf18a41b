"""``glossary validate`` and ``glossary fmt``: keep glossary files valid and canonical."""

from __future__ import annotations

import argparse
from pathlib import Path

from glossary_cli.commands import add_parser
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO, check_paths_exist, problem_lines, say

VALIDATE_EPILOG = """\
example:
  $ glossary validate --no-bundled team.yaml
  team.yaml:6: [team-shuang-qu] missing field 'senses[0].years'

Without PATH, the bundled glossary and every --glossary PATH are checked together,
as the other commands load them: a team's entries may relate to bundled ones.
Exits with 3 when there are problems, one `file:line: [entry] message` per line.
"""

FMT_EPILOG = """\
example:
  $ glossary fmt --check team/
  would reformat team/roads.yaml
  $ glossary fmt team/
  reformatted team/roads.yaml
  $ glossary fmt team/
  1 file already canonical

Rewrites files in the canonical form of docs/format.md (key order, sorting, block
style). Without PATH: the --glossary paths, else the bundled glossary. Exits with 1
when a file was (or, with --check, would be) reformatted, 3 when a file is invalid.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``validate`` and ``fmt`` to the command line."""
    validate = add_parser(
        subparsers, common, "validate", "check glossary files for problems", VALIDATE_EPILOG
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    validate.set_defaults(handler=run_validate)
    fmt = add_parser(
        subparsers, common, "fmt", "rewrite glossary files in canonical form", FMT_EPILOG
    )
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    fmt.add_argument("--check", action="store_true", help="only say which files would change")
    fmt.set_defaults(handler=run_fmt)


def _layers(args: argparse.Namespace) -> list[list[str | Path]]:
    from glossary._load.paths import bundled_terms_dir

    layers: list[list[str | Path]] = [] if args.no_bundled else [[bundled_terms_dir()]]
    user: list[str | Path] = [*(args.glossary_paths or ()), *args.paths]
    check_paths_exist(user)
    if user:
        layers.append(user)
    if not layers:
        raise UserError("--no-bundled leaves nothing to validate: name a PATH", Exit.USAGE)
    return layers


def run_validate(args: argparse.Namespace, io: IO) -> int:
    """Print every problem of the glossary made of the given layers."""
    from glossary import DataError
    from glossary._load.loader import check_layers, glossary_files, load_layers

    layers = _layers(args)
    problems = check_layers(layers)
    if problems:
        raise DataError(problems)
    files = sum(len(glossary_files(layer)) for layer in layers)
    entries = len(load_layers(layers))
    say(io, f"{_count(files, 'file')}, {_count(entries, 'entry')}: no problems")
    return Exit.OK


def run_fmt(args: argparse.Namespace, io: IO) -> int:
    """Rewrite (or with --check, list) the files that are not in canonical form."""
    from glossary._load.canonical import format_files
    from glossary._load.paths import bundled_terms_dir

    paths = args.paths or args.glossary_paths
    if not paths and args.no_bundled:  # as validate: nothing is left to work on
        raise UserError("--no-bundled leaves nothing to format: name a PATH", Exit.USAGE)
    check_paths_exist(paths)
    results = format_files(paths or [bundled_terms_dir()])
    changed = [r for r in results if r.changed]
    for result in changed:
        if args.check:
            say(io, f"would reformat {result.path}")
        else:
            result.write()
            say(io, f"reformatted {result.path}")
    problems = [p for r in results for p in r.problems]
    problem_lines(io, problems)
    if problems:
        return Exit.DATA
    if not changed:
        say(io, f"{_count(len(results), 'file')} already canonical")
    return Exit.FINDINGS if changed else Exit.OK


def _count(number: int, noun: str) -> str:
    """``1 file``, ``2 files``, ``1 entry``, ``3 entries``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1]}ies" if noun.endswith("y") else f"{number} {noun}s"
