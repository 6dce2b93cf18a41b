"""``glossary explain``: annotate files, directories or standard input with the glossary."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from glossary_cli.commands import add_parser
from glossary_cli.errors import UserError
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import encoding_option
from glossary_cli.io import IO, error, load_glossary, read_text, region_option, write_document

if TYPE_CHECKING:
    from glossary import Explanation

#: ``glossary.STYLES``, spelt out so that building the parser does not import the library
#: (a test checks that the two agree).
STYLES = ("inline", "footnotes", "markdown", "html", "html-fragment", "json")
#: ``glossary.LANGS``, spelt out for the same reason.
LANGS = ("zh", "en", "both")
#: What ``--lang`` says in ``--help``; the chat's option says the same.
LANG_HELP = "explain in Chinese, with the English gloss instead (en), or both (default: zh)"
#: Styles whose output is a document about the text rather than the text itself: like any
#: output they end with a newline, which the others add only when the text has one.
DOCUMENTS = ("html", "html-fragment", "json")
#: ``--format`` choices: the styles, and ``jsonl``, one line of JSON per document.
FORMATS = (*STYLES, "jsonl")

# The renderer brackets what it adds with WORD JOINERs (U+2060, invisible) so that the
# additions can be stripped exactly; the example shows the output as it is.
EPILOG = """\
example:
  $ echo '发展“20+8”产业集群' | glossary explain
  发展“20+8”产业集群\u2060（20个战略性新兴产业集群 + 8个未来产业）\u2060

  glossary explain report.txt --format footnotes
  glossary explain report.txt --lang en
  glossary explain old-report.txt --encoding gb18030 --region 深圳市龙岗区
  glossary explain reports/ more.txt --format jsonl
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
        "files",
        nargs="*",
        default=["-"],
        metavar="FILE",
        help="texts to explain, or directories of them; - is stdin (the default)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="inline",
        help="output style (default: inline); jsonl: one JSON object per line and document",
    )
    parser.add_argument("--lang", choices=LANGS, default="zh", help=LANG_HELP)
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
    """Write each text with its annotations in the chosen style.

    One text is written exactly as ``Explanation.render`` gives it; several are each
    headed ``==> FILE <==``, or one JSON line each with ``jsonl``. A file that cannot be
    read is reported and skipped: the others are still explained, and the exit code is
    INPUT.
    """
    from glossary_cli.documents import Empty, expand

    glossary = load_glossary(args)
    region = region_option(args, glossary)
    files = expand(args.files)
    single = files == args.files and len(files) == 1  # one file, not a directory's
    if single and args.format != "jsonl":  # written as it always was
        text = read_text(args.files[0], args.encoding, io)
        out = rendered(glossary.explain(text, region=region), args.format, args.lang)
        write_document(io, out, is_json=args.format == "json")
        return Exit.OK
    worst, written = Exit.OK, 0
    for name in files:
        try:
            if isinstance(name, Empty):
                raise UserError(name.message, Exit.INPUT)
            text = read_text(name, args.encoding, io)
        except UserError as exc:
            if single:  # its error ends the run, as it always did
                raise
            error(io, exc.message)
            worst = Exit.INPUT
            continue
        explanation = glossary.explain(text, region=region)
        if args.format == "jsonl":
            write_document(io, json_line(None if name == "-" else name, explanation), is_json=True)
            continue
        body = rendered(explanation, args.format, args.lang)
        heading = f"==> {'standard input' if name == '-' else name} <==\n"
        page = ("\n" if written else "") + heading + body.removesuffix("\n") + "\n"
        write_document(io, page, is_json=args.format == "json")
        written += 1
    return int(worst)


def rendered(explanation: Explanation, style: str, lang: str = "zh") -> str:
    """The explanation in ``style`` and ``lang``; documents about the text end with a newline."""
    text = explanation.render(style, lang=lang)  # type: ignore[arg-type]  # STYLES, LANGS choices
    if style in DOCUMENTS and not text.endswith("\n"):
        text += "\n"
    return text


def json_line(path: str | None, explanation: Explanation) -> str:
    """One line of ``--format jsonl``: the ``json`` rendering with the path first.

    >>> from glossary import explain
    >>> line = json_line("a.txt", explain("双区驱动"))
    >>> line.count("\\n"), line[:33]
    (1, '{"path": "a.txt", "text": "双区驱动",')
    """
    import json

    document = json.loads(explanation.render("json"))
    return json.dumps({"path": path, **document}, ensure_ascii=False) + "\n"
