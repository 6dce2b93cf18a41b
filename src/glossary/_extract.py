"""Extraction of the glossary section (名词解释) of a Chinese government report.

Reports often end with a section that defines their jargon, item by item::

    有关名词解释

    1. “1+1+10+N”经济运行调度机制: 2022年5月,区委区政府建立了……

``extract`` finds that section and returns its items; ``_curate.items_to_entries`` turns
them into entry dicts in the glossary file format (docs/format.md) for a curator to
finish (still importable from here).
How the section and its items are recognised is described in docs/extract.md.

The text is processed line by line: a report has a few thousand lines at most, and every
per-line step is a handful of anchored regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary._quotes import PAIRS, SYMMETRIC

if TYPE_CHECKING:
    from glossary._curate import items_to_entries

__all__ = ["Item", "extract", "items_to_entries", "split_compound"]


def __getattr__(name: str) -> Any:
    """``items_to_entries`` moved to ``_curate``, which imports this module: import it late."""
    if name == "items_to_entries":
        from glossary._curate import items_to_entries

        return items_to_entries
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


# --- headings ---------------------------------------------------------------------------

# What a heading says, after decoration and all whitespace are removed ("名 词 解 释" is a
# common typeset form). Bare 注释 is accepted only as the whole heading, with 有关/相关 at
# most; a 名词解释 heading may carry a short title before it (政府工作报告名词解释).
_ANNEX = r"(?:附件[0-9０-９一二三四五六七八九十]*[：:.．、]?|附[：:])?"
_TERMS_WORD = r"(?:名词|名詞|词语|詞語|术语|術語)(?:解释|解釋|注释|注釋|註釋|注解|註解|释义|釋義)"
_NOTES_WORD = r"(?:注释|注釋|註釋|注解|註解)"
_HEADING = re.compile(
    rf"{_ANNEX}(?:(?:[^，,。；;：:！？]{{0,24}}?)?(?:内容|內容)?{_TERMS_WORD}"
    rf"(?:表|一览表?|一覽表?|汇编|彙編)?"
    rf"|(?:有关|有關|相关|相關)?{_NOTES_WORD})"
)
_TAGS = re.compile(r"<[^>]*>")
_DECORATION = re.compile(r"[\s*_#【】〔〕\[\]（）()：:—–\-=·•]+")


def _is_heading(line: str) -> bool:
    """Tell whether a line is, on its own, the heading of a glossary section.

    >>> _is_heading("** 有关名词解释： **"), _is_heading("附件2 名詞解釋")
    (True, True)
    >>> _is_heading("本报告的注释如下，请参阅。")
    False
    """
    if len(line) > 60:
        return False
    bare = _DECORATION.sub("", _TAGS.sub("", line))
    return bool(bare) and _HEADING.fullmatch(bare) is not None


# --- page furniture ---------------------------------------------------------------------

# Lines that belong to the web page or the print layout, never to a definition.
_FURNITURE_START = re.compile(
    r"[【\[（(]?\s*(?:责任编辑|責任編輯|编辑|編輯|来源|來源|作者|记者|記者|审核|審核|校对|校對"
    r"|原标题|原標題|原文链接|原文鏈接|本文链接|文章来源|文章來源|稿源|供稿|撰稿|通讯员|通訊員)"
    r"\s*[:：\s]"
    r"|(?:相关报道|相關報道|相关新闻|相關新聞|相关链接|相關鏈接|相关阅读|相關閱讀|相关文章|相關文章"
    r"|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热点推荐|熱點推薦|猜你喜欢|猜你喜歡|上一篇|下一篇"
    r"|返回顶部|返回頂部|返回首页|返回首頁|网站地图|網站地圖|网站首页|網站首頁|联系我们|聯繫我們"
    r"|关于我们|關於我們|版权声明|版權聲明|免责声明|免責聲明|隐私声明|隱私聲明|主办单位|主辦單位"
    r"|承办单位|承辦單位|技术支持|技術支持|网站标识码|網站標識碼|责任编辑|責任編輯"
    r"|扫一扫|掃一掃|分享到|分享至|本网站|本網站|本站)"
)
# Short menu words: furniture only when a line consists of nothing else (3D打印 is no menu).
_MENU_LINE = re.compile(
    r"(?:[【\[]?(?:打印|列印|关闭|關閉|收藏|返回|附件下载|附件下載|字[号號]\s*[:：]?\s*大\s*中\s*小)[】\]]?"
    r"[\s|｜/:：]*)+"
)
_FURNITURE_ANYWHERE = re.compile(
    r"ICP[备證证]|公网安备|公網安備|版权所有|版權所有|Copyright|©|\(c\)\s*\d{4}"
    r"|(?:电话|電話|热线|熱線|传真|傳真)\s*[:：]?\s*[（(]?\d{3,4}[）)]?-?\d{4,8}"
    r"|\b0\d{2,3}-\d{4,8}\b|^https?://\S+$|^[（(【\[]?完[）)】\]]?$"
)


# A new annex ("附件3", "附件3：重点项目表") ends whatever section came before it.
_NEXT_ANNEX = re.compile(
    r"(?:附件|附錄|附录)\s*[0-9０-９一二三四五六七八九十]+(?:\s*[：:].{0,30})?"
)


def _ends_section(line: str) -> bool:
    """Tell whether a line closes a glossary section: furniture, a heading, a new annex."""
    return _is_furniture(line) or _is_heading(line) or _NEXT_ANNEX.fullmatch(line) is not None


def _is_furniture(line: str) -> bool:
    """Tell whether a (stripped) line is page furniture: footer, menu, byline, link.

    >>> _is_furniture("网站地图 | 网站概况 | 版权保护"), _is_furniture("【打印】【关闭】")
    (True, True)
    >>> _is_furniture("指依托3D打印技术建设的平台。")
    False
    """
    if _FURNITURE_START.match(line) or _FURNITURE_ANYWHERE.search(line):
        return True
    if line.count("|") >= 2 or line.count("｜") >= 2:
        return True
    return _MENU_LINE.fullmatch(line) is not None


# Page numbers left by PDF conversion between items: "— 35 —", "-35-", "第35页", "35".
_PAGE_NUMBER = re.compile(r"[-—–_\s]*(?:第\s*)?\d{1,3}\s*(?:页|頁)?[-—–_\s]*|\d{1,3}\s*/\s*\d{1,3}")


# --- numbering --------------------------------------------------------------------------

_CIRCLED = "".join(
    chr(c) for r in ((0x2460, 0x2474), (0x3251, 0x3260), (0x32B1, 0x32C0)) for c in range(*r)
)
_CN_DIGITS = "一二三四五六七八九"
_CN = rf"[{_CN_DIGITS}十]{{1,3}}"
# One pattern per numbering style; group "n" is the number. Order matters: "(1)" is paren,
# not rparen, and bare digits come last.
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("paren", r"[（(]\s*(?P<n>\d+)\s*[）)]\s*"),
        ("bracket", r"[［\[【〔]\s*(?P<n>\d+)\s*[］\]】〕]\s*"),
        ("circled", rf"(?P<n>[{_CIRCLED}])\s*"),
        ("cn-paren", rf"[（(]\s*(?P<n>{_CN})\s*[）)]\s*"),
        ("cn-comma", rf"(?P<n>{_CN})\s*[、．.]\s*"),
        # The number is the digits before the separator, so "20.2026年" is item 20 and
        # "21.5+2就业之家" item 21; continuity with the previous item decides the rest.
        ("dot", r"(?P<n>\d+)\s*[.．]\s*"),
        ("comma", r"(?P<n>\d+)\s*、\s*"),
        ("rparen", r"(?P<n>\d+)\s*[）)]\s*"),
        ("bare", r"(?P<n>\d+)[ \t\u3000]+"),
    )
)


def _number(token: str) -> int:
    """Read a numbering token: digits (any width), a circled digit or a Chinese numeral.

    >>> _number("１２"), _number("⑳"), _number("十四"), _number("二十")
    (12, 20, 14, 20)
    """
    if token in _CIRCLED:  # before isdigit(), which is true of ① too
        return _CIRCLED.index(token) + 1
    if token.isdigit():
        return int(token)
    if "十" not in token:
        return _CN_DIGITS.index(token) + 1
    tens, _, units = token.partition("十")
    high = _CN_DIGITS.index(tens) + 1 if tens else 1
    return high * 10 + (_CN_DIGITS.index(units) + 1 if units else 0)


@dataclass(frozen=True, slots=True)
class _Marker:
    style: str
    number: int
    rest: str  # the line after the marker


def _marker(line: str, style: str | None = None) -> _Marker | None:
    """Read the item marker at the start of a line, in ``style`` or in any style.

    >>> _marker("20.2026年10件民生实事：……")
    _Marker(style='dot', number=20, rest='2026年10件民生实事：……')
    """
    line = line.lstrip("*_ ")
    for name, pattern in _STYLES:
        if style is not None and name != style:
            continue
        match = pattern.match(line)
        if match:
            return _Marker(name, _number(match["n"]), line[match.end() :])
    return None


# --- terms and definitions --------------------------------------------------------------

# The term ends at the first colon outside quotation marks: quoted spans are skipped whole
# when looking for a colon (or, in compound items, for a separator).
_QUOTED = r"“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’|〝[^〞]*〞|＂[^＂]*＂|\"[^\"]*\""
_COLONS = "：:︰∶﹕"  # PDF conversion turns colons into look-alikes (ratio, presentation forms)
_COLON_OR_QUOTED = re.compile(rf"{_QUOTED}|(?P<colon>[{_COLONS}])")
# A term is a name, not a sentence: no sentence punctuation, no comma but one in a number.
_NOT_IN_TERM = re.compile(r"[。！？；;!?，]|,(?!\d)")
_MAX_TERM = 60
# Opening quote -> closing quote, for quotes around a whole term.
_QUOTES = {**PAIRS, **{quote: quote for quote in SYMMETRIC}}
# Words that open a sentence, not a term, when followed by a colon (其中：…).
_DISCOURSE = re.compile(
    r"(?:其中|目前|包括|主要包括|即|例如|比如|具体|具体包括|注|备注|備註|说明|說明|以下|如下"
    r"|各位代表|同志们|同志們|朋友们|朋友們|附件|附)$|.*如下$"
)
# The end of a sentence: the text so far is complete. A full stop counts only after a
# Chinese character, because "No." and "2.0" end nothing.
_COMPLETE = re.compile(r"(?:[。！？!?…；;]|(?<=[\u3400-\u9fff])\.)[”’」』）)】\]]*$")
_ASCII_TAIL = re.compile(r"[A-Za-z][)\],.;:!?]*$")
_ASCII_HEAD = re.compile(r"[A-Za-z(]")


def _first_colon(text: str) -> int:
    """Return the index of the first colon outside quotation marks, or -1.

    >>> _first_colon("“a：b”c：d")
    6
    """
    for match in _COLON_OR_QUOTED.finditer(text):
        if match["colon"]:
            return match.start()
    return -1


def _is_term(text: str, limit: int = _MAX_TERM) -> bool:
    """Tell whether a text can be a term: short, and no sentence punctuation in it."""
    return 0 < len(text) <= limit and _NOT_IN_TERM.search(text) is None


def _unquote(term: str) -> str:
    """Remove quotation marks that surround the whole term, and only those.

    >>> _unquote("“双一流”"), _unquote("“两重”“两新”"), _unquote("轨道交通“四网融合”")
    ('双一流', '“两重”“两新”', '轨道交通“四网融合”')
    """
    term = term.strip().strip("*").strip()
    close = _QUOTES.get(term[:1])
    if close is not None and len(term) > 2 and term.endswith(close):
        inner = term[1:-1]
        if term[0] not in inner and close not in inner:
            return inner.strip()
    return term


def _join(pieces: Sequence[str]) -> str:
    """Join the lines of a definition: a hard break disappears, a paragraph break stays.

    A break between two Latin words becomes a space; any other break (inside a Chinese
    run, after Chinese punctuation, inside a number) is removed. An empty piece marks a
    blank line; it is a paragraph break only after a complete sentence.

    >>> _join(["指城市信息模型(City Information", "Modeling)平台,是城市的基", "础设施。"])
    '指城市信息模型(City Information Modeling)平台,是城市的基础设施。'
    >>> _join(["第一段。", "", "第二段。"])
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
        elif gap and _COMPLETE.search(out):
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
    colon = _first_colon(first)
    if colon >= 0 and _is_term(first[:colon].strip(" *")):
        return first[:colon], _join([first[colon + 1 :].strip(), *body])
    lines = [piece for piece in body if piece]
    if lines:
        head = lines[0]
        rest = body[body.index(head) + 1 :]
        if head[0] in _COLONS:
            return first, _join([head[1:].strip(), *rest])
        wrapped = _first_colon(head)
        if 0 < wrapped <= 12 and _is_term(head[:wrapped]) and head[0] not in "指是即为為":
            return _join([first, head[:wrapped]]), _join([head[wrapped + 1 :].strip(), *rest])
    return first, _join(body)


