"""One item of a glossary section: where its term ends and its definition begins.

An item is a term, usually quoted, then a colon or the definition's first words, then a
definition that may run over several lines, hard-wrapped by a PDF export.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossary._normalise.quotes import PAIRS, SYMMETRIC
from glossary._normalise.text import PINYIN


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
# when looking for a colon (or, in compound items, for a separator). An opening quote
# with no closing one after it quotes nothing, and the search goes on past it. That
# skipping is ``outside_quotes``'s.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", "〝": "〞", "＂": "＂", '"': '"'}


_COLONS = "：:︰∶﹕"  # PDF conversion turns colons into look-alikes (ratio, presentation forms)


_COLON = rf"[{_COLONS}]"


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


# The words that open a definition right after its term. 是指, 指的是 and 系指 are strong:
# a term hardly ever holds them. 即 and 指 are weak, and never count where they start a
# common word (即将, 指导, 指标); 是 counts only right after a closing quotation mark.
_STRONG = r"是指|指的是|[系係]指"
_WEAK = r"即(?![将將时時便使可刻日])|指(?![导導标標挥揮南数數引定出向令示针針纹紋甲望责責控明])"
_LEAD = (
    rf"(?P<strong>{_STRONG})|(?P<weak>{_WEAK})"
    rf"|(?<=[”」』’〞＂\"])(?P<is>是)"
)
# A definition that opens with one of these says what its term means.
DEFINES = re.compile(rf"(?:{_STRONG}|{_WEAK}|是|就是)")


# How much of a long text's end its ending patterns need to see: searching all of it,
# once per joined line, would make joining a long definition quadratic.
_END = 16


_ASCII_TAIL = re.compile(r"[A-Za-z][)\],.;:!?]*$")


_ASCII_HEAD = re.compile(r"[A-Za-z(]")


def first_colon(text: str) -> int:
    """Return the index of the first colon outside quotation marks, or -1.

    >>> first_colon("“a：b”c：d")
    6
    """
    for match in outside_quotes(_COLON, text):
        return match.start()
    return -1


def outside_quotes(target: str, text: str) -> Iterator[re.Match[str]]:
    """The matches of the pattern ``target`` in ``text`` outside quoted spans, in order.

    A quoted span runs from an opening quote to the next closing quote of its kind and is
    skipped whole; an opening quote that nothing closes is passed over. The matches may
    not begin with a quotation mark.

    A regular expression trying each quote's span (“[^”]*”) scanned to the end of the
    text for every unclosed one, which made a line of many of them quadratic. Here an
    opening quote is closed when the last closing quote of its kind stands after it,
    found once per call; once one is not, none of its kind after it is either, and the
    search stops looking for them (a pattern without them).

    >>> [m.group() for m in outside_quotes("、", "“甲、乙”、丙“、丁")]
    ['、', '、']
    """
    live = "".join(QUOTE_PAIRS)
    last = {opening: text.rfind(close) for opening, close in QUOTE_PAIRS.items()}
    position = 0
    while (match := _with_quotes(target, live).search(text, position)) is not None:
        opening = match["open"] if live else None
        if opening is None:
            yield match
            position = max(match.end(), match.start() + 1)
        elif last[opening] >= match.end():
            position = text.find(QUOTE_PAIRS[opening], match.end()) + 1
        else:  # closed by nothing: passed over, with every later quote of its kind
            live = live.replace(opening, "")
            position = match.end()


@functools.cache
def _with_quotes(target: str, openings: str) -> re.Pattern[str]:
    """``target``, or any of the quotes ``openings`` as the group ``open``."""
    if not openings:
        return re.compile(target)
    return re.compile(f"(?P<open>[{re.escape(openings)}])|{target}")


def is_term(text: str, limit: int = _MAX_TERM) -> bool:
    """Tell whether a text can be a term: short, and no sentence punctuation in it."""
    return 0 < len(text) <= limit and _NOT_IN_TERM.search(text) is None


def lead(text: str) -> int:
    """Return where the definition starts in a line without a colon: at 是指, 即, 指 …, or -1.

    The term before it must be a term of two characters or more. A strong lead (是指)
    anywhere wins over a weak one (即, 指), so that 即时配送是指… keeps its 即.

    >>> lead("“双一流”是指一流大学。"), lead("即时配送是指送达。"), lead("各项指标良好。")
    (5, 4, -1)
    """
    found = {"strong": -1, "weak": -1}
    for match in outside_quotes(_LEAD, text):
        kind = "strong" if match["strong"] else "weak" if match["weak"] or match["is"] else ""
        if kind and found[kind] < 0 and len(unquote(text[: match.start()])) >= 2:
            found[kind] = match.start()
    for start in (found["strong"], found["weak"]):
        if start > 0 and is_term(text[:start].strip(" *"), 30):
            return start
    return -1


def defines(item: Item) -> bool:
    """Tell whether an item is unmistakably a glossary item: a short term, then 是指/指/即/是…

    >>> defines(Item(1, "双一流", "是指一流大学。", 1)), defines(Item(1, "新建学校", "10所。", 1))
    (True, False)
    """
    return is_term(item.term, 30) and DEFINES.match(item.definition) is not None


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
        elif gap and COMPLETE.search(out[-_END:]):
            out += "\n" + piece
        elif _ASCII_TAIL.search(out[-_END:]) and _ASCII_HEAD.match(piece):
            out += " " + piece
        else:
            out += piece
        gap = False
    return out


def _split_item(first: str, body: Sequence[str]) -> tuple[str, str]:
    """Split an item into term and definition: at the first colon after the term.

    ``first`` is the item's first line after its marker, ``body`` its following lines
    (empty strings for blank lines). When the first line has no colon (or 是指 comes
    before it), the definition starts at its lead word (``lead``). Otherwise the term is
    the whole line, unless the colon opens the next line or the term wraps onto it.
    """
    colon = first_colon(first)
    strong = re.search(_STRONG, first[:colon]) if colon >= 0 else None
    if colon >= 0 and is_term(first[:colon].strip(" *")) and not strong:
        return first[:colon], join([first[colon + 1 :].strip(), *body])
    lines = [piece for piece in body if piece]
    head = lines[0] if lines else ""
    rest = body[body.index(head) + 1 :] if lines else []
    if head and head[0] in _COLONS:
        return first, join([head[1:].strip(), *rest])
    alone = is_term(first, 30) and DEFINES.match(head) is not None  # 双一流⏎指……
    start = -1 if alone else lead(first)
    if start > 0:  # "双一流是指……": no colon, the definition opens with its lead word
        return first[:start], join([first[start:], *body])
    wrapped = first_colon(head)
    if 0 < wrapped <= 12 and is_term(head[:wrapped]) and head[0] not in "指是即为為":
        return join([first, head[:wrapped]]), join([head[wrapped + 1 :].strip(), *rest])
    return first, join(body)


def make_item(number: int | None, first: str, body: Sequence[str], line: int) -> Item:
    """Make an item of its first line and the lines after; inserted pinyin leaves the term.

    >>> make_item(None, "大灣區(qū)是指粵港澳大灣區。", [], 3).term
    '大灣區'
    """
    term, definition = _split_item(first.strip(), body)
    return Item(number, unquote(PINYIN.sub("", term)), definition.strip(), line)
