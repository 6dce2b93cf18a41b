"""Splice runs of added text into a text so that they can be taken out again exactly.

Every added run is written between two ``MARK`` characters (U+2060 WORD JOINER, which
is invisible and asks that no line break fall where it stands, so a term and its
annotation stay on one line). Added runs never contain ``MARK``: it is deleted from
them. Every ``MARK`` of the original text is written twice. Reading left to right,
``MARK MARK`` is therefore one original ``MARK`` and ``MARK`` followed by anything
else opens a run that the next ``MARK`` closes; the two cannot be confused because a
run is never empty. ``unmark`` undoes this with one regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary._model.errors import InputError

MARK = "\u2060"

# The last alternative only matches a mark that opens a run nobody closes.
_TOKEN = re.compile(f"{MARK}{MARK}|{MARK}[^{MARK}]+{MARK}|{MARK}")


def splice(text: str, runs: Sequence[tuple[int, str]], *, marked: bool = True) -> str:
    """Insert each ``(offset, run)`` into ``text``; offsets ascending, into the original.

    The text is cut at the original offsets and reassembled with the runs between the
    pieces, which keeps every offset valid just as splicing from the right would.
    ``marked=False`` inserts the runs as they are, for a writer (``annotate``) that finds
    its additions again by their form rather than by marks.

    >>> splice("双区驱动和双改示范", [(4, "（注）")]) == f"双区驱动{MARK}（注）{MARK}和双改示范"
    True
    >>> splice("双区驱动和双改示范", [(4, "[^1]")], marked=False)
    '双区驱动[^1]和双改示范'
    """
    pieces: list[str] = []
    previous = 0
    for offset, run in runs:
        added = run.replace(MARK, "") if marked else run
        if not added or offset < previous:
            raise ValueError(f"empty run or offsets out of order at {offset}")
        piece = text[previous:offset]
        pieces += (piece.replace(MARK, MARK * 2), MARK, added, MARK) if marked else (piece, added)
        previous = offset
    rest = text[previous:]
    pieces.append(rest.replace(MARK, MARK * 2) if marked else rest)
    return "".join(pieces)


def unmark(rendered: str) -> str:
    """Take the added runs out of ``splice``'s output and undouble the original marks.

    >>> unmark(splice("a\u2060b", [(1, "[1]")])) == "a\u2060b"
    True
    """
    return _TOKEN.sub(_undo, rendered)


def _undo(token: re.Match[str]) -> str:
    if token[0] == MARK:
        raise InputError(f"not rendered by glossary: unclosed added text at {token.start()}")
    return MARK if token[0] == MARK * 2 else ""