def _make_item(number: int | None, first: str, body: Sequence[str], line: int) -> Item:
    term, definition = _split_item(first.strip(), body)
    return Item(number, _unquote(term), definition.strip(), line)


# --- the section ------------------------------------------------------------------------

_INTRO_LINES = 3  # lines allowed between a heading and the first item ("以下按出现顺序排列")
# As editors see them: CR LF, CR, LF, and the vertical tab, U+2028 and U+2029 that text
# pasted from a word processor brings.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\u2028\u2029]")


def _opens_item(rest: str, *, strict: bool) -> bool:
    """Tell whether the text after a marker looks like an item: a term, then a colon.

    Without ``strict`` a short colon-less line is accepted too: the term stands alone on
    its line and the definition follows on the next.
    """
    colon = _first_colon(rest)
    if colon >= 0:
        return _is_term(rest[:colon].strip(" *"))
    return not strict and _is_term(rest.strip(" *"), 30)


def _read_marker(lines: Sequence[str], index: int, style: str | None) -> tuple[_Marker, int] | None:
    """Read the marker of line ``index`` and where the item's body starts.

    A marker alone on its line ("1." above "“双一流”：指…", as PDF conversion leaves it)
    takes the next non-blank line as the rest of the item's first line.
    """
    marker = _marker(lines[index], style)
    if marker is None or marker.rest:
        return None if marker is None else (marker, index + 1)
    following = next((j for j in range(index + 1, len(lines)) if lines[j]), None)
    if following is None or _marker(lines[following]) is not None:
        return None
    return _Marker(marker.style, marker.number, lines[following]), following + 1


