"""``glossary annotate`` and ``glossary check``: the pre-commit hooks, also run by hand.

The commands only: ``glossary_cli.drafts`` reads and rewrites drafts,
``glossary_cli.settings`` finds the repository's settings, and ``glossary._hook.annotate``
writes the managed section itself.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_cli.drafts import (
    DraftError,
    annotate_file,
    annotated,
    check_file,
    sweep,
    unified_diff,
)
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO, check_paths_exist, error, say
from glossary_cli.settings import LANGS, Config, find_config

if TYPE_CHECKING:
    from collections.abc import Sequence

    from glossary import Glossary
    from glossary_cli.documents import Empty


ANNOTATE_EPILOG = """\
example:
  $ glossary annotate report.md
  glossary: annotated report.md
  $ tail -4 report.md
  2. **规上**：规模以上。\\
     统计用语“规模以上”的简称；规上工业企业指年主营业务收入2000万元及以上的工业企业。\\
     编者释义，非官方定义；用例见《龙岗区2023年政府工作报告》（深圳市龙岗区人民政府，2023-01-12）
  <!-- glossary:end -->

Exits 1 when it changed a file (pre-commit's rule for fixers), 0 when nothing changed,
4 when a draft cannot be read or written (it is then left as it was). With --diff it
writes nothing and prints what it would change as a unified diff: exit 1 when it would
change something, 0 when not. Settings come from [tool.glossary] in pyproject.toml or
.glossary.yaml: see docs/pre-commit.md.
"""

CHECK_EPILOG = """\
example:
  $ glossary check note.txt
  note.txt:1:3: “1+6+N” — unknown jargon
  note.txt:1:17: “四个意识” — 政治意识、大局意识、核心意识、看齐意识

Exits 1 when it reports anything. --unknown-only reports the unknown jargon alone, not
the glossary's terms a draft leaves unexplained. <!-- glossary: ignore --> in a draft,
or ignore = [...] in the settings, accepts jargon: see docs/pre-commit.md.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``annotate`` and ``check`` to the ``glossary`` command line."""
    from glossary_cli.commands import add_parser

    annotate = add_parser(
        subparsers,
        common,
        "annotate",
        "keep a generated 名词解释 section at the end of each draft",
        ANNOTATE_EPILOG,
    )
    annotate.add_argument(
        "--footnotes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also mark the first use of each term with a footnote (Markdown drafts only); "
        "default: the footnotes setting, else off",
    )
    annotate.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="write the notes in Chinese, with the English gloss instead (en), or both; "
        "default: the lang setting, else zh",
    )
    annotate.add_argument(
        "--diff",
        action="store_true",
        help="write nothing; print what would change as a unified diff (exit 1 if anything)",
    )
    annotate.add_argument("files", nargs="+", metavar="FILE", help="Markdown or text drafts")
    annotate.set_defaults(handler=annotate_command)
    check = add_parser(
        subparsers,
        common,
        "check",
        "report jargon a draft uses without explaining it",
        CHECK_EPILOG,
    )
    check.add_argument(
        "--unknown-only",
        action="store_true",
        help="report only jargon no glossary knows, not known terms the draft leaves unexplained",
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="Markdown or text drafts, or directories of them"
    )
    check.set_defaults(handler=check_command)


def annotate_command(args: argparse.Namespace, io: IO) -> int:
    """Annotate every file named and report each one changed, or show the changes (--diff)."""
    config = find_config(Path.cwd())
    glossary = load_glossary(args, config)
    footnotes = config.footnotes if args.footnotes is None else args.footnotes
    lang = args.lang or config.lang
    if not args.diff:  # a dry run touches nothing, not even a killed run's leftovers
        sweep([Path(name) for name in args.files])
    worst = Exit.OK
    for name in args.files:
        path = Path(name)
        try:
            if args.diff:
                draft, text = annotated(
                    path, glossary, footnotes=footnotes, ignore=config.ignore, lang=lang
                )
                changed = text != draft.text
                if changed:  # with the BOM the file keeps, so that ``patch`` finds its lines
                    bom = "\ufeff" if draft.bom else ""
                    diff = unified_diff(bom + draft.text, bom + text, name)
                    say(io, diff.removesuffix("\n"))
            else:
                changed = annotate_file(
                    path, glossary, footnotes=footnotes, ignore=config.ignore, lang=lang
                )
                if changed:
                    say(io, f"glossary: annotated {name}")
        except DraftError as problem:
            error(io, str(problem))
            worst = max(worst, Exit.INPUT)
            continue
        if changed:
            worst = max(worst, Exit.FINDINGS)
    return int(worst)


def check_command(args: argparse.Namespace, io: IO) -> int:
    """Check every file named; print one line per finding."""
    config = find_config(Path.cwd())
    glossary = load_glossary(args, config)
    sweep([Path(name) for name in args.files])
    worst = Exit.OK
    for name in _expand(args.files):
        try:
            if not isinstance(name, str):  # a directory with no draft in it
                raise DraftError(name.message)
            findings = check_file(
                Path(name), glossary, ignore=config.ignore, unknown_only=args.unknown_only
            )
        except DraftError as problem:
            error(io, str(problem))
            worst = max(worst, Exit.INPUT)
            continue
        if findings:
            say(io, "\n".join(f"{name}:{f.line}:{f.col}: {f.term} — {f.message}" for f in findings))
        if findings:
            worst = max(worst, Exit.FINDINGS)
    return int(worst)


def _expand(names: list[str]) -> Sequence[str | Empty]:
    """The drafts ``names`` stand for: a directory stands for its text files."""
    if not any(Path(name).is_dir() for name in names):  # the hook's case: no import
        return names
    from glossary_cli.documents import expand

    return expand(names)


def load_glossary(args: argparse.Namespace, config: Config) -> Glossary:
    """The glossary the settings and ``--glossary`` / ``--no-bundled`` name, together."""
    from glossary import Glossary

    own = [*config.glossary, *(Path(p) for p in getattr(args, "glossary_paths", None) or ())]
    bundled = config.bundled and not getattr(args, "no_bundled", False)
    if bundled and not own:
        return Glossary.default()
    if not own:
        raise UserError(
            "no glossary: bundled = false (or --no-bundled) needs glossary paths "
            "in the settings or --glossary PATH",
            Exit.USAGE,
        )
    check_paths_exist(own)
    return Glossary.from_paths(*own, bundled=bundled)
