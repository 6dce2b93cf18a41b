"""``glossary lookup`` and ``glossary search``: one term exactly, or the nearest ones."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from glossary_cli.commands import add_parser
from glossary_cli.exit_codes import Exit
from glossary_cli.io import IO, error, load_glossary, write_json, write_out

if TYPE_CHECKING:
    from glossary import Entry, Glossary

LOOKUP_EPILOG = """\
example:
  $ glossary lookup 雙區驅動 --format json | head -4
  [
    {
      "id": "shuang-qu-qu-dong",
      "term": "双区驱动",

  glossary lookup 1+1+10+N      the entry, its sources, other senses and related terms

A term that is not in the glossary exits with 1 and names the nearest terms on stderr.
"""

SEARCH_EPILOG = """\
example:
  $ glossary search 双区 --limit 2
  双区叠加  粤港澳大湾区 + 深圳中国特色社会主义先行示范区，两项国家战略叠加
  双区驱动  粤港澳大湾区 + 深圳中国特色社会主义先行示范区（“双区”）驱动

Search looks at terms, variants, expansions, definitions and English glosses.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``lookup`` and ``search`` to the command line."""
    lookup = add_parser(subparsers, common, "lookup", "show the entry of a term", LOOKUP_EPILOG)
    lookup.add_argument(
        "term", type=_given, metavar="TERM", help="a term or variant, in any script or width"
    )
    lookup.add_argument("--format", choices=("text", "json"), default="text")
    lookup.set_defaults(handler=run_lookup)
    search = add_parser(
        subparsers, common, "search", "find the terms nearest to a query", SEARCH_EPILOG
    )
    search.add_argument(
        "query", type=_given, metavar="QUERY", help="part of a term, a word, English"
    )
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="default: 10")
    search.add_argument("--format", choices=("text", "json"), default="text")
    search.set_defaults(handler=run_search)


def _given(text: str) -> str:
    """A term or query that is more than blanks (which every entry would match, or none)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as JSON data: every field of the glossary format, the loading file left out."""
    import dataclasses

    data = dataclasses.asdict(entry)
    del data["origin_file"]
    return data


def _nearest_message(query: str, glossary: Glossary) -> str:
    from glossary_cli.chat import nearest

    hits = nearest(query, glossary)
    if not hits:
        return f"no entry for “{query}” and none close to it; try glossary search or chat /list"
    return f"no entry for “{query}”; nearest: {'、'.join(h.entry.term for h in hits)}"


def run_lookup(args: argparse.Namespace, io: IO) -> int:
    """Print the entries of a term, as the chat describes them or as JSON."""
    glossary = load_glossary(args)
    found = glossary.lookup(args.term)
    if args.format == "json":
        write_json(io, [entry_json(e) for e in found])
    if not found:
        error(io, _nearest_message(args.term, glossary))
        return Exit.FINDINGS
    if args.format == "text":
        from glossary_cli.chat import ChatState, term_reply
        from glossary_cli.layout import colour_wanted, columns_for, render

        reply = term_reply(found, ChatState(glossary), args.term)
        write_out(io, render(reply.lines, columns_for(io.stdout), colour=colour_wanted(io.stdout)))
    return Exit.OK


def run_search(args: argparse.Namespace, io: IO) -> int:
    """Print the best matches for a query, best first."""
    glossary = load_glossary(args)
    hits = glossary.search(args.query, limit=args.limit)
    if args.format == "json":
        write_json(
            io,
            [
                {
                    "id": h.entry.id,
                    "term": h.entry.term,
                    "score": h.score,
                    "field": h.field,
                    "expansion": h.entry.senses[0].expansion if h.entry.senses else "",
                }
                for h in hits
            ],
        )
    if not hits:
        error(io, f"nothing in the glossary matches “{args.query}”; try a shorter query")
        return Exit.FINDINGS
    if args.format == "text":
        from glossary_cli.answers import short
        from glossary_cli.layout import Line, colour_wanted, columns_for, render

        lines = [
            Line.of(("term", h.entry.term), "  ", short(h.entry.senses[0].expansion, 60), hang=4)
            for h in hits
        ]
        write_out(io, render(lines, columns_for(io.stdout), colour=colour_wanted(io.stdout)))
    return Exit.OK
