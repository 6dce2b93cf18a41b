"""What a line of a report is: a glossary heading, page furniture, or an item's marker.

Headings and furniture are recognised after decoration is removed; numbering styles
(``1.``, ``（一）``, ``①``, ``［1］`` …) are told apart so that a section keeps one style.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_ANNEX = r"(?:附件[0-9０-９一二三四五六七八九十]*[：:.．、]?|附[：:])?"


_TERMS_WORD = r"(?:名词|名詞|词语|詞語|术语|術語)(?:解释|解釋|注释|注釋|註釋|注解|註解|释义|釋義)"


_NOTES_WORD = r"(?:注释|注釋|註釋|注解|註解)"


_HEADING = re.compile(
    rf"{_ANNEX}(?:(?:[^，,。；;：:！？]{{0,24}}?)?(?:内容|內容)?{_TERMS_WORD}"
    rf"(?:表|一览表?|一覽表?|汇编|彙編)?"
    rf"|(?:有关|有關|相关|相關)?{_NOTES_WORD})"
)


# Headings that may head notes of any kind: a section under one counts only when its items
# are unmistakably definitions (see extract.py). 说明 alone heads many things.
_WEAK_HEADING = re.compile(
    rf"{_ANNEX}(?:有关|有關|相关|相關)?(?:{_NOTES_WORD}?(?:说明|說明)|附注|附註|注释及说明)"
)


_TAGS = re.compile(r"<[^>]*>")


_DECORATION = re.compile(r"[\s*_#【】〔〕\[\]（）()：:—–\-=·•]+")


def heading_kind(line: str) -> str | None:
    """Tell whether a line is, on its own, a glossary heading: "strong", "weak" or None.

    A strong heading names a glossary (名词解释, 注释); a weak one names notes that may
    be a glossary (说明, 有关说明, 注释说明, 附注).

    >>> heading_kind("** 有关名词解释： **"), heading_kind("附件2 名詞解釋"), heading_kind("说明：")
    ('strong', 'strong', 'weak')
    >>> heading_kind("本报告的注释如下，请参阅。"), heading_kind("编制说明")
    (None, None)
    """
    if len(line) > 60:
        return None
    bare = _DECORATION.sub("", _TAGS.sub("", line))
    if not bare:
        return None
    if _HEADING.fullmatch(bare):
        return "strong"
    return "weak" if _WEAK_HEADING.fullmatch(bare) else None


def is_heading(line: str) -> bool:
    """Tell whether a line is, on its own, the heading of a glossary section (of any kind).

    >>> is_heading("有关说明"), is_heading("加强对政策名词解释工作的宣传。")
    (True, False)
    """
    return heading_kind(line) is not None


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


def ends_section(line: str) -> bool:
    """Tell whether a line closes a glossary section: furniture, a heading, a new annex."""
    return _is_furniture(line) or is_heading(line) or _NEXT_ANNEX.fullmatch(line) is not None


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
PAGE_NUMBER = re.compile(r"[-—–_\s]*(?:第\s*)?\d{1,3}\s*(?:页|頁)?[-—–_\s]*|\d{1,3}\s*/\s*\d{1,3}")


_DIGITS = re.compile(r"\d+")


# A running header is no sentence and names no item: no sentence punctuation, no colon.
_NOT_RUNNING = re.compile(r".*[。！？；;!?，：:]")


def running_headers(lines: Sequence[str]) -> frozenset[str]:
    """Return the lines a PDF export repeats on its pages: its running headers and footers.

    A line counts when it is short, holds no sentence punctuation or colon, opens no
    item, is neither furniture nor a heading (which end a section), stands at a page
    break (next to a blank line or a page number), and does so at least twice, digits
    aside (a footer may carry the page number). A wrapped line of a definition has text
    on both sides, so that two alike are never taken for a header.

    >>> pages = ["正文", "", "政府工作报告 3", "", "正文", "— 4 —", "政府工作报告 4", "正文"]
    >>> sorted(running_headers(pages))
    ['政府工作报告 3', '政府工作报告 4']
    >>> running_headers(["正文", "政府工作报告", "正文", "政府工作报告", "正文"])
    frozenset()
    """
    keys = [_running_key(lines, index) for index in range(len(lines))]
    counts = Counter(key for key in keys if key)
    return frozenset(line for line, key in zip(lines, keys, strict=True) if counts[key] >= 2)


def _running_key(lines: Sequence[str], index: int) -> str:
    """Line ``index`` with its digits masked, or "" when it cannot be a running header."""
    line = lines[index]
    if not 4 <= len(line) <= 40 or _NOT_RUNNING.match(line) or read_marker(line):
        return ""
    near = (lines[index - 1] if index else "", lines[index + 1] if index + 1 < len(lines) else "")
    if not any(not other or PAGE_NUMBER.fullmatch(other) for other in near):
        return ""
    if ends_section(line):
        return ""
    return _DIGITS.sub("#", line)


_CIRCLED = "".join(
    chr(c) for r in ((0x2460, 0x2474), (0x3251, 0x3260), (0x32B1, 0x32C0)) for c in range(*r)
)


_CN_DIGITS = "一二三四五六七八九"


_CN = rf"[{_CN_DIGITS}十]{{1,3}}"


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
class Marker:
    style: str
    number: int
    rest: str  # the line after the marker


def read_marker(line: str, style: str | None = None) -> Marker | None:
    """Read the item marker at the start of a line, in ``style`` or in any style.

    >>> read_marker("20.2026年10件民生实事：……")
    Marker(style='dot', number=20, rest='2026年10件民生实事：……')
    """
    line = line.lstrip("*_ ")
    for name, pattern in _STYLES:
        if style is not None and name != style:
            continue
        match = pattern.match(line)
        if match:
            return Marker(name, _number(match["n"]), line[match.end() :])
    return None


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