def _first_marker(lines: Sequence[str], begin: int) -> tuple[int, _Marker, int] | None:
    """Find item 1 among the first few non-blank lines after a heading."""
    seen = 0
    for index in range(begin, len(lines)):
        line = lines[index]
        if not line:
            continue
        if seen == _INTRO_LINES or _ends_section(line):
            return None
        found = _read_marker(lines, index, None)
        if found and found[0].number == 1 and _opens_item(found[0].rest, strict=False):
            return index, *found
        seen += 1
    return None


def _tail(first: str, body: Sequence[str]) -> list[str]:
    """Cut the lines after the last item where its definition ends.

    A line continues an unfinished sentence. After a finished one, a line is kept only
    when it opens prose: the rest of its paragraph is a sentence of some length, ending
    as sentences do. Menus, bylines, links and spam lines end the definition even when
    no furniture word gives them away.
    """
    kept: list[str] = []
    last = first
    for index, line in enumerate(body):
        if not line:
            kept.append(line)
            continue
        if _COMPLETE.search(last):
            end = next((j for j in range(index, len(body)) if not body[j]), len(body))
            text = _join(body[index:end])
            if len(text) < 20 or not _COMPLETE.search(text):
                break
        kept.append(line)
        last = line
    return kept


def _numbered(lines: Sequence[str], begin: int) -> tuple[Item, ...]:
    """Read a numbered section: item 1 sets the style, each next number opens an item.

    A marker opens an item only in the style of item 1, with the next number (a gap of up
    to two missing numbers is tolerated when a colon confirms the item) and the shape of a
    term; anything else ("2.8亿度以上", "(1)" inside a definition) continues the definition.
    """
    first = _first_marker(lines, begin)
    if first is None:
        return ()
    starts = [first]
    style = first[1].style
    stop = len(lines)
    for index in range(first[2], len(lines)):
        line = lines[index]
        if not line or index < starts[-1][2]:
            continue
        if _ends_section(line):
            stop = index
            break
        found = _read_marker(lines, index, style)
        if found is None:
            continue
        marker, body_start = found
        expected = starts[-1][1].number + 1
        if (marker.number == expected and _opens_item(marker.rest, strict=False)) or (
            expected < marker.number <= expected + 2 and _opens_item(marker.rest, strict=True)
        ):
            starts.append((index, marker, body_start))
    items = []
    for position, (index, marker, body_start) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else stop
        body = [line for line in lines[body_start:end] if not _PAGE_NUMBER.fullmatch(line)]
        if position + 1 == len(starts):
            body = _tail(marker.rest, body)
        items.append(_make_item(marker.number, marker.rest, body, index + 1))
    return tuple(items)


