"""``glossary coverage``: which jargon candidates of reports the glossary explains."""

from __future__ import annotations

import argparse
import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_cli.commands import add_parser
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import STDIN, encoding_option
from glossary_cli.io import IO, check_paths_exist, load_glossary, read_text, say, write_json

if TYPE_CHECKING:
    from glossary._coverage.coverage import Finding
    from glossary._load.allow import Allowed

EPILOG = """\
example:
  $ printf '发展“20+8”和“九个某某”\\n' | glossary coverage -
  standard input:1: explained “20+8” -> shenzhen-20-8
  standard input:1: missing “九个某某” (numbered set)
  standard input: 2 candidates: 1 explained, 0 allowed, 1 missing

  glossary coverage reports/*.txt --missing

A candidate is a quoted span or an unquoted numeric formula. It is explained when an
entry of the glossary covers it, allowed when the allow-list (the bundled terms/allow.txt
and every --allow FILE: lines `TERM  # reason`) says why it is not jargon, and missing
otherwise. Exits with 1 when a candidate is missing, so that a curator's CI can hold
the glossary to a collection of reports.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``coverage`` to the command line."""
    parser = add_parser(
        subparsers, common, "coverage", "list the jargon of reports the glossary misses", EPILOG
    )
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="text files to examine")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="FILE",
        help="an allow-list of quoted words that are not jargon (repeatable)",
    )
    parser.add_argument("--missing", action="store_true", help="list only missing candidates")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--encoding", type=encoding_option, metavar="E", help="read the reports in this encoding"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, io: IO) -> int:
    """List each report's candidates with their status, then the counts."""
    from glossary._coverage.coverage import coverage

    glossary = load_glossary(args)
    allowed = _allowed(args)
    check_paths_exist([p for p in args.reports if p != "-"])
    missing = 0
    documents = []
    for path in args.reports:
        text = read_text(path, args.encoding, io)
        report = STDIN if path == "-" else path
        findings = coverage(glossary.explain(text), allowed)
        missing += sum(f.status == "missing" for f in findings)
        shown = [f for f in findings if not args.missing or f.status == "missing"]
        counts, rows = _counts(findings), _rows(text, shown)
        if args.format == "json":
            documents.append({"report": report, **counts, "candidates_listed": rows})
        else:
            say(io, _text(report, counts, rows))
    if args.format == "json":
        write_json(io, documents)
    return Exit.FINDINGS if missing else Exit.OK


def _allowed(args: argparse.Namespace) -> Allowed:
    from glossary._load.allow import Allowed
    from glossary._load.paths import bundled_allow_list

    check_paths_exist(args.allow)
    # A team's reasons come first: its allow-list may say more than the bundled one.
    bundled = [] if args.no_bundled else [bundled_allow_list()]
    return Allowed.load([*map(Path, args.allow), *bundled])


def _rows(text: str, shown: list[Finding]) -> list[dict[str, object]]:
    """One row per listed finding, with the line it stands on (1-based)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    return [
        {
            "start": f.candidate.start,
            "end": f.candidate.end,
            "line": bisect.bisect_left(breaks, f.candidate.start) + 1,
            "text": f.candidate.text,
            "shape": f.candidate.shape,
            "status": f.status,
            "why": f.why,
        }
        for f in shown
    ]


def _counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = {"candidates": len(findings), "explained": 0, "allowed": 0, "missing": 0}
    for finding in findings:
        counts[finding.status] += 1
    return counts


def _text(report: str, counts: dict[str, int], rows: list[dict[str, object]]) -> str:
    out = []
    for row in rows:
        why = f" -> {row['why']}" if row["why"] else f" ({row['shape']})"
        out.append(f"{report}:{row['line']}: {row['status']} “{row['text']}”{why}")
    out.append(
        f"{report}: {counts['candidates']} candidates: {counts['explained']} explained, "
        f"{counts['allowed']} allowed, {counts['missing']} missing"
    )
    return "\n".join(out)
