"""``glossary extract``: draft glossary entries from reports' glossary sections (名词解释)."""

from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary_cli.commands import add_parser
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import encoding_option
from glossary_cli.io import IO, error, read_text, write_document

if TYPE_CHECKING:
    from glossary._extract.items import Item

#: ``glossary.LEVELS``, spelt out so that building the parser does not import the library.
LEVELS = ("district", "city", "province", "national")
#: ``heading.FIELDS``: the metadata an entry's source and scope need.
_METADATA = ("title", "issuer", "region", "level", "date")
#: Options that name one report: given with several, every report would carry them.
_ONE_REPORT = ("title", "date", "url")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

EPILOG = """\
example:
  $ glossary extract report.txt --format json | head -4
  [
    {
      "number": 1,
      "term": "“1+1+10+N”经济运行调度机制",

  $ glossary extract report.txt | head -3
  entries:
  - id: 20230112-77df-1
    term: “1+1+10+N”经济运行调度机制

  glossary extract report.txt --region 深圳市龙岗区 --issuer 深圳市龙岗区人民政府 > draft.yaml

YAML output is a draft in the glossary format (docs/format.md) for a curator to finish:
each item becomes an official entry. Its source and scope come from the report's own
heading lines (title, session, speaker); --title, --issuer, --region, --level and --date
override them, and a value neither gives is named on stderr. Several reports give one
draft; text and JSON give one block per report. A report without a glossary section says
so on stderr and gives nothing (with --format json, an empty list).
"""


@dataclass(frozen=True, slots=True)
class _Report:
    """One report on the command line: its name as given, its text and its items."""

    name: str
    shown: str  # in messages: the name, or "standard input"
    text: str
    items: tuple[Item, ...]


def _date(text: str) -> str:
    """A date as the glossary format stores it: YYYY-MM-DD, and a real day.

    ``date.fromisoformat`` alone would take 20230112 (Python 3.11 reads ISO 8601's basic
    form too), which the glossary format then refuses.
    """
    try:
        valid = _ISO_DATE.fullmatch(text) is not None and bool(datetime.date.fromisoformat(text))
    except ValueError:
        valid = False
    if not valid:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}")
    return text


def _web_address(text: str) -> str:
    """An http(s) address, the only kind the glossary format stores."""
    if not text.startswith(("https://", "http://")) or len(text.split("//", 1)[1]) == 0:
        raise argparse.ArgumentTypeError(f"not an http(s) address: {text!r}")
    return text


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``extract`` to the command line."""
    parser = add_parser(
        subparsers, common, "extract", "draft entries from reports' 名词解释 sections", EPILOG
    )
    parser.add_argument(
        "reports", nargs="+", metavar="REPORT", help="a report, a text file; - is stdin"
    )
    parser.add_argument("--format", choices=("yaml", "json", "text"), default="yaml")
    parser.add_argument(
        "--encoding", type=encoding_option, metavar="E", help="read the reports in this encoding"
    )
    parser.add_argument("--title", help="the report's title: 龙岗区2023年政府工作报告")
    parser.add_argument("--issuer", help="who issued it: 深圳市龙岗区人民政府")
    parser.add_argument("--region", help="the region it governs: 深圳市龙岗区")
    parser.add_argument("--level", choices=LEVELS, help="the issuer's administrative level")
    parser.add_argument("--date", type=_date, help="the day it was delivered, YYYY-MM-DD")
    parser.add_argument(
        "--url", type=_web_address, help="where it is published, http(s) (optional)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, io: IO) -> int:
    """Print the items of each report's glossary section, or draft entries in YAML."""
    names: list[str] = args.reports
    _check_names(names, args)
    from glossary._extract.extract import extract

    reports = []
    for name in names:  # every report read before anything is written
        text = read_text(name, args.encoding, io)
        shown = "standard input" if name == "-" else name
        reports.append(_Report(name, shown, text, extract(text)))
    for report in reports:
        if not report.items:
            error(io, f"{report.shown}: no glossary section (名词解释) found; nothing to extract")
    if args.format == "json":
        write_document(io, _json(reports), is_json=True)
        return Exit.OK
    if args.format == "text":
        write_document(io, _text(reports))
        return Exit.OK
    return _yaml(reports, args, io)