# Bullets of an unnumbered list; they belong to the layout, not to the term.
_BULLET = re.compile(r"[•·●○◆◇■□▪▶►]\s*|[-–—]+\s+")


def _opens_unnumbered(line: str) -> bool:
    """Tell whether a line opens an unnumbered item: a short term, then a colon.

    >>> _opens_unnumbered("GEP核算：指生态系统生产总值核算。"), _opens_unnumbered("其中：A。")
    (True, False)
    """
    colon = _first_colon(line)
    term = _unquote(line[:colon]) if colon > 0 else ""
    return _is_term(term, 30) and _DISCOURSE.fullmatch(term) is None


def _unnumbered(lines: Sequence[str], begin: int) -> tuple[Item, ...]:
    """Read an unnumbered section: each item is a ``term：definition`` paragraph.

    A new item may open only where the previous one is finished (a complete sentence) or
    still empty (an introduction such as "以下名词解释如下："). The section ends at a
    paragraph that opens no item after a finished one, at furniture or at a heading.
    """
    found: list[tuple[int, str, list[str]]] = []
    intro = 0
    gap = False
    for index in range(begin, len(lines)):
        line = lines[index]
        if not line:
            gap = bool(found)
            if found:
                found[-1][2].append("")
            continue
        if _ends_section(line):
            break
        current = found[-1] if found else None
        last = (
            next((piece for piece in reversed(current[2]) if piece), current[1]) if current else ""
        )
        finished = current is None or _COMPLETE.search(last) is not None
        # An item with nothing after its colon yet: an introduction ("本报告涉及的名词：")
        # or a term whose definition starts below; either way the next item may open.
        empty = current is not None and not any(current[2]) and _first_colon(last) == len(last) - 1
        bullet = _BULLET.match(line)
        bare = line[bullet.end() :] if bullet else line
        if _opens_unnumbered(bare) and (finished or empty):
            found.append((index, bare, []))
        elif current is not None and (not gap or not finished):
            current[2].append(line)
        elif current is None and intro < _INTRO_LINES:
            intro += 1
        else:
            break
        gap = False
    items = (_make_item(None, first, body, index + 1) for index, first, body in found)
    return tuple(item for item in items if item.definition)


