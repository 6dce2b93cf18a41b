"""Newspaper explainers: a term alone on its line, then its meaning, perhaps labelled.

Newspapers explain the words of the day one after another::

    新质生产力
    含义：新质生产力是创新起主导作用……的先进生产力质态。
    背景：2023年9月，……
    【释例】加快发展新质生产力……

Each entry gives one unnumbered item. Its term is the line's text without a label that
may precede it (【热词】, 词条：), without quotation marks around it and without inserted
pinyin (灣區(qū)). Its definition is the text labelled 含义 (释义, 定义, 内涵) or, without
labels, the paragraph under the term; a definition that repeats its term before the lead
word starts at that word (新质生产力是指… gives 是指…). Background and examples
(背景, 释例, 例句 …) are left out: they say where a word comes from and how it is used,
not what it means, and an entry's definition is quoted as a definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary._extract.items import (
    COMPLETE,
    DEFINES,
    Item,
    first_colon,
    is_term,
    join,
    lead,
    unquote,
)
from glossary._extract.lines import PAGE_NUMBER, ends_section, read_marker
from glossary._normalise.text import PINYIN

_MEANING = "含义|含義|释义|釋義|定义|定義|内涵|內涵|词义|詞義"
_ASIDE = (
    "背景|释例|釋例|例句|例子|用例|示例|举例|舉例|出处|出處|解读|解讀|点评|點評|延伸阅读|延伸閱讀"
)
_TERM_WORDS = "热词|熱詞|词条|詞條|关键词|關鍵詞|新词|新詞|名词|名詞|术语|術語"


def _labels(words: str) -> re.Pattern[str]:
    """A label at the start of a line: 【含义】, [含义], 含义：, with the space around it."""
    return re.compile(
        rf"\s*(?:[【\[〔［]\s*(?P<a>{words})\s*[】\]〕］]\s*[：:]?|(?P<b>{words})\s*[：:])\s*"
    )


_LABEL = _labels(f"{_MEANING}|{_ASIDE}")
_TERM_LABEL = _labels(_TERM_WORDS)
_MEANINGS = frozenset(_MEANING.split("|"))
_BRACKETED = re.compile(r"[【\[〔［](.+)[】\]〕］]")
_TERM_LIMIT = 20  # a newspaper's headword is a word, not a headline


def _term(line: str) -> str | None:
    """The term a line holds alone, or None: short, no colon, no sentence, no label.

    >>> _term("【热词】新质生产力"), _term("粵港澳大灣區(qū)"), _term("含义：一种质态。")
    ('新质生产力', '粵港澳大灣區', None)
    """
    if not 2 <= len(line) <= 2 * _TERM_LIMIT or _LABEL.match(line):
        return None
    if ends_section(line) or PAGE_NUMBER.fullmatch(line):
        return None
    prefix = _TERM_LABEL.match(line)
    bare = line[prefix.end() :] if prefix else line
    bracketed = _BRACKETED.fullmatch(bare)
    bare = (bracketed[1] if bracketed else bare).strip(" *")
    if first_colon(bare) >= 0 or COMPLETE.search(bare) or read_marker(bare):
        return None
    term = unquote(PINYIN.sub("", bare))
    return term if len(term) >= 2 and is_term(term, _TERM_LIMIT) else None


def _headword(line: str) -> bool:
    """Tell whether a line is a term of its own, not a wrapped line of a meaning (指……)."""
    return _term(line) is not None and not DEFINES.match(line) and lead(line) < 0


def _next(lines: Sequence[str], index: int, skip: frozenset[str]) -> int | None:
    """The index of the next line from ``index`` with text, running headers aside."""
    for at in range(index, len(lines)):
        if lines[at] and lines[at] not in skip and not PAGE_NUMBER.fullmatch(lines[at]):
            return at
    return None


def _paragraph(
    lines: Sequence[str], index: int, pieces: list[str], skip: frozenset[str]
) -> tuple[list[str], int]:
    """Read a paragraph from line ``index`` on, after ``pieces``; return it and where it ends.

    It ends after a line that finishes a sentence, at a label, at the end of the section,
    and at a term alone on its line after a blank line. Hard-wrapped lines, blank lines
    inside a sentence (a page break) and running headers are read through.
    """
    gap = False
    for at in range(index, len(lines)):
        line = lines[at]
        if line in skip or PAGE_NUMBER.fullmatch(line):
            continue
        if not line:
            gap = bool(pieces)
            continue
        if pieces and COMPLETE.search(pieces[-1]):
            return pieces, at
        if ends_section(line) or _LABEL.match(line) or (gap and _term(line)):
            return pieces, at
        pieces.append(line)
        gap = False
    return pieces, len(lines)


def _from_lead(text: str, term: str) -> str | None:
    """The definition a meaning gives its term: from its lead word, or None without one.

    >>> _from_lead("“新质生产力”是指先进生产力质态。", "新质生产力"), _from_lead("即甲。", "乙")
    ('是指先进生产力质态。', '即甲。')
    """
    if DEFINES.match(text):
        return text
    start = lead(text)
    if start > 0 and unquote(PINYIN.sub("", text[:start])) == term:
        return text[start:]
    return None


def _entry(
    lines: Sequence[str], index: int, term: str, skip: frozenset[str]
) -> tuple[Item, int, bool] | None:
    """Read the entry whose term is on line ``index``: its item, where it ends, and
    whether a label gave its meaning. None unless its meaning is unmistakable: labelled,
    or a paragraph opening with a lead word (是指, 指, 即 …), perhaps after the term.
    """
    at = _next(lines, index + 1, skip)
    plain: list[str] = []
    labelled: list[str] = []  # the first meaning labelled as such: a quotation, kept whole
    if at is not None and _headword(lines[at]):
        return None  # a heading above the entries, such as 两会热词
    if at is not None and not _LABEL.match(lines[at]):
        plain, at = _paragraph(lines, at, [], skip)
    while at is not None and at < len(lines):
        at = _next(lines, at, skip)
        label = _LABEL.match(lines[at]) if at is not None else None
        if at is None or label is None:
            break
        rest = lines[at][label.end() :]
        pieces, at = _paragraph(lines, at + 1, [rest] if rest else [], skip)
        if (label["a"] or label["b"]) in _MEANINGS and not labelled:
            labelled = pieces
    end = len(lines) if at is None else at
    if labelled:
        meaning = join(labelled)
        return Item(None, term, _from_lead(meaning, term) or meaning, index + 1), end, True
    definition = _from_lead(join(plain), term) if plain else None
    return (Item(None, term, definition, index + 1), end, False) if definition else None


def explainers(lines: Sequence[str], skip: frozenset[str]) -> tuple[Item, ...]:
    """Read a text's explainer entries, in order; ``()`` unless they make a glossary.

    Two entries are needed, or one whose meaning a label gives: a single term above a
    paragraph that defines it is a sentence of an article as often as it is a glossary.
    """
    items: list[Item] = []
    labelled = False
    index = 0
    while index < len(lines):
        term = _term(lines[index])
        entry = _entry(lines, index, term, skip) if term else None
        if entry is None:
            index += 1
            continue
        item, index, by_label = entry
        items.append(item)
        labelled = labelled or by_label
    return tuple(items) if len(items) >= 2 or labelled else ()
