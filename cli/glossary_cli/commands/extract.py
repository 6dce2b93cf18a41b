"""``glossary extract``: draft glossary entries from a report's 名词解释 section."""

from __future__ import annotations

import argparse
import datetime
import re

from glossary_cli.commands import add_parser
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import STDIN, encoding_option
from glossary_cli.io import IO, error, read_text, write_document, write_json

#: ``glossary.LEVELS``, spelt out so that building the parser does not import the library.
LEVELS = ("district", "city", "province", "national")
_METADATA = ("title", "issuer", "region", "level", "date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

EPILOG = """\
example:
  $ glossary extract report.txt --format json | head -4
  [
    {
      "number": 1,
      "term": "“1+1+10+N”经济运行调度机制",

  glossary extract report.txt --title 龙岗区2023年政府工作报告 \\
      --issuer 深圳市龙岗区人民政府 --region 深圳市龙岗区 --level district \\
      --date 2023-01-12 > draft.yaml

YAML output is a draft in the glossary format (docs/format.md) for a curator to finish:
each item becomes an official entry; --title, --issuer, --region, --level and --date
fill in its source and scope. A report without a glossary section says so on stderr
and prints nothing (with --format json, an empty list).
"""


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
        subparsers, common, "extract", "draft entries from a report's 名词解释 section", EPILOG
    )
    parser.add_argument("report", metavar="REPORT", help="the report, a text file; - is stdin")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.add_argument(
        "--encoding", type=encoding_option, metavar="E", help="read REPORT in this encoding"
    )
    parser.add_argument("--title", help="the report's title: 龙岗区2023年政府工作报告")
    parser.add_argument("--issuer", help="who issued it: 深圳市龙岗区人民政府")
    parser.add_argument("--region", help="the region it governs: 深圳市龙岗区")
    parser.add_argument("--level", choices=LEVELS, help="the issuer's administrative level")
    parser.add_argument("--date", type=_date, help="its date, YYYY-MM-DD")
    parser.add_argument(
        "--url", type=_web_address, help="where it is published, http(s) (optional)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, io: IO) -> int:
    """Print the items of the glossary section as JSON, or as draft entries in YAML."""
    missing = [f"--{name}" for name in _METADATA if not getattr(args, name)]
    if args.format == "yaml" and missing:
        raise UserError(
            f"extract --format yaml needs {', '.join(missing)} to fill in each entry's source;"
            " or use --format json",
            Exit.USAGE,
        )
    from glossary._extract import extract

    text = read_text(args.report, args.encoding, io)
    items = extract(text)
    name = STDIN if args.report == "-" else args.report
    if not items:
        error(io, f"{name}: no glossary section (名词解释) found; nothing to extract")
    if args.format == "json":  # even with no items: a JSON reader wants a document
        import dataclasses

        write_json(io, [dataclasses.asdict(item) for item in items])
        return Exit.OK
    if not items:
        return Exit.OK
    from glossary._extract import items_to_entries
    from glossary._loader import dump_document

    entries = items_to_entries(
        items,
        title=args.title,
        issuer=args.issuer,
        region=args.region,
        level=args.level,
        date=args.date,
        url=args.url,
    )
    write_document(io, dump_document(entries))
    return Exit.OK
