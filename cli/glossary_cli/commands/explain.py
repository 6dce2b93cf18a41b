"""``glossary explain``: annotate a file or standard input with the glossary."""

from __future__ import annotations

import argparse

from glossary_cli.commands import add_parser
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import encoding_option
from glossary_cli.io import IO, load_glossary, read_text, region_option, write_document

#: ``glossary.STYLES``, spelt out so that building the parser does not import the library
#: (a test checks that the two agree).
STYLES = ("inline", "footnotes", "markdown", "html", "json")
#: Styles whose output is a document about the text rather than the text itself: like any
#: output they end with a newline, which the others add only when the text has one.
DOCUMENTS = ("html", "json")

# The renderer brackets what it adds with WORD JOINERs (U+2060, invisible) so that the
# additions can be stripped exactly; the example shows the output as it is.
EPILOG = """\
example:
  $ echo '发展“20+8”产业集群' | glossary explain
  发展“20+8”产业集群\u2060（20个战略性新兴产业集群 + 8个未来产业）\u2060

  glossary explain report.txt --format footnotes
  glossary explain old-report.txt --encoding gb18030 --region 深圳市龙岗区
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``explain`` to the command line."""
    parser = add_parser(
        subparsers, common, "explain", "annotate a text with the meaning of its jargon", EPILOG
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="the text to explain; - is stdin"
    )
    parser.add_argument(
        "--format", choices=STYLES, default="inline", help="output style (default: inline)"
    )
    parser.add_argument(
        "--region",
        metavar="R",
        help="prefer the senses of this region (深圳市龙岗区) over the text's own cues",
    )
    parser.add_argument(
        "--encoding",
        type=encoding_option,
        metavar="E",
        help="read FILE in this encoding (gb18030, big5, utf-16)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, io: IO) -> int:
    """Write the text with its annotations in the chosen style."""
    glossary = load_glossary(args)
    region = region_option(args, glossary)
    text = read_text(args.file, args.encoding, io)
    rendered = glossary.explain(text, region=region).render(args.format)
    if args.format in DOCUMENTS and not rendered.endswith("\n"):
        rendered += "\n"
    write_document(io, rendered, is_json=args.format == "json")
    return Exit.OK
