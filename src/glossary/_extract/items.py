"""One item of a glossary section: where its term ends and its definition begins.

An item is a term, usually quoted, then a colon or the definition's first words, then a
definition that may run over several lines, hard-wrapped by a PDF export.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary._normalise.quotes import PAIRS, SYMMETRIC


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a glossary section: its number, the term and the definition as written.

    ``number`` is None in an unnumbered section; ``line`` is the 1-based line of the text
    where the item starts. ``dataclasses.asdict`` gives its JSON form.
    """

    number: int | None
    term: str
    definition: str
    line: int


# The term ends at the first colon outside quotation marks: quoted spans are skipped whole
# when looking for a colon (or, in compound items, for a separator).
QUOTED = r"“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’|〝[^〞]*〞|＂[^＂]*＂|\"[^\"]*\""


_COLONS = "：:︰∶﹕"  # PDF conversion turns colons into look-alikes (ratio, presentation forms)


_COLON_OR_QUOTED = re.compile(rf"{QUOTED}|(?P<colon>[{_COLONS}])")


# A term is a name, not a sentence: no sentence punctuation, no comma but one in a number.
_NOT_IN_TERM = re.compile(r"[。！？；;!?，]|,(?!\d)")


_MAX_TERM = 60


# Opening quote -> closing quote, for quotes around a whole term.
_QUOTES = {**PAIRS, **{quote: quote for quote in SYMMETRIC}}


# Words that open a sentence, not a term, when followed by a colon (其中：…).
DISCOURSE = re.compile(
    r"(?:其中|目前|包括|主要包括|即|例如|比如|具体|具体包括|注|备注|備註|说明|說明|以下|如下"
    r"|各位代表|同志们|同志們|朋友们|朋友們|附件|附)$|.*如下$"
)


# The end of a sentence: the text so far is complete. A full stop counts only after a
# Chinese character, because "No." and "2.0" end nothing.
COMPLETE = re.compile(r"(?:[。！？!?…；;]|(?<=[\u3400-\u9fff])\.)[”’」』）)】\]]*$")


_ASCII_TAIL = re.compile(r"[A-Za-z][)\],.;:!?]*$")


_ASCII_HEAD = re.compile(r"[A-Za-z(]")


def first_colon(text: str) -> int:
    """Return the index of the first colon outside quotation marks, or -1.

    >>> first_colon("“a：b”c：d")
    6
    """
    for match in _COLON_OR_QUOTED.finditer(text):
        if match["colon"]:
            return match.start()
    return -1


def is_term(text: str, limit: int = _MAX_TERM) -> bool:
    """Tell whether a text can be a term: short, and no sentence punctuation in it."""
    return 0 < len(text) <= limit and _NOT_IN_TERM.search(text) is None


def unquote(term: str) -> str:
    """Remove quotation marks that surround the whole term, and only those.

    >>> unquote("“双一流”"), unquote("“两重”“两新”"), unquote("轨道交通“四网融合”")
    ('双一流', '“两重”“两新”', '轨道交通“四网融合”')
    """
    term = term.strip().strip("*").strip()
    close = _QUOTES.get(term[:1])
    if close is not None and len(term) > 2 and term.endswith(close):
        inner = term[1:-1]
        if term[0] not in inner and close not in inner:
            return inner.strip()
    return term


def join(pieces: Sequence[str]) -> str:
    """Join the lines of a definition: a hard break disappears, a paragraph break stays.

    A break between two Latin words becomes a space; any other break (inside a Chinese
    run, after Chinese punctuation, inside a number) is removed. An empty piece marks a
    blank line; it is a paragraph break only after a complete sentence.

    >>> join(["指城市信息模型(City Information", "Modeling)平台,是城市的基", "础设施。"])
    '指城市信息模型(City Information Modeling)平台,是城市的基础设施。'
    >>> join(["第一段。", "", "第二段。"])
    '第一段。\\n第二段。'
    """
    out = ""
    gap = False
    for piece in pieces:
        if not piece:
            gap = bool(out)
            continue
        if not out:
            out = piece
        elif gap and COMPLETE.search(out):
            out += "\n" + piece
        elif _ASCII_TAIL.search(out) and _ASCII_HEAD.match(piece):
            out += " " + piece
        else:
            out += piece
        gap = False
    return out


def _split_item(first: str, body: Sequence[str]) -> tuple[str, str]:
    """Split an item into term and definition: at the first colon after the term.

    ``first`` is the item's first line after its marker, ``body`` its following lines
    (empty strings for blank lines). When the first line has no colon, the term is that
    line, unless the colon opens the next line or the term wraps onto it.
    """
    colon = first_colon(first)
    if colon >= 0 and is_term(first[:colon].strip(" *")):
        return first[:colon], join([first[colon + 1 :].strip(), *body])
    lines = [piece for piece in body if piece]
    if lines:
        head = lines[0]
        rest = body[body.index(head) + 1 :]
        if head[0] in _COLONS:
            return first, join([head[1:].strip(), *rest])
        wrapped = first_colon(head)
        if 0 < wrapped <= 12 and is_term(head[:wrapped]) and head[0] not in "指是即为為":
            return join([first, head[:wrapped]]), join([head[wrapped + 1 :].strip(), *rest])
    return first, join(body)


def make_item(number: int | None, first: str, body: Sequence[str], line: int) -> Item:
    term, definition = _split_item(first.strip(), body)
    return Item(number, unquote(term), definition.strip(), line)