def _check_names(names: Sequence[str], args: argparse.Namespace) -> None:
    """Refuse a report named twice, and options that name one report given with several."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise UserError(f"{name} is given twice; name each report once", Exit.USAGE)
        seen.add(name)
    given = [f"--{option}" for option in _ONE_REPORT if getattr(args, option)]
    if len(names) > 1 and given:
        raise UserError(
            f"{', '.join(given)} cannot apply to {len(names)} reports: give one REPORT,"
            " or let each report's heading lines say",
            Exit.USAGE,
        )


def _json(reports: Sequence[_Report]) -> str:
    """One report: the array of its items. Several: an object of arrays, keyed by name.

    Even a report without items gives its (empty) array: a JSON reader wants a document.
    """
    import dataclasses
    import json

    def items(report: _Report) -> list[dict[str, object]]:
        return [dataclasses.asdict(item) for item in report.items]

    data: object = (
        items(reports[0])
        if len(reports) == 1
        else {report.name: items(report) for report in reports}
    )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _text(reports: Sequence[_Report]) -> str:
    """A block per report with items: a ``== name: N items`` line, then each item.

    An item is its number (``-`` when unnumbered) and term, then its definition indented
    by three spaces, one line per paragraph.
    """
    blocks = []
    for report in reports:
        if not report.items:
            continue
        count = f"{len(report.items)} item{'s' if len(report.items) != 1 else ''}"
        lines = [f"== {report.shown}: {count}"]
        for item in report.items:
            number = "-" if item.number is None else f"{item.number}."
            lines.append(f"{number} {item.term}")
            lines.extend(f"   {paragraph}" for paragraph in item.definition.split("\n"))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _metadata(report: _Report, args: argparse.Namespace) -> dict[str, str | None]:
    """A report's metadata: from its heading lines, each overridden by its option."""
    from glossary._extract.heading import read_heading

    heading = read_heading(report.text)
    return {field: getattr(args, field) or getattr(heading, field) for field in _METADATA}


def _yaml(reports: Sequence[_Report], args: argparse.Namespace, io: IO) -> int:
    """Write one draft of every report's entries; name each value no report line gave.

    Two reports with the same title, issuer and date would give the same ids: that is
    refused, as is a missing value (exit 2, nothing written).
    """
    from glossary._extract.curate import items_to_entries
    from glossary._load.canonical import dump_document

    drafted = [(report, _metadata(report, args)) for report in reports if report.items]
    missing = [
        f"{report.shown}: no {field} in the report's heading lines; give --{field}"
        for report, metadata in drafted
        for field in _METADATA
        if not metadata[field]
    ]
    for message in missing:
        error(io, message)
    if missing:
        return Exit.USAGE
    _check_distinct(drafted)
    entries = []
    for report, metadata in drafted:
        values = {field: str(metadata[field]) for field in _METADATA}
        entries += items_to_entries(report.items, **values, url=args.url)
    if entries:
        write_document(io, dump_document(entries))
    return Exit.OK


def _check_distinct(drafted: Sequence[tuple[_Report, dict[str, str | None]]]) -> None:
    """Refuse two reports whose entries would share ids: same title, issuer and date."""
    seen: dict[tuple[str | None, ...], str] = {}
    for report, metadata in drafted:
        key = (metadata["title"], metadata["issuer"], metadata["date"])
        if key in seen:
            raise UserError(
                f"{seen[key]} and {report.shown} have the same title, issuer and date"
                f" ({' / '.join(str(part) for part in key)}): their entries would share ids",
                Exit.USAGE,
            )
        seen[key] = report.shown