def _lines(text: str) -> list[str]:
    return [line.strip().strip("\ufeff\u200b") for line in _LINE_BREAK.split(text)]


def extract(text: str) -> tuple[Item, ...]:
    """Find the glossary section (名词解释) of a report and return its items.

    Every line that reads as a glossary heading is tried; the one followed by the most
    items wins (the later one on a tie, since glossaries close their reports). A text
    without a glossary section gives ``()``.

    >>> text = "……正文。\\n\\n有关名词解释\\n\\n1.“双一流”：指一流大学和一流学科。\\n\\n编辑：张三"
    >>> extract(text)
    (Item(number=1, term='双一流', definition='指一流大学和一流学科。', line=5),)
    >>> extract("没有名词解释的报告。")
    ()
    """
    lines = _lines(text)
    best: tuple[Item, ...] = ()
    for index, line in enumerate(lines):
        if line and _is_heading(line):
            numbered = _numbered(lines, index + 1)
            unnumbered = _unnumbered(lines, index + 1)
            items = numbered if len(numbered) >= len(unnumbered) else unnumbered
            if items and len(items) >= len(best):
                best = items
    return best


# --- compound items ---------------------------------------------------------------------

_TERM_SEPARATOR = re.compile(rf"{_QUOTED}|(?P<sep>、)")
_DEFINITION_SEPARATOR = re.compile(rf"{_QUOTED}|(?P<sep>[；;])")
_LEAD = re.compile(r"(?:是指|指|即)")


