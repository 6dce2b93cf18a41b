"""Pulling the term out of a question: "双区驱动是啥" asks about 双区驱动.

People ask in many frames: 什么是X, X是什么意思, X指什么, 请问X, X的含义, "what is X".
``candidates`` peels frames off one layer at a time and yields each form, so that the
caller can stop at the first one the glossary knows: a term that happens to begin with a
frame word (说明书, say) is found before its frame-like part is stripped. Patterns accept
both Simplified and Traditional characters (什么/什麼, 请问/請問).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Blanks and punctuation around a question. Stripped by ``_trim``: a pattern anchored at
#: the end, ``[...]+$``, would be tried from every character of a long run of them.
_EDGE = re.compile(r"[\s?？!！。.,，、:：;；~～…]+")
#: The most frames ``candidates`` peels off one line; people stack two or three.
_MOST_FRAMES = 8
#: The longest ending ``_SUFFIX`` is looked for in: every frame is shorter.
_SUFFIX_REACH = 40

# Politeness and "what is" openings, in the order they stack: 请问 + 什么是 + X.
_PREFIX = re.compile(
    r"^(?:"
    r"(?:[请請]|麻[烦煩])?[问問]一?下|[请請][问問]|[请請][教]一?下"
    r"|(?:你|您)?(?:知道|了解)|(?:我)?想(?:知道|了解一?下?|[问問]一?下?)"
    r"|(?:[请請]|麻[烦煩]|能不能|能否|(?:你|您)?能|可以|可否)?(?:[帮幫]我)?(?:解[释釋]|[说說]明|[讲講]解|介[绍紹])一?下"
    r"|(?:[请請]|[帮幫]我)(?:解[释釋]|[说說]明|[讲講]解|介[绍紹])|解[释釋]|[说說]明"
    r"|什[么麼](?:是|叫(?:做|作)?)|啥(?:是|叫)|何[谓謂為为]"
    r"|what\s+(?:is|are|does|do)\s+|what's\s+|define\s+|explain\s+|meaning\s+of\s+"
    r")",
    re.IGNORECASE,
)

# Endings that ask for a meaning: X是什么意思, X指什么, X的含义, X是啥.
_SUFFIX = re.compile(
    r"(?:"
    r"的?(?:具[体體])?(?:含[义義]|意[思义義]|定[义義]|解[释釋]|[内內]容|概念|内涵|內涵)"
    r"(?:是(?:什[么麼]|啥)|为何|為何)?"
    r"|(?:到底|究竟)?是(?:什[么麼]|啥)(?:意思|含[义義]|概念|东西|東西)?"
    r"|(?:是|具[体體])?指(?:的是)?(?:什[么麼]|啥|哪些|的什[么麼])?"
    r"|(?:是)?(?:什[么麼]|啥)意思"
    r"|(?:[应應][该該])?(?:怎[么麼]|如何)(?:理解|解[释釋]|[讲講])"
    r"|代表(?:了)?(?:什[么麼]|啥|哪些)|包括(?:哪些|什[么麼]|啥)|有哪些"
    r"|[呢吗嗎啊呀吧哈]"
    r"|\s+means?|\s+stands?\s+for"
    r")$",
    re.IGNORECASE,
)


def candidates(question: str) -> Iterator[str]:
    """Yield the question, then each form of it with one more frame removed.

    >>> list(candidates("请问什么是双区驱动？"))
    ['请问什么是双区驱动', '什么是双区驱动', '双区驱动']
    >>> list(candidates("1+1+10+N是什么意思？"))[-1], list(candidates("“20+8”指什么"))[-1]
    ('1+1+10+N', '“20+8”')
    >>> list(candidates("雙區驅動的含義")), list(candidates("what does 20+8 mean?"))[-1]
    (['雙區驅動的含義', '雙區驅動'], '20+8')
    """
    current = _trim(question)
    for _ in range(_MOST_FRAMES):
        if not current:
            return
        yield current
        stripped = _trim(_without_suffix(current))
        if stripped == current:
            stripped = _trim(_PREFIX.sub("", current, count=1))
        if stripped == current:
            return
        current = stripped


def _trim(text: str) -> str:
    """``text`` without the blanks and punctuation at either end, in linear time.

    >>> _trim("？ 双区驱动 ！"), _trim("，，")
    ('双区驱动', '')
    """
    start = _EDGE.match(text)
    if start is not None:
        text = text[start.end() :]
    end = _EDGE.match(text[::-1])  # the run at the end, found from the end
    return text[: len(text) - end.end()] if end is not None else text


def _without_suffix(text: str) -> str:
    """``text`` without the question ending ``_SUFFIX`` finds, looked for near its end.

    >>> _without_suffix("双区驱动是什么意思"), _without_suffix("what 20+8 means")
    ('双区驱动', 'what 20+8')
    """
    start = max(0, len(text) - _SUFFIX_REACH)
    found = _SUFFIX.search(text, start)
    return text[: found.start()] if found is not None else text


def term_of(question: str) -> str:
    """The term a question is about, once every frame is removed ("" if nothing is left).

    >>> term_of("双区驱动是啥"), term_of("什么叫专精特新？"), term_of("？")
    ('双区驱动', '专精特新', '')
    """
    forms = list(candidates(question))
    return forms[-1] if forms else ""


#: Quotation marks a user may put around a term, by opening mark.
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", '"': '"', "'": "'", "＂": "＂"}


def unquoted(text: str) -> str:
    """``text`` without the quotation marks around it, however many pairs.

    >>> unquoted("「二十加八」"), unquoted("“『双区』”"), unquoted("“20+8”产业"), unquoted('"')
    ('二十加八', '双区', '“20+8”产业', '"')
    """
    while len(text) > 2 and text[0] in _QUOTES and text.endswith(_QUOTES[text[0]]):
        text = text[1:-1]
    return text


_QUESTION = re.compile(
    r"[?？]|什[么麼]|啥|[吗嗎]|哪|怎[么麼]|如何|何[谓謂]|意思|含[义義]|指的?是|是指|what|mean",
    re.IGNORECASE,
)
_LONGEST_QUESTION = 60
#: A line this long or shorter may be a term by itself.
_LONGEST_TERM = 12


def is_question(text: str) -> bool:
    """Whether a line asks something rather than being a passage to annotate.

    >>> is_question("龙岗的1+1+10+N机制是怎么运作的")
    True
    >>> is_question("全面落实“1+1+10+N”经济运行调度机制，推动经济稳步恢复。")
    False
    """
    if len(text) <= _LONGEST_TERM:
        return True
    return len(text) <= _LONGEST_QUESTION and _QUESTION.search(text) is not None


#: Punctuation inside a line that makes it a sentence: a term may hold 、 but not these.
_CLAUSE = re.compile(r"[，,。；;！!：:]")


def is_prose(text: str) -> bool:
    """Whether a line that names no term reads as a sentence rather than as a term.

    It asks nothing, and is long or has a clause inside it: the answer is that no term
    appears in it, not the terms nearest to it.

    >>> is_prose("今天天气很好，我们去公园散步"), is_prose("今天天气很好，去散步")
    (True, True)
    >>> is_prose("双区驱"), is_prose("数字双区建设是什么"), is_prose("疫情要防住、经济要稳")
    (False, False, False)
    """
    core = _trim(text)
    if _QUESTION.search(core):
        return False
    return len(core) > _LONGEST_TERM or _CLAUSE.search(core) is not None
