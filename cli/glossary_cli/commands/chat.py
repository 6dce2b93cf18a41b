"""``glossary chat`` (and ``glossary`` alone): the conversation, on a terminal or a pipe."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from glossary_cli.commands import add_parser
from glossary_cli.commands.explain import LANG_HELP, LANGS, STYLES
from glossary_cli.exit_codes import Exit
from glossary_cli.inputs import encoding_option
from glossary_cli.io import (
    IO,
    error,
    isatty,
    load_glossary,
    read_lines,
    region_option,
    waiting_for_stdin,
    write_out,
)

if TYPE_CHECKING:
    from glossary_cli.chat_state import ChatState

EPILOG = """\
example:
  $ printf '1+1+10+N是什么意思？\\n/quit\\n' | glossary chat | head -2
  1+1+10+N  numeric-formula
    1个经济运行调度领导小组 + 1个领导小组办公室 + 10个经济运行调度工作专班 + N个成员单位

On a terminal: type a term or a question, paste a passage, Tab completes (Enter takes
a highlighted completion), Right arrow takes the grey suggestion from the history,
/help lists the commands, /save FILE writes the last answer, Ctrl-C clears the line
and Ctrl-D leaves. An answer taller than the terminal goes through $PAGER (else
less -R). The history is kept in $GLOSSARY_HISTORY, else
$XDG_DATA_HOME/glossary/history (~/.local/share/...).
From a pipe: each line is a query, each answer is followed by a blank line; answers
are not wrapped (on a terminal they wrap at its width, at most 80 columns) and never
paged.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add ``chat`` to the command line."""
    parser = add_parser(subparsers, common, "chat", "ask about terms and paste passages", EPILOG)
    add_options(parser)
    parser.set_defaults(handler=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The chat's own options (``glossary`` alone takes none: use ``glossary chat --region R``)."""
    parser.add_argument("--region", metavar="R", help="start with this region (/region)")
    parser.add_argument(
        "--format", choices=STYLES, default="inline", help="style of pasted passages (/format)"
    )
    parser.add_argument("--lang", choices=LANGS, default="zh", help=f"{LANG_HELP} (/lang)")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="leave the invisible U+2060 marks out of answers, for clean copying (/plain)",
    )
    parser.add_argument(
        "--encoding",
        type=encoding_option,
        metavar="E",
        help="read piped standard input in this encoding (gb18030, big5, utf-16)",
    )


def _state(args: argparse.Namespace) -> ChatState:
    from glossary_cli.chat_state import ChatState

    glossary = load_glossary(args)
    region = region_option(args, glossary) or ""
    return ChatState(
        glossary,
        region=region,
        style=getattr(args, "format", None) or "inline",
        lang=getattr(args, "lang", None) or "zh",  # ``glossary`` alone has none of these
        plain=bool(getattr(args, "plain", False)),
    )


def run(args: argparse.Namespace, io: IO) -> int:
    """Converse: through prompt-toolkit on a terminal, line by line from a pipe.

    On a terminal the bundled glossary alone loads behind the first prompt (``run_repl``);
    a team's glossary or a region, which a user may have got wrong, are checked first.
    """
    from glossary_cli.layout import colour_wanted

    colour = colour_wanted(io.stdout)
    if isatty(io.stdin) and isatty(io.stdout):
        from glossary_cli.later import Later
        from glossary_cli.pager import pager_command
        from glossary_cli.repl import history_path, open_history, run_repl

        checked = args.glossary_paths or args.no_bundled or getattr(args, "region", None)
        later = Later.now(_state(args)) if checked else Later(lambda: _state(args))
        history = open_history(history_path(), lambda message: error(io, message))
        return run_repl(later, out=io.stdout, history=history, colour=colour, pager=pager_command)
    encoding = getattr(args, "encoding", None)
    return answer_lines(io, _state(args), colour=colour, encoding=encoding)


def answer_lines(io: IO, state: ChatState, *, colour: bool, encoding: str | None = None) -> int:
    """Answer each line of stdin on stdout, each answer followed by a blank line.

    A line that does not decode stops the run (``UserError``, INPUT) after the answers
    to the lines before it have been written.
    """
    from glossary_cli.chat import respond
    from glossary_cli.layout import columns_for, render

    columns = columns_for(io.stdout)  # a pipe: unwrapped, to be copied as it is
    waiting_for_stdin(io)  # typed at a terminal, answered into a file: no prompt says so
    for line in read_lines(io, encoding):
        reply = respond(line, state)
        state = reply.state
        if reply.lines:
            write_out(io, render(reply.lines, columns, colour=colour) + "\n")
            io.stdout.flush()
        if reply.quit:
            break
    return Exit.OK