def _split_outside_quotes(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split a text at the separators that stand outside quotation marks."""
    cuts = [m.start() for m in separator.finditer(text) if m["sep"]]
    bounds = zip([-1, *cuts], [*cuts, len(text)], strict=True)
    return [text[start + 1 : end] for start, end in bounds]


def split_compound(item: Item) -> tuple[tuple[str, str], ...]:
    """Return the (term, definition) pairs an item defines; one pair for a simple item.

    A term listing several terms with 、 outside quotes (“双区”驱动、“双改”示范) defines
    each of them. When the definition lists as many parts separated by ；, each term gets
    its part; otherwise each gets the whole definition. Parts stay exact quotations of the
    report: the leading 指 governs every part in the original, so it is dropped from the
    first part rather than invented for the others, and the final full stop is dropped
    from the last, so that every part reads alike, as a noun phrase.

    >>> split_compound(Item(11, "“双区”驱动、“双改”示范", "指甲驱动；乙示范。", 1))
    (('“双区”驱动', '甲驱动'), ('“双改”示范', '乙示范'))
    >>> split_compound(Item(4, "“六稳”、“六保”", "指稳就业等。", 1))
    (('六稳', '指稳就业等。'), ('六保', '指稳就业等。'))
    >>> split_compound(Item(5, "BIM模型", "指建筑信息模型。", 1))
    (('BIM模型', '指建筑信息模型。'),)
    """
    terms = [_unquote(part) for part in _split_outside_quotes(item.term, _TERM_SEPARATOR)]
    if len(terms) < 2 or not all(terms):
        return ((item.term, item.definition),)
    parts = [p.strip() for p in _split_outside_quotes(item.definition, _DEFINITION_SEPARATOR)]
    if len(parts) != len(terms) or not all(parts):
        return tuple((term, item.definition) for term in terms)
    lead = _LEAD.match(parts[0])
    if lead is not None and not any(_LEAD.match(part) for part in parts[1:]):
        parts[0] = parts[0][lead.end() :]
    parts[-1] = parts[-1].rstrip("。.")
    return tuple(zip(terms, parts, strict=True))
