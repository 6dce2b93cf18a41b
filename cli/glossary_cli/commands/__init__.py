"""The ``glossary`` subcommands, one module each, registered in this order by ``main``.

Each module exposes ``register(subparsers, common)`` (see docs/cli.md) and imports
what its handler needs inside the handler, so that building the parser stays cheap.
"""

from __future__ import annotations

import argparse

#: Modules of this package, in the order their commands appear in ``glossary --help``.
MODULES = ("chat", "explain", "lookup", "extract", "coverage", "corpus", "data")


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    name: str,
    summary: str,
    epilog: str,
) -> argparse.ArgumentParser:
    """Add a subcommand with the common options, a one-line summary and an example."""
    return subparsers.add_parser(
        name,
        parents=[common],
        help=summary,
        description=summary[:1].upper() + summary[1:] + ".",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
